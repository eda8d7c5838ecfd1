"""The admin dashboard's panels for what waits on SAM staff (portal.admin_home)."""

import datetime
import re

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from community import moderation
from community.models import FlagReason
from knowledge import workflow
from portal import admin_home
from tests.accounts.factories import (
    MemberFactory,
    PendingUserFactory,
    StaffFactory,
    UserFactory,
)
from tests.community import factories as forum_factories
from tests.knowledge import factories as knowledge_factories
from tests.tracker import factories as tracker_factories
from tracker.models import Status

pytestmark = pytest.mark.django_db

PANEL_IDS = [panel.name for panel in admin_home.PANELS]


@pytest.fixture(autouse=True)
def _tree(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.ensure_workflow()
    return site_tree


def _section(html: str, panel_id: str) -> str | None:
    found = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    return found.group(0) if found else None


def _count(section: str) -> int:
    return int(re.search(r'data-waiting-count="(\d+)"', section).group(1))


def _waiting_work(n: int) -> None:
    """n of everything that waits on SAM staff."""
    member = MemberFactory()
    space = forum_factories.space()
    long_ago = timezone.localdate() - datetime.timedelta(days=3 * 365)
    for _ in range(n):
        PendingUserFactory()
        knowledge_factories.product(last_reviewed=long_ago)
        topic = forum_factories.topic(space, member)
        moderation.flag(topic.posts.get(), MemberFactory(), FlagReason.TONE)
        tracker_factories.bottleneck(member, accepted=False)


def _dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_every_panel_with_nothing_to_do_when_nothing_waits(client):
    html = _dashboard(client, StaffFactory())
    for panel_id in PANEL_IDS:
        section = _section(html, panel_id)
        assert section is not None, panel_id
        assert _count(section) == 0
        assert "<table" not in section


def test_each_panel_counts_and_lists_what_waits_with_links(client):
    _waiting_work(admin_home.SHOWN + 2)
    html = _dashboard(client, StaffFactory())
    for panel_id in PANEL_IDS:
        section = _section(html, panel_id)
        assert _count(section) == admin_home.SHOWN + 2, panel_id
        assert section.count("<tr>") == admin_home.SHOWN + 1  # the header row and five items
    assert reverse("accounts_admin:pending") in _section(html, "sam-registrations")
    assert reverse("knowledge_overdue") in _section(html, "sam-review-due")
    assert reverse("forum_moderation:queue") in _section(html, "sam-flagged-posts")
    triage = _section(html, "sam-new-bottlenecks")
    assert reverse("tracker:triage") + "?status=gemeld" in triage


def test_items_link_to_the_thing_itself_where_it_has_a_page(client):
    member = MemberFactory()
    long_ago = timezone.localdate() - datetime.timedelta(days=3 * 365)
    product = knowledge_factories.product(last_reviewed=long_ago)
    current = knowledge_factories.product(last_reviewed=timezone.localdate())
    new = tracker_factories.bottleneck(member, accepted=False)
    triaged = tracker_factories.bottleneck(member, accepted=True)
    html = _dashboard(client, StaffFactory())
    review = _section(html, "sam-review-due")
    assert reverse("wagtailadmin_pages:edit", args=[product.pk]) in review
    assert reverse("wagtailadmin_pages:edit", args=[current.pk]) not in review
    triage = _section(html, "sam-new-bottlenecks")
    assert new.get_absolute_url() in triage
    assert triaged.get_absolute_url() not in triage


def test_dismissed_reports_and_decided_registrations_no_longer_wait(client):
    staff = StaffFactory()
    member = MemberFactory()
    topic = forum_factories.topic(forum_factories.space(), member)
    moderation.flag(topic.posts.get(), MemberFactory(), FlagReason.SPAM)
    moderation.dismiss(topic.posts.get(), staff)
    PendingUserFactory().approve(by=staff)
    html = _dashboard(client, staff)
    assert _count(_section(html, "sam-flagged-posts")) == 0
    assert _count(_section(html, "sam-registrations")) == 0


def test_the_dashboard_costs_the_same_queries_for_one_or_many_waiting(
    client, django_assert_max_num_queries
):
    staff = StaffFactory()
    client.force_login(staff)
    # With fewer than SHOWN waiting a panel skips its count query: start from a full panel.
    _waiting_work(admin_home.SHOWN)
    client.get(reverse("wagtailadmin_home"))  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("wagtailadmin_home"))
    _waiting_work(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("wagtailadmin_home"))
    assert _count(_section(response.content.decode(), "sam-registrations")) == admin_home.SHOWN + 4


def test_an_editor_without_the_rights_sees_none_of_the_panels(client):
    editor = UserFactory()
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    _waiting_work(1)
    html = _dashboard(client, editor)
    for panel_id in PANEL_IDS:
        assert _section(html, panel_id) is None


def test_each_panel_follows_its_own_rule():
    staff, member, superuser = StaffFactory(), MemberFactory(), UserFactory(is_superuser=True)
    assert [type(p) for p in admin_home.panels_for(staff)] == list(admin_home.PANELS)
    assert admin_home.panels_for(member) == []
    # A superuser holds every permission; the forum and the tracker ask for the SAM role.
    assert {type(p) for p in admin_home.panels_for(superuser)} >= {
        admin_home.RegistrationsPanel,
        admin_home.OverdueProductsPanel,
    }


def test_a_page_waiting_for_a_second_reading_shows_in_wagtails_review_panel(client):
    author, colleague = StaffFactory(), StaffFactory()
    page = knowledge_factories.product(live=False)
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    html = _dashboard(client, colleague)
    assert 'id="awaiting-review-section"' in html
    assert page.title in html
    # The author cannot approve their own page: it is not waiting for them.
    html = _dashboard(client, author)
    assert 'id="awaiting-review-section"' not in html


def test_reported_bottlenecks_that_were_merged_do_not_wait(client):
    member = MemberFactory()
    kept = tracker_factories.bottleneck(member, accepted=False)
    merged = tracker_factories.bottleneck(member, accepted=False)
    merged.merged_into = kept
    merged.save(update_fields=["merged_into"])
    assert list(admin_home.NewBottlenecksPanel(StaffFactory()).queryset()) == [kept]
    assert kept.status == Status.REPORTED
