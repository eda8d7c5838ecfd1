"""The demo dossiers: five stages of the policy dialogue, built on the demo bottlenecks, and
idempotent."""

import io

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from accounts import demo as accounts_demo
from knowledge import demo as knowledge_demo
from tracker import access, demo, demo_dossiers, dossiers
from tracker.models import Addressee, Dossier, DossierItem, DossierStatus, Snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(site_tree):
    out = io.StringIO()
    accounts_demo.load(out)
    knowledge_demo._taxonomy()
    demo.load(out)  # the bottlenecks, then the dossiers (one call at its end)
    return out.getvalue()


def _get(title):
    return Dossier.objects.get(title=title)


def test_five_dossiers_in_every_stage_and_a_second_run_adds_nothing(loaded):
    assert "5 dossiers aangemaakt" in loaded
    assert Dossier.objects.count() == 5
    stages = set(Dossier.objects.values_list("status", flat=True))
    assert {DossierStatus.BUILDING, DossierStatus.SENT, DossierStatus.ANSWERED} <= stages
    assert {DossierStatus.ON_AGENDA, DossierStatus.CLOSED} <= stages
    for dossier in Dossier.objects.all():
        assert dossier.owner.email == "sam@example.org"
        assert dossier.items.count() >= 3
        # Only live demo bottlenecks (never a merged duplicate).
        assert not dossier.items.filter(bottleneck__merged_into__isnull=False).exists()
        assert dossier.addressees.count() >= 2
    counts = (Dossier.objects.count(), DossierItem.objects.count(), Snapshot.objects.count())
    out = io.StringIO()
    demo.load(out)
    demo_dossiers.load(out)
    assert (Dossier.objects.count(), DossierItem.objects.count(), Snapshot.objects.count()) == (
        counts
    )


def test_each_dossier_tells_its_story(loaded):
    today = timezone.localdate()
    building = _get(demo_dossiers.CHILDCARE)
    assert building.status == DossierStatus.BUILDING and not building.published
    assert not building.addressees.filter(sent_on__isnull=False).exists()
    assert building.internal_notes

    sent = _get(demo_dossiers.SICKNESS)
    assert sent.status == DossierStatus.SENT and sent.published
    overdue = [a for a in sent.addressees.all() if a.is_overdue(today)]
    assert [a.body for a in overdue] == ["RIZIV"]
    assert overdue[0].sent_on < today and overdue[0].due_on < today
    assert dossiers.overdue(today).filter(dossier=sent).count() == 1

    answered = _get(demo_dossiers.INCOME)
    assert answered.status == DossierStatus.ANSWERED
    replies = answered.addressees.filter(answered_on__isnull=False).exclude(answer="")
    assert replies.count() == 2
    assert any("Lokaal bestuur" in a.body for a in replies)

    closed = _get(demo_dossiers.TRANSPORT)
    assert closed.status == DossierStatus.CLOSED
    assert closed.public and closed.public_summary
    assert access.can_see_public_summary(AnonymousUser(), closed)
    # Only one dossier is public; the rest stay with members or staff.
    assert Dossier.objects.filter(public=True).count() == 1


def test_the_meeting_dossier_shows_changes_between_and_since_its_meetings(loaded):
    dossier = _get(demo_dossiers.MENTAL)
    assert dossier.status == DossierStatus.ON_AGENDA and dossier.published
    first, second = dossier.snapshots.order_by("meeting_on")
    today = timezone.localdate()
    assert first.meeting_on < second.meeting_on < today
    assert first.created_at.date() == first.meeting_on
    assert first.state["captured_at"].startswith(first.meeting_on.isoformat())

    between = {change.kind for change in dossiers.compare_snapshots(first, second)}
    assert {"added", "confirmations", "status", "sent", "dossier_status"} <= between

    snapshot, since = dossiers.changes_since_last_meeting(dossier)
    assert snapshot == second
    kinds = [change.kind for change in since]
    assert "added" in kinds and "confirmations" in kinds and "answer" in kinds
    answer = Addressee.objects.get(dossier=dossier, body="Departement Zorg")
    assert answer.answered_on is not None and answer.answered_on > second.meeting_on


def test_demo_dossiers_are_skipped_without_the_demo_accounts(db):
    out = io.StringIO()
    demo_dossiers.load(out)
    assert "overgeslagen" in out.getvalue()
    assert not Dossier.objects.exists()
