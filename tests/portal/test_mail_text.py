"""Plain-text mails carry what people typed as they typed it, not HTML-escaped."""

from django.core import mail

import pytest

from accounts import tasks as account_tasks
from knowledge import tasks as knowledge_tasks
from knowledge.models import Registration, RegistrationStatus
from tests.accounts.factories import PendingUserFactory, StaffFactory, UserFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

NAME = "O'Brien & Zonen <test>"
ESCAPED = ("&amp;", "&#x27;", "&#39;", "&lt;", "&gt;", "&quot;")


def _plain(message) -> str:
    """The body, after checking that nothing in it or its subject was escaped."""
    for text in (message.subject, message.body):
        assert not any(entity in text for entity in ESCAPED), text
    return message.body


def test_staff_mail_about_a_registration(db):
    StaffFactory()
    user = PendingUserFactory(first_name=NAME, last_name="Jr", organisation="Werk & Zorg")
    account_tasks.notify_staff_of_registration.call(user.pk)
    (message,) = mail.outbox
    body = _plain(message)
    assert NAME in message.subject and NAME in body and "Werk & Zorg" in body


def test_mail_about_an_approved_account(db):
    user = UserFactory(first_name=NAME)
    account_tasks.notify_user_of_approval.call(user.pk)
    (message,) = mail.outbox
    assert NAME in _plain(message)


def test_mail_about_a_place_from_the_waiting_list(site_tree):
    activity = factories.activity(title="Werk & zorg: 'samen' <online>", location="Gent & Brugge")
    user = UserFactory(first_name=NAME)
    registration = Registration.objects.create(
        activity=activity, user=user, status=RegistrationStatus.REGISTERED
    )
    knowledge_tasks.notify_moved_up_from_waiting_list.call(registration.pk)
    (message,) = mail.outbox
    body = _plain(message)
    assert NAME in body and "Werk & zorg: 'samen' <online>" in body and "Gent & Brugge" in body
    assert "Werk & zorg: 'samen' <online>" in message.subject


def test_review_reminder(site_tree):
    user = UserFactory(first_name=NAME)
    product = factories.product(title="Leefloon & werk: 'artikel 60' <gids>")
    knowledge_tasks.send_review_reminder.call(user.pk, [product.pk])
    (message,) = mail.outbox
    body = _plain(message)
    assert NAME in body and "Leefloon & werk: 'artikel 60' <gids>" in body


def test_allauth_mails_that_repeat_the_typed_address(client):
    known, unknown = "o'brien&zonen@example.org", "o'neill&co@example.org"
    UserFactory(email=known)
    client.post(
        "/accounts/signup/",
        {
            "email": known,
            "password1": "sterk-wachtwoord-2026",
            "password2": "sterk-wachtwoord-2026",
            "first_name": "Els",
            "last_name": "Jacobs",
            "organisation": "Zorgpunt",
            "region": "antwerpen",
            "role": "casemanager-zorg",
        },
    )
    client.post("/accounts/password/reset/", {"email": unknown})
    already_exists, unknown_account = mail.outbox
    assert known in _plain(already_exists)
    assert unknown in _plain(unknown_account)
