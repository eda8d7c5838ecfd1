"""Merging a duplicate keeps every confirmation and follower and can be undone; a split keeps
the evidence on both."""

import pytest

from notifications.models import Notification
from tests.accounts.factories import MemberFactory
from tracker import actions
from tracker.models import Bottleneck, Confirmation, Follow, Merge, StatusChange

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(reporter):
    original = factories.bottleneck(reporter, title="Origineel knelpunt")
    duplicate = factories.bottleneck(MemberFactory(), title="Dubbel knelpunt")
    both = MemberFactory()
    for member in [MemberFactory(), MemberFactory(), both]:
        factories.confirmation(member, original, participants=2)
    for member in [MemberFactory(), both]:
        factories.confirmation(member, duplicate, participants=5)
    return original, duplicate, both


def _state(*bottlenecks):
    return {
        b.pk: (
            sorted(Confirmation.objects.filter(bottleneck=b).values_list("pk", flat=True)),
            sorted(Follow.objects.filter(bottleneck=b).values_list("user", flat=True)),
            sorted(StatusChange.objects.filter(bottleneck=b).values_list("pk", flat=True)),
        )
        for b in bottlenecks
    }


def test_merge_moves_the_evidence_and_the_counts_add_up(staff, pair):
    original, duplicate, both = pair
    followers = set(Follow.objects.filter(bottleneck__in=pair[:2]).values_list("user", flat=True))
    actions.merge(duplicate, original, staff, "Zelfde probleem.")
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == original
    # Every member's evidence counts once: the one who confirmed both keeps one on each.
    assert original.confirmation_count == 4 and original.participants_total == 2 * 3 + 5
    assert Confirmation.objects.filter(bottleneck=duplicate).count() == 1
    assert set(Follow.objects.filter(bottleneck=original).values_list("user", flat=True)) == (
        followers
    )
    assert original.follower_count == len(followers)
    assert StatusChange.objects.filter(bottleneck=original, moved_from=duplicate).exists()


def test_the_old_address_leads_to_the_target(client, member, staff, pair):
    original, duplicate, _both = pair
    actions.merge(duplicate, original, staff, "Zelfde probleem.")
    client.force_login(member)
    response = client.get(duplicate.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == original.get_absolute_url()


def test_followers_of_both_hear_of_a_merge(staff, pair, django_capture_on_commit_callbacks):
    original, duplicate, _both = pair
    followers = set(Follow.objects.filter(bottleneck__in=pair[:2]).values_list("user", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        actions.merge(duplicate, original, staff, "Zelfde probleem.")
    told = set(Notification.objects.filter(kind="tracker").values_list("recipient", flat=True))
    assert told == followers


def test_undo_puts_everything_back(staff, pair):
    original, duplicate, _both = pair
    before = _state(original, duplicate)
    counts = Bottleneck.objects.values_list("pk", "confirmation_count", "follower_count")
    counts_before = set(counts)
    record = actions.merge(duplicate, original, staff, "Zelfde probleem.")
    actions.undo_merge(record, staff)
    assert _state(original, duplicate) == before
    assert set(counts) == counts_before
    assert Bottleneck.objects.get(pk=duplicate.pk).merged_into is None
    with pytest.raises(actions.Refused):
        actions.undo_merge(Merge.objects.get(), staff)


@pytest.mark.parametrize("case", ["itself", "cycle", "into_merged"])
def test_merges_that_make_no_sense_are_refused(staff, reporter, pair, case):
    original, duplicate, _both = pair
    third = factories.bottleneck(reporter)
    if case == "itself":
        source, target = original, original
    elif case == "cycle":
        actions.merge(duplicate, original, staff, "x")
        source, target = original, duplicate  # original into its own duplicate
    else:
        actions.merge(duplicate, original, staff, "x")
        source, target = third, duplicate
    before = _state(original, duplicate, third)
    with pytest.raises(actions.Refused):
        actions.merge(source, target, staff, "Nog eens.")
    assert _state(original, duplicate, third) == before


def test_a_crafted_merge_post_is_refused_with_a_message(client, staff, pair):
    original, _duplicate, _both = pair
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{original.pk}/samenvoegen/",
        {"target": original.pk, "reason": "Zichzelf."},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Merge.objects.exists()


def test_merge_and_undo_through_the_site(client, staff, pair):
    original, duplicate, _both = pair
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{duplicate.pk}/samenvoegen/", {"target": original.pk, "reason": "Dubbel."}
    )
    assert response["Location"] == original.get_absolute_url()
    record = Merge.objects.get()
    page = client.get(original.get_absolute_url()).content.decode()
    assert f"/knelpunten/samenvoeging/{record.pk}/ongedaan/" in page
    client.post(f"/knelpunten/samenvoeging/{record.pk}/ongedaan/")
    assert Bottleneck.objects.get(pk=duplicate.pk).merged_into is None


def test_only_staff_merge(client, member, pair):
    original, duplicate, _both = pair
    client.force_login(member)
    response = client.post(
        f"/knelpunten/{duplicate.pk}/samenvoegen/", {"target": original.pk, "reason": "x"}
    )
    assert response.status_code == 403 and not Merge.objects.exists()


def test_split_keeps_the_evidence_on_both(client, staff, pair):
    original, _duplicate, _both = pair
    followers = set(Follow.objects.filter(bottleneck=original).values_list("user", flat=True))
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{original.pk}/splitsen/",
        {"title": "Tweede probleem", "situation": "Ook de opvang na school.", "reason": "Twee."},
    )
    part = Bottleneck.objects.get(title="Tweede probleem")
    assert response["Location"] == part.get_absolute_url()
    original.refresh_from_db()
    assert part.confirmation_count == original.confirmation_count == 3
    assert part.participants_total == original.participants_total == 6
    assert set(Follow.objects.filter(bottleneck=part).values_list("user", flat=True)) == followers
    assert part.status == original.status and part.accepted_at == original.accepted_at


def test_a_split_passes_the_privacy_guard(client, staff, pair):
    original = pair[0]
    client.force_login(staff)
    response = client.post(
        f"/knelpunten/{original.pk}/splitsen/",
        {
            "title": "Tweede",
            "situation": f"INSZ {factories.national_number()}",
            "reason": "Twee.",
        },
    )
    assert response.status_code == 400
    assert not Bottleneck.objects.filter(title="Tweede").exists()


def test_a_merge_of_1000_and_1000_confirmations_is_quick(staff, reporter):
    import time

    from django.utils import timezone

    original = factories.bottleneck(reporter)
    duplicate = factories.bottleneck(reporter)
    members = MemberFactory.create_batch(2)
    factories.confirmation(members[0], original)
    factories.confirmation(members[1], duplicate)
    rows = [
        Confirmation(
            bottleneck=b,
            member=None,
            participants=1,
            region="limburg",
            seen_on=timezone.localdate(),
            organisation_type="ocmw",
        )
        for b in (original, duplicate)
        for _ in range(999)
    ]
    Confirmation.objects.bulk_create(rows)
    assert members
    started = time.monotonic()
    actions.merge(duplicate, original, staff, "Groot.")
    assert time.monotonic() - started < 5
    original.refresh_from_db()
    assert original.confirmation_count == 2000
