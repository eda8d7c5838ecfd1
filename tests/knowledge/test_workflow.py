import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest
from wagtail.models import Page

from knowledge import workflow
from knowledge.models import KnowledgeIndexPage, LearningActivityIndexPage, PeerReviewTask
from knowledge.wagtail_hooks import hide_direct_publish
from tests.accounts.factories import StaffFactory, UserFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.ensure_workflow()
    return site_tree


def test_both_sections_go_through_the_four_eyes_workflow():
    for model in (KnowledgeIndexPage, LearningActivityIndexPage):
        assert model.objects.get().get_workflow().name == workflow.WORKFLOW_NAME
    page = factories.product()
    assert workflow.requires_peer_review(page)


def test_the_person_who_submits_cannot_approve_but_a_colleague_can():
    author, colleague = StaffFactory(), StaffFactory()
    page = factories.product(live=False)
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    task = PeerReviewTask.objects.get()
    page = Page.objects.get(pk=page.pk).specific
    assert task.get_actions(page, author) == []
    assert [name for name, *_ in task.get_actions(page, colleague)] == [
        "reject",
        "approve",
        "approve",
    ] or any(name == "approve" for name, *_ in task.get_actions(page, colleague))


def test_a_colleagues_approval_publishes_the_page():
    author, colleague = StaffFactory(), StaffFactory()
    page = factories.product(live=False)
    page.save_revision(user=author)
    state = page.get_workflow().start(page, author)
    state.current_task_state.task.specific.on_action(state.current_task_state, colleague, "approve")
    assert Page.objects.get(pk=page.pk).live


class _Item:
    def __init__(self, name):
        self.name = name


def test_staff_do_not_get_a_direct_publish_button_but_a_superuser_does(rf):
    page = factories.product()
    for user, expected in (
        (StaffFactory(), ["action-submit"]),
        (UserFactory(is_superuser=True), ["action-submit", "action-publish"]),
    ):
        request = rf.get("/")
        request.user = user
        items = [_Item("action-submit"), _Item("action-publish")]
        hide_direct_publish(items, request, {"page": page})
        assert [item.name for item in items] == expected


def test_scheduled_publishing_publishes_when_the_time_has_come():
    page = factories.product(live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.save_revision()
    revision.publish()  # with a go-live date in the past this publishes at once
    assert Page.objects.get(pk=page.pk).live

    later = factories.product(live=False)
    later.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    later.save_revision().publish()
    assert not Page.objects.get(pk=later.pk).live
    # Let the hour pass: move the scheduled moment (in the revision and its approval) back.
    past = timezone.now() - datetime.timedelta(seconds=1)
    later_revision = later.get_latest_revision()
    assert later_revision.approved_go_live_at is not None
    later_revision.approved_go_live_at = past
    later_revision.content["go_live_at"] = past.isoformat()
    later_revision.save()
    call_command("publish_scheduled")
    assert Page.objects.get(pk=later.pk).live
