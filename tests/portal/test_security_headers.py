import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_content_security_policy(client, site_tree):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"


def test_only_the_admin_allows_inline_code(admin_client, client, site_tree):
    # Wagtail's date widgets and inline panels need inline scripts; nothing else does.
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-inline'" in directives["style-src"]
    for path in ["/", "/accounts/login/", "/zoeken/?q=werk"]:
        assert "unsafe-inline" not in client.get(path)["Content-Security-Policy"]


def test_admin_shows_no_third_party_avatars(admin_client):
    assert "gravatar" not in admin_client.get("/admin/").content.decode()


def test_pages_name_no_external_assets(client, site_tree):
    body = client.get("/").content.decode()
    assert "https://" not in body.split("<body")[0], "no CDN assets in <head>"
