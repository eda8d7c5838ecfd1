"""Layout checks for phones and zoom in a real Chromium (WCAG 1.4.10 Reflow and the compact header).

At 320 CSS pixels wide (a 1280 px screen zoomed to 400 %) no page may scroll sideways, and the
header's search button must lie fully inside the viewport.
"""

import os

import pytest

from tests.e2e.test_smoke import log_in

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC = [
    "/",
    "/kennisbank/",
    "/zoeken/?q=werk",
    "/kennisbank/handleiding-werk-zorgtraject/",
    "/leeractiviteiten/",
    "/podcast/",
]
MEMBERS = ["/forum/", "/knelpunten/"]

# The elements that stick out to the right of the viewport, to say what breaks the reflow.
WIDER_THAN_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length
                && !el.closest('.visually-hidden'))
        .filter(el => !el.parentElement
                || el.parentElement.getBoundingClientRect().right <= width + 0.5)
        .slice(0, 8)
        .map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
             ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
             + ' right=' + Math.round(el.getBoundingClientRect().right));
}"""

SCREENSHOTS = os.environ.get("A11Y_SCREENSHOTS", "")


def _check_reflow(page, url):
    page.goto(url)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    wider = page.evaluate(WIDER_THAN_VIEWPORT) if scroll_width > 320 else []
    return scroll_width, wider


def test_no_page_scrolls_sideways_at_320_px(demo_site, live_server, page):
    page.set_viewport_size({"width": 320, "height": 640})
    failures = {}
    for path in PUBLIC:
        scroll_width, wider = _check_reflow(page, live_server.url + path)
        if scroll_width > 320:
            failures[path] = (scroll_width, wider)
        if path == "/":
            box = page.locator(".site-search button[type=submit]").bounding_box()
            if box is None or box["x"] < 0 or box["x"] + box["width"] > 320:
                failures["search button"] = box
    # Logged in at desktop width, where the name in the header shows.
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url, "lid@example.org")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in MEMBERS:
        scroll_width, wider = _check_reflow(page, live_server.url + path)
        if scroll_width > 320:
            failures[path] = (scroll_width, wider)
    assert not failures, f"pages wider than 320 px: {failures}"


def _shoot(page, name):
    """Save a full-page screenshot when A11Y_SCREENSHOTS names a folder (to look at the layout)."""
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"))


def _header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")


def test_the_header_is_compact_on_a_phone_and_its_menu_opens_with_the_keyboard(
    demo_site, live_server, browser, page
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + "/kennisbank/")
    _shoot(page, "kennisbank-375")
    # Logo, search box and the menu button only: the content starts high on the screen.
    assert _header_height(page) <= 130
    expect(page.locator(".site-search button[type=submit]")).to_be_visible()
    sections = page.get_by_role("navigation", name="Rubrieken", exact=True)
    expect(sections).to_be_hidden()
    expect(page.locator("#account-nav").get_by_role("link", name="Aanmelden")).to_be_hidden()

    menu = page.get_by_role("button", name="Menu", exact=True)
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(sections).to_be_visible()
    expect(page.locator("#account-nav").get_by_role("link", name="Aanmelden")).to_be_visible()
    _shoot(page, "kennisbank-375-menu")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(sections).to_be_hidden()

    # On a desktop everything shows and there is no menu button.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/kennisbank/")
    _shoot(page, "kennisbank-1280")
    expect(sections).to_be_visible()
    expect(page.locator("#account-nav").get_by_role("link", name="Aanmelden")).to_be_visible()
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_hidden()

    # Without JavaScript the menu is a link that opens it (#menu:target) and one that closes it.
    context = browser.new_context(
        locale="nl-BE", java_script_enabled=False, viewport={"width": 375, "height": 740}
    )
    try:
        bare = context.new_page()
        bare.goto(live_server.url + "/kennisbank/")
        bare_sections = bare.get_by_role("navigation", name="Rubrieken", exact=True)
        expect(bare_sections).to_be_hidden()
        # Closed, only "Menu" shows; open, only "Close menu".
        expect(bare.locator(".menu-toggle__close")).to_be_hidden()
        bare.get_by_role("link", name="Menu", exact=True).click()
        expect(bare_sections).to_be_visible()
        expect(bare.locator(".menu-toggle__open")).to_be_hidden()
        expect(bare.locator("#account-nav").get_by_role("link", name="Aanmelden")).to_be_visible()
        bare.locator(".menu-toggle__close").click()  # "Close menu"
        expect(bare_sections).to_be_hidden()
    finally:
        context.close()


def test_on_a_phone_the_knowledge_base_shows_results_before_its_filters(
    demo_site, live_server, browser, page
):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + "/kennisbank/")
    form = page.locator("form.filters")
    first_result = page.locator("section[aria-labelledby=results-title] li").first
    expect(form).to_be_hidden()
    expect(first_result).to_be_visible()
    assert first_result.bounding_box()["y"] < 740, "the first result is below the fold"
    summary = page.locator("summary", has_text="Filters")
    summary.focus()
    page.keyboard.press("Enter")
    expect(form).to_be_visible()
    form.get_by_label("Type").select_option(index=1)
    form.get_by_role("button", name="Toon").click()
    expect(page.locator(".filters-disclosure__summary .badge")).to_be_visible()

    # On a desktop the filters stay open beside the results, with and without JavaScript.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/kennisbank/")
    expect(form).to_be_visible()
    expect(summary).to_be_hidden()
    context = browser.new_context(
        locale="nl-BE", java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    try:
        bare = context.new_page()
        bare.goto(live_server.url + "/kennisbank/")
        expect(bare.locator("form.filters")).to_be_visible()
    finally:
        context.close()


# WCAG relative luminance and contrast of two computed CSS colours.
CONTRAST = """([a, b]) => {
    const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
        v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}"""


def test_the_highlighted_suggestion_stands_out(demo_site, live_server, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Zoek op het platform")
    box.press_sequentially("werk", delay=20)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.nth(1)).to_be_visible()
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")

    def colours(option):
        return option.evaluate(
            "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor,"
            " getComputedStyle(el.parentElement).backgroundColor]"
        )

    text, background, listbox_background = colours(options.first)
    assert page.evaluate(CONTRAST, [text, background]) >= 4.5
    # Against the options around it (the list's background), the highlight itself is visible.
    assert page.evaluate(CONTRAST, [background, listbox_background]) >= 3
    kind = options.first.locator(".autocomplete__kind")
    if kind.count():
        kind_colour = kind.evaluate("el => getComputedStyle(el).color")
        assert page.evaluate(CONTRAST, [kind_colour, background]) >= 4.5
