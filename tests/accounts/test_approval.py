from django.core import mail
from django.urls import reverse

import pytest

from accounts import roles
from accounts.models import ApprovalStatus

from .factories import MemberFactory, PendingUserFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_see_pending_registrations(client):
    pending = PendingUserFactory(organisation="CAW Oost-Brabant")
    client.force_login(StaffFactory())
    response = client.get(reverse("accounts_admin:pending"))
    assert response.status_code == 200
    assert "CAW Oost-Brabant" in response.content.decode()
    assert pending.email in response.content.decode()


def test_empty_queue_says_so(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("accounts_admin:pending"))
    assert "Er wachten geen registraties op goedkeuring" in response.content.decode()


def test_approving_makes_a_member_and_mails_them(client, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    pending = PendingUserFactory()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts_admin:decide", args=[pending.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.approval_status == ApprovalStatus.APPROVED
    assert pending.approved_by == staff
    assert pending.groups.filter(name=roles.MEMBER).exists()
    assert [m.to for m in mail.outbox] == [[pending.email]]


def test_rejecting_keeps_the_account_out(client):
    pending = PendingUserFactory()
    client.force_login(StaffFactory())
    client.post(reverse("accounts_admin:decide", args=[pending.pk]), {"decision": "reject"})
    pending.refresh_from_db()
    assert pending.approval_status == ApprovalStatus.REJECTED
    assert not pending.groups.exists()


def test_members_cannot_approve(client):
    pending = PendingUserFactory()
    client.force_login(MemberFactory())
    response = client.post(
        reverse("accounts_admin:decide", args=[pending.pk]), {"decision": "approve"}
    )
    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.approval_status == ApprovalStatus.PENDING


def test_approval_needs_post(client):
    pending = PendingUserFactory()
    client.force_login(StaffFactory())
    response = client.get(reverse("accounts_admin:decide", args=[pending.pk]))
    assert response.status_code == 405


def test_pending_queue_query_count_is_constant(client, django_assert_max_num_queries):
    client.force_login(StaffFactory())
    PendingUserFactory.create_batch(20)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("accounts_admin:pending"))
    assert response.status_code == 200
