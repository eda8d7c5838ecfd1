from django.contrib.auth.models import Group

import pytest
from wagtail.models import GroupPagePermission, Page

from accounts import roles
from accounts.models import AllowedEmailDomain

from .factories import MemberFactory, PolicyWorkerFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_GROUPS)


def test_sam_staff_can_use_the_admin_and_publish_pages():
    staff = StaffFactory()
    assert staff.has_perm("wagtailadmin.access_admin")
    assert staff.has_perm("accounts.approve_user")
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(group__name=roles.SAM_STAFF, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames


def test_sam_staff_set_the_retention_periods(client):
    client.force_login(StaffFactory())
    response = client.get("/admin/settings/accounts/retentionsettings/", follow=True)
    assert response.status_code == 200
    assert 'name="inactive_account_months"' in response.content.decode()
    client.force_login(MemberFactory())
    assert client.get("/admin/settings/accounts/retentionsettings/").status_code != 200


@pytest.mark.parametrize("factory", [MemberFactory, PolicyWorkerFactory])
def test_members_and_policy_workers_have_no_admin(factory):
    user = factory()
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not user.has_perm("accounts.approve_user")


def test_is_member_needs_an_approved_verified_account():
    assert roles.is_member(MemberFactory())
    assert roles.is_member(PolicyWorkerFactory())
    assert not roles.is_member(UserFactory(verified_email=False))


def test_ensure_groups_is_idempotent():
    roles.ensure_groups()
    roles.ensure_groups()
    assert Group.objects.filter(name=roles.SAM_STAFF).count() == 1
    assert GroupPagePermission.objects.filter(group__name=roles.SAM_STAFF).count() == len(
        roles.SAM_PAGE_PERMISSIONS
    )


def test_allowed_domain_is_normalised_and_validated():
    domain = AllowedEmailDomain(domain="  @OCMW-Gent.be ")
    domain.full_clean()
    domain.save()
    assert domain.domain == "ocmw-gent.be"
    assert AllowedEmailDomain.allows("Iemand@ocmw-gent.BE")
    bad = AllowedEmailDomain(domain="geen domein")
    with pytest.raises(Exception, match="domeinnaam"):
        bad.full_clean()


def test_profile_page_saves_changes(client):
    user = MemberFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/profiel/",
        {
            "first_name": "Sara",
            "last_name": "Peeters",
            "organisation": "OCMW Hasselt",
            "region": "limburg",
            "role": "casemanager-zorg",
        },
        follow=True,
    )
    user.refresh_from_db()
    assert user.organisation == "OCMW Hasselt"
    assert "Je profiel is bewaard" in response.content.decode()


def test_profile_needs_login(client):
    response = client.get("/accounts/profiel/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
