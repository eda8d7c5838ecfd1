"""Serving private files once a view has checked access.

Behind the compose proxy (PRIVATE_FILES_VIA_PROXY) Django only answers with
``X-Accel-Redirect``: nginx reads the file from its internal ``/_private/`` location,
with ranges and slow clients handled there instead of in a Python worker.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def via_proxy() -> bool:
    return bool(getattr(settings, "PRIVATE_FILES_VIA_PROXY", False))


def proxy_response(fieldfile, content_type: str, disposition: str) -> HttpResponse:
    """Let the proxy send ``fieldfile`` (a file in the private store)."""
    relative = Path(fieldfile.path).resolve().relative_to(Path(settings.SENDFILE_ROOT).resolve())
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = quote(f"{settings.SENDFILE_URL}/{relative.as_posix()}")
    response["Content-Disposition"] = disposition
    return response


# Folders the public media path may keep: the image renditions pages show.
PUBLIC_MEDIA_FOLDERS = {"images"}


def move_private_files(write=print) -> int:
    """Move uploads that older versions left under MEDIA_ROOT into the private store.

    Everything but the renditions moves, keeping its relative name, so the database rows
    still point at it. Idempotent: a second run finds nothing to move.
    """
    import shutil

    public = Path(settings.MEDIA_ROOT)
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    if not public.is_dir() or public.resolve() == private.resolve():
        return 0
    moved = 0
    for top in sorted(public.iterdir()):
        if top.name in PUBLIC_MEDIA_FOLDERS:
            continue
        for source in sorted(top.rglob("*") if top.is_dir() else [top]):
            if not source.is_file():
                continue
            target = private / source.relative_to(public)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                source.unlink()  # already moved by an earlier, interrupted run
            else:
                shutil.move(str(source), str(target))
            moved += 1
        if top.is_dir():
            shutil.rmtree(top, ignore_errors=True)
    if moved:
        write(f"Moved {moved} private file(s) from {public} to {private}.")
    return moved
