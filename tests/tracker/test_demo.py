"""The demo: enough bottlenecks in every status, realistic evidence, and idempotent."""

import io

from django.contrib.auth import get_user_model

import pytest

from accounts import demo as accounts_demo
from knowledge import demo as knowledge_demo
from portal.models import SectionPage
from tracker import demo
from tracker.models import Bottleneck, Confirmation, Kind, Merge, Status

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_status_kind_and_region_and_runs_twice(site_tree):
    out = io.StringIO()
    accounts_demo.load(out)
    knowledge_demo._taxonomy()
    assert SectionPage.objects.filter(slug="knelpunten").exists()  # the portal's placeholder
    demo.load(out)
    assert not SectionPage.objects.filter(slug="knelpunten").exists()
    count = Bottleneck.objects.count()
    assert count >= 40
    assert set(Bottleneck.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Bottleneck.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert Bottleneck.objects.values("region").distinct().count() >= 6
    assert Bottleneck.objects.filter(confirmation_count__gte=30).exists()
    lid = get_user_model().objects.get(email="lid@example.org")
    assert Bottleneck.objects.filter(reporter=lid).count() >= 4
    for bottleneck in Bottleneck.objects.all():
        assert bottleneck.confirmation_count == bottleneck.confirmations.count()
        # A merged duplicate's history moved to the bottleneck it was merged into.
        assert bottleneck.status_changes.exists() != bool(bottleneck.merged_into_id)
    assert Confirmation.objects.filter(bottleneck__accepted_at__isnull=True).count() == 0
    assert Merge.objects.count() == 2
    assert Bottleneck.objects.filter(title=demo.content.SPLIT[1]).exists()
    demo.load(out)
    assert Bottleneck.objects.count() == count
