import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from knowledge.models import (
    DocumentText,
    ExtractionStatus,
    KnowledgeProductPage,
    LearningActivityPage,
    ProductType,
    Registration,
    RegistrationStatus,
    Theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def test_demo_has_products_of_every_type_over_every_theme(demo):
    products = KnowledgeProductPage.objects.live()
    assert products.count() >= 25
    assert set(products.values_list("product_type", flat=True)) == set(ProductType.values)
    used = set(
        Theme.objects.filter(knowledgeproductpage__isnull=False).values_list("slug", flat=True)
    )
    assert used == set(Theme.objects.values_list("slug", flat=True))
    assert products.filter(members_only=True).exists()
    assert products.filter(review_due__lt=timezone.localdate()).exists()


def test_demo_attaches_real_pdfs_whose_text_is_extracted(demo):
    readable = DocumentText.objects.filter(
        status=ExtractionStatus.OK, document__file__endswith=".pdf"
    )
    assert readable.count() >= 3
    for record in readable:
        assert record.document.file.open("rb").read(5) == b"%PDF-"
        assert len(record.text) > 200


def test_demo_has_past_upcoming_and_a_full_activity_with_a_waiting_list(demo):
    now = timezone.now()
    activities = LearningActivityPage.objects.live()
    assert activities.count() >= 8
    assert activities.filter(ends_at__lt=now).exists()
    assert activities.filter(starts_at__gt=now).exists()
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).select_related(
        "activity"
    )
    assert waiting.exists()
    full = waiting.first().activity
    assert full.registered_count() == full.capacity


def test_demo_asks_about_dietary_wishes_once_when_loaded_twice(demo):
    from knowledge.models.activities import RegistrationQuestion

    call_command("load_demo", stdout=io.StringIO())
    (question,) = RegistrationQuestion.objects.filter(activity__slug="vorming-krachtgericht-werken")
    assert "dieetwensen" in question.text and not question.required
