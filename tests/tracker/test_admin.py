"""Staff keep the responsible bodies and tags in the Wagtail admin."""

import pytest

from tracker.models import Body, Tag

pytestmark = pytest.mark.django_db


def test_staff_add_a_body_and_a_tag_in_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/snippets/tracker/body/").status_code == 200
    response = client.post(
        "/admin/snippets/tracker/body/add/",
        {"name": "Huis van het Kind", "level": "lokaal", "active": "on", "order": "5"},
    )
    assert response.status_code == 302
    assert Body.objects.filter(name="Huis van het Kind").exists()
    client.post("/admin/snippets/tracker/tag/add/", {"name": "Wachtlijsten", "slug": ""})
    assert Tag.objects.filter(name="Wachtlijsten").exists()


def test_members_do_not_reach_the_bodies(client, member):
    client.force_login(member)
    response = client.get("/admin/snippets/tracker/body/")
    assert response.status_code in (302, 403)
    assert not Body.objects.exists()
