"""The demo: lid@example.org finds a handful of notifications, some unread, and a digest set."""

import io

from django.contrib.auth import get_user_model

import pytest

from accounts import demo as accounts_demo
from community import demo as forum_demo
from notifications import demo, rendering, watching
from notifications.models import Frequency, Kind, MailPreference, Notification, WatchLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def lid(site_tree):
    accounts_demo.load(io.StringIO())
    forum_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    assert "meldingen voor lid@example.org" in out.getvalue()
    return get_user_model().objects.get(email="lid@example.org")


def test_lid_has_a_handful_of_notifications_some_unread(lid, client):
    mine = Notification.objects.filter(recipient=lid)
    assert 6 <= mine.count() <= demo.KEEP
    assert mine.filter(read_at__isnull=True).count() >= demo.UNREAD_AT_LEAST
    assert mine.filter(read_at__isnull=False).exists()
    kinds = set(mine.values_list("kind", flat=True))
    assert {Kind.REPLIED, Kind.REACTION} <= kinds
    assert len(kinds) >= 4
    # Every one of them she may see, and each says something.
    shown, gone = rendering.for_member(lid, mine)
    assert gone == [] and all(item.headline for item in shown)
    client.force_login(lid)
    response = client.get("/meldingen/")
    assert response.status_code == 200
    assert response.content.decode().count('class="notification__link"') == mine.count()


def test_lid_gets_a_daily_digest_and_watches_what_she_wrote_in(lid):
    assert MailPreference.objects.get(user=lid).frequency == Frequency.DAILY
    from community.models import Topic

    started = Topic.objects.filter(author=lid).first()
    assert watching.level_for(lid, started).level == WatchLevel.WATCHING
    assert watching.level_for(lid, started.space).level in (WatchLevel.WATCHING, "normal")


def test_loading_the_demo_twice_changes_nothing(lid):
    before = sorted(Notification.objects.values_list("pk", "kind", "read_at"))
    demo.load(io.StringIO())
    assert sorted(Notification.objects.values_list("pk", "kind", "read_at")) == before
