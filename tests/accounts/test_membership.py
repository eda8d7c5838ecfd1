"""One membership rule, every login path through the same gate (audit findings 1 and 2)."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from wagtail.models import PageViewRestriction

from accounts import access
from accounts.models import ApprovalStatus
from tests.accounts.factories import (
    PASSWORD,
    MemberFactory,
    PendingUserFactory,
    PolicyWorkerFactory,
    StaffFactory,
    UserFactory,
)
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def _tree(site_tree):
    return site_tree


def _not_members():
    return {
        "pending": PendingUserFactory(),
        "rejected": UserFactory(approval_status=ApprovalStatus.REJECTED),
        "unverified": UserFactory(verified_email=False),
        "inactive": UserFactory(is_active=False),
    }


def test_approved_verified_active_accounts_are_members_whatever_their_groups():
    assert access.is_member(UserFactory())
    assert access.is_member(MemberFactory())
    assert access.is_member(PolicyWorkerFactory())
    assert access.is_member(StaffFactory())


@pytest.mark.parametrize("kind", ["pending", "rejected", "unverified", "inactive"])
def test_pending_rejected_unverified_and_inactive_accounts_are_not_members(kind):
    assert not access.is_member(_not_members()[kind])


def test_a_pending_account_in_a_role_group_holds_no_role():
    user = PendingUserFactory(group="SAM-medewerkers")
    assert not access.is_staff(user)
    assert not access.group_ids(user)


def test_membership_is_asked_of_the_database_once_per_user_object(django_assert_num_queries):
    user = MemberFactory()
    with django_assert_num_queries(2):  # verified address, groups
        for _ in range(5):
            access.is_member(user)
            access.is_staff(user)


@pytest.mark.parametrize("kind", ["pending", "rejected", "unverified"])
def test_a_non_member_logged_in_by_any_form_reads_no_members_content(
    client, _tree, kind, django_capture_on_commit_callbacks
):
    secret = factories.product(members_only=True, body_text="Werkwijze alleen voor leden")
    private = factories.product(body_text="Tekst achter de Wagtail-login")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(_not_members()[kind])

    assert "Werkwijze alleen voor leden" not in client.get(secret.url).content.decode()
    response = client.get(private.url)
    assert response.status_code == 403
    assert "Tekst achter de Wagtail-login" not in response.content.decode()
    hits = client.get("/api/v1/search/", {"q": "Wagtail-login"}).json()
    assert hits["total"] == 0


def test_a_member_reads_a_login_restricted_page(client, _tree):
    private = factories.product(body_text="Tekst achter de Wagtail-login")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(MemberFactory())
    assert "Tekst achter de Wagtail-login" in client.get(private.url).content.decode()


def test_a_visitor_on_a_login_restricted_page_is_sent_to_allauths_login(client, _tree):
    private = factories.product()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(private.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"])
def test_wagtails_login_forms_lead_to_allauths_login(client, path):
    response = client.get(path, {"next": "/kennisbank/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fkennisbank%2F"


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"])
def test_a_pending_account_cannot_log_in_through_wagtails_forms(client, path):
    user = PendingUserFactory()
    response = client.post(path, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_redirect_to_the_login_drops_an_outside_next_address(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response["Location"] == reverse("account_login")


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"])
def test_wrong_passwords_on_wagtails_login_addresses_hit_allauths_rate_limit(client, path):
    user = MemberFactory()
    answers = []
    for _ in range(8):
        response = client.post(path, {"username": user.email, "password": "fout"}, follow=True)
        # The redirect lands on allauth's form; posting there counts against its limit.
        answers.append(
            client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
        )
    assert "Te veel inlogpogingen" in answers[-1].content.decode()
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_the_admin_password_reset_leads_to_allauths_throttled_reset(client):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")
    response = client.post("/admin/password_reset/", {"email": "iemand@example.org"})
    assert response["Location"] == reverse("account_reset_password")


def test_a_member_of_the_group_reads_a_group_page_others_get_not_found(client, _tree):
    group = Group.objects.create(name="Werkgroep Gent")
    page = factories.product(body_text="Verslag van de werkgroep")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    insider = MemberFactory(group="Werkgroep Gent")

    client.force_login(MemberFactory())
    assert client.get(page.url).status_code == 404
    client.force_login(insider)
    assert "Verslag van de werkgroep" in client.get(page.url).content.decode()
    client.force_login(StaffFactory())
    assert "Verslag van de werkgroep" in client.get(page.url).content.decode()


def test_a_group_page_refuses_a_pending_account_in_that_group(client, _tree):
    group = Group.objects.create(name="Werkgroep Gent")
    page = factories.product(body_text="Verslag van de werkgroep")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    client.force_login(PendingUserFactory(group="Werkgroep Gent"))
    response = client.get(page.url)
    assert response.status_code == 403
    assert "Verslag van de werkgroep" not in response.content.decode()


def test_an_account_staff_create_in_the_admin_is_a_member(client):
    from django.contrib.auth import get_user_model

    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nieuwecollega",
            "email": "nieuw@sam.be",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "password1": "een-lang-wachtwoord-77",
            "password2": "een-lang-wachtwoord-77",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert access.is_member(get_user_model().objects.get(email="nieuw@sam.be"))
