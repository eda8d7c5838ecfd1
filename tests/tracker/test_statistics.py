"""The statistics page: who reaches it, what it counts, its charts and tables, empty states
and a constant number of queries."""

import datetime
import re
from xml.etree import ElementTree

from django.urls import reverse
from django.utils import timezone

import pytest

from tests.accounts.factories import MemberFactory
from tests.knowledge import factories as knowledge_factories
from tracker import actions, charts
from tracker.models import Bottleneck, Status

from . import factories

pytestmark = pytest.mark.django_db

URL = "/knelpunten/statistieken/"


def test_the_url_is_the_named_route():
    assert reverse("tracker:statistics") == URL


def test_visitors_go_to_the_login_and_members_get_the_403_page(client, member):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 403
    assert "tracker/staff_only.html" in [t.name for t in response.templates]
    assert b'class="chart"' not in response.content


@pytest.mark.parametrize("role", ["policy_worker", "staff"])
def test_policy_workers_and_staff_read_it(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert client.post(URL).status_code == 405


@pytest.fixture
def spread(reporter, staff):
    work = knowledge_factories.theme("werk", "Werk")
    care = knowledge_factories.theme("zorg", "Zorg")
    now = timezone.now()
    made = {
        "a": factories.bottleneck(reporter, themes=[work, care], region="limburg"),
        "b": factories.bottleneck(reporter, themes=[work], region="limburg"),
        "c": factories.bottleneck(
            reporter, themes=[care], region="antwerpen", status=Status.SOLVED
        ),
        "new": factories.bottleneck(reporter, accepted=False, themes=[], region="antwerpen"),
        "old": factories.bottleneck(reporter, themes=[work], region="west-vlaanderen"),
        "dup": factories.bottleneck(reporter, themes=[work], region="limburg"),
    }
    # "old" was reported 14 months ago: outside the twelve months of the chart over time.
    Bottleneck.objects.filter(pk=made["old"].pk).update(
        created_at=now - datetime.timedelta(days=430)
    )
    # "c" two months ago.
    Bottleneck.objects.filter(pk=made["c"].pk).update(
        created_at=now.replace(day=10) - datetime.timedelta(days=62)
    )
    actions.merge(made["dup"], made["a"], staff, "Dezelfde vraag.")
    factories.confirmation(MemberFactory(), made["a"], region="antwerpen")
    factories.confirmation(MemberFactory(), made["a"], region="antwerpen", participants=4)
    factories.confirmation(MemberFactory(), made["b"], region="limburg", participants=2)
    return made


def test_it_counts_per_life_domain_status_and_region_without_merged_duplicates(
    client, policy_worker, spread
):
    client.force_login(policy_worker)
    context = client.get(URL).context
    assert context["total"] == 5  # the merged duplicate is not counted
    assert [(r["theme__name"], r["n"]) for r in context["themes"]["rows"]] == [
        ("Werk", 3),
        ("Zorg", 2),
    ]
    statuses = {r["status"]: r["n"] for r in context["statuses"]["rows"]}
    assert statuses[Status.IN_PROGRESS] == 3
    assert statuses[Status.REPORTED] == 1
    assert statuses[Status.SOLVED] == 1
    assert sum(statuses.values()) == 5
    regions = {r["region"]: r for r in context["regions"]["rows"]}
    assert regions["limburg"]["n"] == 2
    assert regions["antwerpen"]["n"] == 2
    assert regions["antwerpen"]["confirmations"] == 2
    assert regions["antwerpen"]["participants"] == 7
    assert regions["limburg"]["confirmations"] == 1


def test_the_months_are_the_last_twelve_by_status_today(client, staff, spread):
    client.force_login(staff)
    months = client.get(URL).context["months"]
    rows = months["rows"]
    assert len(rows) == 12
    today = timezone.localdate()
    assert rows[-1]["month"] == today.replace(day=1)
    assert rows[0]["month"] < rows[-1]["month"]
    assert months["total"] == 4  # "old" is older than twelve months, "dup" was merged
    keys = [item.key for item in months["series"]]
    assert Status.SOLVED in keys and Status.IN_PROGRESS in keys
    assert Status.ON_AGENDA not in keys  # only the statuses that occur
    solved = keys.index(Status.SOLVED)
    assert [row["cells"][solved] for row in rows if row["cells"][solved]] == [1]
    assert rows[-1]["total"] + sum(r["total"] for r in rows[:-1]) == 4


def test_time_to_an_answer_per_body(client, policy_worker, staff):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    factories.dossier(
        staff,
        addressees=[
            {"body": "VDAB", "sent_on": today - 40 * day, "answered_on": today - 30 * day},
            {"body": "RIZIV", "sent_on": today - 50 * day, "due_on": today - 5 * day},
            {"body": "Departement Zorg"},  # not sent yet: not counted
        ],
    )
    factories.dossier(
        staff,
        addressees=[
            {"body": "VDAB", "sent_on": today - 20 * day, "answered_on": today - 15 * day},
            {"body": "VDAB", "sent_on": today - 9 * day, "answered_on": today - 6 * day},
            {"body": "RIZIV", "sent_on": today - 3 * day, "due_on": today + 20 * day},
        ],
    )
    client.force_login(policy_worker)
    response = client.get(URL)
    answers = response.context["answers"]
    rows = {row["body"]: row for row in answers["rows"]}
    assert set(rows) == {"VDAB", "RIZIV"}
    assert rows["VDAB"] == {
        "body": "VDAB",
        "sent": 3,
        "answered": 3,
        "median": 5,
        "open": 0,
        "overdue": 0,
    }
    assert rows["RIZIV"]["answered"] == 0 and rows["RIZIV"]["median"] is None
    assert rows["RIZIV"]["open"] == 2 and rows["RIZIV"]["overdue"] == 1
    assert answers["open"] == 2 and answers["overdue"] == 1
    html = response.content.decode()
    assert 'id="chart-answers"' in html


def _svgs(html: str) -> list[str]:
    return re.findall(r'<svg class="chart".*?</svg>', html, flags=re.S)


def test_every_chart_is_an_accessible_image_with_a_table(client, staff, spread):
    factories.dossier(
        staff,
        addressees=[
            {
                "body": "VDAB",
                "sent_on": datetime.date(2026, 1, 5),
                "answered_on": datetime.date(2026, 1, 19),
            }
        ],
    )
    client.force_login(staff)
    html = client.get(URL).content.decode()
    svgs = _svgs(html)
    ids = [re.search(r'<svg class="chart" id="([^"]+)"', svg).group(1) for svg in svgs]
    assert ids == [
        "chart-themes",
        "chart-statuses",
        "chart-months",
        "chart-regions",
        "chart-answers",
    ]
    for chart_id, svg in zip(ids, svgs, strict=True):
        assert 'role="img"' in svg
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in svg and f'<desc id="{chart_id}-desc">' in svg
        assert 'viewBox="0 0 320 ' in svg and 'width="100%"' in svg
        assert "style=" not in svg  # the CSP allows no inline styles
        ElementTree.fromstring(svg)  # well-formed
    assert html.count("<table") == 5
    assert html.count("<caption") == 5
    assert 'scope="col"' in html and 'scope="row"' in html
    # The description names the numbers too (for who cannot see the chart).
    assert "Werk: 3" in svgs[0]


def test_empty_states_without_charts(client, policy_worker):
    client.force_login(policy_worker)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="chart"' not in html
    assert response.context["total"] == 0
    assert html.count('class="empty-state"') == 5


def test_the_page_has_a_constant_query_count(
    client, policy_worker, reporter, staff, django_assert_max_num_queries
):
    client.force_login(policy_worker)
    client.get(URL)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    themes = [knowledge_factories.theme(f"t{n}", f"Thema {n}") for n in range(6)]
    today = timezone.localdate()
    for number in range(30):
        made = factories.bottleneck(
            reporter, themes=themes[: number % 4 + 1], region=["limburg", "antwerpen"][number % 2]
        )
        factories.confirmation(MemberFactory(), made)
        factories.dossier(
            staff,
            bottlenecks=[made],
            addressees=[{"body": f"Dienst {number % 5}", "sent_on": today, "due_on": today}],
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)
    assert response.context["total"] == 30


def test_chart_labels_are_escaped_and_values_written():
    svg = charts.bar_chart(
        "c", "Titel <b>", "Beschrijving", [charts.Bar("<script>x</script>", 3), charts.Bar("B", 0)]
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Titel &lt;b&gt;" in svg
    assert 'font-weight="600">3</text>' in svg and '">0</text>' in svg
    stacked = charts.stacked_bar_chart(
        "s",
        "T",
        "D",
        [("jan", {"a": 12, "b": 1}), ("feb", {})],
        [charts.Series("a", "A & co"), charts.Series("b", "B")],
    )
    assert "A &amp; co" in stacked
    assert stacked.count("<pattern") == 2
    assert 'fill="url(#s-p0)"' in stacked
    assert ">12</text>" in stacked  # a wide segment carries its number
    assert charts.number(4.5) == "4,5" and charts.number(4.0) == "4"
