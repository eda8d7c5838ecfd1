"""Taking a knowledge page offline goes through a colleague too (the four-eyes workflow)."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from wagtail.models import Page

from knowledge import workflow
from knowledge.wagtail_hooks import hide_direct_publish
from podcasts.models import PodcastIndexPage
from portal import visibility
from tests.accounts.factories import StaffFactory, UserFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.ensure_workflow()
    return site_tree


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True)


def _unpublish_url(page):
    return reverse("wagtailadmin_pages:unpublish", args=[page.pk])


def _is_live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def test_staff_cannot_unpublish_a_product_directly(client):
    page = factories.product()
    client.force_login(StaffFactory())
    response = client.post(_unpublish_url(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert _is_live(page)


def test_a_superuser_unpublishes_a_product_directly(client, superuser):
    page = factories.product()
    client.force_login(superuser)
    client.post(_unpublish_url(page))
    assert not _is_live(page)


def test_staff_still_unpublish_pages_outside_the_workflow(client):
    page = PodcastIndexPage.objects.get()
    assert not workflow.requires_peer_review(page)
    client.force_login(StaffFactory())
    client.post(_unpublish_url(page))
    assert not _is_live(page)


def test_unpublishing_a_page_with_products_below_it_needs_a_colleague(site_tree):
    staff = StaffFactory()
    factories.product()
    assert not workflow.unpublish_needs_review(site_tree, staff)
    assert workflow.unpublish_needs_review(site_tree, staff, include_descendants=True)


def test_staff_cannot_take_the_knowledge_section_offline_with_its_products(client, site_tree):
    staff = StaffFactory()
    client.force_login(staff)
    client.post(_unpublish_url(site_tree), {"include_descendants": "on"})
    assert _is_live(site_tree)


def test_bulk_unpublishing_products_is_refused_to_staff_but_not_to_a_superuser(client, superuser):
    pages = [factories.product(), factories.product()]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    url += "?" + "&".join(f"id={page.pk}" for page in pages)
    client.force_login(StaffFactory())
    client.post(url)
    assert all(_is_live(page) for page in pages)
    client.force_login(superuser)
    client.post(url)
    assert not any(_is_live(page) for page in pages)


class _Item:
    def __init__(self, name):
        self.name = name


def test_the_action_menu_offers_staff_no_unpublish_but_a_superuser_does(rf, superuser):
    page = factories.product()
    names = ["action-submit", "action-publish", "action-unpublish"]
    for user, expected in (
        (StaffFactory(), ["action-submit"]),
        (superuser, names),
    ):
        request = rf.get("/")
        request.user = user
        items = [_Item(name) for name in names]
        hide_direct_publish(items, request, {"page": page})
        assert [item.name for item in items] == expected


@pytest.mark.parametrize(
    "view", ["wagtailadmin_pages:edit", "wagtailadmin_explore"], ids=["edit", "listing"]
)
def test_the_admin_shows_staff_no_unpublish_link_for_products(client, superuser, view):
    page = factories.product()
    target = page if view == "wagtailadmin_pages:edit" else page.get_parent()
    url = reverse(view, args=[target.pk])
    client.force_login(StaffFactory())
    assert _unpublish_url(page) not in client.get(url).content.decode()
    client.force_login(superuser)
    assert _unpublish_url(page) in client.get(url).content.decode()


def test_an_expiry_date_approved_by_a_colleague_takes_the_product_offline():
    """The way to unpublish through the workflow: an expiry date in a revision that a
    colleague approves; until then the live product stays as it was."""
    author, colleague = StaffFactory(), StaffFactory()
    page = factories.product()
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision(user=author)
    state = page.get_workflow().start(page, author)
    assert Page.objects.get(pk=page.pk).expire_at is None

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, colleague, "approve")
    approved = Page.objects.get(pk=page.pk)
    assert approved.live and approved.expire_at is not None

    # Let the hour pass: the page is no longer shown, and the scheduler unpublishes it.
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not visibility.can_view_page(Page.objects.get(pk=page.pk).specific, author)
    call_command("publish_scheduled")
    assert not _is_live(page)


def _api_action(page, action):
    return reverse("wagtailadmin_api:pages:action", args=[page.pk, action])


def test_the_admin_api_refuses_staff_to_unpublish_or_publish_a_product(client):
    live = factories.product()
    draft = factories.product(live=False)
    draft.save_revision()
    client.force_login(StaffFactory())
    response = client.post(_api_action(live, "unpublish"), {}, content_type="application/json")
    assert response.status_code == 403
    assert _is_live(live)
    response = client.post(_api_action(draft, "publish"), {}, content_type="application/json")
    assert response.status_code == 403
    assert not _is_live(draft)


def test_the_admin_api_lets_a_superuser_unpublish_a_product(client, superuser):
    page = factories.product()
    client.force_login(superuser)
    response = client.post(_api_action(page, "unpublish"), {}, content_type="application/json")
    assert response.status_code == 200
    assert not _is_live(page)


def test_bulk_publishing_products_is_refused_to_staff_but_not_to_a_superuser(client, superuser):
    pages = [factories.product(live=False), factories.product(live=False)]
    for page in pages:
        page.save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    url += "?" + "&".join(f"id={page.pk}" for page in pages)
    client.force_login(StaffFactory())
    client.post(url)
    assert not any(_is_live(page) for page in pages)
    client.force_login(superuser)
    client.post(url)
    assert all(_is_live(page) for page in pages)


def test_staff_copy_a_product_only_as_a_draft(client):
    page = factories.product()
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    client.force_login(StaffFactory())
    data = {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": page.get_parent().pk}
    client.post(url, {**data, "publish_copies": "on"})
    assert not Page.objects.filter(slug="kopie").exists()
    client.post(url, data)
    assert not Page.objects.get(slug="kopie").live


def _listing_queries(client, user, parent) -> int:
    client.force_login(user)
    url = reverse("wagtailadmin_explore", args=[parent.pk])
    client.get(url)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_hiding_unpublish_costs_no_query_per_row_of_the_page_listing(client, superuser):
    staff = StaffFactory()
    parent = factories.product().get_parent()
    few = {user: _listing_queries(client, user, parent) for user in (staff, superuser)}
    for _ in range(5):
        factories.product()
    many = {user: _listing_queries(client, user, parent) for user in (staff, superuser)}
    # Whatever Wagtail's listing costs per row, the rule adds nothing to it (superusers skip it).
    assert many[staff] - few[staff] <= many[superuser] - few[superuser]
