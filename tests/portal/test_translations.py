"""The interface is Flemish Dutch through Django's translation machinery: msgids in
English, the Dutch text in locale/nl. These tests keep the catalogue complete."""

from pathlib import Path

from django.utils import translation

import polib
import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def test_every_message_is_translated(po):
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source(po):
    compiled = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0))
        for e in polib.mofile(str(CATALOGUE / "django.mo"))
    }
    source = {(e.msgid, e.msgstr or e.msgstr_plural.get(0)) for e in po.translated_entries()}
    assert source <= compiled, "run manage.py compilemessages"


def test_interface_language_is_flemish_dutch(settings):
    assert settings.LANGUAGE_CODE == "nl-be"
    with translation.override("nl-be"):
        assert translation.gettext("Log in") == "Aanmelden"
        assert translation.gettext("Bottlenecks") == "Knelpunten"


@pytest.mark.django_db
def test_pages_render_in_dutch_whatever_the_browser_asks(client, site_tree):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Knelpunten" in body
    assert "Bottlenecks" not in body
