"""Files attached to forum posts: checked by their content, stored privately, served by one rule.

A file is accepted only when its content is what its name says: images are decoded by
Pillow (``verify()`` and a full load), a PDF starts with ``%PDF-`` and pypdf opens it,
Office documents are zip files whose ``[Content_Types].xml`` (OOXML) or ``mimetype``
member (OpenDocument) names the expected kind. The client's own content type is never
trusted: the one stored and sent is the one that belongs to the checked kind.

Files get a random name in the private store (``models.attachment_path``); the name the
member gave is kept in the row and shown. Images get a small thumbnail, private too. They
are served only to members who may see the topic, and only while the post is not deleted.
"""

import io
import os
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.access import member_required
from portal import files

from . import access
from .models import Attachment

MAX_BYTES = 10 * 1024 * 1024  # per file; settings.FORUM_ATTACHMENT_MAX_BYTES overrides
MAX_FILES = 5  # per post; settings.FORUM_ATTACHMENTS_PER_POST overrides
# All files of one post together; below the proxy's client_max_body_size (docker/nginx).
MAX_TOTAL = 20 * 1024 * 1024  # settings.FORUM_ATTACHMENTS_MAX_TOTAL overrides
MAX_PIXELS = 50_000_000  # larger images are refused before they are decoded
THUMBNAIL_SIZE = (480, 480)
THUMBNAIL_TYPE = "image/webp"
MAX_NAME = 200
# Unpacked size and members of an Office document: beyond this it is a zip bomb, not a report.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 5_000


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    is_image: bool = False


KINDS = {
    "pdf": Kind("PDF", "application/pdf", ("pdf",)),
    "png": Kind("PNG", "image/png", ("png",), is_image=True),
    "jpeg": Kind("JPEG", "image/jpeg", ("jpg", "jpeg"), is_image=True),
    "webp": Kind("WebP", "image/webp", ("webp",), is_image=True),
    "gif": Kind("GIF", "image/gif", ("gif",), is_image=True),
    "docx": Kind(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    "xlsx": Kind(
        "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)
    ),
    "pptx": Kind(
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
    ),
    "odt": Kind("OpenDocument", "application/vnd.oasis.opendocument.text", ("odt",)),
}
BY_EXTENSION = {extension: key for key, kind in KINDS.items() for extension in kind.extensions}
ACCEPT = ",".join(f".{extension}" for extension in BY_EXTENSION)

# Pillow's format names for the image kinds.
_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "gif"}
# The main part of each OOXML kind and its content type in [Content_Types].xml. Macro-enabled
# documents (docm, xlsm, pptm) have other content types and are refused.
_OOXML_MAIN = {
    "docx": (
        "/word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "/xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "/ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}

ALLOWED_TEXT = _(
    "You can attach PDF files, images (PNG, JPEG, WebP, GIF) and Office documents "
    "(docx, xlsx, pptx, odt)."
)


def max_bytes() -> int:
    return int(getattr(settings, "FORUM_ATTACHMENT_MAX_BYTES", MAX_BYTES))


def max_files() -> int:
    return int(getattr(settings, "FORUM_ATTACHMENTS_PER_POST", MAX_FILES))


def max_total() -> int:
    return int(getattr(settings, "FORUM_ATTACHMENTS_MAX_TOTAL", MAX_TOTAL))


def limits() -> dict:
    return {"files": max_files(), "bytes": max_bytes(), "total": max_total()}


def human_size(size: int) -> str:
    return filesizeformat(size).replace("\xa0", " ")


@dataclass
class CheckedFile:
    """An upload whose content matched its name, ready to be stored with a post.

    ``name`` is what the privacy guard checks (``portal.privacy._check_value``).
    """

    upload: UploadedFile
    name: str
    kind: str
    size: int

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type

    @property
    def is_image(self) -> bool:
        return KINDS[self.kind].is_image


def clean_name(name: str | None) -> str:
    """The file's own name, without folders, control characters or a hundred-character tail."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: MAX_NAME - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:MAX_NAME]
    return name or "bijlage"


def _refuse(message, name: str, **params) -> forms.ValidationError:
    return forms.ValidationError(message, code="attachment", params={"name": name, **params})


def check(upload: UploadedFile) -> CheckedFile:
    """Accept ``upload`` if its content is what its name says, else raise ValidationError."""
    name = clean_name(upload.name)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    key = BY_EXTENSION.get(extension)
    if key is None:
        raise _refuse(_("“%(name)s” cannot be attached. %(allowed)s"), name, allowed=ALLOWED_TEXT)
    size = upload.size or 0
    if size == 0:
        raise _refuse(_("“%(name)s” is empty."), name)
    if size > max_bytes():
        raise _refuse(
            _("“%(name)s” is too large (%(size)s; at most %(limit)s per file)."),
            name,
            size=human_size(size),
            limit=human_size(max_bytes()),
        )
    found = _detect(upload, key)
    if found != key:
        raise _refuse(
            _(
                "“%(name)s” is not a real %(kind)s file: its content does not match its name, "
                "so it was not attached."
            ),
            name,
            kind=KINDS[key].label,
        )
    upload.seek(0)
    return CheckedFile(upload=upload, name=name, kind=key, size=size)


def _detect(upload, expected: str) -> str | None:
    """The kind the content really is (only the kinds the name could claim are tried)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if expected == "pdf":
        return "pdf" if head.startswith(b"%PDF-") and _pdf_opens(upload) else None
    if KINDS[expected].is_image:
        return _image_kind(upload)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload, expected)
    return None


def _pdf_opens(upload) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            # A password we do not have: the content cannot be checked.
            return False
        return len(reader.pages) > 0
    except (PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError):
        return False
    except Exception:  # noqa: BLE001  pypdf raises many kinds on damaged files
        return False
    finally:
        upload.seek(0)


def _image_kind(upload) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                kind = _IMAGE_FORMATS.get(image.format or "")
                width, height = image.size
                if kind is None or width * height > MAX_PIXELS:
                    return None
                image.verify()
            upload.seek(0)
            # verify() checks the structure; only decoding finds garbage in the pixel data.
            with Image.open(upload) as image:
                image.load()
        return kind
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
    except Exception:  # noqa: BLE001  decoders raise other kinds on crafted files
        return None
    finally:
        upload.seek(0)


def _office_kind(upload, expected: str) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                return None
            names = {info.filename for info in infos}
            if expected == "odt":
                if "mimetype" not in names:
                    return None
                mimetype = archive.read("mimetype")[:100].strip()
                ok = mimetype == KINDS["odt"].content_type.encode() and "content.xml" in names
                return "odt" if ok else None
            if "[Content_Types].xml" not in names:
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                return None
            overrides = _content_type_overrides(archive.read(info))
            part, content_type = _OOXML_MAIN[expected]
            if overrides.get(part) == content_type and part.lstrip("/") in names:
                return expected
            return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError):
        return None
    except Exception:  # noqa: BLE001  a crafted archive or XML document
        return None
    finally:
        upload.seek(0)


def _content_type_overrides(xml: bytes) -> dict[str, str]:
    from defusedxml import ElementTree

    root = ElementTree.fromstring(xml)
    if not root.tag.endswith("}Types"):
        return {}
    return {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in root
        if element.tag.endswith("}Override")
    }


# Storing ---------------------------------------------------------------------------------------


def make_thumbnail(upload) -> ContentFile | None:
    """A small WebP (transparency kept) without the original's metadata."""
    from PIL import Image, ImageOps

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.seek(0)  # the first frame of an animation
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            out = io.BytesIO()
            image.convert("RGBA" if has_alpha else "RGB").save(out, "WEBP", quality=80)
    except Exception:  # noqa: BLE001  the image passed its check; a thumbnail is a nicety
        return None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue(), name="thumbnail.webp")


def store(post, uploader, checked: list[CheckedFile]) -> list[Attachment]:
    """Save the files with ``post`` (call inside the post's transaction).

    When one of them fails, the files already written are removed again: the transaction
    rolls the rows back, the file system is not part of it.
    """
    stored: list[Attachment] = []
    try:
        for item in checked:
            attachment = Attachment(
                post=post,
                uploader=uploader,
                name=item.name,
                content_type=item.content_type,
                size=item.size,
                is_image=item.is_image,
            )
            item.upload.seek(0)
            attachment.file.save("upload", item.upload, save=False)
            stored.append(attachment)
            if item.is_image:
                thumbnail = make_thumbnail(item.upload)
                if thumbnail is not None:
                    attachment.thumbnail.save("thumbnail", thumbnail, save=False)
            attachment.save()
    except Exception:
        for attachment in stored:
            delete_files(attachment)
        raise
    return stored


def delete_files(attachment: Attachment) -> None:
    for fieldfile in (attachment.file, attachment.thumbnail):
        if fieldfile:
            fieldfile.storage.delete(fieldfile.name)


# Serving ---------------------------------------------------------------------------------------


def _visible(request, pk) -> Attachment:
    attachment = Attachment.objects.select_related("post__topic__space").filter(pk=pk).first()
    if (
        attachment is None
        or attachment.post is None
        or attachment.post.is_deleted
        or not access.can_see_post(request.user, attachment.post)
    ):
        raise Http404
    return attachment


def _serve(fieldfile, content_type: str, name: str, inline: bool):
    disposition = content_disposition_header(not inline, name)
    if files.via_proxy():
        response = files.proxy_response(fieldfile, content_type, disposition)
    else:
        try:
            handle = fieldfile.open("rb")
        except (OSError, ValueError) as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing in a file runs or loads anything, even when opened on its own.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@member_required
@require_safe
def download(request, pk, name):
    attachment = _visible(request, pk)
    if name != attachment.name:
        return HttpResponseRedirect(attachment.get_absolute_url())
    kind = KINDS.get(BY_EXTENSION.get(attachment.name.rpartition(".")[2].lower(), ""))
    inline = attachment.is_image and kind is not None and kind.is_image
    return _serve(attachment.file, attachment.content_type, attachment.name, inline)


@member_required
@require_safe
def thumbnail(request, pk):
    attachment = _visible(request, pk)
    if not attachment.is_image or not attachment.thumbnail:
        raise Http404
    stem = attachment.name.rpartition(".")[0] or attachment.name
    return _serve(attachment.thumbnail, THUMBNAIL_TYPE, f"{stem}-klein.webp", inline=True)
