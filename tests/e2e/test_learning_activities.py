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


def test_member_answers_the_registration_question_and_gets_the_confirmation_mail(
    demo_site, live_server, page, mailoutbox
):
    log_in(page, live_server.url, "lid@example.org")
    page.goto(live_server.url + "/leeractiviteiten/vorming-krachtgericht-werken/")
    question = page.get_by_label("Heb je dieetwensen of noden op vlak van toegankelijkheid?")
    expect(question).to_be_visible()
    question.fill("Vegetarisch, graag een plaats dicht bij de deur")
    page.get_by_role("button", name="Schrijf me in").click()
    expect(page.get_by_text("Je bent ingeschreven. Tot dan!")).to_be_visible()
    expect(page.locator(".registration__answers")).to_contain_text("dicht bij de deur")

    (message,) = [m for m in mailoutbox if m.to == ["lid@example.org"]]
    assert "Vorming: krachtgericht werken" in message.subject
    assert any(
        not isinstance(part, tuple) and part.get_content_type() == "text/calendar"
        for part in message.attachments
    )
