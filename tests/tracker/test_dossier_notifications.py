"""Answers and overdue reminders as members read them: in the list of notifications, in
Dutch, pointing at what they may open."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from notifications.models import Notification
from tracker import actions, dossiers

from . import factories

pytestmark = pytest.mark.django_db


def test_an_answer_shows_who_answered_and_links_to_the_published_dossier(
    client, reporter, member, staff
):
    bottleneck = factories.bottleneck(reporter)
    actions.follow(member, bottleneck)
    dossier = factories.dossier(
        staff, bottlenecks=[bottleneck], addressees=["Departement Zorg"], published=True
    )
    with translation.override("nl"):
        dossiers.record_answer(
            dossier.addressees.get(), "Wij passen de regel aan.", timezone.localdate(), staff
        )
        # The task runs after the commit; tests run tasks at once.
        dossiers.announce_answer.call(dossier.addressees.get().pk, staff.pk)
    client.force_login(member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Departement Zorg" in page
    assert dossier.title in page


def test_an_overdue_reminder_reaches_the_owner_once(client, staff):
    dossier = factories.dossier(
        staff,
        addressees=[
            {
                "body": "RIZIV",
                "sent_on": timezone.localdate() - datetime.timedelta(days=60),
                "due_on": timezone.localdate() - datetime.timedelta(days=2),
            }
        ],
    )
    assert dossiers.send_overdue_reminders() == 1
    assert dossiers.send_overdue_reminders() == 0
    assert Notification.objects.filter(recipient=staff).count() == 1
    client.force_login(staff)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "RIZIV" in page and dossier.title in page
