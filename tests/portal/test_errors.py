from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


def test_404_is_dutch_in_the_site_layout(client, site_tree):
    response = client.get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in body
    assert "site-header" in body


def test_500_is_dutch_and_shows_no_trace(site_tree, settings):
    settings.ROOT_URLCONF = "tests.portal.urls_boom"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er liep iets mis" in body
    assert "Traceback" not in body and "RuntimeError" not in body


def test_403_is_dutch(site_tree, settings):
    settings.ROOT_URLCONF = "tests.portal.urls_boom"
    response = Client().get("/verboden/")
    assert response.status_code == 403
    assert "geen toegang" in response.content.decode().lower()


def test_disallowed_host_gets_a_clear_400(site_tree):
    response = Client(HTTP_HOST="kwaadaardig.example.com").get("/")
    assert response.status_code == 400
    assert "Deze aanvraag kunnen we niet verwerken" in response.content.decode()
