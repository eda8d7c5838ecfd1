import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client as client_class
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from accounts import roles, tasks
from accounts.models import AllowedEmailDomain, ApprovalStatus

from .factories import PASSWORD, PendingUserFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_DATA = {
    "email": "nieuw@zorgpunt.be",
    "password1": "sterk-wachtwoord-2026",
    "password2": "sterk-wachtwoord-2026",
    "first_name": "Els",
    "last_name": "Jacobs",
    "organisation": "Zorgpunt Mechelen",
    "region": "antwerpen",
    "role": "casemanager-zorg",
}


def signup(client, **overrides):
    return client.post(reverse("account_signup"), {**SIGNUP_DATA, **overrides})


def confirm_email(client, message):
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    return client.post(path, follow=True)


def test_signup_stores_profile_and_waits_for_approval(client):
    response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email=SIGNUP_DATA["email"])
    assert user.approval_status == ApprovalStatus.PENDING
    assert (user.organisation, user.region, user.role) == (
        "Zorgpunt Mechelen",
        "antwerpen",
        "casemanager-zorg",
    )
    assert not user.groups.filter(name=roles.MEMBER).exists()


def test_signup_sends_verification_mail(client):
    signup(client)
    verification = [m for m in mail.outbox if SIGNUP_DATA["email"] in m.to]
    assert len(verification) == 1
    assert "/accounts/confirm-email/" in verification[0].body


def test_staff_are_told_about_a_pending_registration(client, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        signup(client)
    to_staff = [m for m in mail.outbox if staff.email in m.to]
    assert len(to_staff) == 1
    assert "Els Jacobs" in to_staff[0].subject
    assert "/admin/registraties/" in to_staff[0].body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_mail_carries_the_organisation_outside_a_test_transaction(client):
    # In autocommit (as in production) on_commit callbacks run at once: the mail
    # must still be sent after the profile fields are saved.
    staff = StaffFactory()
    signup(client)
    to_staff = next(m for m in mail.outbox if staff.email in m.to)
    assert "Zorgpunt Mechelen" in to_staff.body


def test_allow_listed_domain_is_approved_at_once(client):
    AllowedEmailDomain.objects.create(domain="zorgpunt.be")
    signup(client)
    user = get_user_model().objects.get(email=SIGNUP_DATA["email"])
    assert user.approval_status == ApprovalStatus.APPROVED
    assert user.groups.filter(name=roles.MEMBER).exists()


def test_allow_list_does_not_match_other_domains(client):
    AllowedEmailDomain.objects.create(domain="punt.be")
    signup(client)
    user = get_user_model().objects.get(email=SIGNUP_DATA["email"])
    assert user.approval_status == ApprovalStatus.PENDING


def test_pending_member_is_told_after_confirming_email(client):
    signup(client)
    message = next(m for m in mail.outbox if SIGNUP_DATA["email"] in m.to)
    response = confirm_email(client, message)
    assert response.status_code == 403
    assert "wacht op goedkeuring" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pending_member_cannot_log_in(client):
    user = PendingUserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "Je account wacht op goedkeuring" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_rejected_registration_is_told_so(client):
    user = UserFactory(approval_status=ApprovalStatus.REJECTED)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "niet goedgekeurd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unverified_email_gets_verification_step_not_login(client):
    user = PendingUserFactory(verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert "bevestig" in response.content.decode().lower()


def test_approved_member_logs_in(client):
    user = UserFactory(group=roles.MEMBER)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_dutch_error_and_keeps_email(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "is niet correct" in body
    assert f'value="{user.email}"' in body


def test_signup_form_errors_keep_what_was_typed(client):
    response = signup(client, password2="iets-anders-2026", organisation="Welzijnsschakel Lier")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Welzijnsschakel Lier"' in body
    assert 'value="Els"' in body
    assert "field__error" in body


def test_repeated_failed_logins_are_throttled_with_a_dutch_message(client):
    user = UserFactory()
    responses = [
        client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
        for _ in range(12)
    ]
    assert "Te veel inlogpogingen" not in responses[0].content.decode()
    assert "Te veel inlogpogingen" in responses[-1].content.decode()


def test_password_rules_speak_to_the_user_informally(client):
    # Django's Dutch catalogue says "Uw"; our own catalogue overrides it with "je".
    body = client.get(reverse("account_signup")).content.decode()
    assert "Je wachtwoord moet minstens" in body
    assert "Uw wachtwoord" not in body


def test_confirming_from_another_browser_says_the_account_waits(client):
    signup(client)
    message = next(m for m in mail.outbox if SIGNUP_DATA["email"] in m.to)
    other_browser = client_class()
    response = confirm_email(other_browser, message)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:awaiting_approval")
    assert "Je account wacht op goedkeuring" in body
    assert "_auth_user_id" not in other_browser.session


def test_login_message_names_the_person_not_the_username(client, site_tree):
    user = UserFactory(first_name="Katrien", last_name="Claes", group=roles.MEMBER)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert "ingelogd als Katrien Claes" in body
    assert f"ingelogd als {user.username}" not in body


NEWLINE_NAME = "Jan\nBcc: x@example.org"


def test_staff_are_told_even_when_a_name_holds_a_newline(db):
    # A name from before the form refused them, or typed in the admin.
    staff = StaffFactory()
    user = PendingUserFactory(first_name=NEWLINE_NAME, organisation="OCMW\r\nGent")
    tasks.notify_staff_of_registration.call(user.pk)
    (message,) = mail.outbox
    assert message.to == [staff.email] and not message.bcc
    assert "\n" not in message.subject and "Jan Bcc: x@example.org" in message.subject


@pytest.mark.parametrize("field", ["first_name", "last_name", "organisation"])
@pytest.mark.parametrize("value", [NEWLINE_NAME, "Jan\x00", "Jan\tPeeters"])
def test_signup_refuses_control_characters_in_names(client, field, value):
    response = signup(client, **{field: value})
    assert response.status_code == 200
    message = "Gebruik hier geen regeleinden, tabs of andere stuurtekens."
    assert message in response.context["form"].errors[field]
    assert not get_user_model().objects.filter(email=SIGNUP_DATA["email"]).exists()


def test_profile_refuses_control_characters_in_names(client):
    user = UserFactory(first_name="Jan")
    client.force_login(user)
    data = {"first_name": NEWLINE_NAME, "last_name": "Peeters", "organisation": "OCMW"}
    response = client.post(
        reverse("accounts:profile"), {**data, "region": user.region, "role": user.role}
    )
    assert response.status_code == 200 and "first_name" in response.context["form"].errors
    user.refresh_from_db()
    assert user.first_name == "Jan"
