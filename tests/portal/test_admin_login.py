"""The admin's login is allauth's, in Dutch, asking for the e-mail address.

Wagtail's own login form would ask for a "Gebruikersnaam" (the username, which nobody here
uses to log in) and label the password "Password" (its form field has no translated label);
every way into the admin leads to allauth's form instead.
"""

import re

from django.urls import resolve, reverse

import pytest

from portal import views
from tests.accounts.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.django_db


def _labels(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", label).strip()
        for label in re.findall(r'<label[^>]*for="id_[^"]*"[^>]*>.*?</label>', html, re.S)
    ]


def test_wagtails_login_address_leads_to_allauth():
    assert resolve(reverse("wagtailadmin_login")).func is views.to_account_login


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/pages/", "/_util/login/"])
def test_every_admin_entry_shows_the_dutch_e_mail_login(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain, "a visitor is sent to the login"
    assert response.request["PATH_INFO"] == reverse("account_login")
    html = response.content.decode()
    assert _labels(html) == ["E-mail", "Wachtwoord"]
    assert 'type="email"' in html
    assert "Gebruikersnaam" not in html
    assert ">Aanmelden</button>" in html


def test_staff_log_in_to_the_admin_with_their_e_mail_address(client):
    staff = StaffFactory()
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
