import io

from django.core.management import call_command

import pytest

from accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=io.StringIO())


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
