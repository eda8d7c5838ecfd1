"""Every page type is valid HTML by the W3C Nu HTML Checker, as a visitor and as a member.

The checker comes from npm at test time and is never committed; it runs on the machine's Java:

    npm install --no-save --no-package-lock axe-core@4.14.1 vnu-jar@26.9.27

(in the repository's root, together with axe-core: npm removes packages it was not asked for;
scripts/test installs both). Point VNU_JAR at another vnu.jar if you have one. Without Java or
the checker the test skips and says why, unless PORTAL_REQUIRE_VNU=1 (CI) makes it fail.

The pages are rendered with Django's test client on the demo content, written to a temporary
folder and checked in one run of the checker (one Java start-up for all of them).
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.test import Client

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = Path(os.environ.get("VNU_JAR") or ROOT / "node_modules/vnu-jar/build/dist/vnu.jar")
INSTALL = "npm install --no-save --no-package-lock axe-core@4.14.1 vnu-jar@26.9.27"

# Messages of the checker that are not errors in our HTML, each with its reason.
# (Empty: keep it that way unless a third-party snippet or a checker bug forces an entry.)
ALLOWED: dict[str, str] = {}


def _missing() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (Debian: apt-get install default-jre-headless)"
    if not VNU.exists():
        return f"the Nu HTML checker is not installed ({VNU} missing): run `{INSTALL}`"
    return None


def _require_checker():
    missing = _missing()
    if missing:
        # In CI (.ci/run) the check must run: missing, it fails instead of skipping.
        if os.environ.get("PORTAL_REQUIRE_VNU"):
            pytest.fail(missing)
        pytest.skip(missing)


def _pages(user) -> list[tuple[str, int]]:
    """(path, expected status) of every page type, as the demo content has them."""
    from accounts import access
    from community.models import Topic
    from knowledge.models import KnowledgeProductPage, LearningActivityPage
    from podcasts.models import EpisodePage, PodcastShowPage
    from tracker import access as tracker_access
    from tracker.models import Dossier

    products = KnowledgeProductPage.objects.live()
    pages = [
        "/",
        "/kennisbank/",
        products.filter(members_only=False).first().url,
        products.filter(members_only=True).first().url,  # a visitor gets the teaser
        "/leeractiviteiten/",
        LearningActivityPage.objects.live().public().first().url,
        "/podcast/",
        PodcastShowPage.objects.live().first().url,
        EpisodePage.objects.live().public().first().url,
        "/zoeken/?q=werk",
    ]
    if access.is_member(user):
        topic = Topic.objects.filter(space__group__isnull=True).order_by("pk").first()
        bottleneck = tracker_access.visible_bottlenecks(user).order_by("pk").first()
        dossier = tracker_access.visible_dossiers(user).order_by("pk").first()
        pages += [
            "/leeractiviteiten/mijn/",
            "/forum/",
            topic.space.get_absolute_url(),
            topic.get_absolute_url(),
            "/knelpunten/",
            bottleneck.get_absolute_url(),
            "/knelpunten/melden/",
            "/knelpunten/mijn/",
            "/knelpunten/dossiers/",
            dossier.get_absolute_url(),
            "/accounts/profiel/",
            "/meldingen/",
        ]
    else:
        pages += ["/accounts/login/", "/accounts/signup/"]
        public = Dossier.objects.filter(public=True).order_by("pk").first()
        if public is not None:
            pages.append(public.get_absolute_url())  # its public summary
    return [(path, 200) for path in pages] + [("/bestaat-niet/", 404)]


def _render(client: Client, who: str, user, folder: Path) -> dict[str, str]:
    """Each page written to ``folder``; returns file name -> "who path"."""
    written = {}
    for number, (path, status) in enumerate(_pages(user)):
        response = client.get(path)
        assert response.status_code == status, (who, path, response.status_code)
        assert response["Content-Type"].startswith("text/html"), (who, path)
        name = f"{who}-{number:02d}.html"
        (folder / name).write_bytes(response.content)
        written[name] = f"{who} {path}"
    return written


def _check(files: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or "{}")
    return report.get("messages", [])


@pytest.mark.django_db
def test_every_page_type_is_valid_html(tmp_path):
    _require_checker()
    call_command("load_demo", stdout=io.StringIO())
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    member = User.objects.get(email="lid@example.org")
    member_client = Client()
    member_client.force_login(member)
    pages = _render(Client(), "visitor", AnonymousUser(), tmp_path)
    pages |= _render(member_client, "member", member, tmp_path)

    errors: dict[str, list[str]] = {}
    messages = _check(sorted(tmp_path.glob("*.html")))
    for message in messages:
        text = message.get("message", "")
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        if text in ALLOWED:
            continue
        where = pages.get(Path(message.get("url", "")).name, message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())[:160]
        errors.setdefault(where, []).append(
            f"line {message.get('lastLine', '?')}: {text}\n        {extract}"
        )
    report = "\n".join(
        f"{where}:\n    " + "\n    ".join(found) for where, found in sorted(errors.items())
    )
    assert len(pages) >= 25
    assert not errors, f"The Nu HTML checker found errors on {len(errors)} pages:\n{report}"
