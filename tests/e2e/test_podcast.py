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
    # The episode's result, with its matching sentences under it: each links to its second.
    result = page.locator(".result").filter(has_text="Eerst een dak, dan werk").first
    hit = result.locator("[data-kind=transcript] a[href*='#t=']").first
    expect(hit).to_be_visible()
    href = hit.get_attribute("href")
    second = int(href.rsplit("#t=", 1)[1])
    hit.click()
    line = page.locator(f'[id="t={second}"]')
    expect(line).to_have_class(re.compile(r"\bis-current\b"))
    expect(line).to_contain_text("referentieadres")
    _wait_for_time(page, f"Math.abs(t - {second}) < 1.5")


# One player: with JavaScript ours, without it the browser's own; a compact one in view.

CLOCK_OF_CLOCK = re.compile(r"^\d+:\d\d \S+ \d+:\d\d$")  # "0:05 van 1:01"
SCROLL_TO_TRANSCRIPT = (
    "window.scrollTo(0, document.getElementById('transcript-title')"
    ".getBoundingClientRect().top + window.scrollY - 10)"
)


def _visible_count(locator) -> int:
    return sum(1 for i in range(locator.count()) if locator.nth(i).is_visible())


def test_with_javascript_our_controls_replace_the_browsers(demo_site, live_server, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + EPISODE)
    audio = page.locator("#episode-audio")
    expect(page.get_by_role("group", name="Bediening van de speler")).to_be_visible()
    assert audio.evaluate("el => el.hasAttribute('controls')") is False
    expect(audio).to_be_hidden()
    # One play button and one time display on the screen, not two of each.
    assert _visible_count(page.get_by_role("button", name="Afspelen")) == 1
    assert _visible_count(page.locator("[data-player-time]")) == 1
    expect(page.locator("[data-player-mini]")).to_be_hidden()

    # The position slider: named, with its value as text, moved by the keyboard.
    slider = page.get_by_role("slider")
    expect(slider).to_have_count(1)
    assert slider.evaluate("el => el.labels[0].textContent.trim()") != ""
    expect(slider).to_have_attribute("aria-valuetext", CLOCK_OF_CLOCK)
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    _wait_for_time(page, "t >= 4.5 && t < 6")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^0:05 "))
    expect(page.locator(".player__time")).to_have_text(re.compile(r"^0:05 / 1:\d\d$"))
    # ±15 s moves the slider too.
    page.get_by_role("button", name="+15 s").click()
    _wait_for_time(page, "t >= 19.5")
    expect(slider).to_have_value(re.compile(r"^(19|20)$"))


def test_the_compact_player_stays_in_view_while_reading_the_transcript(
    demo_site, live_server, page
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + EPISODE)
    mini = page.locator("[data-player-mini]")
    expect(mini).to_be_hidden()
    page.evaluate(SCROLL_TO_TRANSCRIPT)
    expect(mini).to_be_visible()
    box = mini.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, box
    expect(mini).to_contain_text("Werken na een burn-out")
    assert page.evaluate("document.documentElement.scrollWidth") == 375

    # Play and pause from it with the keyboard; both players say what the button does.
    play = mini.get_by_role("button", name="Afspelen")
    play.focus()
    page.keyboard.press("Enter")
    pause = mini.get_by_role("button", name="Pauzeren")
    expect(pause).to_be_focused()
    page.wait_for_function("!document.getElementById('episode-audio').paused")
    _wait_for_time(page, "t > 0.3")
    expect(mini.locator("[data-player-time]")).not_to_have_text(re.compile(r"^0:00 "))
    expect(page.locator("[data-player-controls] .player__toggle")).to_have_text("Pauzeren")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('episode-audio').paused")
    expect(play).to_be_focused()

    # At the end of the page it covers nothing: it ends the article, below the last content.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    aside = page.locator(".activity-facts").bounding_box()
    assert aside["y"] + aside["height"] <= mini.bounding_box()["y"]

    # Back at the player it goes, unless it holds the focus.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("body").click(position={"x": 5, "y": 300})
    expect(mini).to_be_hidden()

    # At 320 px (reflow) it fits without sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 640})
    page.evaluate(SCROLL_TO_TRANSCRIPT)
    expect(mini).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    toggle = mini.get_by_role("button").bounding_box()
    assert toggle["x"] >= 0 and toggle["x"] + toggle["width"] <= 320


def test_the_compact_player_passes_axe(demo_site, live_server, browser):
    from tests.e2e.test_axe import AXE, RUN, TAGS

    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE} missing)")
    context = browser.new_context(
        locale="nl-BE", bypass_csp=True, viewport={"width": 375, "height": 740}
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + EPISODE)
        page.evaluate(SCROLL_TO_TRANSCRIPT)
        expect(page.locator("[data-player-mini]")).to_be_visible()
        page.add_script_tag(content=AXE.read_text())
        passes, violations = page.evaluate(RUN, TAGS)
        assert passes > 10
        assert not violations, violations
    finally:
        context.close()


def test_without_javascript_the_browsers_player_is_the_only_one(demo_site, live_server, browser):
    context = browser.new_context(
        locale="nl-BE", java_script_enabled=False, viewport={"width": 375, "height": 740}
    )
    try:
        bare = context.new_page()
        bare.goto(live_server.url + EPISODE)
        audio = bare.locator("#episode-audio")
        assert audio.evaluate("el => el.controls") is True
        expect(audio).to_be_visible()
        expect(bare.locator("[data-player-controls]")).to_be_hidden()
        expect(bare.locator("[data-player-mini]")).to_be_hidden()
        expect(bare.get_by_role("button", name="Afspelen")).to_have_count(0)
        bare.evaluate(SCROLL_TO_TRANSCRIPT)
        expect(bare.locator("[data-player-mini]")).to_be_hidden()
        # The demo show tells podcast apps how often a new episode comes.
        feed = bare.request.get(live_server.url + "/podcast/sterk-werk/feed/")
        assert 'rrule="FREQ=MONTHLY"' in feed.text()
    finally:
        context.close()
