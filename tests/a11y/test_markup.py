"""Accessibility of the site's markup (issue 17, WCAG 2.2 AA), read back as a browser parses it.

lxml's HTML parser closes a <p> before a <ul> as browsers do, so an element that
aria-describedby points at is checked as screen readers get it.
"""

import re

from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from tests.accounts.factories import MemberFactory
from tests.community import factories as forum
from tests.knowledge import factories as knowledge

pytestmark = pytest.mark.django_db

# A valid global date and time string without fractions of a second.
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$")


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "lxml")


def described_by(soup, field):
    return [soup.find(id=ref) for ref in field["aria-describedby"].split()]


def text(element):
    return " ".join(element.get_text(" ").split())


def test_the_password_rules_are_in_the_element_the_field_points_at(client):
    soup = parse(client.get(reverse("account_signup")))
    password = soup.find("input", attrs={"name": "password1"})
    help_text = described_by(soup, password)[0]
    assert help_text is not None
    assert len(help_text.find_all("li")) == 4
    assert "minstens 8 tekens" in text(help_text)


def test_each_error_is_in_the_element_the_field_points_at(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@zorgpunt.be", "password1": "abc", "password2": "abc"},
    )
    soup = BeautifulSoup(response.content, "lxml")
    password = soup.find("input", attrs={"name": "password1"})
    references = password["aria-describedby"].split()
    assert len(references) == 2
    errors = soup.find(id=references[1])
    assert errors is not None
    assert len(errors.select(".field__error")) == 2  # too short, too common
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an id is used twice"


def test_the_password_too_short_error_is_in_dutch(client):
    """Django 5.2 asks for a new msgid ("... %d characters.") that its nl catalogue lacks."""
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@zorgpunt.be", "password1": "k0rt!", "password2": "k0rt!"},
    )
    errors = text(BeautifulSoup(response.content, "lxml").find(id="id_password1_error"))
    assert "too short" not in errors
    assert "te kort" in errors


def test_the_brand_link_is_named_by_its_visible_text(client, site_tree):
    soup = parse(client.get("/"))
    brand = soup.select_one("a.brand")
    assert not brand.has_attr("aria-label") and not brand.has_attr("aria-labelledby")
    visible = [text(part) for part in brand.select(".brand__mark, .brand__name, .brand__tagline")]
    assert visible == ["SAM", "Kennisplatform", "voor casemanagers zorg"]
    assert not brand.select("[aria-hidden]")
    assert text(brand).startswith(" ".join(visible))


def test_the_header_search_and_the_menu(client, site_tree):
    soup = parse(client.get("/"))
    search = soup.select_one("header form[role=search]")
    assert search.get("aria-label")
    menu = soup.select_one("[data-menu-button]")
    assert menu.name == "button" and menu["aria-expanded"] == "false"
    for ref in menu["aria-controls"].split():
        assert soup.find(id=ref) is not None
    # Without JavaScript: a link to the header, which opens the menu through :target.
    assert soup.select_one(".menu-toggle__open")["href"] == "#menu"
    assert soup.select_one("header.site-header")["id"] == "menu"


def test_a_wide_table_in_a_product_can_be_scrolled_with_the_keyboard(client, site_tree):
    table = {
        "data": [["Fase", "Wat gebeurt er?"], ["Aanmelding", "Screening"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
    }
    product = knowledge.product(body=[{"type": "table", "value": table}])
    soup = parse(client.get(product.url))
    wrap = soup.select_one(".table-wrap")
    assert wrap["tabindex"] == "0"
    assert wrap["role"] == "region"
    assert wrap["aria-label"] == "Tabel"


def test_result_counts_stay_headings(client, site_tree):
    knowledge.product()
    knowledge.activity()
    for path in ["/kennisbank/", "/leeractiviteiten/"]:
        soup = parse(client.get(path))
        heading = soup.find(id="results-title")
        assert heading.name == "h2" and not heading.has_attr("role")
        assert heading.parent.get("role") == "status"
        assert not soup.select("h1[role], h2[role], h3[role]")


def test_no_aria_labelledby_on_an_element_without_a_role(client, site_tree):
    from tests.podcasts.helpers import make_show

    show = make_show(site_tree)
    soup = parse(client.get(show.url))
    for element in soup.select("[aria-labelledby]"):
        assert element.name not in ("div", "span", "p") or element.has_attr("role"), element.name


def test_datetime_attributes_carry_no_microseconds(client, site_tree):
    member = MemberFactory()
    space = forum.space(slug="proefruimte")
    topic = forum.topic(space, member, title="Een vraag")
    topic.posts.update(created_at=timezone.now().replace(microsecond=123456))
    knowledge.activity()
    client.force_login(member)
    pages = ["/leeractiviteiten/", space.get_absolute_url(), topic.get_absolute_url()]
    checked = 0
    for path in pages:
        for time in parse(client.get(path)).select("time[datetime]"):
            assert DATETIME.match(time["datetime"]), (path, time["datetime"])
            checked += 1
    assert checked >= 3


def test_the_podcast_buttons_are_named_by_their_visible_labels(client, site_tree):
    from tests.podcasts.helpers import make_episode, make_show

    episode = make_episode(make_show(site_tree))
    soup = parse(client.get(episode.url))
    controls = soup.select_one("[data-player-controls]")
    for action, visible in [("back", "−15 s"), ("forward", "+15 s")]:
        button = controls.select_one(f"[data-action={action}]")
        assert not button.has_attr("aria-label")
        assert text(button).startswith(visible)
    assert not controls.select_one("[data-action=toggle]").has_attr("aria-pressed")
    for time in soup.select("time[datetime]"):
        assert DATETIME.match(time["datetime"]), time["datetime"]
