import pytest

from tests.e2e.test_smoke import log_in

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_member_finds_an_activity_registers_and_sees_it_under_my_activities(
    demo_site, live_server, page
):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server.url, "lid2@example.org")

    page.get_by_role("navigation", name="Rubrieken", exact=True).get_by_role(
        "link", name="Leeractiviteiten"
    ).click()
    page.get_by_label("Soort").select_option(label="Webinar")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(live_server.url + "/leeractiviteiten/?soort=webinar&thema=")
    page.get_by_role("link", name="Webinar: leefloon en werken zonder verrassingen").click()

    page.get_by_role("button", name="Schrijf me in").click()
    expect(page.get_by_text("Je bent ingeschreven. Tot dan!")).to_be_visible()
    expect(
        page.get_by_role("link", name="https://vergadering.example.org/sam-leefloon")
    ).to_be_visible()

    page.goto(live_server.url + "/leeractiviteiten/")
    page.get_by_role("link", name="Mijn leeractiviteiten").click()
    mine = page.get_by_role("region", name="Komend")
    item = mine.get_by_role("listitem").filter(has_text="Webinar: leefloon en werken")
    expect(item.get_by_role("link")).to_have_text("Webinar: leefloon en werken zonder verrassingen")
    expect(item).to_contain_text("Ingeschreven")
    assert not errors, f"console errors: {errors}"
