"""/meldingen/: the list, opening a notification, settings, watching, unsubscribing, the counter."""

import re

from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import pytest

from accounts import access
from notifications import mail, watching
from notifications.context_processors import UnreadCount, unread
from notifications.models import Frequency, Kind, MailPreference, Notification, WatchLevel
from notifications.views import PER_PAGE
from tests.accounts.factories import MemberFactory, PendingUserFactory

pytestmark = pytest.mark.django_db


def make(recipient, target, kind=Kind.WATCHED, count=1, **fields):
    """Notifications made directly (the list does not care how they came)."""
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        target=target,
        actor_names=["Bram Claes"],
        **fields,
    )


@pytest.fixture
def posts(space, anja, bram):
    """Posted without the commit's signals: no notifications of their own."""
    from community import posting

    topic = posting.start_topic(space, anja, "Studentenjob naast het leefloon", "Vraag")
    return [posting.reply(topic, bram, f"Antwoord {i}") for i in range(3)]


def dutch(text, **values):
    with translation.override("nl-be"):
        return _(text) % values if values else _(text)


# Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/meldingen/", "/meldingen/instellingen/", "/meldingen/1/"])
def test_visitors_are_sent_to_the_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/meldingen/", "/meldingen/instellingen/"])
def test_accounts_waiting_for_approval_are_refused(client, path):
    client.force_login(PendingUserFactory())
    response = client.get(path)
    assert response.status_code == 403
    assert b'data-testid="not-a-member"' in response.content


def test_posts_are_refused_to_visitors_too(client):
    assert client.post("/meldingen/alles-gelezen/").status_code == 302
    assert client.post("/meldingen/volgen/", {"what": "topic", "id": 1}).status_code == 302
    assert not Notification.objects.exists()


# The list ------------------------------------------------------------------------------------


def test_an_empty_list_says_so(client, anja):
    client.force_login(anja)
    response = client.get("/meldingen/")
    assert response.status_code == 200
    assert b'data-testid="notifications-empty"' in response.content
    assert b'data-testid="mark-all-read"' not in response.content


def test_the_list_shows_the_newest_first_with_unread_marked(client, anja, posts):
    old = make(anja, posts[0], read_at=timezone.now())
    new = make(anja, posts[1], kind=Kind.MENTIONED)
    client.force_login(anja)
    html = client.get("/meldingen/").content.decode()
    links = re.findall(r'class="notification__link" href="/meldingen/(\d+)/"', html)
    assert links == [str(new.pk), str(old.pk)]
    assert html.count("notification--unread") == 1
    assert dutch(
        "%(actor)s mentioned you in “%(title)s”", actor="Bram Claes", title=posts[1].topic.title
    ) in html.replace("&#x27;", "'")


def test_the_list_has_pages_of_twenty(client, anja, posts):
    for i in range(PER_PAGE + 5):
        make(anja, posts[i % 3], kind=Kind.MODERATION)
    client.force_login(anja)
    first = client.get("/meldingen/").content.decode()
    second = client.get("/meldingen/?pagina=2").content.decode()
    assert first.count('class="notification__link"') == PER_PAGE
    assert second.count('class="notification__link"') == 5
    assert client.get("/meldingen/?pagina=abc").status_code == 200
    assert client.get("/meldingen/?pagina=999").status_code == 200


def test_the_list_costs_the_same_for_few_and_many(
    client, anja, posts, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(anja)
    make(anja, posts[0], kind=Kind.MODERATION)
    client.get("/meldingen/")
    with CaptureQueriesContext(connection) as few:
        client.get("/meldingen/")
    for i in range(PER_PAGE):
        make(anja, posts[i % 3], kind=Kind.MODERATION)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/meldingen/")


def test_someone_elses_notifications_are_not_listed(client, anja, bram, posts):
    make(bram, posts[0], kind=Kind.MODERATION)
    client.force_login(anja)
    assert b'class="notification__link"' not in client.get("/meldingen/").content


def test_what_one_may_no_longer_see_leaves_the_list(
    client, forum, closed_space, region, anja, bram
):
    anja.groups.add(region)
    bram.groups.add(region)
    topic = forum.topic(closed_space, anja)
    forum.reply(topic, bram, "Enkel voor de regio")
    anja.groups.remove(region)
    client.force_login(anja)
    html = client.get("/meldingen/").content.decode()
    assert topic.title not in html
    assert not Notification.objects.filter(recipient=anja).exists()


# Opening and reading -------------------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(client, anja, posts):
    notification = make(anja, posts[1])
    client.force_login(anja)
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == posts[1].get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_or_an_unknown_notification_is_a_404(client, anja, bram, posts):
    theirs = make(bram, posts[0])
    client.force_login(anja)
    assert client.get(f"/meldingen/{theirs.pk}/").status_code == 404
    assert client.get("/meldingen/999999/").status_code == 404
    assert client.get("/meldingen/99999999999999999999/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_notification_about_something_gone_says_so(client, anja, posts):
    notification = make(anja, posts[0])
    posts[0].topic.delete()
    # The topic's removal took its notifications along; one that slipped through still
    # answers without an error.
    stray = Notification.objects.create(
        recipient=anja,
        kind=Kind.MODERATION,
        content_type=notification.content_type,
        object_id=424242,
    )
    client.force_login(anja)
    response = client.get(f"/meldingen/{stray.pk}/")
    assert response.status_code == 302 and response["Location"] == "/meldingen/"
    assert not Notification.objects.filter(pk=notification.pk).exists()


def test_mark_all_as_read(client, anja, bram, posts):
    for post in posts:
        make(anja, post, kind=Kind.MODERATION)
    theirs = make(bram, posts[0])
    client.force_login(anja)
    assert client.get("/meldingen/alles-gelezen/").status_code == 405
    response = client.post("/meldingen/alles-gelezen/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=anja, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_the_topic_reads_its_notifications(client, anja, posts):
    notification = make(anja, posts[2])
    client.force_login(anja)
    assert client.get(posts[2].topic.get_absolute_url()).status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None


# The header counter --------------------------------------------------------------------------


def _member_request(user):
    request = RequestFactory().get("/")
    request.user = user
    access.is_member(user)  # asked once per request anyway (accounts' context processor)
    return request


def test_the_counter_costs_one_query(anja, posts, django_assert_num_queries):
    for post in posts:
        make(anja, post, kind=Kind.MODERATION)
    request = _member_request(anja)
    with django_assert_num_queries(0):
        context = unread(request)
    with django_assert_num_queries(1):
        assert str(context["notification_count"]) == "3"
        assert context["notification_count"]
        assert context["notification_count"].value == 3


def test_the_header_shows_the_counter_with_at_most_one_query(
    anja, posts, django_assert_max_num_queries
):
    for post in posts:
        make(anja, post, kind=Kind.MODERATION)
    request = _member_request(anja)
    template = Template('{% include "includes/header.html" %}')

    def render():
        context = RequestContext(request, {"user": anja, "is_member": True, "sections": []})
        context.update({"notification_count": UnreadCount(anja)})
        return template.render(context)

    render()  # the header's other questions (permissions) are remembered on the user
    with django_assert_max_num_queries(1):
        html = render()
    assert re.search(r'data-testid="notification-count">3<', html)


def test_a_page_counts_the_notifications_once_however_many_there_are(client, anja, posts):
    """The same page with no notifications and with 30: as many queries, one of them the
    count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(anja)
    client.get("/meldingen/instellingen/")
    with CaptureQueriesContext(connection) as none:
        client.get("/meldingen/instellingen/")
    for i in range(30):
        make(anja, posts[i % 3], kind=Kind.MODERATION)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/meldingen/instellingen/")
    assert b'data-testid="notification-count">30<' in response.content
    assert len(many.captured_queries) == len(none.captured_queries)
    counting = [q["sql"] for q in many.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counting) == 1


def test_no_query_when_no_template_uses_the_counter(anja, django_assert_num_queries):
    request = _member_request(anja)
    with django_assert_num_queries(0):
        unread(request)


def test_the_counter_stops_at_99(anja, posts):
    Notification.objects.bulk_create(
        [
            Notification(recipient=anja, kind=Kind.MODERATION, target=posts[0], actor_names=[])
            for _ in range(120)
        ]
    )
    count = UnreadCount(_member_request(anja).user)
    assert str(count) == "99+"


def test_visitors_see_no_counter_and_cost_no_query(
    client, site_tree, django_assert_max_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert not unread(request)["notification_count"]
    assert b"notifications-link" not in client.get("/").content


# Settings ------------------------------------------------------------------------------------


def test_the_mail_setting_is_saved(client, anja):
    client.force_login(anja)
    page = client.get("/meldingen/instellingen/").content.decode()
    assert 'value="immediately" checked' in page  # the default
    response = client.post("/meldingen/instellingen/", {"frequency": "weekly"})
    assert response.status_code == 302
    preference = MailPreference.objects.get(user=anja)
    assert preference.frequency == Frequency.WEEKLY
    # The first digest comes at the next digest hour, not at the next run.
    assert preference.last_digest_at is not None


def test_a_wrong_mail_setting_is_refused_with_a_message(client, anja):
    client.force_login(anja)
    response = client.post("/meldingen/instellingen/", {"frequency": "hourly"})
    assert response.status_code == 400
    assert b"field__error" in response.content
    assert not MailPreference.objects.filter(user=anja).exists()


def test_the_settings_list_what_one_follows_and_ignores(
    client, forum, space, closed_space, region, anja, bram
):
    topic = forum.topic(space, anja)
    watching.set_level(anja, space, WatchLevel.MUTED)
    region.user_set.add(anja)
    secret = forum.topic(closed_space, anja)
    region.user_set.remove(anja)
    client.force_login(anja)
    html = client.get("/meldingen/instellingen/").content.decode()
    assert topic.title in html and space.name in html
    assert secret.get_absolute_url() not in html  # she left that group


# Watching ------------------------------------------------------------------------------------


def test_the_topic_page_shows_the_selector_and_it_works_without_javascript(
    client, forum, space, anja, bram
):
    topic = forum.topic(space, anja)
    client.force_login(bram)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert 'data-testid="watch-topic"' in html
    assert 'name="level" id="watch-topic-normal" value="normal" checked' in html
    response = client.post(
        "/meldingen/volgen/",
        {"what": "topic", "id": topic.pk, "level": "watching", "next": topic.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert watching.level_for(bram, topic).level == WatchLevel.WATCHING
    html = client.get(topic.get_absolute_url()).content.decode()
    assert 'id="watch-topic-watching" value="watching" checked' in html


def test_the_space_page_shows_the_selector(client, space, anja):
    client.force_login(anja)
    html = client.get(space.get_absolute_url()).content.decode()
    assert 'data-testid="watch-space"' in html
    client.post("/meldingen/volgen/", {"what": "space", "id": space.pk, "level": "muted"})
    assert watching.level_for(anja, space).level == WatchLevel.MUTED


def test_one_cannot_watch_what_one_may_not_see(client, forum, closed_space, region, anja, bram):
    region.user_set.add(anja)
    topic = forum.topic(closed_space, anja)
    client.force_login(bram)
    for what, pk in (("topic", topic.pk), ("space", closed_space.pk), ("topic", 999999)):
        response = client.post("/meldingen/volgen/", {"what": what, "id": pk, "level": "watching"})
        assert response.status_code == 404
    assert bram.pk not in watching.watchers(topic)


@pytest.mark.parametrize(
    "data",
    [
        {"what": "nothing", "id": "1", "level": "watching"},
        {"what": "topic", "id": "abc", "level": "watching"},
        {"what": "topic", "id": "99999999999999999999999", "level": "watching"},
        {"what": "topic", "id": "1", "level": "loud"},
        {},
    ],
)
def test_bad_watch_requests_get_an_answer_not_an_error(client, anja, data):
    client.force_login(anja)
    response = client.post("/meldingen/volgen/", data)
    assert response.status_code in (302, 404)


def test_the_next_address_must_be_on_this_site(client, forum, space, anja):
    topic = forum.topic(space, anja)
    client.force_login(anja)
    response = client.post(
        "/meldingen/volgen/",
        {"what": "topic", "id": topic.pk, "level": "muted", "next": "https://evil.example/"},
    )
    assert response["Location"] == topic.get_absolute_url()


# Unsubscribe ---------------------------------------------------------------------------------


def test_unsubscribing_needs_no_login_and_asks_first(anja):
    client = Client(enforce_csrf_checks=True)
    url = f"/meldingen/afmelden/{mail.unsubscribe_token(anja)}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b'data-testid="unsubscribe"' in response.content
    assert not MailPreference.objects.filter(user=anja).exists()  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert b'data-testid="unsubscribed"' in response.content
    preference = MailPreference.objects.get(user=anja)
    assert preference.frequency == Frequency.NEVER and preference.unsubscribed_at is not None


def test_a_mail_program_unsubscribes_with_one_click(anja):
    """RFC 8058: a POST with List-Unsubscribe=One-Click, no cookies, no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/meldingen/afmelden/{mail.unsubscribe_token(anja)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert MailPreference.objects.get(user=anja).frequency == Frequency.NEVER


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1:abc",
        "{pk}:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "{other}",  # a genuine token, its id changed
        "{reply}",  # a genuine token of another kind (a reply-by-mail address)
        "%00",
    ],
)
def test_a_forged_or_altered_link_is_refused_clearly(client, anja, bram, space, token):
    from community import posting
    from community.mail_replies import reply_token

    genuine = mail.unsubscribe_token(anja)
    topic = posting.start_topic(space, anja, "Vraag", "Tekst")
    token = token.format(
        pk=anja.pk,
        other=genuine.replace(f"{anja.pk}:", f"{bram.pk}:", 1),
        reply=reply_token(anja, topic),
    )
    for method in (client.get, client.post):
        response = method(f"/meldingen/afmelden/{token}/")
        assert response.status_code in (400, 404)
    assert not MailPreference.objects.exists()


def test_choosing_mail_again_after_unsubscribing(client, anja):
    Client().post(f"/meldingen/afmelden/{mail.unsubscribe_token(anja)}/")
    client.force_login(anja)
    client.post("/meldingen/instellingen/", {"frequency": "daily"})
    preference = MailPreference.objects.get(user=anja)
    assert preference.frequency == Frequency.DAILY and preference.unsubscribed_at is None


def test_members_see_the_link_to_their_notifications(client, anja, posts):
    make(anja, posts[0])
    client.force_login(anja)
    html = client.get("/meldingen/instellingen/").content.decode()
    assert 'data-testid="notifications-link"' in html
    member = MemberFactory()
    client.force_login(member)
    assert b'data-testid="notification-count"' not in client.get("/meldingen/").content


def test_reading_a_topic_with_nothing_unread_writes_nothing(client, anja, posts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(anja)
    url = posts[0].topic.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "notif')]
