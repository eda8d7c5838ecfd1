import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_content_security_policy(client, site_tree):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"


def test_admin_allows_inline_styles_but_not_inline_scripts(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "'unsafe-inline'" in directives["style-src"]
    assert "unsafe-inline" not in directives["script-src"]


def test_pages_name_no_external_assets(client, site_tree):
    body = client.get("/").content.decode()
    assert "https://" not in body.split("<body")[0], "no CDN assets in <head>"
