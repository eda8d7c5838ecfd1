"""A dossier in a real Chromium: SAM staff build it (two bottlenecks, an addressee), freeze
it for a meeting and record the government's answer with its file; a policy worker opens
it and downloads the knelpuntennota.

Locators use field names, classes and URLs rather than the interface's texts, so the test
holds before and after the dossier translations are merged.
"""

import io
import re

from django.utils import timezone

import pytest

from knowledge import demo as knowledge_demo
from tests.accounts.factories import MemberFactory, PolicyWorkerFactory, StaffFactory
from tests.e2e.test_forum_flow import log_in, watch
from tests.tracker import factories
from tracker.models import Addressee, Dossier, DossierStatus, Snapshot, Status

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Kinderopvang tijdens een VDAB-opleiding"


def test_staff_build_a_dossier_and_a_policy_worker_downloads_the_nota(
    site_tree, live_server, browser, page, tmp_path
):
    staff = StaffFactory(email="sam@voorbeeld.be")
    policy_worker = PolicyWorkerFactory(email="beleid@voorbeeld.be")
    reporter = MemberFactory()
    first = factories.bottleneck(reporter, title="Geen opvang in de eerste opleidingsweek")
    second = factories.bottleneck(reporter, title="Wachtlijst voor buitenschoolse opvang")
    factories.confirmation(MemberFactory(), first, region="limburg")
    factories.body("VDAB")
    problems = []
    watch(page, problems)
    today = timezone.localdate().isoformat()

    # SAM staff make the dossier from the list.
    log_in(page, live_server.url, staff.email)
    page.goto(live_server.url + "/knelpunten/dossiers/")
    expect(page.locator(".empty-state")).to_be_visible()
    page.locator("a.dossier-new").click()
    form = page.locator("form.dossier-form")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=question]").fill("Kan de opvang starten op de eerste opleidingsdag?")
    form.locator("[name=summary]").fill("Moeders haken af omdat de opvang te laat start.")
    form.locator("[name=internal_notes]").fill("Eerst aftoetsen bij het kabinet.")
    form.locator("[name=published]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/knelpunten/dossiers/\d+-kinderopvang-tijdens"))
    dossier = Dossier.objects.get()
    assert dossier.owner == staff

    # Two bottlenecks: one by its number, one found by words from its title.
    add = page.locator("form.dossier-add-form")
    add.locator("[name=knelpunt]").fill(str(first.pk))
    add.locator("[name=note]").fill("Komt in elke regio terug.")
    add.locator("button[type=submit]").click()
    expect(page.locator(f"#knelpunt-{first.pk}")).to_be_visible()
    add = page.locator("form.dossier-add-form")
    add.locator("[name=knelpunt]").fill("buitenschoolse wachtlijst")
    add.locator("button[type=submit]").click()
    expect(page.locator(f"#knelpunt-{second.pk}")).to_be_visible()
    items = page.locator(".dossier-items > .dossier-item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_attribute("id", f"knelpunt-{first.pk}")
    first.refresh_from_db()
    assert first.status == Status.BUNDLED

    # An addressee, with the question sent today: the dossier is "verstuurd".
    new_addressee = page.locator("form.dossier-new-addressee")
    expect(new_addressee).to_be_visible()  # open while there is none
    new_addressee.locator("[name=nieuw-body]").fill("VDAB")
    new_addressee.locator("[name=nieuw-contact]").fill("Dienst beleid")
    new_addressee.locator("[name=nieuw-sent_on]").fill(today)
    new_addressee.locator("button[type=submit]").click()
    addressee = Addressee.objects.get()
    expect(page.locator(f"#adressaat-{addressee.pk} .addressee__body")).to_have_text("VDAB")
    expect(page.locator(".dossier-meta .dossier-status--verstuurd")).to_be_visible()

    # Frozen for a meeting: "op de agenda", and nothing changed since yet.
    meetings = page.locator(".dossier-meetings")
    meetings.locator("details.dossier-staff > summary").click()
    snapshot_form = meetings.locator("form.dossier-snapshot-form")
    snapshot_form.locator("[name=meeting]").fill("Overleg VDAB")
    snapshot_form.locator("[name=meeting_on]").fill(today)
    snapshot_form.locator("[name=attendees]").fill("VDAB, SAM")
    snapshot_form.locator("button[type=submit]").click()
    expect(page.locator(".dossier-meta .dossier-status--op-de-agenda")).to_be_visible()
    expect(page.locator(".snapshot-list .snapshot")).to_have_count(1)
    assert Snapshot.objects.get().state["bottlenecks"][0]["id"] == first.pk

    # The answer, with its file.
    row = page.locator(f"#adressaat-{addressee.pk}")
    row.locator("details.dossier-staff > summary").first.click()
    answer_form = row.locator("form.dossier-answer-form")
    answer_form.locator(f"[name=b{addressee.pk}-answer]").fill(
        "De VDAB laat de opvang voortaan starten bij de inschrijving."
    )
    answer_form.locator(f"[name=b{addressee.pk}-answered_on]").fill(today)
    answer_form.locator(f"[name=b{addressee.pk}-file]").set_input_files(
        {
            "name": "antwoord-vdab.pdf",
            "mimeType": "application/pdf",
            "buffer": knowledge_demo.build_pdf(["Antwoord", "De VDAB past de regel aan."]),
        }
    )
    answer_form.locator("button[type=submit]").click()
    expect(page.locator(".dossier-meta .dossier-status--beantwoord")).to_be_visible()
    expect(page.locator(f"#adressaat-{addressee.pk} a.addressee__file")).to_be_visible()
    # What changed since the meeting: the answer.
    expect(page.locator(".dossier-changes .change--answer")).to_have_count(1)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ANSWERED

    # A policy worker opens the dossier and downloads the nota.
    context = browser.new_context(locale="nl-BE", accept_downloads=True)
    policy_page = context.new_page()
    watch(policy_page, problems)
    log_in(policy_page, live_server.url, policy_worker.email)
    policy_page.goto(live_server.url + "/knelpunten/dossiers/")
    policy_page.locator(f'a.dossier-row__title[href="{dossier.get_absolute_url()}"]').click()
    expect(policy_page.locator(".dossier-internal")).to_be_visible()
    expect(policy_page.locator(".dossier-item")).to_have_count(2)
    with policy_page.expect_download() as download_info:
        policy_page.locator("a.dossier-export--docx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "nota.docx"
    download.save_as(saved)
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert TITLE in text
    assert "Eerst aftoetsen bij het kabinet." not in text  # the internal note stays inside
    context.close()
    assert problems == []
