"""Personal data in a real Chromium: a member downloads their data, then deletes their account.

Griet asks for a copy on her profile, confirms with her password (a fresh login), and the ZIP
(built at once: tasks run immediately in tests) downloads from the link on her profile. Then she
asks to delete her account: the banner on every page tells her when, and after the cooling-off
period the scheduler's command erases her. Locators lean on test ids, form actions and field
names rather than on texts, so the test holds before and after the translations are merged.
"""

import io
import re
import zipfile
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from accounts.models import DataExport, ErasureRequest
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.e2e.test_forum_flow import watch

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PROFILE = "/accounts/profiel/"


def log_in(page, base_url, email):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()
    page.get_by_test_id("user-name").wait_for()


def confirm_password_if_asked(page):
    if "/reauthenticate/" in page.url:
        page.locator("form.form input[name=password]").fill(PASSWORD)
        page.locator("form.form button[type=submit]").click()


def test_a_member_downloads_their_data_and_deletes_their_account(
    site_tree, live_server, page, tmp_path
):
    griet = MemberFactory(first_name="Griet", last_name="Zwanepoel", email="griet@voorbeeld.be")
    problems = []
    watch(page, problems)
    log_in(page, live_server.url, griet.email)

    # Ask for a copy: the password is asked again first.
    page.goto(live_server.url + PROFILE)
    page.locator("form[action='/accounts/profiel/gegevens/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/reauthenticate/"))
    page.locator("form.form input[name=password]").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(PROFILE) + "$"))
    export = DataExport.objects.get(user=griet)
    assert export.state == DataExport.State.READY
    assert [m.to for m in mail.outbox] == [[griet.email]]

    # The profile links the ready copy; it downloads as a ZIP with the overview.
    page.reload()
    link = page.get_by_test_id("data-export-download")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / "gegevens.zip"
    info.value.save_as(saved)
    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    assert "index.html" in archive.namelist()
    assert any(name.endswith(".json") for name in archive.namelist())
    assert "Zwanepoel" in archive.read("index.html").decode()

    # Delete the account: a confirmation page, then the cooling-off period with a banner.
    page.goto(live_server.url + "/accounts/profiel/verwijderen/")
    page.locator("input[name=remove_posts]").check()
    page.locator("main form.form button[type=submit]").click()
    confirm_password_if_asked(page)
    expect(page).to_have_url(re.compile(re.escape(PROFILE) + "$"))
    erasure_request = ErasureRequest.objects.get(user=griet)
    assert erasure_request.remove_posts is True
    page.goto(live_server.url + "/")
    banner = page.get_by_test_id("deletion-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_role("link")).to_have_attribute(
        "href", "/accounts/profiel/verwijderen/annuleren/"
    )
    # Chromium reports a download as an aborted navigation: not a problem.
    assert [p for p in problems if "ERR_ABORTED" not in p or "/gegevens/" not in p] == []

    # Before the period ends the command leaves her be; afterwards she is gone.
    call_command("process_account_erasures", stdout=io.StringIO())
    assert get_user_model().objects.filter(pk=griet.pk).exists()
    ErasureRequest.objects.filter(pk=erasure_request.pk).update(
        erase_after=timezone.now() - timedelta(minutes=1)
    )
    call_command("process_account_erasures", stdout=io.StringIO())
    assert not get_user_model().objects.filter(email="griet@voorbeeld.be").exists()
    assert mail.outbox[-1].to == ["griet@voorbeeld.be"]
