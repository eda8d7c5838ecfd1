import io

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

import pytest
from wagtail.models import Page, Site

from accounts import roles
from accounts.demo import DEMO_PASSWORD
from portal.models import HomePage

pytestmark = pytest.mark.django_db

EXPECTED = {
    "lid@example.org": roles.MEMBER,
    "lid2@example.org": roles.MEMBER,
    "beleid@example.org": roles.POLICY_WORKER,
    "sam@example.org": roles.SAM_STAFF,
}


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    User = get_user_model()
    return (
        sorted(User.objects.values_list("email", "password", "approval_status")),
        sorted(Page.objects.values_list("url_path", "latest_revision_id")),
    )


def test_demo_builds_the_tree_and_accounts():
    output = load()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    for email, group in EXPECTED.items():
        user = get_user_model().objects.get(email=email)
        assert user.groups.filter(name=group).exists()
        assert authenticate(username=email, password=DEMO_PASSWORD) == user
        assert email in output
    assert get_user_model().objects.get(email="admin@example.org").is_superuser


def test_second_run_changes_nothing():
    load()
    before = snapshot()
    load()
    assert snapshot() == before


def test_demo_accounts_can_log_in(client):
    load()
    response = client.post(
        "/accounts/login/", {"login": "lid@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
