import pytest

from accounts.demo import DEMO_PASSWORD

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_member_logs_in_and_sees_their_name(demo_site, live_server, page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.is_visible()
    page.get_by_role("link", name="Aanmelden").first.click()

    page.get_by_label("E-mail").fill("lid@example.org")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()

    name = page.get_by_test_id("user-name")
    name.wait_for()
    assert name.inner_text() == "Lotte Vermeulen"
    assert not errors, f"console errors: {errors}"


def test_skip_link_is_the_first_stop_for_keyboard_users(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"


def log_in(page, base_url, email, password=DEMO_PASSWORD):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()
    page.get_by_test_id("user-name").wait_for()


def test_sam_staff_approve_a_waiting_registration_in_the_admin(page, live_server, demo_site):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server.url, "sam@example.org")

    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Registraties").first.click()
    row = page.get_by_role("row").filter(has_text="wacht@example.org")
    row.get_by_role("button", name="Goedkeuren").click()

    expect(page.get_by_text("Bram Wouters is goedgekeurd")).to_be_visible()
    expect(page.get_by_text("Er wachten geen registraties op goedkeuring")).to_be_visible()
    assert not errors, f"console errors in the admin: {errors}"

    # The approved member can now log in.
    page.context.clear_cookies()
    log_in(page, live_server.url, "wacht@example.org")
    assert page.get_by_test_id("user-name").inner_text() == "Bram Wouters"
