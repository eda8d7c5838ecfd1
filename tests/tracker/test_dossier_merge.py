"""A duplicate in a dossier, merged: the dossier holds the bottleneck it moved into, and
undoing the merge puts the duplicate back."""

from tracker import access, actions, dossiers
from tracker.models import DossierItem

from . import factories


def test_a_merged_duplicate_is_replaced_in_its_dossier_and_back_on_undo(reporter, staff):
    duplicate = factories.bottleneck(reporter, title="Dubbel gemeld")
    original = factories.bottleneck(reporter, title="Oorspronkelijk")
    dossier = factories.dossier(staff, bottlenecks=[duplicate])

    record = actions.merge(duplicate, original, staff, "Zelfde knelpunt.")

    assert list(dossier.items.values_list("bottleneck_id", flat=True)) == [original.pk]
    assert [b["id"] for b in dossiers.capture(dossier)["bottlenecks"]] == [original.pk]

    actions.undo_merge(record, staff)
    assert list(dossier.items.values_list("bottleneck_id", flat=True)) == [duplicate.pk]


def test_a_dossier_that_held_both_keeps_one_line(reporter, staff, policy_worker):
    duplicate = factories.bottleneck(reporter, title="Dubbel gemeld")
    original = factories.bottleneck(reporter, title="Oorspronkelijk")
    dossier = factories.dossier(staff, bottlenecks=[original, duplicate])

    actions.merge(duplicate, original, staff, "Zelfde knelpunt.")

    assert DossierItem.objects.filter(dossier=dossier).count() == 2
    shown = [item.bottleneck_id for item in access.dossier_items(policy_worker, dossier)]
    assert shown == [original.pk]
    assert [b["id"] for b in dossiers.capture(dossier)["bottlenecks"]] == [original.pk]
