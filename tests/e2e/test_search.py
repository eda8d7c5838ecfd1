import re

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_picks_a_suggestion_with_the_keyboard(demo_site, live_server, page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Zoek op het platform")
    box.press_sequentially("toegelaten arb", delay=20)
    listbox = page.get_by_role("listbox", name="Suggesties")
    expect(listbox).to_be_visible()
    option = listbox.get_by_role("option").first
    expect(option).to_contain_text("Toegelaten arbeid tijdens een ziekte-uitkering")
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(live_server.url + "/kennisbank/regelgeving-ziekte-uitkering-en-werk/")
    assert not errors, f"console errors: {errors}"


def test_visitor_searches_refines_by_kind_and_follows_did_you_mean(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Zoek op het platform")
    box.fill("werk-zorgtraject")
    listbox = page.get_by_role("listbox", name="Suggesties")
    expect(listbox).to_be_visible()
    box.press("Escape")  # closes the suggestions, keeps what was typed
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("werk-zorgtraject")
    box.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("resultaten voor ‘werk-zorgtraject’")
    expect(page.locator(".result mark").first).to_be_visible()
    page.get_by_role("complementary", name="Resultaten verfijnen").get_by_role(
        "link", name="Leeractiviteit"
    ).click()
    expect(page).to_have_url(live_server.url + "/zoeken/?q=werk-zorgtraject&soort=activity")
    # One activity holds the whole word; activities with some of its parts follow, apart.
    expect(page.locator(".result-list").first.locator(".result")).to_have_count(1)
    expect(page.get_by_test_id("looser-results")).to_be_visible()

    # A typo that finds nothing is corrected at once, with a way back to what was typed.
    page.goto(live_server.url + "/zoeken/?q=arbeidsmakt")
    notice = page.get_by_test_id("autocorrected")
    expect(notice).to_contain_text("arbeidsmarkt")
    expect(page.locator(".result").first).to_be_visible()
    page.get_by_test_id("search-literally").click()
    expect(page).to_have_url(re.compile(r"letterlijk=1"))
    expect(page.get_by_test_id("autocorrected")).to_have_count(0)
