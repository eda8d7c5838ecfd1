import pytest

from accounts import roles
from portal import home
from portal.models import SectionPage
from tests.accounts.factories import PendingUserFactory, UserFactory

pytestmark = pytest.mark.django_db

SECTION_PATHS = ["/kennisbank/", "/leeractiviteiten/", "/podcast/", "/forum/", "/knelpunten/"]


def test_home_page_explains_the_platform(client, site_tree):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in body
    assert "casemanagers zorg" in body
    assert 'href="#inhoud"' in body, "skip link"


def test_home_page_shows_empty_states_until_sections_exist(client, site_tree):
    body = client.get("/").content.decode()
    for block in home.BLOCKS:
        assert str(block.title) in body
        assert str(block.empty_text).replace("'", "&#x27;") in body


def test_home_block_shows_registered_items(client, site_tree):
    @home.provider("knowledge")
    def newest(request, limit):
        return [home.Item(title="Handleiding artikel 60", url="/kennisbank/art-60/", meta="Gids")]

    try:
        body = client.get("/").content.decode()
    finally:
        home.unregister("knowledge")
    assert "Handleiding artikel 60" in body
    assert str(home.BLOCKS[0].empty_text) not in body


def test_unknown_home_block_is_refused():
    with pytest.raises(ValueError):
        home.provider("weer")


def test_header_has_all_sections_and_a_search_box(client, site_tree):
    body = client.get("/").content.decode()
    for path in [*SECTION_PATHS, "/zoeken/"]:
        assert f'href="{path}"' in body
    assert 'role="search"' in body
    assert 'name="q"' in body


def test_header_shows_login_state(client, site_tree):
    assert "Aanmelden" in client.get("/").content.decode()
    user = UserFactory(first_name="Lotte", last_name="Vermeulen", group=roles.MEMBER)
    client.force_login(user)
    body = client.get("/").content.decode()
    assert "Lotte Vermeulen" in body
    assert "Afmelden" in body


@pytest.mark.parametrize("path", SECTION_PATHS)
def test_section_addresses_answer(client, site_tree, path):
    client.force_login(UserFactory(group=roles.MEMBER))  # the forum is for members
    response = client.get(path)
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


def test_sections_hold_no_subpages():
    assert SectionPage.subpage_types == []


def test_home_page_query_count_is_constant(client, site_tree, django_assert_max_num_queries):
    client.get("/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_search_finds_pages(client, site_tree):
    response = client.get("/zoeken/", {"q": "kennisbank"})
    assert response.status_code == 200
    assert "/kennisbank/" in response.content.decode()


def test_search_has_empty_state(client, site_tree):
    body = client.get("/zoeken/", {"q": "onvindbaarwoord"}).content.decode()
    assert "Geen resultaten" in body


@pytest.mark.parametrize("query", ['"', "*", "NEAR", "OR(", "a" * 10_000, "' OR 1=1 --", ""])
def test_search_survives_odd_queries(client, site_tree, query):
    assert client.get("/zoeken/", {"q": query}).status_code == 200


def test_robots_keep_crawlers_out_of_accounts_and_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /accounts/" in body


def test_favicon_ico_points_to_our_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_visitors_get_no_shortcuts(client, site_tree):
    assert "shortcuts" not in client.get("/").content.decode()


def test_members_find_their_profile(client, site_tree):
    client.force_login(UserFactory(first_name="Lotte", group=roles.MEMBER))
    body = client.get("/").content.decode()
    assert "Welkom terug, Lotte" in body
    assert 'href="/accounts/profiel/"' in body
    assert "/admin/registraties/" not in body


def test_staff_see_how_many_registrations_wait(client, site_tree):
    PendingUserFactory.create_batch(3)
    client.force_login(UserFactory(group=roles.SAM_STAFF))
    body = client.get("/").content.decode()
    assert "3 registraties wachten op goedkeuring" in body
    assert 'href="/admin/"' in body


def test_policy_workers_find_the_bottlenecks(client, site_tree):
    client.force_login(UserFactory(group=roles.POLICY_WORKER))
    body = client.get("/").content.decode()
    assert "Knelpunten en dossiers" in body


def test_home_page_query_count_for_staff_is_constant(
    client, site_tree, django_assert_max_num_queries
):
    client.force_login(UserFactory(group=roles.SAM_STAFF))
    client.get("/")
    PendingUserFactory.create_batch(30)
    with django_assert_max_num_queries(16):
        assert client.get("/").status_code == 200
