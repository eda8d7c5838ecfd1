"""The access matrix: every role against every kind of page, file, list, feed and search.

One rule decides who sees what (``accounts.access`` for who is a member,
``portal.visibility`` for pages and files, the search audiences for search). This module
asks the site itself, as each role, and fails on any leak or any wrong refusal. Every
failing check is collected and reported together: URL, role, what was expected, what came.

How it is built
    ``conftest.py`` builds the content once per module (one transaction, rolled back at
    the end) and one account per role (``ROLES``). Each item carries unique nonsense
    words: one in its title, one in what only its readers get (body, file text, place of
    an activity, show notes/chapters/transcript), one in a theme only it has. The tables
    below say, per item and role, what must happen. From them follow:

    - the page itself (``PAGES``): ok, tease (title and summary only), login (redirect to
      the login), 403 (a logged-in non-member), 404 (a member outside the group, or not
      there), pw (the password form);
    - the lists (``Item.lists``, the home page for ``Item.on_home``, the calendar feed):
      an item's title is there exactly when its page is ok or tease;
    - files (``FILES``, ``EPISODE_FILES``) and the podcast feed (``FEED``), the sitemap
      (``SITEMAP``: public pages only, for everyone);
    - search (``SEARCH``): found (Y) or not (-) by its words in the search page, the API,
      "did you mean" and the autocomplete;
    - registering for an activity (``REGISTER``);
    - everywhere: no response to a role carries a word of an item that role may not see
      (search responses: may not find), not in hits, snippets, facets, suggestions,
      lists, related content or error pages.

    The forum (``community``) has tables of its own, as its pages are not Wagtail pages:
    ``FORUM`` (every GET view: lists, spaces, topics, permalinks, quotes, the edit and
    delete forms, versions; ok, topic for a redirect to the topic, back for a redirect with
    an error message), ``FORUM_FILES`` (attachments and thumbnails), ``FORUM_POSTS`` (every
    POST: yes when the change was made; a refusal changes nothing), ``FORUM_MENTIONS`` and
    ``FORUM_MENTIONED`` (the @name suggestions: who may ask, who may be suggested). Its
    topics are rows of ``SEARCH`` too; their secrets (the space's name and description, the
    reply) and the attachments' names join the leak checks of every test above.

    ``test_every_url_pattern`` walks every URL pattern of the site (no list to keep up
    to date) as the roles in ``WALK_ROLES``: it must never answer 500, the admin must
    refuse every role that is not SAM staff, and what answers 200 to a visitor must be on
    ``OPEN_TO_VISITORS``. The other roles knock on the admin's doors (``ADMIN_SAMPLE``).

How a new app joins the matrix
    1. Add a builder to ``ITEM_BUILDERS`` in ``tests/access/conftest.py``: a function
       ``(world) -> list[Item]`` that creates the app's content (public and restricted,
       with unique words in title and body) and returns an ``Item`` per thing, naming the
       list pages where its title shows (``lists``) and its files (``files``).
    2. Add a row per item to ``PAGES`` or ``FILES`` (the forum's: ``FORUM``, ``FORUM_FILES``),
       and to ``SEARCH`` (``-`` when it is never indexed);
       ``test_every_item_has_a_row_in_every_table`` fails until you do.
       A new role is a column in every table and an account in ``conftest._users``.
    3. New list pages (an overview, a feed) go in ``Item.lists``; new URL patterns are
       walked by themselves: give their parameters a value in ``NUMERIC_PARAMETERS`` /
       ``TEXT_PARAMETERS``, or, if they cannot be built, add them to ``HAND_BUILT`` or
       ``SKIPPED_PATTERNS`` with the reason. A new page that answers 200 to a visitor
       goes on ``OPEN_TO_VISITORS``.
"""

import re
from urllib.parse import urlsplit

from django.contrib import messages
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

import pytest
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from .conftest import FORUM_CLOSED_SLUG, FORUM_SHARED_WORD, PASSWORD, ROLES

pytestmark = pytest.mark.django_db

# Column headings of the tables, one per role in conftest.ROLES.
COLUMNS = ("visit", "pend", "rejct", "unver", "inact", "exstf", "membr", "group", "polic")
COLUMNS += ("staff", "super")
#   visit: not logged in            exstf: SAM staff, approval withdrawn (still in the group)
#   pend:  waiting for approval     membr: approved member
#   rejct: rejected                 group: member of "Regio Gent"
#   unver: email not verified       polic: policy worker
#   inact: deactivated account      staff: SAM staff      super: superuser


def _table(text: str) -> dict[str, dict[str, str]]:
    rows = [line.split() for line in text.strip().splitlines() if line.strip()]
    assert tuple(rows[0]) == COLUMNS, "the table's heading must name the roles in conftest.ROLES"
    table = {}
    for row in rows[1:]:
        assert len(row) == len(COLUMNS) + 1, f"row {row[0]} needs one cell per role"
        table[row[0]] = dict(zip(ROLES, row[1:], strict=True))
    return table


# What a GET of the page gives.
PAGES = _table("""
                  visit pend  rejct unver inact exstf membr group polic staff super
public_product    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
members_product   tease tease tease tease tease tease ok    ok    ok    ok    ok
login_product     login 403   403   403   login 403   ok    ok    ok    ok    ok
group_product     login 403   403   403   login 403   404   ok    404   ok    ok
password_product  pw    pw    pw    pw    pw    pw    pw    pw    pw    ok    ok
draft_product     404   404   404   404   404   404   404   404   404   404   404
public_activity   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
group_activity    login 403   403   403   login 403   404   ok    404   ok    ok
public_episode    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
login_episode     login 403   403   403   login 403   ok    ok    ok    ok    ok
""")

# What a download of the file gives (Wagtail documents).
FILES = _table("""
                  visit pend  rejct unver inact exstf membr group polic staff super
public_doc        ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
members_doc       login 403   403   403   login 403   ok    ok    ok    ok    ok
group_doc         login 403   403   403   login 403   404   ok    404   ok    ok
password_doc      login 403   403   403   login 403   404   404   404   ok    ok
draft_doc         login 403   403   403   login 403   404   404   404   ok    ok
unused_doc        login 403   403   403   login 403   404   404   404   ok    ok
public_material   login 403   403   403   login 403   ok    ok    ok    ok    ok
group_material    login 403   403   403   login 403   404   ok    404   ok    ok
shared_doc        login 403   403   403   login 403   404   ok    404   ok    ok
""")

# Audio, chapters and transcripts (vtt, srt) of an episode: the episode's own rule.
EPISODE_FILES = _table("""
                  visit pend  rejct unver inact exstf membr group polic staff super
public_episode    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
login_episode     404   404   404   404   404   404   ok    ok    ok    ok    ok
""")

# Found by search (Y) or not (-). Password pages and what only drafts use are never indexed.
SEARCH = _table("""
                    visit pend  rejct unver inact exstf membr group polic staff super
public_product      Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y
members_product     -     -     -     -     -     -     Y     Y     Y     Y     Y
login_product       -     -     -     -     -     -     Y     Y     Y     Y     Y
group_product       -     -     -     -     -     -     -     Y     -     Y     Y
password_product    -     -     -     -     -     -     -     -     -     -     -
draft_product       -     -     -     -     -     -     -     -     -     -     -
public_activity     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y
group_activity      -     -     -     -     -     -     -     Y     -     Y     Y
public_episode      Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y
login_episode       -     -     -     -     -     -     Y     Y     Y     Y     Y
public_doc          Y     Y     Y     Y     Y     Y     Y     Y     Y     Y     Y
members_doc         -     -     -     -     -     -     Y     Y     Y     Y     Y
group_doc           -     -     -     -     -     -     -     Y     -     Y     Y
password_doc        -     -     -     -     -     -     -     -     -     -     -
draft_doc           -     -     -     -     -     -     -     -     -     -     -
unused_doc          -     -     -     -     -     -     -     -     -     -     -
public_material     -     -     -     -     -     -     Y     Y     Y     Y     Y
group_material      -     -     -     -     -     -     -     Y     -     Y     Y
shared_doc          -     -     -     -     -     -     -     Y     -     Y     Y
forum_open_topic    -     -     -     -     -     -     Y     Y     Y     Y     Y
forum_closed_topic  -     -     -     -     -     -     -     Y     -     Y     Y
forum_news_topic    -     -     -     -     -     -     Y     Y     Y     Y     Y
""")

# Registering for an activity (POST .../inschrijven/): "yes" when a registration results.
REGISTER = _table("""
                  visit pend  rejct unver inact exstf membr group polic staff super
public_activity   login 403   403   403   login 403   yes   yes   yes   yes   yes
group_activity    login 403   403   403   login 403   404   yes   404   yes   yes
""")

# In /sitemap.xml, for every role: the pages a visitor may open (a teaser counts).
SITEMAP = {"public_product", "public_activity", "public_episode"}
# In the show's podcast feed, for every role: the feed is public and cached for all.
FEED = {"public_episode"}

VISIBLE = ("ok", "tease")
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
PASSWORD_FORM = "authenticate_with_password"
SEARCH_URLS = ("/zoeken/", "/api/v1/search/")
AUTOCOMPLETE_URL = "/api/v1/search/autocomplete/"


# --- helpers ----------------------------------------------------------------------------


class Checks:
    """Counts checks and collects failures, so one run reports every failing check."""

    def __init__(self, role: str):
        self.role = role
        self.count = 0
        self.leak_count = 0
        self.failures: list[str] = []

    def expect(self, url: str, what: str, expected, got) -> None:
        self.count += 1
        if expected != got:
            self.failures.append(f"{url} as {self.role}: {what}: expected {expected}, got {got}")

    def refused(self, url: str, what: str, got: str) -> None:
        """A refusal of any kind: the login, 403 or 404."""
        refusal = "refusal (login, 403 or 404)"
        self.expect(url, what, refusal, refusal if got in ("login", "403", "404") else got)

    def no_leak(self, url: str, text: str, forbidden: dict[str, str], asked=()) -> None:
        """None of the words of items this role may not see is in the response."""
        text = text.lower()
        for word, key in forbidden.items():
            if word in asked:
                continue  # the query itself is echoed
            self.leak_count += 1
            if word in text:
                self.failures.append(
                    f"{url} as {self.role}: leak: contains {word!r} of {key} (expected absent)"
                )

    def verify(self) -> None:
        print(
            f"\n[{self.role}] {self.count} outcome checks, {self.leak_count} leak checks, "
            f"{len(self.failures)} failing"
        )
        assert not self.failures, f"{len(self.failures)} failing checks:\n" + "\n".join(
            self.failures
        )


def _client(world, role: str) -> Client:
    client = Client()
    client.raise_request_exception = False
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _refusal(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return "login" if urlsplit(location).path in LOGIN_PATHS else f"redirect to {location}"
    return str(response.status_code)


def _page_outcome(response, item) -> str:
    if response.status_code != 200:
        return _refusal(response)
    text = _text(response).lower()
    if PASSWORD_FORM in text:
        return "pw"
    return "ok" if item.body_word in text else "tease"


def _file_outcome(response) -> str:
    if response.status_code in (200, 206):
        if getattr(response, "streaming", False):
            # Read through the test client's wrapper: a bare response.close() fires
            # request_finished, which closes the PostgreSQL connection mid-transaction.
            b"".join(response.streaming_content)
        return "ok"
    return _refusal(response)


def _forbidden(world, role: str, *, search: bool = False) -> dict[str, str]:
    """Word -> item, for every word of what ``role`` may not see (or, in search, find)."""
    words = {}
    for item in world.items.values():
        hidden: tuple[str, ...] = ()
        if item.kind == "page":
            seen = PAGES[item.key][role]
            if seen == "tease":
                hidden = (item.body_word, *item.secrets)
            elif seen not in VISIBLE:
                hidden = (item.title_word, item.body_word, *item.secrets)
        elif item.kind == "forum":
            if FORUM[item.key][role] != "ok":
                hidden = (item.title_word, item.body_word, *item.secrets)
        elif item.kind == "forum_file":
            if FORUM_FILES[item.key][role] != "ok":
                hidden = (item.title_word, item.body_word)
        elif FILES[item.key][role] != "ok":
            hidden = (item.title_word, item.body_word)
        if search and item.key in SEARCH and SEARCH[item.key][role] == "-":
            hidden = (*hidden, item.title_word, item.body_word, *item.secrets)
            if item.theme_word:
                hidden = (*hidden, item.theme_word)
        for word in hidden:
            if word:
                words[word] = item.key
    return words


def _typo(word: str) -> str:
    """The word with one letter changed: "did you mean" should offer the word itself."""
    return word[:3] + ("a" if word[3] != "a" else "e") + word[4:]


def _pages(world):
    return [item for item in world.items.values() if item.kind == "page"]


# --- the tables cover the content ---------------------------------------------------------


def test_every_item_has_a_row_in_every_table(world):
    pages = {item.key for item in world.items.values() if item.kind == "page"}
    files = {item.key for item in world.items.values() if item.kind == "file"}
    topics = {item.key for item in world.items.values() if item.kind == "forum"}
    forum_files = {item.key for item in world.items.values() if item.kind == "forum_file"}
    assert {item.kind for item in world.items.values()} == {"page", "file", "forum", "forum_file"}
    assert set(PAGES) == pages
    assert set(FILES) == files
    assert set(SEARCH) == pages | files | topics
    assert topics <= set(FORUM) and forum_files <= set(FORUM_FILES)
    assert set(_forum_urls(world)) == set(FORUM)
    assert set(_forum_file_urls(world)) == set(FORUM_FILES)
    assert set(FORUM_POSTS) == set(FORUM_ACTIONS)
    assert set(FORUM_MENTIONS) == set(FORUM_MENTIONED) == {"open", "closed", "news"}
    episodes = {item.key for item in world.items.values() if item.files and item.kind == "page"}
    assert set(EPISODE_FILES) == episodes
    assert SITEMAP.issubset(pages) and FEED.issubset(episodes)
    activities = {item.key for item in world.items.values() if item.calendar_url}
    assert set(REGISTER) == activities
    words = [
        word
        for item in world.items.values()
        for word in (
            *item.words(),
            item.theme_word,
            *(item.secrets if item.kind == "forum" else ()),
        )
    ]
    words = [word for word in words if word]
    assert len(words) == len(set(words)), "every item needs words of its own"


# --- pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_pages(world, role):
    """Each page as each role: let in, teaser, login, 403, 404 or password form."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    for item in _pages(world):
        expected = PAGES[item.key][role]
        response = client.get(item.url)
        checks.expect(item.url, f"page {item.key}", expected, _page_outcome(response, item))
        checks.no_leak(item.url, _text(response), forbidden)
        if item.calendar_url:
            response = client.get(item.calendar_url)
            got = _refusal(response) if response.status_code != 200 else "ok"
            want = expected if expected != "tease" else "ok"
            checks.expect(item.calendar_url, f"calendar of {item.key}", want, got)
            checks.no_leak(item.calendar_url, _text(response), forbidden)
            if got == "ok":
                checks.expect(
                    item.calendar_url,
                    f"start of {item.key} in its calendar",
                    True,
                    all(secret in _text(response) for secret in item.secrets),
                )
    checks.verify()


# --- files -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_files(world, role):
    """Documents and episode files: downloaded exactly by who may read them."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    for key, row in FILES.items():
        item = world.items[key]
        response = client.get(item.url)
        checks.expect(item.url, f"download {key}", row[role], _file_outcome(response))
        if response.status_code not in (200, 206):
            checks.no_leak(item.url, _text(response), forbidden)
    for key, row in EPISODE_FILES.items():
        item = world.items[key]
        for name, url in item.files.items():
            response = client.get(url)
            if name != "audio" and response.status_code == 200:
                checks.expect(
                    url,
                    f"{name} of {key} has its text",
                    True,
                    item.body_word in (_text(response).lower()),
                )
            checks.expect(url, f"{name} of {key}", row[role], _file_outcome(response))
            if name != "audio" or response.status_code != 200:
                checks.no_leak(url, _text(response), forbidden)
    checks.verify()


# --- lists, feeds, sitemap --------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_lists_feeds_and_sitemap(world, role):
    """Overviews, the home page, calendars and feeds show exactly what the role may see."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    lists = ["/", *dict.fromkeys(url for item in _pages(world) for url in item.lists)]
    for url in lists:
        response = client.get(url)
        checks.expect(url, "status", 200, response.status_code)
        text = _text(response).lower()
        checks.no_leak(url, text, forbidden)
        for item in _pages(world):
            shown = item.on_home if url == "/" else url in item.lists
            if not shown:
                continue
            visible = PAGES[item.key][role] in VISIBLE
            if url == "/" and not visible:
                continue  # the leak check above covers it; the home shows the newest only
            checks.expect(url, f"{item.key} listed", visible, item.title_word in text)
            for secret in item.secrets:
                if url.endswith("/agenda/"):
                    checks.expect(url, f"{item.key}'s start", visible, secret.lower() in text)

    response = client.get("/sitemap.xml")
    text = _text(response)
    checks.expect("/sitemap.xml", "status", 200, response.status_code)
    checks.no_leak("/sitemap.xml", text, forbidden)
    for item in _pages(world):
        checks.expect("/sitemap.xml", f"{item.key} listed", item.key in SITEMAP, item.url in text)

    feed_url = f"{world.show_url}feed/"
    response = client.get(feed_url)
    text = _text(response).lower()
    checks.expect(feed_url, "status", 200, response.status_code)
    checks.no_leak(feed_url, text, forbidden)
    for key in EPISODE_FILES:
        item = world.items[key]
        checks.expect(feed_url, f"{key} in the feed", key in FEED, item.title_word in text)
    checks.verify()


# --- search ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_search(world, role):
    """Search page, API, "did you mean" and autocomplete: found exactly what the role may
    see, and no word of anything else anywhere in the answer (hits, snippets, facets)."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role, search=True)
    for key, row in SEARCH.items():
        item = world.items[key]
        found = row[role] == "Y"
        for url in SEARCH_URLS:
            response = client.get(url, {"q": item.body_word})
            where = f"{url}?q={item.body_word}"
            checks.expect(where, "status", 200, response.status_code)
            text = _text(response).lower()
            checks.no_leak(where, text, forbidden, asked={item.body_word})
            checks.expect(where, f"finds {key}", found, item.title_word in text)
            if item.theme_word:
                checks.expect(where, f"facet of {key}", found, item.theme_word in text)

            typo = _typo(item.body_word)
            response = client.get(url, {"q": typo})
            where = f"{url}?q={typo}"
            text = _text(response).lower()
            checks.no_leak(where, text, forbidden)
            checks.expect(
                where, f"suggests {item.body_word} ({key})", found, item.body_word in text
            )

        for word in item.words():
            prefix = word[:5]
            response = client.get(AUTOCOMPLETE_URL, {"q": prefix})
            where = f"{AUTOCOMPLETE_URL}?q={prefix}"
            text = _text(response).lower()
            checks.no_leak(where, text, forbidden)
            checks.expect(where, f"completes {word} ({key})", found, word in text)
    checks.verify()


@pytest.mark.parametrize("role", ROLES)
def test_registering_for_activities(world, role):
    """Only who may see an activity can register for it (members: see REGISTER)."""
    from knowledge.models import Registration

    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    user = world.users[role]
    for key, row in REGISTER.items():
        item = world.items[key]
        url = f"{item.url}inschrijven/"
        response = client.post(url)
        registered = (
            user is not None
            and Registration.objects.filter(
                activity=item.obj, user=user, status="registered"
            ).exists()
        )
        got = "yes" if registered else _refusal(response)
        checks.expect(url, f"POST registration for {key}", row[role], got)
        checks.no_leak(url, _text(response), forbidden)
    checks.verify()


# --- the forum --------------------------------------------------------------------------
#
# The forum's own rule (community.access): members see open spaces, a closed space only
# its group (and SAM staff); only SAM staff start topics in the announcements. Outcomes:
# ok (200), topic (redirected to the topic's page), back (redirected with an error
# message: the member may see it but not do it), login, 403, 404.

# What a GET gives. _space: the space page; _topic_short: the topic without its slug;
# _post: the reply's permalink (the announcement's first post); _quote: the reply as a
# quote (JSON); _edit, _delete: the forms for someone else's reply; _versions: its earlier
# versions (moderators); forum_open_quoting_closed: the open topic asked to quote the
# closed reply (?citeer=); _flag: the form to report the reply to the moderators; _hide,
# _split: the moderators' forms to hide the reply and to split replies off the topic.
FORUM = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
forum_index               login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_latest              login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_unread              login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_space          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_closed_space        login 403   403   403   login 403   404   ok    404   ok    ok
forum_news_space          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_new_topic      login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_closed_new_topic    login 403   403   403   login 403   404   ok    404   ok    ok
forum_news_new_topic      login 403   403   403   login 403   back  back  back  ok    ok
forum_open_topic          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_closed_topic        login 403   403   403   login 403   404   ok    404   ok    ok
forum_news_topic          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_topic_short    login 403   403   403   login 403   topic topic topic topic topic
forum_closed_topic_short  login 403   403   403   login 403   404   topic 404   topic topic
forum_open_post           login 403   403   403   login 403   topic topic topic topic topic
forum_closed_post         login 403   403   403   login 403   404   topic 404   topic topic
forum_news_post           login 403   403   403   login 403   topic topic topic topic topic
forum_open_first_unread   login 403   403   403   login 403   topic topic topic topic topic
forum_closed_first_unread login 403   403   403   login 403   404   topic 404   topic topic
forum_news_first_unread   login 403   403   403   login 403   topic topic topic topic topic
forum_open_quote          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_closed_quote        login 403   403   403   login 403   404   ok    404   ok    ok
forum_open_quoting_closed login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_edit           login 403   403   403   login 403   back  back  back  ok    ok
forum_closed_edit         login 403   403   403   login 403   404   back  404   ok    ok
forum_open_delete         login 403   403   403   login 403   back  back  back  ok    ok
forum_closed_delete       login 403   403   403   login 403   404   back  404   ok    ok
forum_open_versions       login 403   403   403   login 403   404   404   404   ok    ok
forum_closed_versions     login 403   403   403   login 403   404   404   404   ok    ok
forum_open_flag           login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_closed_flag         login 403   403   403   login 403   404   ok    404   ok    ok
forum_open_hide           login 403   403   403   login 403   404   404   404   ok    ok
forum_closed_hide         login 403   403   403   login 403   404   404   404   ok    ok
forum_open_split          login 403   403   403   login 403   404   404   404   ok    ok
forum_closed_split        login 403   403   403   login 403   404   404   404   ok    ok
""")

# Downloads of the replies' attachments and the images' thumbnails. _renamed: the image
# asked under another name (named: redirected to its real name, which only its readers
# may learn).
FORUM_FILES = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
forum_open_pdf            login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_image          login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_thumbnail      login 403   403   403   login 403   ok    ok    ok    ok    ok
forum_open_renamed        login 403   403   403   login 403   named named named named named
forum_closed_pdf          login 403   403   403   login 403   404   ok    404   ok    ok
forum_closed_image        login 403   403   403   login 403   404   ok    404   ok    ok
forum_closed_thumbnail    login 403   403   403   login 403   404   ok    404   ok    ok
forum_closed_renamed      login 403   403   403   login 403   404   named 404   named named
""")

# POSTs, as a browser sends them: yes when the change was made; anything else must change
# nothing. 400: the form was refused. The replies (edit, delete, mark as the solution)
# are someone else's; _own: a reply of the role's own account in the open topic (the
# visitor has none: it tries someone else's). draft_*: a reply draft; topic_draft_*: a
# draft of a new topic (in the announcements: only SAM staff); mention_outsider: a reply
# in the closed topic that names the plain member, who cannot see it; preview: the
# editor's preview (changes nothing). flag_*: a report on the reply; hide_*: a moderator
# hides the reply; lock_*: a moderator closes the topic for replies.
FORUM_POSTS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
reply_open                login 403   403   403   login 403   yes   yes   yes   yes   yes
reply_closed              login 403   403   403   login 403   404   yes   404   yes   yes
reply_news                login 403   403   403   login 403   yes   yes   yes   yes   yes
topic_open                login 403   403   403   login 403   yes   yes   yes   yes   yes
topic_closed              login 403   403   403   login 403   404   yes   404   yes   yes
topic_news                login 403   403   403   login 403   back  back  back  yes   yes
react_open                login 403   403   403   login 403   yes   yes   yes   yes   yes
react_closed              login 403   403   403   login 403   404   yes   404   yes   yes
solution_open             login 403   403   403   login 403   back  back  back  yes   yes
solution_closed           login 403   403   403   login 403   404   back  404   yes   yes
edit_open                 login 403   403   403   login 403   back  back  back  yes   yes
edit_closed               login 403   403   403   login 403   404   back  404   yes   yes
delete_open               login 403   403   403   login 403   back  back  back  yes   yes
delete_closed             login 403   403   403   login 403   404   back  404   yes   yes
edit_own                  login 403   403   403   login 403   yes   yes   yes   yes   yes
delete_own                login 403   403   403   login 403   yes   yes   yes   yes   yes
flag_open                 login 403   403   403   login 403   yes   yes   yes   yes   yes
flag_closed               login 403   403   403   login 403   404   yes   404   yes   yes
hide_open                 login 403   403   403   login 403   404   404   404   yes   yes
hide_closed               login 403   403   403   login 403   404   404   404   yes   yes
lock_open                 login 403   403   403   login 403   404   404   404   yes   yes
lock_closed               login 403   403   403   login 403   404   404   404   yes   yes
draft_open                login 403   403   403   login 403   yes   yes   yes   yes   yes
draft_closed              login 403   403   403   login 403   404   yes   404   yes   yes
topic_draft_closed        login 403   403   403   login 403   404   yes   404   yes   yes
topic_draft_news          login 403   403   403   login 403   403   403   403   yes   yes
mention_outsider          login 403   403   403   login 403   404   400   404   400   400
preview                   login 403   403   403   login 403   ok    ok    ok    ok    ok
""")

# Asking for names to mention in a space (/forum/leden/?ruimte=<space>&q=...).
FORUM_MENTIONS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
open                      login 403   403   403   login 403   ok    ok    ok    ok    ok
closed                    login 403   403   403   login 403   404   ok    404   ok    ok
news                      login 403   403   403   login 403   ok    ok    ok    ok    ok
""")

# Who is suggested (Y) for a mention in a space, by the account's role (the visitor has
# no account). The forum's authors count as their role: FORUM_AUTHOR_ROLES.
FORUM_MENTIONED = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
open                      -     -     -     -     -     -     Y     Y     Y     Y     Y
closed                    -     -     -     -     -     -     -     Y     -     Y     Y
news                      -     -     -     -     -     -     Y     Y     Y     Y     Y
""")
FORUM_AUTHOR_ROLES = {
    "open_author": "member",
    "colleague": "member",
    "closed_author": "group_member",
    "staff_author": "staff",
}
FORUM_SPACES = ("open", "closed", "news")

# Notifications and the forum's odd POSTs: "meldingen" and its settings (GET), "alles
# gelezen" on Nieuw & ongelezen (POST) and a staff-only draft knowledge product made from a
# solved topic (POST; "admin": sent to the draft in the Wagtail editor).
NOTIFICATION_PAGES = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
meldingen                 login 403   403   403   login 403   ok    ok    ok    ok    ok
instellingen              login 403   403   403   login 403   ok    ok    ok    ok    ok
""")
FORUM_MORE_POSTS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
mark_all_read             login 403   403   403   login 403   back  back  back  back  back
knowledge_draft           login 403   403   403   login 403   403   403   403   admin admin
""")
# Row of FORUM_POSTS -> (what is done, in which space).
FORUM_ACTIONS = {
    **{row: tuple(row.rsplit("_", 1)) for row in FORUM_POSTS if row.endswith(FORUM_SPACES)},
    "edit_own": ("edit_own", "open"),
    "delete_own": ("delete_own", "open"),
    "mention_outsider": ("mention_outsider", "closed"),
    "preview": ("preview", "open"),
}
REDIRECTS = (301, 302, 303, 307, 308)


def _forum_topics(world):
    return [item for item in world.items.values() if item.kind == "forum"]


def _forum_urls(world) -> dict[str, str]:
    """Row of FORUM -> the URL it asks for."""
    o = world.objects
    urls = {
        "forum_index": reverse("community:index"),
        "forum_latest": reverse("community:latest"),
        "forum_unread": reverse("community:unread"),
    }
    for name in FORUM_SPACES:
        space, topic = o[f"forum_{name}_space"], o[f"forum_{name}_topic"]
        post = o.get(f"forum_{name}_reply") or o[f"forum_{name}_first"]
        row = f"forum_{name}_"
        urls[row + "space"] = space.get_absolute_url()
        urls[row + "new_topic"] = reverse("community:new_topic", args=[space.slug])
        urls[row + "topic"] = topic.get_absolute_url()
        urls[row + "topic_short"] = reverse("community:topic_short", args=[topic.pk])
        urls[row + "post"] = reverse("community:post", args=[post.pk])
        urls[row + "first_unread"] = reverse("community:first_unread", args=[topic.pk])
        for view in ("quote", "edit", "delete", "versions", "flag", "hide"):
            name_ = {
                "edit": "edit_post",
                "delete": "delete_post",
                "versions": "post_versions",
                "flag": "flag_post",
                "hide": "hide_post",
            }
            urls[row + view] = reverse(f"community:{name_.get(view, view)}", args=[post.pk])
        urls[row + "split"] = reverse("community:split_topic", args=[topic.pk])
    closed_reply = o["forum_closed_reply"].pk
    urls["forum_open_quoting_closed"] = f"{urls['forum_open_topic']}?citeer={closed_reply}"
    return {row: url for row, url in urls.items() if row in FORUM}


def _forum_file_urls(world) -> dict[str, str]:
    urls = {}
    for name in ("open", "closed"):
        pdf, image = world.items[f"forum_{name}_pdf"], world.items[f"forum_{name}_image"]
        urls[pdf.key] = pdf.url
        urls[image.key] = image.url
        urls[f"forum_{name}_thumbnail"] = image.files["thumbnail"]
        urls[f"forum_{name}_renamed"] = reverse(
            "community:attachment", args=[image.obj.pk, "x.png"]
        )
    return urls


def _error_message(response) -> bool:
    """The view added an error message to this request (a refusal sent back)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", ())
    return any(message.level >= messages.ERROR for message in queued)


def _forum_answer(response, topic_url: str = "") -> str:
    status = response.status_code
    if status in REDIRECTS:
        path = urlsplit(response["Location"]).path
        if path in LOGIN_PATHS:
            return "login"
        if _error_message(response):
            return "back"
        if topic_url and path == urlsplit(topic_url).path:
            return "topic"
        return f"redirect to {path}"
    return "ok" if status == 200 else str(status)


def _asked(url: str, forbidden: dict[str, str]) -> set[str]:
    """Words the request itself carries (a topic's slug, a file's name): echoes, not leaks."""
    url = url.lower()
    return {word for word in forbidden if word in url}


def _forum_leaks(checks, url, response, forbidden) -> None:
    text = _text(response) + " " + response.get("Location", "")
    checks.no_leak(url, text, forbidden, asked=_asked(url, forbidden))


def _topic_of(row: str, world) -> str:
    for name in FORUM_SPACES:
        if f"_{name}_" in row:
            return world.objects[f"forum_{name}_topic"].get_absolute_url()
    return ""


@pytest.mark.parametrize("role", ROLES)
def test_forum_pages(world, role):
    """Every GET view of the forum as each role (FORUM); the lists, counts and the home page
    show exactly the topics the role may see, and nothing of the others anywhere."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    urls = _forum_urls(world)
    topics = _forum_topics(world)
    seen = {item.key: FORUM[item.key][role] == "ok" for item in topics}
    # The lists first: opening a topic marks it read, which changes the unread count.
    lists = [row for row in FORUM if row.endswith(("_index", "_latest", "_unread", "_space"))]
    rows = lists + [row for row in FORUM if row not in lists]
    for row in rows:
        url = urls[row]
        headers = {"HTTP_ACCEPT": "application/json"} if row.endswith("_quote") else {}
        response = client.get(url, **headers)
        got = _forum_answer(response, _topic_of(row, world))
        checks.expect(url, row, FORUM[row][role], got)
        _forum_leaks(checks, url, response, forbidden)
        if got != "ok":
            continue
        text = _text(response).lower()
        if row in lists:
            # Every topic is new to the roles: the unread count is what they may see.
            unread = response.context["unread_count"]
            checks.expect(url, "unread count", sum(seen.values()), unread)
            for item in topics:
                in_space = row.endswith("_space") and row == item.key.replace("_topic", "_space")
                listed = seen[item.key] if not row.endswith("_space") else in_space
                checks.expect(url, f"{item.key} listed", listed, item.title_word in text)
                if row == "forum_index":
                    space_name = item.secrets[0]
                    checks.expect(
                        url, f"space of {item.key} listed", seen[item.key], space_name in text
                    )
        elif row in ("forum_open_topic", "forum_closed_topic"):
            item = world.items[row]
            name = row.split("_")[1]
            words = (item.body_word, item.secrets[-1])
            words += (world.items[f"forum_{name}_pdf"].title_word,)
            words += (world.items[f"forum_{name}_image"].title_word,)
            checks.expect(url, "shows its posts and files", True, all(w in text for w in words))
            thumbnail = world.items[f"forum_{name}_image"].files["thumbnail"]
            checks.expect(url, "shows the thumbnail", True, thumbnail in text)
        elif row.endswith(("_quote", "_edit", "_delete", "_versions", "_flag", "_hide", "_split")):
            reply_word = world.items[_topic_key(row)].secrets[-1]
            checks.expect(url, "shows the reply", True, reply_word in text)

    # The home page's forum block: the newest topics the role may see.
    response = client.get("/")
    checks.expect("/", "status", 200, response.status_code)
    text = _text(response).lower()
    _forum_leaks(checks, "/", response, forbidden)
    for item in topics:
        checks.expect("/", f"{item.key} on the home page", seen[item.key], item.title_word in text)
    checks.verify()


def _topic_key(row: str) -> str:
    name = next(name for name in FORUM_SPACES if f"_{name}_" in row)
    return f"forum_{name}_topic"


@pytest.mark.parametrize("role", ROLES)
def test_forum_files(world, role):
    """Attachments and thumbnails: served exactly to who may see the topic (FORUM_FILES)."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    for row, url in _forum_file_urls(world).items():
        response = client.get(url)
        expected = FORUM_FILES[row][role]
        if response.status_code in (200, 206):
            content = (
                b"".join(response.streaming_content)  # not response.close(): see _file_outcome
                if getattr(response, "streaming", False)
                else response.content
            )
            got = "ok"
            item = world.items.get(row)
            if item is not None:
                signature = b"%PDF-" if row.endswith("_pdf") else b"\x89PNG"
                whole = content.startswith(signature) and item.body_word.encode() in content
                checks.expect(url, f"{row} is the file itself", True, whole)
            else:
                checks.expect(url, f"{row} is a WebP", True, content[8:12] == b"WEBP")
        else:
            got = _forum_answer(response)
            if row.endswith("_renamed"):
                image = world.items[row.replace("_renamed", "_image")]
                got = "named" if got == f"redirect to {image.url}" else got
            _forum_leaks(checks, url, response, forbidden)
        checks.expect(url, f"download {row}", expected, got)
    checks.verify()


@pytest.mark.parametrize("role", ROLES)
def test_forum_mentions(world, role):
    """Names to @mention: only who may see the space asks (FORUM_MENTIONS), and only who
    may see it is suggested (FORUM_MENTIONED), never someone outside a closed space."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    asker = world.users[role]
    accounts = [(key, user) for key, user in world.users.items() if user is not None]
    accounts += [
        (FORUM_AUTHOR_ROLES[key], user) for key, user in world.objects["forum_authors"].items()
    ]
    url = reverse("community:members")
    for name in FORUM_SPACES:
        space = world.objects[f"forum_{name}_space"]
        expected = FORUM_MENTIONS[name][role]
        response = client.get(url, {"ruimte": space.pk, "q": "forum"})
        where = f"{url}?ruimte={space.pk} ({name})"
        checks.expect(where, f"names for the {name} space", expected, _forum_answer(response))
        _forum_leaks(checks, where, response, forbidden)
        if expected != "ok" or name == "news":
            continue  # the announcements follow the open space's rule
        for account_role, user in accounts:
            # By last name: the answer holds at most 8 names, the same last name rarely two.
            response = client.get(url, {"ruimte": space.pk, "q": user.last_name})
            names = {suggestion["username"] for suggestion in response.json()}
            wanted = FORUM_MENTIONED[name][account_role] == "Y" and user != asker
            checks.expect(
                f"{where}&q={user.last_name}",
                f"suggests {user.username} ({account_role})",
                wanted,
                user.username in names,
            )
    checks.verify()


@pytest.mark.parametrize("role", ROLES)
def test_forum_search(world, role):
    """The forum in search: its posts found exactly by who may see them (SEARCH rows of the
    topics), the counts too; the replies' words complete only for them."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role, search=True)
    topics = _forum_topics(world)
    found = {item.key: SEARCH[item.key][role] == "Y" for item in topics}
    # Every forum post carries the shared word: the total counts the posts the role may find.
    posts = {item.key: item.obj.post_count for item in topics}
    expected_total = sum(posts[key] for key, yes in found.items() if yes)
    api = "/api/v1/search/"
    response = client.get(api, {"q": FORUM_SHARED_WORD})
    where = f"{api}?q={FORUM_SHARED_WORD}"
    data = response.json()
    # "documents" counts every post; "total" counts the topics, posts grouped under them.
    checks.expect(where, "total", expected_total, data["documents"])
    counts = [value["count"] for values in data["facets"].values() for value in values]
    checks.expect(where, "no facet counts more", True, all(c <= expected_total for c in counts))
    checks.no_leak(where, _text(response), forbidden)
    response = client.get("/zoeken/", {"q": FORUM_SHARED_WORD})
    text = _text(response).lower()
    checks.no_leak(f"/zoeken/?q={FORUM_SHARED_WORD}", text, forbidden)
    for item in topics:
        checks.expect(
            f"/zoeken/?q={FORUM_SHARED_WORD}",
            f"finds {item.key}",
            found[item.key],
            item.title_word in text,
        )
    for item in topics:
        words = [item.title_word, item.body_word]
        if len(item.secrets) > 2:
            words.append(item.secrets[-1])  # the reply
        for word in words:
            response = client.get(api, {"q": word})
            where = f"{api}?q={word}"
            total = response.json()["total"]
            checks.expect(where, f"finds {item.key}", found[item.key], total >= 1)
            checks.no_leak(where, _text(response), forbidden, asked={word})
        reply_word = item.secrets[-1] if len(item.secrets) > 2 else ""
        if reply_word:
            prefix = reply_word[:5]
            response = client.get(AUTOCOMPLETE_URL, {"q": prefix})
            where = f"{AUTOCOMPLETE_URL}?q={prefix}"
            text = _text(response).lower()
            checks.no_leak(where, text, forbidden)
            checks.expect(
                where, f"completes {reply_word} ({item.key})", found[item.key], reply_word in text
            )
    checks.verify()


def _forum_state() -> tuple:
    """Everything a forum POST could change."""
    from community.models import (
        Attachment,
        Draft,
        Flag,
        Mention,
        ModerationAction,
        Post,
        PostRevision,
        Reaction,
        Topic,
    )

    return (
        Attachment.objects.count(),
        Draft.objects.count(),
        Flag.objects.count(),
        Mention.objects.count(),
        ModerationAction.objects.count(),
        PostRevision.objects.count(),
        Reaction.objects.count(),
        tuple(
            Post.objects.order_by("pk").values_list(
                "pk", "body", "deleted_at", "edited_at", "hidden_at"
            )
        ),
        tuple(
            Topic.objects.order_by("pk").values_list(
                "pk", "title", "post_count", "solution", "locked", "space"
            )
        ),
    )


def _forum_action(world, row: str, user):
    """(URL, data, made) for a row of FORUM_POSTS; made() says whether the change is there.
    Runs inside the test's savepoint, so the role's own reply is made here."""
    from community import posting
    from community.models import Draft, Flag, Post, Reaction, Topic

    o = world.objects
    action, name = FORUM_ACTIONS[row]
    space, topic = o[f"forum_{name}_space"], o[f"forum_{name}_topic"]
    reply = o.get(f"forum_{name}_reply")
    if action.endswith("_own") and user is not None:
        reply = posting.reply(topic, user, "Mijn eigen antwoord.")
    text = f"Uit de matrix: {row}."
    if action == "reply":
        url, data = reverse("community:reply", args=[topic.pk]), {"body": text}
        return url, data, lambda: Post.objects.filter(topic=topic, body=text).exists()
    if action == "mention_outsider":
        body = f"Vraag het aan @{world.users['member'].username}."
        url, data = reverse("community:reply", args=[topic.pk]), {"body": body}
        return url, data, lambda: Post.objects.filter(body=body).exists()
    if action == "topic":
        url = reverse("community:new_topic", args=[space.slug])
        data = {"title": text, "body": text}
        return url, data, lambda: Topic.objects.filter(space=space, title=text).exists()
    if action == "react":
        url, data = reverse("community:react", args=[reply.pk]), {"kind": "duim", "state": "on"}
        return url, data, lambda: Reaction.objects.filter(post=reply, user=user).exists()
    if action == "solution":
        url, data = reverse("community:mark_solution", args=[reply.pk]), {"solution": "mark"}
        return url, data, lambda: Topic.objects.filter(pk=topic.pk, solution=reply).exists()
    if action in ("edit", "edit_own"):
        url, data = reverse("community:edit_post", args=[reply.pk]), {"body": text}
        return url, data, lambda: Post.objects.filter(pk=reply.pk, body=text).exists()
    if action in ("delete", "delete_own"):
        url = reverse("community:delete_post", args=[reply.pk])
        made = Post.objects.filter(pk=reply.pk, deleted_at__isnull=False).exists
        return url, {}, made
    if action == "draft":
        url, data = reverse("community:draft"), {"topic": str(topic.pk), "body": text}
        return url, data, Draft.objects.filter(user=user, topic=topic).exists
    if action == "topic_draft":
        url = reverse("community:draft")
        data = {"space": str(space.pk), "title": text, "body": text}
        return url, data, Draft.objects.filter(user=user, space=space).exists
    if action == "preview":
        return reverse("community:preview"), {"body": "**matrixvoorbeeld**"}, lambda: False
    if action == "flag":
        url, data = reverse("community:flag_post", args=[reply.pk]), {"reason": "tone"}
        return url, data, Flag.objects.filter(post=reply, reporter=user).exists
    if action == "hide":
        url, data = reverse("community:hide_post", args=[reply.pk]), {"reason": text}
        return url, data, Post.objects.filter(pk=reply.pk, hidden_reason=text).exists
    if action == "lock":
        url, data = reverse("community:moderate_topic", args=[topic.pk]), {"action": "lock"}
        return url, data, Topic.objects.filter(pk=topic.pk, locked=True).exists
    raise AssertionError(f"no action for {row}")


@pytest.mark.parametrize("role", ROLES)
def test_forum_posts(world, role):
    """Every POST of the forum as each role (FORUM_POSTS). Each runs in a savepoint that
    is rolled back, so the next one (and the next test) finds the world as it was."""
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    user = world.users[role]
    if user is not None and not user.is_active:
        user = None  # force_login cannot log an inactive account in: it asks as a visitor
    for row, cells in FORUM_POSTS.items():
        expected = cells[role]
        topic_url = world.objects[f"forum_{FORUM_ACTIONS[row][1]}_topic"].get_absolute_url()
        with transaction.atomic():
            url, data, made = _forum_action(world, row, world.users[role])
            before = _forum_state() if expected != "yes" else None
            response = client.post(url, data)
            answer = _forum_answer(response, topic_url)
            if user is not None and made():
                got = "yes" if response.status_code < 400 else f"yes, but answered {answer}"
            else:
                got = answer
            if before is not None:
                changed = "changed" if _forum_state() != before else "unchanged"
                checks.expect(url, f"{row} changes nothing", "unchanged", changed)
            transaction.set_rollback(True)
        checks.expect(url, f"POST {row}", expected, got)
        _forum_leaks(checks, url, response, forbidden)
        if row == "preview" and got == "ok":
            html = response.json()["html"]
            checks.expect(url, "preview renders", True, "<strong>matrixvoorbeeld</strong>" in html)
    checks.verify()


def test_a_visitor_with_the_password_reads_the_page_and_its_file(world):
    """PASSWORD: whoever gave the password in this session, also for the files."""
    client = _client(world, "visitor")
    page, document = world.items["password_product"], world.items["password_doc"]
    restriction = PageViewRestriction.objects.get(page=page.obj)
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.obj.pk]),
        {"password": PASSWORD, "return_url": page.url},
    )
    assert response.status_code == 302
    assert _page_outcome(client.get(page.url), page) == "ok"
    assert _file_outcome(client.get(document.url)) == "ok"
    # Only that page: the others stay closed.
    assert _page_outcome(client.get(world.items["login_product"].url), page) == "login"


# --- every URL pattern ------------------------------------------------------------------

# Roles the URL walk runs as: a visitor, a logged-in non-member, a non-member still in the
# staff group, a member without admin rights, and SAM staff (the admin is the slow part).
WALK_ROLES = ("visitor", "pending", "exstaff", "member", "staff")
# Everyone but SAM staff and superusers.
ADMIN_REFUSES = set(ROLES) - {"staff", "superuser"}
# For the roles the walk leaves out: the admin's doors, one per part.
ADMIN_SAMPLE = (
    "/admin/",
    "/admin/pages/",
    "/admin/api/main/pages/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/registraties/",
    "/admin/leeractiviteiten/",
    "/admin/herzieningen/",
    "/admin/reports/site-history/",
)

# Patterns built by hand: they are regular expressions with unnamed groups.
HAND_BUILT = {
    r"documents/^(\d+)/(.*)$": lambda world: world.items["group_doc"].url,
    "admin/^.*/$": lambda world: "/admin/bestaat-niet/",
    r"^((?:[\w\-]+/)*)$": lambda world: "/",  # every page; the matrix above opens each item
}
# Patterns the walk does not request, with the reason.
SKIPPED_PATTERNS: dict[str, str] = {}

# Admin addresses that answer everyone (prefixes): no admin content behind them.
ADMIN_OPEN = (
    "/admin/login/",  # leads to allauth's login
    "/admin/password_reset/",  # leads to allauth's password reset
    "/admin/sprite/",  # the admin's SVG icons
    "/admin/jsi18n/",  # the admin's JavaScript translations
)
# Patterns that fail on purpose; they are still walked, but may answer 500.
DELIBERATE_ERRORS = {
    "admin/failwhale/": "Wagtail's error test page raises on purpose (for admin users only)",
}
# What may answer 200 to a visitor (not logged in). Everything else refuses or redirects.
OPEN_TO_VISITORS = {
    "/",
    "/health/",
    "/robots.txt",
    "/favicon.ico",
    "/zoeken/",
    "/api/v1/search/autocomplete/",
    "/sitemap.xml",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
    "/accounts/inactive/",
    "/accounts/confirm-email/",
    "/accounts/wacht-op-goedkeuring/",  # "your account waits for approval", no data
}
# The same, for addresses with a parameter (prefixes).
OPEN_TO_VISITORS_UNDER = (
    "/accounts/confirm-email/",  # "this link is invalid or expired"
    "/accounts/password/reset/key/",  # "this link is invalid or expired"
    "/_util/authenticate_with_password/",  # Wagtail's password form, without the page
    *ADMIN_OPEN,
)

# Values for numeric parameters, by name: the key of an object in _walk_values.
NUMERIC_PARAMETERS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "collection_id": "collection",
    "user_id": "user",
    "restriction_id": "restriction",
    "page_view_restriction_id": "restriction",
    "bottleneck_id": "tracker_bottleneck",
    "addressee_id": "tracker_addressee",
}
# For a parameter called pk: the object named by the first word found in the URL so far.
PK_BY_PREFIX = (
    ("/knelpunten/bijlage/", "tracker_attachment"),
    ("/knelpunten/triage/filters/", "tracker_filter"),
    ("/knelpunten/samenvoeging/", "tracker_merge"),
    ("/knelpunten/dossiers/", "tracker_dossier"),
    ("/api/v1/dossiers/", "tracker_dossier"),
    ("/knelpunten/api-sleutels/", "tracker_token"),
    ("/knelpunten/", "tracker_bottleneck"),
    ("/forum/t/", "forum_topic"),
    ("/forum/p/", "forum_post"),
    ("/forum/bijlage/", "forum_attachment"),
    ("aflevering", "episode"),
    ("pages", "page"),
    ("documents", "document"),
    ("images", "image"),
    ("users", "user"),
    ("groups", "group"),
    ("collections", "collection"),
)
TEXT_PARAMETERS = {
    "extension": "mp3",
    "kind": "vtt",
    "app_label": "knowledge",
    "app_name": "knowledge",
    "content_type_app_name": "knowledge",
    "model_name": "theme",
    "content_type_model_name": "theme",
    "action_name": "publish",
    "action": "publish",
    "filter_spec": "original",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "uidb36": "1",
    "uidb64": "MQ",
    "key": "ongeldige-sleutel",
    "token": "set-password",
    "slug": FORUM_CLOSED_SLUG,  # the forum's closed space (and topic slugs: redirected)
}


def _walk_values(world) -> dict[str, int]:
    group_product = world.items["group_product"].obj
    return {
        "page": group_product.pk,
        "document": world.items["group_doc"].obj.pk,
        "image": get_image_model().objects.order_by("pk").first().pk,
        "collection": Collection.get_first_root_node().pk,
        "user": world.users["member"].pk,
        "group": world.group.pk,
        "episode": world.items["login_episode"].obj.pk,
        "restriction": PageViewRestriction.objects.get(page=group_product).pk,
        "forum_topic": world.objects["forum_closed_topic"].pk,
        "forum_post": world.objects["forum_closed_reply"].pk,
        "forum_attachment": world.objects["forum_closed_image"].pk,
        "tracker_bottleneck": world.objects["tracker_foreign"].pk,
        "tracker_attachment": world.objects["tracker_foreign_file"].pk,
        "tracker_filter": 1,
        "tracker_merge": world.objects["tracker_merge"].pk,
        "tracker_dossier": world.objects["dossier_draft"].pk,
        "tracker_addressee": world.objects["dossier_draft_addressee"].pk,
        "tracker_token": 1,
    }


def _leaf_patterns(resolver=None, parts=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _leaf_patterns(entry, (*parts, entry.pattern))
        else:
            yield (*parts, entry.pattern)


def _value(name: str, numeric: bool, prefix: str, values: dict) -> str:
    if numeric:
        if name in NUMERIC_PARAMETERS:
            return str(values[NUMERIC_PARAMETERS[name]])
        if name in ("pk", "object_id"):
            for word, key in PK_BY_PREFIX:
                if word in prefix:
                    return str(values[key])
        return "1"
    if name in TEXT_PARAMETERS:
        return TEXT_PARAMETERS[name]
    if name in ("pk", "object_id"):
        return _value(name, True, prefix, values)
    return "x"


def _fill_route(route: str, converters: dict, prefix: str, values: dict) -> str:
    def fill(match):
        name = match["name"]
        regex = getattr(converters.get(name), "regex", "[^/]+")
        numeric = re.fullmatch(regex, "1") is not None and re.fullmatch(regex, "x") is None
        # The URL so far and the route's own text before the parameter ("t/" of a topic).
        value = _value(name, numeric, prefix + route[: match.start()], values)
        return value if re.fullmatch(regex, value) else "1"

    return re.sub(r"<(?:[^>:]+:)?(?P<name>[^>]+)>", fill, route)


def _fill_regex(regex: str, prefix: str, values: dict) -> str | None:
    def fill(match):
        name, group = match[1], match[2]
        for value in (_value(name, False, prefix, values), _value(name, True, prefix, values)):
            if re.fullmatch(group, value):
                return value
        return "1"

    text = regex.removeprefix("^").removesuffix("$")
    text = re.sub(r"\(\?P<(\w+)>([^()]*)\)", fill, text)
    text = text.replace(r"\.", ".").replace(r"\-", "-")
    if re.search(r"[\\()\[\]*+?|{}^$]", text):
        return None  # unnamed groups or repetition: build by hand
    return text


def _build(parts, world, values) -> str | None:
    key = "".join(str(part) for part in parts)
    if key in HAND_BUILT:
        return HAND_BUILT[key](world)
    url = "/"
    for part in parts:
        if isinstance(part, RoutePattern):
            url += _fill_route(str(part), part.converters, url, values)
        elif isinstance(part, RegexPattern):
            piece = _fill_regex(str(part), url, values)
            if piece is None:
                return None
            url += piece
        else:
            return None
    return url


def _walk(world) -> tuple[list[tuple[str, str]], list[str]]:
    """(pattern, URL) for every pattern, and the patterns that could not be built."""
    values = _walk_values(world)
    built, unbuildable = [], []
    for parts in _leaf_patterns():
        key = "".join(str(part) for part in parts)
        if key in SKIPPED_PATTERNS:
            continue
        url = _build(parts, world, values)
        if url is None:
            unbuildable.append(key)
            continue
        try:
            resolve(urlsplit(url).path)
        except Resolver404:
            unbuildable.append(f"{key} (built {url}, which does not resolve)")
            continue
        built.append((key, url))
    # Logging out last, so the walk stays logged in.
    built.sort(key=lambda pair: "logout" in pair[1])
    return list(dict.fromkeys(built)), unbuildable


def test_every_url_pattern_can_be_built(world):
    built, unbuildable = _walk(world)
    assert not unbuildable, "add these to HAND_BUILT or SKIPPED_PATTERNS:\n" + "\n".join(
        unbuildable
    )
    assert len(built) > 200


@pytest.mark.parametrize("role", WALK_ROLES)
def test_every_url_pattern(world, role):
    """GET every URL of the site as the role: never a 500; the admin only for SAM staff;
    200 for a visitor only where OPEN_TO_VISITORS says so."""
    checks = Checks(role)
    client = _client(world, role)
    built, _unbuildable = _walk(world)
    for pattern, url in built:
        response = client.get(url)
        status = response.status_code
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # not response.close(): see _file_outcome
        if pattern not in DELIBERATE_ERRORS:
            checks.expect(url, f"no server error ({pattern})", True, status < 500)
        path = urlsplit(url).path
        if path.startswith("/admin/") and role in ADMIN_REFUSES and not path.startswith(ADMIN_OPEN):
            checks.refused(url, "admin", _refusal(response))
        if role == "visitor" and status == 200:
            open_ = path in OPEN_TO_VISITORS or path.startswith(OPEN_TO_VISITORS_UNDER)
            checks.expect(url, "answers 200 to a visitor", True, open_)
    checks.verify()


@pytest.mark.parametrize("role", sorted(ADMIN_REFUSES - set(WALK_ROLES)))
def test_the_admin_refuses_the_other_roles(world, role):
    checks = Checks(role)
    client = _client(world, role)
    for url in ADMIN_SAMPLE:
        checks.refused(url, "admin", _refusal(client.get(url)))
    checks.verify()


# --- the bottleneck tracker -----------------------------------------------------------------

# GETs of the tracker's pages. tracker_reported: reported by the matrix's "member", not yet
# accepted by SAM; tracker_foreign: someone else's, not yet accepted; tracker_merged: merged
# into tracker_accepted (moved: a redirect to it). _file: the bottleneck's attachment.
TRACKER = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
tracker_index             login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_mine              login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_report            login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_similar           login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_triage            login 403   403   403   login 403   403   403   403   ok    ok
tracker_accepted          login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_reported          login 403   403   403   login 403   ok    404   ok    ok    ok
tracker_foreign           login 403   403   403   login 403   404   404   ok    ok    ok
tracker_merged            login 403   403   403   login 403   moved moved moved moved moved
tracker_accepted_file     login 403   403   403   login 403   ok    ok    ok    ok    ok
tracker_foreign_file      login 403   403   403   login 403   404   404   ok    ok    ok
""")

# POSTs: yes when the change was made; back: sent back with an error message; anything
# else must change nothing. Each runs in a savepoint that is rolled back.
TRACKER_POSTS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
report                    login 403   403   403   login 403   yes   yes   yes   yes   yes
confirm_accepted          login 403   403   403   login 403   yes   yes   yes   yes   yes
confirm_reported          login 403   403   403   login 403   back  404   back  back  back
confirm_foreign           login 403   403   403   login 403   404   404   back  back  back
follow_accepted           login 403   403   403   login 403   yes   yes   yes   yes   yes
follow_foreign            login 403   403   403   login 403   404   404   yes   yes   yes
status_accepted           login 403   403   403   login 403   403   403   403   yes   yes
status_foreign            login 403   403   403   login 403   403   403   403   yes   yes
bulk_status               login 403   403   403   login 403   403   403   403   yes   yes
save_filter               login 403   403   403   login 403   403   403   403   yes   yes
merge_foreign             login 403   403   403   login 403   403   403   403   yes   yes
split_accepted            login 403   403   403   login 403   403   403   403   yes   yes
undo_merge                login 403   403   403   login 403   403   403   403   yes   yes
message_reported          login 403   403   403   login 403   yes   404   404   yes   yes
message_accepted          login 403   403   403   login 403   404   404   404   yes   yes
""")

# Found (Y) in the search by its words, or not (-).
TRACKER_SEARCH = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
tracker_accepted          -     -     -     -     -     -     Y     Y     Y     Y     Y
tracker_reported          -     -     -     -     -     -     -     -     Y     Y     Y
tracker_foreign           -     -     -     -     -     -     -     -     Y     Y     Y
tracker_merged            -     -     -     -     -     -     -     -     -     -     -
""")


def _tracker_urls(world) -> dict[str, str]:
    o = world.objects
    urls = {
        "tracker_index": reverse("tracker:index"),
        "tracker_mine": reverse("tracker:mine"),
        "tracker_report": reverse("tracker:report"),
        "tracker_similar": reverse("tracker:similar") + "?q=knelpunt",
        "tracker_triage": reverse("tracker:triage") + "?regio=limburg&sorteer=volgers",
    }
    for key in ("tracker_accepted", "tracker_reported", "tracker_foreign", "tracker_merged"):
        urls[key] = o[key].get_absolute_url()
    for key in ("tracker_accepted_file", "tracker_foreign_file"):
        urls[key] = o[key].get_absolute_url()
    return urls


def _tracker_forbidden(world, role: str) -> dict[str, str]:
    """Words this role may not get: bottlenecks it may not see, and names that stay hidden."""
    from .conftest import (
        TRACKER_CONFIRMER_NAME,
        TRACKER_FILE_WORDS,
        TRACKER_REPORTER_NAME,
        TRACKER_WORDS,
    )

    forbidden = {}
    for key, words in TRACKER_WORDS.items():
        # A merged duplicate's title and history now belong to the bottleneck it moved to.
        if TRACKER[key][role] not in ("ok", "moved"):
            forbidden.update(dict.fromkeys(words, key))
    for key, word in TRACKER_FILE_WORDS.items():
        if TRACKER[key][role] != "ok":
            forbidden[word] = key
    forbidden[TRACKER_CONFIRMER_NAME.lower()] = "confirmer's name"
    if role not in ("staff", "superuser"):
        forbidden[TRACKER_REPORTER_NAME.lower()] = "reporter's name"
    return forbidden


def _tracker_answer(response, moved_to: str = "") -> str:
    status = response.status_code
    if status in REDIRECTS:
        path = urlsplit(response["Location"]).path
        if path in LOGIN_PATHS:
            return "login"
        if moved_to and path == urlsplit(moved_to).path:
            return "moved"
        if _error_message(response):
            return "back"
        return f"redirect to {path}"
    return "ok" if status == 200 else str(status)


def test_tracker_tables_cover_the_tracker(world):
    assert set(_tracker_urls(world)) == set(TRACKER)
    assert set(TRACKER_POSTS) == set(_tracker_posts(world))
    assert set(TRACKER_SEARCH) <= set(TRACKER)


@pytest.mark.parametrize("role", ROLES)
def test_tracker_pages(world, role):
    checks = Checks(role)
    client = _client(world, role)
    forbidden = _tracker_forbidden(world, role)
    moved_to = world.objects["tracker_accepted"].get_absolute_url()
    for row, url in _tracker_urls(world).items():
        response = client.get(url)
        text = _text(response)
        checks.expect(url, row, TRACKER[row][role], _tracker_answer(response, moved_to))
        location = response.get("Location", "")
        checks.no_leak(url, text + " " + location, forbidden, asked=_asked(url, forbidden))
    checks.verify()


def _tracker_posts(world) -> dict:
    """Row -> (URL, data, a function that says whether the change was made)."""
    from django.utils import timezone

    from tracker.models import Bottleneck, Confirmation, Follow, Message, SavedFilter

    o = world.objects

    def confirmed(key):
        def made(user):
            return Confirmation.objects.filter(bottleneck=o[key], member=user).exists()

        return made

    def followed(key):
        def made(user):
            return Follow.objects.filter(bottleneck=o[key], user=user).exists()

        return made

    def status_is(key, status):
        return lambda user: Bottleneck.objects.get(pk=o[key].pk).status == status

    confirmation = {
        "participants": "3",
        "region": "antwerpen",
        "seen_on": timezone.localdate().isoformat(),
        "organisation_type": "ocmw",
    }
    theme = o["tracker_accepted"].themes.first()
    report = {
        "title": "Matrixmelding",
        "situation": "Een situatie.",
        "kind": "werking",
        "themes": [theme.pk],
        "level": "lokaal",
        "region": "brussel",
        "frequency": "soms",
        "similar_seen": "on",
    }
    return {
        "report": (
            reverse("tracker:report"),
            report,
            lambda user: Bottleneck.objects.filter(title="Matrixmelding", reporter=user).exists(),
        ),
        **{
            f"confirm_{name}": (
                reverse("tracker:confirm", args=[o[f"tracker_{name}"].pk]),
                confirmation,
                confirmed(f"tracker_{name}"),
            )
            for name in ("accepted", "reported", "foreign")
        },
        **{
            f"follow_{name}": (
                reverse("tracker:follow", args=[o[f"tracker_{name}"].pk]),
                {},
                followed(f"tracker_{name}"),
            )
            for name in ("accepted", "foreign")
        },
        "status_accepted": (
            reverse("tracker:change_status", args=[o["tracker_accepted"].pk]),
            {"status": "gebundeld", "reason": "Matrix."},
            status_is("tracker_accepted", "gebundeld"),
        ),
        "status_foreign": (
            reverse("tracker:change_status", args=[o["tracker_foreign"].pk]),
            {"status": "in-behandeling", "reason": "Matrix."},
            status_is("tracker_foreign", "in-behandeling"),
        ),
        "bulk_status": (
            reverse("tracker:bulk_status"),
            {"ids": [o["tracker_foreign"].pk], "status": "niet-weerhouden", "reason": "Matrix."},
            status_is("tracker_foreign", "niet-weerhouden"),
        ),
        "merge_foreign": (
            reverse("tracker:merge", args=[o["tracker_foreign"].pk]),
            {"target": o["tracker_accepted"].pk, "reason": "Matrix."},
            lambda user: Bottleneck.objects.filter(
                pk=o["tracker_foreign"].pk, merged_into__isnull=False
            ).exists(),
        ),
        "split_accepted": (
            reverse("tracker:split", args=[o["tracker_accepted"].pk]),
            {"title": "Matrixsplitsing", "situation": "Een tweede probleem.", "reason": "Twee."},
            lambda user: Bottleneck.objects.filter(title="Matrixsplitsing").exists(),
        ),
        "undo_merge": (
            reverse("tracker:undo_merge", args=[o["tracker_merge"].pk]),
            {},
            lambda user: Bottleneck.objects.filter(
                pk=o["tracker_merged"].pk, merged_into__isnull=True
            ).exists(),
        ),
        **{
            f"message_{name}": (
                reverse("tracker:message", args=[o[f"tracker_{name}"].pk]),
                {"body": "Een vraag voor de matrix."},
                lambda user, name=name: Message.objects.filter(
                    bottleneck=o[f"tracker_{name}"], author=user
                ).exists(),
            )
            for name in ("reported", "accepted")
        },
        "save_filter": (
            reverse("tracker:save_filter"),
            {"name": "Matrixfilter", "query": "regio=limburg"},
            lambda user: SavedFilter.objects.filter(name="Matrixfilter").exists(),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_tracker_posts(world, role):
    """Every POST as every role; a refusal changes nothing (each in a rolled-back savepoint)."""
    checks = Checks(role)
    client = _client(world, role)
    user = world.users[role]
    for row, (url, data, made) in _tracker_posts(world).items():
        with transaction.atomic():
            response = client.post(url, data)
            answer = _tracker_answer(response)
            changed = user is not None and made(user)
            expected = TRACKER_POSTS[row][role]
            if expected == "yes":
                checks.expect(url, f"{row}: change made", True, changed)
            else:
                checks.expect(url, row, expected, answer)
                checks.expect(url, f"{row}: nothing changed", False, changed)
            transaction.set_rollback(True)
    checks.verify()


@pytest.mark.parametrize("role", ROLES)
def test_tracker_search(world, role):
    from .conftest import TRACKER_WORDS

    checks = Checks(role)
    client = _client(world, role)
    for key, row in TRACKER_SEARCH.items():
        title_word, body_word = TRACKER_WORDS[key]
        for word in (title_word, body_word):
            for url in SEARCH_URLS:
                text = _text(client.get(url, {"q": word}))
                found = world.objects[key].get_absolute_url() in text
                checks.expect(f"{url}?q={word}", key, row[role] == "Y", found)
    checks.verify()


def _more_answer(response) -> str:
    if response.status_code in REDIRECTS:
        path = urlsplit(response["Location"]).path
        if path.startswith("/admin/pages/"):
            return "admin"
        if path == reverse("community:unread"):
            return "back"
    return _forum_answer(response)


@pytest.mark.parametrize("role", ROLES)
def test_notifications_and_more_forum_posts(world, role):
    """NOTIFICATION_PAGES and FORUM_MORE_POSTS; a notification about a post in a space the
    role may not see is never made, so the list never shows that space's words."""
    import notifications
    from community.models import Topic

    checks = Checks(role)
    client = _client(world, role)
    forbidden = _forbidden(world, role)
    user = world.users[role]
    with transaction.atomic():
        if user is not None and user.is_active:
            for name in FORUM_SPACES:
                reply = world.objects.get(f"forum_{name}_reply")
                if reply is not None:
                    notifications.notify(user, "mentioned", reply)
        for row, url in (
            ("meldingen", reverse("notifications:list")),
            ("instellingen", reverse("notifications:settings")),
        ):
            response = client.get(url)
            checks.expect(url, f"GET {row}", NOTIFICATION_PAGES[row][role], _forum_answer(response))
            _forum_leaks(checks, url, response, forbidden)
        transaction.set_rollback(True)
    topic = world.objects["forum_open_topic"]
    reply = world.objects["forum_open_reply"]
    for row, url in (
        ("mark_all_read", reverse("community:mark_all_read")),
        ("knowledge_draft", reverse("community:knowledge_draft", args=[topic.pk])),
    ):
        with transaction.atomic():
            Topic.objects.filter(pk=topic.pk).update(solution=reply)
            response = client.post(url)
            transaction.set_rollback(True)
        checks.expect(url, f"POST {row}", FORUM_MORE_POSTS[row][role], _more_answer(response))
        _forum_leaks(checks, url, response, forbidden)
    checks.verify()


# --- dossiers, exports, statistics and the API keys ------------------------------------------

# GETs. dossier_draft: not published (staff and policy workers); dossier_published: for
# members; dossier_public: its summary for everyone. Exports and statistics are for policy
# workers and staff; building a dossier for staff.
DOSSIERS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
dossier_index             login 403   403   403   login 403   ok    ok    ok    ok    ok
dossier_draft             login 403   403   403   login 403   404   404   ok    ok    ok
dossier_published         login 403   403   403   login 403   ok    ok    ok    ok    ok
dossier_public            ok    ok    ok    ok    ok    ok    ok    ok    ok    ok    ok
dossier_create            login 403   403   403   login 403   403   403   403   ok    ok
dossier_edit              login 403   403   403   login 403   403   403   403   ok    ok
dossier_compare_draft     login 403   403   403   login 403   404   404   ok    ok    ok
dossier_compare_published login 403   403   403   login 403   ok    ok    ok    ok    ok
dossier_answer_file       login 403   403   403   login 403   404   404   ok    ok    ok
dossier_csv               login 403   403   403   login 403   403   403   ok    ok    ok
dossier_xlsx              login 403   403   403   login 403   403   403   ok    ok    ok
dossier_docx              login 403   403   403   login 403   403   403   ok    ok    ok
dossier_pdf               login 403   403   403   login 403   403   403   ok    ok    ok
export_csv                login 403   403   403   login 403   403   403   ok    ok    ok
export_xlsx               login 403   403   403   login 403   403   403   ok    ok    ok
statistics                login 403   403   403   login 403   403   403   ok    ok    ok
api_tokens                login 403   403   403   login 403   403   403   ok    ok    ok
""")


def _dossier_urls(world) -> dict[str, str]:
    o = world.objects
    draft, published = o["dossier_draft"], o["dossier_published"]

    def compare(dossier):
        return (
            reverse("tracker:dossier_compare", args=[dossier.pk])
            + f"?van={o[f'{_key(world, dossier)}_snapshot'].pk}&tot=nu"
        )

    addressee = o["dossier_draft_addressee"]
    return {
        "dossier_index": reverse("tracker:dossiers"),
        "dossier_draft": draft.get_absolute_url(),
        "dossier_published": published.get_absolute_url(),
        "dossier_public": o["dossier_public"].get_absolute_url(),
        "dossier_create": reverse("tracker:dossier_create"),
        "dossier_edit": reverse("tracker:dossier_edit", args=[published.pk]),
        "dossier_compare_draft": compare(draft),
        "dossier_compare_published": compare(published),
        "dossier_answer_file": reverse(
            "tracker:dossier_answer_file", args=[addressee.pk, addressee.answer_file_name]
        ),
        **{
            f"dossier_{kind}": reverse(f"tracker:dossier_{kind}", args=[published.pk])
            for kind in ("csv", "xlsx", "docx", "pdf")
        },
        "export_csv": reverse("tracker:export_csv") + "?regio=limburg",
        "export_xlsx": reverse("tracker:export_xlsx") + "?regio=limburg",
        "statistics": reverse("tracker:statistics"),
        "api_tokens": reverse("tracker:api_tokens"),
    }


def _document_text(response) -> str:
    """The text of a page, or of an export read back (XLSX, DOCX, PDF) so words are found."""
    import io

    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or not any(
        kind in content_type for kind in ("spreadsheet", "wordprocessing", "pdf")
    ):
        return _text(response)
    data = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if "spreadsheet" in content_type:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if "wordprocessing" in content_type:
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    import pypdf

    return " ".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _key(world, dossier) -> str:
    return next(k for k in ("dossier_draft", "dossier_published") if world.objects[k] == dossier)


def _dossier_forbidden(world, role: str) -> dict[str, str]:
    """Words this role may not get from any dossier page or export."""
    from .conftest import DOSSIER_ANSWER_WORD, DOSSIER_NOTES_WORD, DOSSIER_WORDS

    forbidden = _tracker_forbidden(world, role)
    sees_all = role in ("policy_worker", "staff", "superuser")
    for key, words in DOSSIER_WORDS.items():
        if key == "dossier_draft" and not sees_all:
            forbidden.update(dict.fromkeys(words, key))
        if key == "dossier_published" and DOSSIERS["dossier_published"][role] != "ok":
            forbidden.update(dict.fromkeys(words, key))
    if not sees_all:
        forbidden[DOSSIER_NOTES_WORD] = "internal notes"
        forbidden[DOSSIER_ANSWER_WORD] = "the draft's answer file"
    return forbidden


def test_dossier_table_covers_the_dossier_urls(world):
    assert set(_dossier_urls(world)) == set(DOSSIERS)


@pytest.mark.parametrize("role", ROLES)
def test_dossier_pages(world, role):
    from .conftest import DOSSIER_NOTES_WORD

    checks = Checks(role)
    client = _client(world, role)
    forbidden = _dossier_forbidden(world, role)
    for row, url in _dossier_urls(world).items():
        response = client.get(url)
        checks.expect(url, row, DOSSIERS[row][role], _tracker_answer(response))
        text = _document_text(response) + " " + response.get("Location", "")
        checks.no_leak(url, text, forbidden, asked=_asked(url, forbidden))
        if row.startswith(("dossier_csv", "dossier_xlsx", "dossier_docx", "dossier_pdf")):
            # Exports never carry internal notes, not even for those who may read them.
            checks.expect(url, f"{row}: no internal notes", False, DOSSIER_NOTES_WORD in text)
    checks.verify()


# POSTs on dossiers and API keys: yes when the change was made; anything else must change
# nothing. Each runs in a rolled-back savepoint.
DOSSIER_POSTS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
dossier_create            login 403   403   403   login 403   403   403   403   yes   yes
dossier_edit              login 403   403   403   login 403   403   403   403   yes   yes
dossier_add               login 403   403   403   login 403   403   403   403   yes   yes
dossier_item_remove       login 403   403   403   login 403   403   403   403   yes   yes
dossier_addressee         login 403   403   403   login 403   403   403   403   yes   yes
dossier_answer            login 403   403   403   login 403   403   403   403   yes   yes
dossier_snapshot          login 403   403   403   login 403   403   403   403   yes   yes
api_token_create          login 403   403   403   login 403   403   403   yes   yes   yes
""")


def _dossier_posts(world) -> dict:
    from django.utils import timezone

    from tracker.models import Addressee, ApiToken, Dossier, DossierItem, Snapshot

    o = world.objects
    published = o["dossier_published"]
    addressee = o["dossier_published_addressee"]
    today = timezone.localdate().isoformat()
    dossier_fields = {
        "title": "Matrixdossier",
        "question": "Een vraag.",
        "regulation": "",
        "summary": "Een samenvatting.",
        "internal_notes": "",
        "owner": "",
        "status": "in-opbouw",
        "public_summary": "",
    }
    return {
        "dossier_create": (
            reverse("tracker:dossier_create"),
            dossier_fields,
            lambda user: Dossier.objects.filter(title="Matrixdossier").exists(),
        ),
        "dossier_edit": (
            reverse("tracker:dossier_edit", args=[published.pk]),
            {**dossier_fields, "title": "Matrix bewerkt", "published": "on"},
            lambda user: Dossier.objects.filter(pk=published.pk, title="Matrix bewerkt").exists(),
        ),
        "dossier_add": (
            reverse("tracker:dossier_add", args=[o["dossier_public"].pk]),
            {"knelpunt": o["tracker_accepted"].pk, "note": "Erbij."},
            lambda user: DossierItem.objects.filter(
                dossier=o["dossier_public"], bottleneck=o["tracker_accepted"]
            ).exists(),
        ),
        "dossier_item_remove": (
            reverse("tracker:dossier_item", args=[published.pk, o["tracker_accepted"].pk]),
            {"actie": "verwijderen"},
            lambda user: (
                not DossierItem.objects.filter(
                    dossier=published, bottleneck=o["tracker_accepted"]
                ).exists()
            ),
        ),
        "dossier_addressee": (
            reverse("tracker:dossier_addressee", args=[published.pk]),
            {"nieuw-body": "Matrixkabinet", "nieuw-contact": "", "nieuw-sent_on": ""},
            lambda user: Addressee.objects.filter(dossier=published, body="Matrixkabinet").exists(),
        ),
        "dossier_answer": (
            reverse("tracker:dossier_answer", args=[published.pk, addressee.pk]),
            {f"b{addressee.pk}-answer": "Matrixantwoord.", f"b{addressee.pk}-answered_on": today},
            lambda user: Addressee.objects.filter(
                pk=addressee.pk, answer="Matrixantwoord."
            ).exists(),
        ),
        "dossier_snapshot": (
            reverse("tracker:dossier_snapshot", args=[published.pk]),
            {"meeting": "Matrixoverleg 2", "meeting_on": today, "attendees": ""},
            lambda user: Snapshot.objects.filter(meeting="Matrixoverleg 2").exists(),
        ),
        "api_token_create": (
            reverse("tracker:api_tokens"),
            {"name": "Matrixsleutel"},
            lambda user: ApiToken.objects.filter(name="Matrixsleutel").exists(),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_dossier_posts(world, role):
    """Every dossier and API key POST as every role; a refusal changes nothing."""
    assert set(DOSSIER_POSTS) == set(_dossier_posts(world))
    checks = Checks(role)
    client = _client(world, role)
    for row, (url, data, made) in _dossier_posts(world).items():
        with transaction.atomic():
            response = client.post(url, data)
            answer = _tracker_answer(response)
            user = world.users[role]
            changed = made(user)
            expected = DOSSIER_POSTS[row][role]
            if expected == "yes":
                checks.expect(url, f"{row}: change made", True, changed)
            else:
                checks.expect(url, row, expected, answer)
                checks.expect(url, f"{row}: nothing changed", False, changed)
            transaction.set_rollback(True)
    checks.verify()


# The JSON API with a key of each role's own (made directly: the key page refuses most
# roles). Visitors have no key. A key of a role that may not export is refused.
API = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
api_bottlenecks           401   403   403   403   401   403   403   403   ok    ok    ok
api_bottleneck_foreign    401   403   403   403   401   403   403   403   ok    ok    ok
api_dossiers              401   403   403   403   401   403   403   403   ok    ok    ok
api_dossier_draft         401   403   403   403   401   403   403   403   ok    ok    ok
""")


@pytest.mark.parametrize("role", ROLES)
def test_api_with_each_roles_key(world, role):
    from django.test import Client

    from tracker.api import make_token

    from .conftest import DOSSIER_NOTES_WORD

    o = world.objects
    urls = {
        "api_bottlenecks": reverse("api_bottlenecks"),
        "api_bottleneck_foreign": reverse("api_bottleneck", args=[o["tracker_foreign"].pk]),
        "api_dossiers": reverse("api_dossiers"),
        "api_dossier_draft": reverse("api_dossier", args=[o["dossier_draft"].pk]),
    }
    assert set(urls) == set(API)
    checks = Checks(role)
    user = world.users[role]
    headers = {}
    with transaction.atomic():
        if user is not None:
            _token, key = make_token(user, "Matrix")
            headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        client = Client()
        forbidden = _tracker_forbidden(world, role)
        # The API never names people nor carries internal notes, whoever asks.
        forbidden[DOSSIER_NOTES_WORD] = "internal notes"
        from .conftest import TRACKER_REPORTER_NAME

        forbidden[TRACKER_REPORTER_NAME.lower()] = "reporter's name"
        for row, url in urls.items():
            response = client.get(url, **headers)
            answer = "ok" if response.status_code == 200 else str(response.status_code)
            checks.expect(url, row, API[row][role], answer)
            checks.no_leak(url, _text(response), forbidden, asked=_asked(url, forbidden))
        transaction.set_rollback(True)
    checks.verify()


@pytest.mark.parametrize("role", ROLES)
def test_personal_calendar(world, role):
    """A member's own calendar address (no login: the address is the key) lists what they
    registered for, and only what they may see now: a group activity leaves it with the
    group. It answers 404 to anyone who is no longer a member."""
    from django.test import Client

    from knowledge.models import PersonalCalendarFeed, Registration

    checks = Checks(role)
    user = world.users[role]
    if user is None:
        response = Client().get("/leeractiviteiten/mijn/agenda/geen-geldige-sleutel/")
        checks.expect("personal calendar", "unknown address", "404", str(response.status_code))
        checks.verify()
        return
    with transaction.atomic():
        for key in ("public_activity", "group_activity"):
            Registration.objects.create(activity=world.objects[key], user=user, status="registered")
        feed = PersonalCalendarFeed.objects.create(user=user)
        url = f"/leeractiviteiten/mijn/agenda/{feed.token}/"
        response = Client().get(url)
        member = PAGES["members_product"][role] == "ok"
        checks.expect(url, "status", "ok" if member else "404", _tracker_answer(response))
        if member:
            text = _text(response)
            for key in ("public_activity", "group_activity"):
                item = world.items[key]
                shown = item.title_word.lower() in text.lower()
                checks.expect(url, key, PAGES[key][role] == "ok", shown)
        transaction.set_rollback(True)
    checks.verify()


# --- personal data (issue 18) -------------------------------------------------------------

# GETs: a role's own data export (made for it directly), someone else's, the deletion page, and
# SAM staff's processing register and erasure pages (for a member and for a staff account).
# Anyone with an account may take their data and leave, member or not; an inactive account
# cannot log in. The admin pages are SAM staff's: a staff account only a superuser erases.
PERSONAL_DATA = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
own_export                login ok    ok    ok    login ok    ok    ok    ok    ok    ok
other_export              login 404   404   404   login 404   404   404   404   404   404
delete_account            login ok    ok    ok    login ok    ok    ok    ok    ok    ok
processing_register       no    no    no    no    no    no    no    no    no    ok    ok
erase_member_page         no    no    no    no    no    no    no    no    no    ok    ok
erase_staff_page          no    no    no    no    no    no    no    no    no    no    ok
""")

# POST of the staff erasure of another member: yes when the account is gone; no: refused
# (the login, 403, or sent back to the dashboard) and nothing erased.
PERSONAL_DATA_POSTS = _table("""
                          visit pend  rejct unver inact exstf membr group polic staff super
erase_member              no    no    no    no    no    no    no    no    no    yes   yes
""")


def _personal_data_answer(response, url: str) -> str:
    answer = _tracker_answer(response)
    if url.startswith("/admin/") and (
        answer in ("login", "403", "404", "back") or answer.startswith("redirect to /admin")
    ):
        # Wagtail sends an account without admin access to the login or refuses it.
        return "no"
    return answer


def _export_for(user):
    import secrets

    from accounts.models import DataExport

    return DataExport.objects.create(
        user=user, state=DataExport.State.READY, token=secrets.token_hex(16), file_name=""
    )


@pytest.mark.parametrize("role", ROLES)
def test_personal_data(world, role):
    """Data exports, account deletion and SAM staff's erasure pages as every role; a refused
    erasure erases nothing."""
    from django.contrib.auth import get_user_model

    from tests.accounts.factories import MemberFactory

    checks = Checks(role)
    client = _client(world, role)
    user = world.users[role]
    with transaction.atomic():
        other = world.users["member"] if role != "member" else world.users["group_member"]
        others = _export_for(other)
        own = _export_for(user) if user is not None else others
        staff = world.users["staff"] if role != "staff" else world.users["superuser"]
        target = MemberFactory()
        urls = {
            "own_export": reverse("accounts:data_export_download", args=[own.pk, own.token]),
            "other_export": reverse(
                "accounts:data_export_download", args=[others.pk, others.token]
            ),
            "delete_account": reverse("accounts:delete_account"),
            "processing_register": reverse("personal_data_admin:register"),
            "erase_member_page": reverse("personal_data_admin:erase", args=[target.pk]),
            "erase_staff_page": reverse("personal_data_admin:erase", args=[staff.pk]),
        }
        assert set(urls) == set(PERSONAL_DATA)
        for row, url in urls.items():
            response = client.get(url)
            expected = PERSONAL_DATA[row][role]
            if row == "own_export" and expected == "ok":
                # A READY export without a file left: the member is told, never a 500.
                checks.expect(url, row, True, response.status_code in (200, 404))
            else:
                checks.expect(url, row, expected, _personal_data_answer(response, url))
        url = reverse("personal_data_admin:erase", args=[target.pk])
        response = client.post(url, {"confirm": "on"})
        gone = not get_user_model().objects.filter(pk=target.pk).exists()
        expected = PERSONAL_DATA_POSTS["erase_member"][role]
        if expected == "yes":
            checks.expect(url, "erase_member: erased", True, gone)
        else:
            checks.expect(url, "erase_member", expected, _personal_data_answer(response, url))
            checks.expect(url, "erase_member: nothing erased", False, gone)
        transaction.set_rollback(True)
    checks.verify()
