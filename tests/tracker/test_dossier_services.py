"""The dossier services (tracker.dossiers) and the anonymous record shape (tracker.records):
snapshots and what changed, building a dossier, answers and who hears of them, overdue
reminders, and what leaves the site about a bottleneck."""

import datetime
import io
import json

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from notifications.models import Notification
from notifications.rendering import describe
from tests.accounts.factories import MemberFactory, PolicyWorkerFactory
from tracker import actions, dossiers, records
from tracker.models import (
    Addressee,
    Bottleneck,
    DossierItem,
    DossierStatus,
    Snapshot,
    Status,
)

from . import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
DAY_1 = datetime.date(2026, 3, 2)


def _kinds(changes) -> list[str]:
    return [change.kind for change in changes]


def _order(dossier) -> list[int]:
    return list(
        DossierItem.objects.filter(dossier=dossier)
        .order_by("position", "pk")
        .values_list("bottleneck_id", flat=True)
    )


# --- capture and compare -----------------------------------------------------------------------


def test_capture_is_the_dossiers_state_in_its_order(staff, reporter):
    first = factories.bottleneck(reporter, title="Eerste")
    second = factories.bottleneck(reporter, title="Tweede")
    factories.confirmation(MemberFactory(), second, region="limburg", participants=2)
    dossier = factories.dossier(
        staff, bottlenecks=[second, first], addressees=[{"body": "VDAB", "sent_on": DAY_1}]
    )
    state = dossiers.capture(dossier)
    json.dumps(state)  # JSON-ready
    assert state["status"] == DossierStatus.BUILDING
    assert [b["id"] for b in state["bottlenecks"]] == [second.pk, first.pk]
    assert state["bottlenecks"][0]["confirmations"] == 1
    assert state["bottlenecks"][0]["participants"] == 2
    assert state["bottlenecks"][0]["regions"] == {"limburg": 1}
    assert state["addressees"] == [
        {
            "id": dossier.addressees.get().pk,
            "body": "VDAB",
            "sent_on": DAY_1.isoformat(),
            "due_on": None,
            "answered_on": None,
        }
    ]


def test_capture_takes_the_same_number_of_queries_whatever_the_size(staff, reporter):
    small = factories.dossier(staff, bottlenecks=[factories.bottleneck(reporter)])
    big = factories.dossier(
        staff,
        bottlenecks=[factories.bottleneck(reporter) for _ in range(15)],
        addressees=["VDAB", "RIZIV", "Departement Zorg"],
    )
    with CaptureQueriesContext(connection) as few:
        dossiers.capture(small)
    with CaptureQueriesContext(connection) as many:
        assert len(dossiers.capture(big)["bottlenecks"]) == 15
    assert len(many) == len(few) <= 4


def test_compare_lists_every_kind_of_change(staff, reporter):
    kept = factories.bottleneck(reporter, title="Blijft")
    gone = factories.bottleneck(reporter, title="Verdwijnt")
    new = factories.bottleneck(reporter, title="Nieuw")
    dossier = factories.dossier(staff, bottlenecks=[kept, gone], addressees=["VDAB", "RIZIV"])
    factories.confirmation(MemberFactory(), kept)
    old = dossiers.capture(dossier)
    assert dossiers.compare(old, dossiers.capture(dossier)) == []

    factories.confirmation(MemberFactory(), kept, participants=4)
    factories.confirmation(MemberFactory(), kept, participants=1)
    actions.change_status(kept, Status.BUNDLED, staff, "Gebundeld in het dossier.")
    DossierItem.objects.filter(dossier=dossier, bottleneck=gone).delete()
    dossiers.add_bottleneck(dossier, new, staff)
    factories.confirmation(MemberFactory(), new)
    vdab, riziv = dossier.addressees.order_by("position")
    Addressee.objects.filter(pk=vdab.pk).update(sent_on=DAY_1)
    Addressee.objects.filter(pk=riziv.pk).update(sent_on=DAY_1, answered_on=DAY_1 + 20 * DAY)
    Addressee.objects.create(dossier=dossier, body="Lokaal bestuur Genk", position=5)
    dossier.status = DossierStatus.SENT
    dossier.save()

    changes = dossiers.compare(old, dossiers.capture(dossier))
    kinds = _kinds(changes)
    assert kinds.count("sent") == 2
    assert {"dossier_status", "added", "removed", "confirmations", "status", "answer"} <= set(kinds)
    assert kinds.count("addressee") == 1
    by_kind = {change.kind: change for change in changes}
    assert by_kind["added"].bottleneck_id == new.pk
    assert by_kind["removed"].bottleneck_id == gone.pk
    assert by_kind["confirmations"].bottleneck_id == kept.pk
    assert "2" in by_kind["confirmations"].text and "3" in by_kind["confirmations"].text
    assert by_kind["status"].bottleneck_id == kept.pk
    assert "Genk" in by_kind["addressee"].text
    assert "RIZIV" in by_kind["answer"].text
    # Only more evidence is news: fewer confirmations (one withdrawn) is not listed.
    fewer = dossiers.capture(dossier)
    fewer["bottlenecks"][0]["confirmations"] -= 1
    assert "confirmations" not in _kinds(dossiers.compare(dossiers.capture(dossier), fewer))


def test_compare_masks_what_the_privacy_guard_finds_in_titles(staff, reporter):
    bottleneck = factories.bottleneck(reporter, title="Knelpunt")
    dossier = factories.dossier(staff)
    old = dossiers.capture(dossier)
    dossiers.add_bottleneck(dossier, bottleneck, staff)
    Bottleneck.objects.filter(pk=bottleneck.pk).update(
        title=f"Knelpunt {factories.national_number()}"
    )
    text = dossiers.compare(old, dossiers.capture(dossier))[0].text
    assert factories.national_number() not in text


def test_changes_since_the_last_meeting_with_none_one_and_two_snapshots(staff, reporter):
    first = factories.bottleneck(reporter)
    dossier = factories.dossier(staff, bottlenecks=[first])
    assert dossiers.changes_since_last_meeting(dossier) == (None, [])

    one = dossiers.take_snapshot(dossier, staff, "Overleg VDAB", DAY_1, "SAM, VDAB")
    snapshot, changes = dossiers.changes_since_last_meeting(dossier)
    assert snapshot == one and changes == []
    second = factories.bottleneck(reporter)
    dossiers.add_bottleneck(dossier, second, staff)
    snapshot, changes = dossiers.changes_since_last_meeting(dossier)
    assert snapshot == one and _kinds(changes) == ["added"]

    two = dossiers.take_snapshot(dossier, staff, "Opvolging", DAY_1 + 30 * DAY)
    assert two.state["bottlenecks"][1]["id"] == second.pk
    assert dossiers.changes_since_last_meeting(dossier) == (two, [])
    factories.confirmation(MemberFactory(), first)
    snapshot, changes = dossiers.changes_since_last_meeting(dossier)
    assert snapshot == two and _kinds(changes) == ["confirmations"]
    # The last meeting is the latest by date, even when its snapshot was taken first.
    earlier = dossiers.take_snapshot(dossier, staff, "Vergeten overleg", DAY_1 - 10 * DAY)
    assert dossiers.last_snapshot(dossier) == two != earlier


def test_compare_snapshots_reads_older_to_newer_in_either_order(staff, reporter):
    dossier = factories.dossier(staff, bottlenecks=[factories.bottleneck(reporter)])
    older = dossiers.take_snapshot(dossier, staff, "Eerste", DAY_1)
    dossiers.add_bottleneck(dossier, factories.bottleneck(reporter), staff)
    newer = dossiers.take_snapshot(dossier, staff, "Tweede", DAY_1 + 7 * DAY)
    assert _kinds(dossiers.compare_snapshots(older, newer)) == ["added"]
    assert dossiers.compare_snapshots(newer, older) == dossiers.compare_snapshots(older, newer)
    # Same day: the one taken later is the newer.
    same_day = dossiers.take_snapshot(dossier, staff, "Zelfde dag", DAY_1 + 7 * DAY)
    assert dossiers.compare_snapshots(same_day, newer) == []
    assert Snapshot.objects.filter(dossier=dossier).count() == 3


# --- building a dossier ------------------------------------------------------------------------


def test_adding_a_bottleneck_twice_keeps_the_first(staff, reporter):
    one, two = factories.bottleneck(reporter), factories.bottleneck(reporter)
    dossier = factories.dossier(staff)
    first = dossiers.add_bottleneck(dossier, one, staff, note="Waarom het erin zit")
    dossiers.add_bottleneck(dossier, two, staff)
    again = dossiers.add_bottleneck(dossier, one, None, note="Andere reden")
    assert again.pk == first.pk
    assert DossierItem.objects.filter(dossier=dossier).count() == 2
    item = DossierItem.objects.get(pk=first.pk)
    assert (item.note, item.added_by, item.position) == ("Waarom het erin zit", staff, 0)
    assert _order(dossier) == [one.pk, two.pk]


def test_reorder_and_move(staff, reporter):
    a, b, c, d = (factories.bottleneck(reporter) for _ in range(4))
    dossier = factories.dossier(staff, bottlenecks=[a, b, c, d])
    other = factories.dossier(staff, bottlenecks=[a, b])
    dossiers.reorder(dossier, [c.pk, 999_999, a.pk])  # unknown ids ignored, the rest after
    assert _order(dossier) == [c.pk, a.pk, b.pk, d.pk]
    assert _order(other) == [a.pk, b.pk]  # another dossier keeps its order
    dossiers.move(dossier, d.pk, -1)
    assert _order(dossier) == [c.pk, a.pk, d.pk, b.pk]
    dossiers.move(dossier, c.pk, -1)  # already first
    assert _order(dossier) == [c.pk, a.pk, d.pk, b.pk]
    dossiers.move(dossier, b.pk, +1)  # already last
    dossiers.move(dossier, c.pk, +1)
    assert _order(dossier) == [a.pk, c.pk, d.pk, b.pk]
    dossiers.move(dossier, 999_999, -1)  # not in the dossier: nothing moves
    assert _order(dossier) == [a.pk, c.pk, d.pk, b.pk]
    positions = list(
        DossierItem.objects.filter(dossier=dossier)
        .order_by("position")
        .values_list("position", flat=True)
    )
    assert positions == [0, 1, 2, 3]


# --- answers -----------------------------------------------------------------------------------


@pytest.fixture
def answered_setup(staff, reporter):
    """An unpublished dossier with two bottlenecks and two addressees; followers: a member
    (may not read the dossier), a policy worker (may), one member following both bottlenecks."""
    first = factories.bottleneck(reporter, title="Opvang ontbreekt")
    second = factories.bottleneck(reporter, title="Wachtlijst")
    dossier = factories.dossier(
        staff,
        bottlenecks=[first, second],
        addressees=[
            {"body": "VDAB", "sent_on": DAY_1, "due_on": DAY_1 + 30 * DAY},
            {"body": "Departement Zorg", "sent_on": DAY_1, "due_on": DAY_1 + 30 * DAY},
        ],
        title="Geheime dossiertitel",
        published=False,
    )
    member, both, policy = MemberFactory(), MemberFactory(), PolicyWorkerFactory()
    actions.follow(member, first)
    actions.follow(both, first)
    actions.follow(both, second)
    actions.follow(policy, second)
    actions.follow(staff, first)  # the one who records the answer hears nothing
    # The reporter follows their own bottleneck from the start.
    return {
        "dossier": dossier,
        "member": member,
        "both": both,
        "policy": policy,
        "reporter": reporter,
    }


def _record(addressee, staff, capture, day=DAY_1 + 10 * DAY, text="Wij bekijken het."):
    with capture(execute=True):
        return dossiers.record_answer(addressee, text, day, staff)


def test_the_dossier_is_answered_when_every_addressee_answered(
    staff, answered_setup, django_capture_on_commit_callbacks
):
    dossier = answered_setup["dossier"]
    vdab, care = dossier.addressees.order_by("position")
    _record(vdab, staff, django_capture_on_commit_callbacks)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.BUILDING
    assert Addressee.objects.get(pk=vdab.pk).answer == "Wij bekijken het."
    _record(care, staff, django_capture_on_commit_callbacks)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ANSWERED


def test_a_closed_dossier_stays_closed(staff, reporter, django_capture_on_commit_callbacks):
    dossier = factories.dossier(staff, addressees=["VDAB"], status=DossierStatus.CLOSED)
    _record(dossier.addressees.get(), staff, django_capture_on_commit_callbacks)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.CLOSED


def test_followers_hear_of_an_answer_once_each_without_the_dossier_leaking(
    staff, answered_setup, django_capture_on_commit_callbacks
):
    dossier = answered_setup["dossier"]
    vdab = dossier.addressees.get(body="VDAB")
    _record(vdab, staff, django_capture_on_commit_callbacks)
    told = Notification.objects.filter(kind="tracker")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [answered_setup[who].pk for who in ("member", "both", "policy", "reporter")]
    )
    # The policy worker may read the dossier: told on the dossier.
    policy = told.get(recipient=answered_setup["policy"])
    assert policy.target == dossier
    assert "Geheime dossiertitel" in describe(policy, dossier).headline
    # Members may not read the unpublished dossier: told on a bottleneck they follow,
    # and nothing in the notification names the dossier.
    for who in ("member", "both", "reporter"):
        notification = told.get(recipient=answered_setup[who])
        assert isinstance(notification.target, Bottleneck)
        assert notification.target.pk in dossier.items.values_list("bottleneck_id", flat=True)
        assert "Geheime dossiertitel" not in json.dumps(notification.data)
        shown = describe(notification, notification.target)
        assert "Geheime dossiertitel" not in f"{shown.headline} {shown.excerpt} {shown.url}"
        assert "VDAB" in shown.headline
    # Correcting the answer later tells nobody again.
    _record(vdab, staff, django_capture_on_commit_callbacks, text="Verbeterd antwoord.")
    assert Notification.objects.filter(kind="tracker").count() == 4


def test_members_are_told_on_the_dossier_once_it_is_published(
    staff, answered_setup, django_capture_on_commit_callbacks
):
    dossier = answered_setup["dossier"]
    dossier.published = True
    dossier.save()
    _record(dossier.addressees.get(body="VDAB"), staff, django_capture_on_commit_callbacks)
    member = Notification.objects.get(recipient=answered_setup["member"])
    assert member.target == dossier


# --- overdue reminders -------------------------------------------------------------------------


@pytest.fixture
def late(staff):
    today = timezone.localdate()
    return factories.dossier(
        staff,
        status=DossierStatus.SENT,
        addressees=[{"body": "RIZIV", "sent_on": today - 40 * DAY, "due_on": today - 2 * DAY}],
    )


def _reminders(owner):
    return Notification.objects.filter(recipient=owner, kind="tracker")


def test_an_overdue_answer_reminds_the_owner_once(staff, late):
    assert dossiers.send_overdue_reminders() == 1
    reminder = _reminders(staff).get()
    assert reminder.target == late
    assert reminder.data["overdue"] == "RIZIV"
    addressee = late.addressees.get()
    assert addressee.reminded_at is not None
    assert dossiers.send_overdue_reminders() == 0
    assert _reminders(staff).count() == 1


def test_a_moved_due_date_gets_its_own_reminder(staff, late):
    dossiers.send_overdue_reminders()
    today = timezone.localdate()
    # The dossier views clear reminded_at when the due date changes.
    Addressee.objects.filter(dossier=late).update(due_on=today - DAY, reminded_at=None)
    assert dossiers.send_overdue_reminders() == 1
    assert _reminders(staff).count() == 2
    # A due date moved into the future: nothing until it passes.
    Addressee.objects.filter(dossier=late).update(due_on=today + 5 * DAY, reminded_at=None)
    assert dossiers.send_overdue_reminders() == 0
    assert dossiers.send_overdue_reminders(today=today + 6 * DAY) == 1


def test_no_reminder_for_closed_answered_unsent_or_ownerless(staff, late):
    today = timezone.localdate()
    past = {"sent_on": today - 40 * DAY, "due_on": today - 2 * DAY}
    factories.dossier(staff, status=DossierStatus.CLOSED, addressees=[{"body": "VDAB", **past}])
    factories.dossier(
        staff, addressees=[{"body": "VDAB", **past, "answered_on": today - DAY, "answer": "Ja."}]
    )
    factories.dossier(staff, addressees=[{"body": "VDAB", "due_on": today - 2 * DAY}])
    ownerless = factories.dossier(None, addressees=[{"body": "VDAB", **past}])
    assert dossiers.send_overdue_reminders() == 1  # only "late"
    assert _reminders(staff).get().target == late
    assert ownerless.addressees.get().reminded_at is None


def test_the_management_command_sends_the_reminders_once(staff, late):
    out = io.StringIO()
    call_command("send_dossier_reminders", stdout=out)
    assert "1 reminder" in out.getvalue()
    out = io.StringIO()
    call_command("send_dossier_reminders", stdout=out)
    assert out.getvalue() == ""
    assert _reminders(staff).count() == 1


# --- records -----------------------------------------------------------------------------------


def test_a_record_names_nobody_and_masks_what_the_guard_finds(staff):
    reporter = MemberFactory(
        first_name="Rozemarijn", last_name="Vandeputte", email="rozemarijn@voorbeeld.be"
    )
    confirmer = MemberFactory(first_name="Guido", last_name="Achterberg", email="guido@gmail.test")
    insz = factories.national_number()
    bottleneck = factories.bottleneck(
        reporter,
        title="Attest geweigerd",
        situation=f"De deelnemer met nummer {insz} kreeg geen antwoord.",
        rule="Mail naar dienst@voorbeeld.be zonder reactie.",
        suggestion="Bel de dienst.",
    )
    factories.confirmation(confirmer, bottleneck, example=f"Zelfde bij {insz}.")
    record = records.bottleneck_record(
        Bottleneck.objects.get(pk=bottleneck.pk),
        records.evidence_by_region([bottleneck.pk])[bottleneck.pk],
    )
    dumped = json.dumps(record, default=str)
    for secret in (
        "Rozemarijn",
        "Vandeputte",
        "rozemarijn@voorbeeld.be",
        "Guido",
        "Achterberg",
        "guido@gmail.test",
        insz,
        "dienst@voorbeeld.be",
    ):
        assert secret not in dumped
    assert not {"reporter", "reporter_id", "member", "email"} & set(record)
    assert record["confirmations"] == 1
    assert record["regions"] == {"antwerpen": {"confirmations": 1, "participants": 3}}
    assert record["situation"].startswith("De deelnemer met nummer ")
    examples = records.examples([bottleneck.pk])[bottleneck.pk]
    assert insz not in json.dumps(examples) and "Guido" not in json.dumps(examples)


def test_records_are_chunked_in_order_with_a_constant_number_of_queries(
    reporter, monkeypatch, django_assert_max_num_queries
):
    made = [factories.bottleneck(reporter, title=f"Knelpunt {letter}") for letter in "GCAEBFD"]
    for bottleneck in made[:3]:
        factories.confirmation(MemberFactory(), bottleneck)
    monkeypatch.setattr(records, "CHUNK", 3)
    by_title = Bottleneck.objects.order_by("title", "pk")
    assert [r["title"] for r in records.bottleneck_records(by_title)] == [
        f"Knelpunt {letter}" for letter in "ABCDEFG"
    ]
    by_pk = Bottleneck.objects.order_by("pk")
    assert [r["id"] for r in records.bottleneck_records(by_pk)] == [b.pk for b in made]
    newest = [r["id"] for r in records.bottleneck_records(Bottleneck.objects.all())]
    assert newest == list(Bottleneck.objects.values_list("pk", flat=True))

    monkeypatch.setattr(records, "CHUNK", 1000)
    with CaptureQueriesContext(connection) as few:
        assert len(list(records.bottleneck_records(Bottleneck.objects.filter(pk=made[0].pk))))
    for number in range(25):
        factories.confirmation(MemberFactory(), factories.bottleneck(reporter, title=f"K{number}"))
    with django_assert_max_num_queries(len(few)):
        assert len(list(records.bottleneck_records(Bottleneck.objects.all()))) == 32


def test_a_change_masks_what_the_privacy_guard_finds_in_a_title(reporter, staff):
    from tracker import dossiers as dossier_services
    from tracker.models import Bottleneck

    number = factories.national_number()
    bottleneck = factories.bottleneck(reporter)
    Bottleneck.objects.filter(pk=bottleneck.pk).update(title=f"Dossier van {number}")
    dossier = factories.dossier(staff)
    before = dossier_services.capture(dossier)
    dossier_services.add_bottleneck(dossier, bottleneck, staff)
    (change,) = dossier_services.compare(before, dossier_services.capture(dossier))
    assert change.kind == "added" and number not in change.text and "Dossier van" in change.text
