"""The status workflow: every allowed transition works, every other one is refused."""

from django.utils import timezone
from django.utils.translation import gettext as _

import pytest

from notifications.models import Notification
from tracker import actions, notify, workflow
from tracker.models import Bottleneck, Status, StatusChange

from . import factories

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values]
ALLOWED = [(a, b) for a, b in ALL_PAIRS if b in workflow.TRANSITIONS[a]]
REFUSED = [(a, b) for a, b in ALL_PAIRS if b not in workflow.TRANSITIONS[a]]


def test_the_table_covers_every_status():
    assert set(workflow.TRANSITIONS) == set(Status.values)
    assert ("gemeld", "in-behandeling") in ALLOWED
    assert ("opgelost", "heropend") in ALLOWED and ("niet-weerhouden", "heropend") in ALLOWED


def _at(status, reporter):
    return factories.bottleneck(reporter, status=status, accepted=status != "gemeld")


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_transitions(client, staff, reporter, from_status, to_status):
    bottleneck = _at(from_status, reporter)
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{bottleneck.pk}/status/", {"status": to_status, "reason": "Besproken."}
    )
    assert response.status_code == 302
    bottleneck.refresh_from_db()
    assert bottleneck.status == to_status
    change = StatusChange.objects.filter(bottleneck=bottleneck).latest("pk")
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        from_status,
        to_status,
        staff,
        "Besproken.",
    )


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_refused_transitions_change_nothing(client, staff, reporter, from_status, to_status):
    bottleneck = _at(from_status, reporter)
    steps = StatusChange.objects.count()
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{bottleneck.pk}/status/",
        {"status": to_status, "reason": "Geprobeerd."},
        follow=True,
    )
    bottleneck.refresh_from_db()
    assert bottleneck.status == from_status
    assert StatusChange.objects.count() == steps
    assert workflow.refusal(from_status, to_status) in [
        str(m) for m in response.context["messages"]
    ]


def test_a_status_that_does_not_exist_is_refused(client, staff, accepted):
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{accepted.pk}/status/", {"status": "verdwenen", "reason": "x"}
    )
    assert response.status_code == 400
    accepted.refresh_from_db()
    assert accepted.status == "in-behandeling"


def test_a_change_needs_a_reason(staff, accepted):
    with pytest.raises(actions.Refused):
        actions.change_status(accepted, "gebundeld", staff, "  ")
    assert Bottleneck.objects.get(pk=accepted.pk).status == "in-behandeling"


@pytest.mark.parametrize("role", ["member", "policy_worker", "reporter"])
def test_only_staff_change_a_status(client, request, role, accepted):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        f"/knelpunten/{accepted.pk}/status/", {"status": "gebundeld", "reason": "Ik wil dit."}
    )
    assert response.status_code == 403
    accepted.refresh_from_db()
    assert accepted.status == "in-behandeling"


def test_accepting_shows_it_to_members(staff, member, reported):
    from tracker import access

    actions.change_status(reported, "in-behandeling", staff, "Aanvaard.")
    reported.refresh_from_db()
    assert reported.accepted_at is not None and access.can_see(member, reported)


def test_followers_hear_of_a_status_change(
    staff, member, reporter, accepted, django_capture_on_commit_callbacks
):
    factories.confirmation(member, accepted)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(accepted, "op-de-agenda", staff, "Op het overleg met VDAB.")
    notes = Notification.objects.filter(kind="tracker", object_id=accepted.pk)
    assert set(notes.values_list("recipient", flat=True)) == {member.pk, reporter.pk}
    assert notes.first().data["to"] == "op-de-agenda"


def test_unread_status_news_is_replaced_by_the_newest_step(
    staff, member, reporter, accepted, django_capture_on_commit_callbacks
):
    factories.confirmation(member, accepted)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(accepted, "op-de-agenda", staff, "Op het overleg met VDAB.")
    notes = Notification.objects.filter(kind="tracker", object_id=accepted.pk, recipient=member)
    assert notes.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(accepted, "antwoord-ontvangen", staff, "VDAB antwoordde.")
    assert notes.count() == 1
    assert notes.get().data["to"] == "antwoord-ontvangen"
    notes.update(read_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(accepted, "opgelost", staff, "De regel is aangepast.")
    assert notes.count() == 2 and notes.filter(read_at__isnull=True).get().data["to"] == "opgelost"


def test_the_announcement_records_the_change(staff, reported, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change = actions.change_status(reported, "in-behandeling", staff, "Aanvaard.")
    assert len(callbacks) >= 1
    assert StatusChange.objects.filter(pk=change.pk, to_status="in-behandeling").exists()
    assert notify.announce.call(change.pk) == 1  # the reporter


def test_the_refusal_names_the_allowed_statuses():
    message = workflow.refusal("gemeld", "opgelost")
    assert str(Status.IN_PROGRESS.label) in message and str(Status.NOT_RETAINED.label) in message
    assert workflow.refusal("gemeld", "gemeld") == _(
        "The bottleneck already has the status “%(status)s”."
    ) % {"status": Status.REPORTED.label}
