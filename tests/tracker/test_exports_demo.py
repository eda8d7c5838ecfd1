"""Every export of the demo (the bottleneck list, and each demo dossier as CSV, XLSX, DOCX and
PDF) scanned for the demo accounts' names and e-mail addresses and the dossiers' internal
notes: none of them may appear."""

import io
import zipfile

from django.contrib.auth import get_user_model

import pytest
from pypdf import PdfReader

from accounts import demo as accounts_demo
from knowledge import demo as knowledge_demo
from tracker import demo
from tracker.models import Dossier

pytestmark = pytest.mark.django_db


def _text(response, kind: str) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "csv":
        return data.decode("utf-8")
    if kind == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


def test_no_export_of_the_demo_names_anyone_or_says_what_is_internal(client, site_tree):
    out = io.StringIO()
    accounts_demo.load(out)
    knowledge_demo._taxonomy()
    demo.load(out)
    dossiers = list(Dossier.objects.all())
    assert len(dossiers) >= 5
    forbidden = set()
    for user in get_user_model().objects.all():
        forbidden.add(user.email)
        if user.first_name and user.last_name:
            forbidden.add(f"{user.first_name} {user.last_name}")
    for dossier in dossiers:
        if dossier.internal_notes:
            forbidden.add(dossier.internal_notes.strip()[:40])
    client.force_login(get_user_model().objects.get(email="beleid@example.org"))
    # With a text each export must hold: the scan reads the export's text.
    urls = [
        ("/knelpunten/export.csv", "csv", "titel"),
        ("/knelpunten/export.xlsx", "xlsx", "titel"),
    ]
    for dossier in dossiers:
        base = f"/knelpunten/dossiers/{dossier.pk}/"
        title = dossier.title.split()[0].lower()
        urls += [
            (base + "export.csv", "csv", "titel"),
            (base + "export.xlsx", "xlsx", "titel"),
            (base + "knelpuntennota.docx", "docx", title),
            (base + "knelpuntennota.pdf", "pdf", title),
        ]
    for url, kind, expected in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response, kind).lower()
        assert expected in text, url
        for word in forbidden:
            assert word.lower() not in text, (url, word)
