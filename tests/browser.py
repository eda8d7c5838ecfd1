"""Chromium through Playwright for the browser tests in tests/e2e/."""

import contextlib
import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    return path if path and os.access(path, os.X_OK) else None


def missing_part() -> str | None:
    """What the browser tests lack on this machine, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if chromium_path() is None:
        return "Chromium not found (install Debian's chromium package or set CHROMIUM_PATH)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = missing_part()
    if missing:
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(f"Browser tests are required here, but {missing}.")
        pytest.skip(f"Browser test skipped: {missing}.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; the tests' own ORM calls are
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session", autouse=True)
def _start_browser_before_the_database(request):
    """Start Playwright before any test touches the database.

    Under Playwright's event loop Django hands out other connection objects than
    before it; if the test database were set up first, transactional tests would
    lose the snapshot that serialized_rollback restores.
    """
    wants_browser = any(item.get_closest_marker("e2e") for item in request.session.items)
    if wants_browser and (missing_part() is None or os.environ.get("PORTAL_REQUIRE_BROWSER")):
        request.getfixturevalue("browser")


# Run in the page before it closes: no more timers (a draft saved after a pause) and no
# beacon when the page is hidden (the forum editor saves a draft on leaving).
QUIET = """() => {
    navigator.sendBeacon = () => true;
    let id = setTimeout(() => {}, 0);
    while (id > 0) { clearTimeout(id); clearInterval(id); id -= 1; }
}"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    pending = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    yield page
    # A request still under way when the test ends would reach the live server while the
    # test database is being emptied ("cannot start a transaction within a transaction"):
    # silence the page, then wait for the answers to what it already sent.
    with contextlib.suppress(Exception):
        page.evaluate(QUIET)
        for request in list(pending):
            request.response()
    context.close()
