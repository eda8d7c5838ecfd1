"""The XSS corpus in a real Chromium: no dialog fires and no request leaves the site."""

from urllib.parse import urlparse

import pytest

from community import posting
from community.models import POSTS_PER_PAGE
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.community import factories
from tests.community.xss_payloads import PAYLOADS
from tests.e2e.test_smoke import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVE_CONTENT = """() => [...document.querySelectorAll('.post__body, .post__body *')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on') || /^\\s*(javascript|data|vbscript):/i
        .test(a.value)).map(a => el.tagName + ' ' + a.name + '=' + a.value)
    .concat(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'STYLE', 'IMG', 'FORM', 'INPUT',
        'BASE', 'META', 'LINK'].includes(el.tagName) ? [el.tagName] : []))"""


def test_no_payload_runs_or_calls_out_in_the_browser(site_tree, live_server, page):
    author = MemberFactory()
    reader = MemberFactory()
    space = factories.space(slug="proefruimte")
    topic = posting.start_topic(space, author, "Proef met opmaak", "Start van de proef.")
    for payload in PAYLOADS:
        posting.reply(topic, author, payload)

    dialogs, outside = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    site = urlparse(live_server.url).netloc

    def watch(request):
        url = urlparse(request.url)
        off_site = url.scheme in {"http", "https", "ws", "wss"} and url.netloc != site
        if off_site or url.scheme not in {"http", "https", "data", "blob", "about"}:
            outside.append(request.url)

    page.on("request", watch)
    log_in(page, live_server.url, reader.email, PASSWORD)
    pages = (len(PAYLOADS) + 1 + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
    found = []
    for number in range(1, pages + 1):
        page.goto(f"{live_server.url}{topic.get_absolute_url()}?pagina={number}")
        page.locator(".post").first.wait_for()
        # Hover and focus everything a payload could have hung a handler on.
        for body in page.locator(".post__body").all()[:3]:
            body.hover()
        found += page.evaluate(ACTIVE_CONTENT)
    assert page.locator(".post").count() > 0
    assert not dialogs, dialogs
    assert not outside, outside
    assert not found, found
