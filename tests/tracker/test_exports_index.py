"""The bottleneck list's filters for members, and its export buttons for policy workers and
staff, which carry the active filter to the export."""

import csv
import io
import re

from django.utils import translation
from django.utils.translation import gettext

import pytest

from tracker.models import Region

from . import factories

pytestmark = pytest.mark.django_db

URL = "/knelpunten/"


def nl(msgid: str) -> str:
    with translation.override("nl-be"):
        return gettext(msgid)


def test_members_filter_the_list(client, member, reporter):
    limburg = factories.bottleneck(reporter, title="Knelpunt in Limburg", region=Region.LIMBURG)
    factories.bottleneck(reporter, title="Knelpunt in Brussel", region=Region.BRUSSEL)
    client.force_login(member)
    response = client.get(URL, {"regio": "limburg"})
    assert response.status_code == 200
    assert [b.pk for b in response.context["page_obj"]] == [limburg.pk]
    body = response.content.decode()
    assert "<details" in body and 'name="regio"' in body and 'name="q"' in body
    for hidden in ("label", "min_bevestigingen", "min_volgers"):
        assert f'name="{hidden}"' not in body
    response = client.get(URL, {"q": "Brussel"})
    assert [b.title for b in response.context["page_obj"]] == ["Knelpunt in Brussel"]
    # Members see no export buttons.
    assert "export.csv" not in body and "export.xlsx" not in body


def test_members_never_see_what_is_not_accepted_through_a_filter(client, member, reporter):
    factories.bottleneck(reporter, accepted=False, title="Nog niet aanvaard")
    client.force_login(member)
    response = client.get(URL, {"status": "gemeld"})
    assert list(response.context["page_obj"]) == []
    assert nl("No bottlenecks match these filters.") in response.content.decode()


def test_pagination_keeps_the_filter(client, member, reporter):
    for number in range(27):
        factories.bottleneck(reporter, title=f"Knelpunt {number}", region=Region.LIMBURG)
    factories.bottleneck(reporter, region=Region.BRUSSEL)
    client.force_login(member)
    response = client.get(URL, {"regio": "limburg", "sorteer": "oudste"})
    body = response.content.decode()
    assert "?regio=limburg&amp;sorteer=oudste&amp;pagina=2" in body
    response = client.get(URL, {"regio": "limburg", "sorteer": "oudste", "pagina": 2})
    assert len(response.context["page_obj"]) == 2
    assert response.context["page_obj"].paginator.count == 27


def test_an_invalid_filter_is_explained_not_a_500(client, member, accepted):
    client.force_login(member)
    response = client.get(URL, {"van": "gisteren", "instantie": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "field__error" in response.content.decode()
    # The list itself is still there, unfiltered.
    assert [b.pk for b in response.context["page_obj"]] == [accepted.pk]


@pytest.mark.parametrize("role", ["policy_worker", "staff"])
def test_export_buttons_carry_the_filter(client, request, role, reporter):
    limburg = factories.bottleneck(reporter, region=Region.LIMBURG)
    factories.bottleneck(reporter, region=Region.BRUSSEL)
    client.force_login(request.getfixturevalue(role))
    body = client.get(URL, {"regio": "limburg", "pagina": "1"}).content.decode()
    links = re.findall(r'href="(/knelpunten/export\.(?:csv|xlsx)[^"]*)"', body)
    assert links == [
        "/knelpunten/export.csv?regio=limburg",
        "/knelpunten/export.xlsx?regio=limburg",
    ]
    response = client.get(links[0].replace("&amp;", "&"))
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [str(limburg.pk)]
    assert nl("CSV") in body and nl("Excel") in body


def test_the_filtered_list_has_a_constant_query_count(
    client, member, reporter, django_assert_max_num_queries
):
    for number in range(30):
        factories.bottleneck(reporter, body=factories.body(f"Dienst {number}"))
    client.force_login(member)
    client.get(URL)
    with django_assert_max_num_queries(14):
        response = client.get(
            URL, {"regio": "limburg", "soort": "regelgeving", "sorteer": "bevestigingen"}
        )
    assert len(response.context["page_obj"]) == 25


def test_no_export_buttons_for_an_invalid_filter(client, policy_worker, accepted):
    client.force_login(policy_worker)
    body = client.get(URL, {"van": "gisteren"}).content.decode()
    assert "field__error" in body
    assert "export.csv" not in body and "export.xlsx" not in body
    body = client.get(URL).content.decode()
    assert 'href="/knelpunten/export.csv"' in body


@pytest.mark.parametrize("url", ["/knelpunten/?regio=limburg", "/knelpunten/triage/?regio=limburg"])
def test_the_header_search_box_does_not_show_the_list_filter(client, staff, url):
    client.force_login(staff)
    page = client.get(url).content.decode()
    box = re.search(r'<input id="site-search-q"[^>]*>', page).group(0)
    assert 'value=""' in box and "regio" not in box


def test_the_status_boxes_are_a_group_named_by_its_legend(client, member):
    client.force_login(member)
    page = client.get("/knelpunten/").content.decode()
    group = re.search(r'<fieldset class="field__group">(.*?)</fieldset>', page, re.S).group(1)
    assert re.search(r"<legend[^>]*>\s*Status", group)
    assert group.count('type="checkbox"') == 8 and '<label class="field__check">' not in group
