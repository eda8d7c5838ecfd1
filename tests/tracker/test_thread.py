"""Staff ask the reporter a question: a short thread only the two sides see."""

import pytest

from notifications.models import Notification
from tracker.models import Message

from . import factories

pytestmark = pytest.mark.django_db


def _url(bottleneck):
    return f"/knelpunten/{bottleneck.pk}/vragen/"


def test_staff_ask_and_the_reporter_answers(
    client, staff, reporter, reported, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(reported), {"body": "Over welke regio gaat het precies?"})
    assert Notification.objects.filter(recipient=reporter, kind="tracker").count() == 1
    client.force_login(reporter)
    page = client.get(reported.get_absolute_url()).content.decode()
    assert "Over welke regio gaat het precies?" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(reported), {"body": "Over heel Limburg."})
    assert Notification.objects.filter(recipient=staff, kind="tracker").count() == 1
    assert list(Message.objects.values_list("from_staff", flat=True)) == [True, False]


@pytest.mark.parametrize("role", ["member", "policy_worker"])
def test_others_neither_see_nor_write_the_thread(client, request, staff, accepted, role):
    factories_message = Message.objects.create(
        bottleneck=accepted, author=staff, from_staff=True, body="Geheime vraag kwispeltoer"
    )
    assert factories_message.pk
    client.force_login(request.getfixturevalue(role))
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "kwispeltoer" not in page and 'id="vragen"' not in page
    assert client.post(_url(accepted), {"body": "Mag ik meelezen?"}).status_code == 404
    assert Message.objects.count() == 1


def test_a_message_passes_the_privacy_guard(client, reporter, reported):
    client.force_login(reporter)
    response = client.post(_url(reported), {"body": f"Nummer {factories.national_number()}"})
    assert response.status_code == 400 and not Message.objects.exists()
