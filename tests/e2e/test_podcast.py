import re

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EPISODE = "/podcast/sterk-werk/werken-na-een-burn-out/"


def _time(page) -> float:
    return page.evaluate("() => document.getElementById('episode-audio').currentTime")


def _wait_for_time(page, condition: str) -> None:
    """Wait until the audio's currentTime ``t`` meets ``condition`` (a JS expression)."""
    page.wait_for_function(
        f"() => {{ const t = document.getElementById('episode-audio').currentTime; "
        f"return {condition}; }}"
    )


def test_listener_plays_an_episode_and_jumps_to_a_transcript_line(demo_site, live_server, page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/podcast/")
    page.get_by_role("link", name="Werken na een burn-out: het verhaal van Karim").first.click()
    expect(page).to_have_url(live_server.url + EPISODE)

    controls = page.get_by_role("group", name="Bediening van de speler")
    expect(controls).to_be_visible()
    play = controls.get_by_role("button", name="Afspelen")
    play.click()
    # The label says what the button does; no aria-pressed beside a changing label.
    pause_button = controls.get_by_role("button", name="Pauzeren")
    expect(pause_button).to_be_visible()
    assert pause_button.get_attribute("aria-pressed") is None
    _wait_for_time(page, "t > 0.5")

    # Jump to the line where Karim starts about his casemanager.
    line = page.locator(".transcript__line", has_text="Via de VDAB kreeg ik een werk-zorgtraject.")
    start = float(line.get_attribute("data-start"))
    line.get_by_role("link").click()
    _wait_for_time(page, f"Math.abs(t - {start}) < 1.5")
    expect(line).to_have_class(re.compile(r"\bis-current\b"))
    expect(line).to_have_attribute("aria-current", "true")
    assert page.url.endswith(f"#t={int(start)}")
    chapter = page.locator(".chapters__item", has_text="Het traject")
    expect(chapter).to_have_class(re.compile(r"\bis-current\b"))

    # Keyboard: pause, 15 seconds back, slower.
    pause = controls.get_by_role("button", name="Pauzeren")
    pause.focus()
    page.keyboard.press("Enter")
    expect(controls.get_by_role("button", name="Afspelen")).to_be_visible()
    before = _time(page)
    controls.get_by_role("button", name="15 seconden terug").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('episode-audio').currentTime < {before - 10}")
    controls.get_by_label("Snelheid").select_option("1.5")
    assert page.evaluate("() => document.getElementById('episode-audio').playbackRate") == 1.5
    assert not errors, f"console errors: {errors}"


def test_a_search_hit_opens_the_episode_at_that_second(demo_site, live_server, page):
    page.goto(live_server.url + "/zoeken/?q=referentieadres")
    hit = page.locator(".result[data-kind=transcript] a").first
    expect(hit).to_contain_text("Eerst een dak, dan werk")
    href = hit.get_attribute("href")
    second = int(href.rsplit("#t=", 1)[1])
    hit.click()
    line = page.locator(f'[id="t={second}"]')
    expect(line).to_have_class(re.compile(r"\bis-current\b"))
    expect(line).to_contain_text("referentieadres")
    _wait_for_time(page, f"Math.abs(t - {second}) < 1.5")
