"""Fragments grouped under their parent: the count says how many results are shown, the
link to every fragment appears only when there are more than shown, the shown fragments
are in their parent's order. On the database under test (SQLite, then PostgreSQL)."""

import re
from types import SimpleNamespace

import pytest

from search import grouping
from search.backends.database import database_backend
from tests.knowledge import factories

from .helpers import doc, store

pytestmark = pytest.mark.django_db

URL = "/podcast/sterk-werk/aflevering/"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _episode(*seconds: int, word: str = "arbeidszorg"):
    documents = [doc("ep", "Aflevering over zorg", url=URL, kind="episode", fragments=word)]
    for second in seconds:
        documents.append(
            doc(
                f"ep-{second}",
                "Spreker",
                f"Een zin over {word}.",
                kind="transcript",
                url=f"{URL}#t={second}",
                parent_title="Aflevering over zorg",
                anchor_label=f"0:{second:02d}",
            )
        )
    return documents


def _count_line(html: str) -> str:
    return re.search(r'<p class="result-count"[^>]*>(.*?)</p>', html, re.S).group(1)


def test_the_count_is_of_the_results_shown_not_of_the_fragments(client):
    store(database_backend(), *_episode(*range(6)), doc("other", "Arbeidszorg in de regio"))
    page = client.get("/zoeken/", {"q": "arbeidszorg"})
    assert len(page.context["hits"]) == 2  # the episode (with its sentences) and the product
    assert page.context["results"].total == 8
    assert page.context["result_count"] == 2 and page.context["result_count_exact"]
    assert _count_line(page.content.decode()).startswith("2 ")
    data = client.get("/api/v1/search/", {"q": "arbeidszorg"}).json()
    assert data["total"] == 2 == len(data["hits"])
    assert data["documents"] == 8 and data["total_exact"] is True


def test_a_count_beyond_the_ranked_window_is_an_estimate(client):
    many = grouping.MIN_WINDOW + 5
    store(database_backend(), *(doc(f"p{n}", f"Arbeidszorg {n}") for n in range(many)))
    page = client.get("/zoeken/", {"q": "arbeidszorg"})
    assert page.context["result_count"] == many
    assert page.context["result_count_exact"] is False
    # "About 35 results" (until translated), "ongeveer 35 resultaten" once it is.
    assert not _count_line(page.content.decode()).startswith(f"{many} ")
    data = client.get("/api/v1/search/", {"q": "arbeidszorg"}).json()
    assert data["total"] == many and data["total_exact"] is False


def test_within_one_parent_the_count_is_exact(client):
    store(database_backend(), *_episode(*range(6)))
    page = client.get("/zoeken/", {"q": "arbeidszorg", "binnen": URL})
    assert page.context["result_count"] == 7 and page.context["result_count_exact"]


def test_no_link_to_all_fragments_when_they_are_all_shown(client):
    store(database_backend(), *_episode(5))
    html = client.get("/zoeken/", {"q": "arbeidszorg"}).content.decode()
    assert html.count('class="result__fragment"') == 1  # the one sentence, under the episode
    assert 'data-testid="fragments-link"' not in html
    data = client.get("/api/v1/search/", {"q": "arbeidszorg"}).json()
    assert data["hits"][0]["fragments_more"] is False


def test_the_link_to_all_fragments_when_there_are_more(client):
    store(database_backend(), *_episode(1, 2, 3))
    html = client.get("/zoeken/", {"q": "arbeidszorg"}).content.decode()
    assert html.count('class="result__fragment"') == 2
    assert html.count('data-testid="fragments-link"') == 1
    data = client.get("/api/v1/search/", {"q": "arbeidszorg"}).json()
    assert data["hits"][0]["fragments_more"] is True


def test_the_shown_fragments_are_in_their_parents_order(client):
    store(database_backend(), *_episode(*range(0, 60, 6)))
    hit = client.get("/zoeken/", {"q": "arbeidszorg"}).context["hits"][0]
    seconds = [grouping.position(SimpleNamespace(**f))[1] for f in hit["fragments"]]
    assert len(seconds) == 2 and seconds == sorted(seconds)


def _candidate(key, anchor="", url=URL):
    return SimpleNamespace(key=key, anchor_label=anchor, url=f"{url}#{key}" if anchor else url)


def test_choose_takes_the_best_ranked_fragments_and_orders_them_by_position():
    ranked = [
        _candidate("episode"),
        _candidate("hour", "1:00:02"),
        _candidate("late", "0:18"),
        _candidate("early", "0:06"),  # third best: not shown
    ]
    (group,), count = grouping.choose(ranked, 0, 10)
    assert count == 1 and group.count == 3
    assert [f.key for f in group.fragments] == ["late", "hour"]
    ranked[2], ranked[3] = ranked[3], ranked[2]  # 0:06 now ranks above 0:18
    (group,), _ = grouping.choose(ranked, 0, 10)
    assert [f.key for f in group.fragments] == ["early", "hour"]
    # Posts by their number, not as text; unknown positions last.
    posts = [_candidate("t"), _candidate("a", "#12"), _candidate("b", "x"), _candidate("c", "#3")]
    (group,), _ = grouping.choose(posts, 0, 10)
    assert [f.key for f in group.fragments] == ["a", "b"]
    posts[2] = _candidate("b", "#3")
    posts[3] = _candidate("c", "x")
    (group,), _ = grouping.choose(posts, 0, 10)
    assert [f.key for f in group.fragments] == ["b", "a"]


def test_a_corrected_search_counts_results_for_the_correction(client):
    factories.product(title="De arbeidsmarkt in Vlaanderen")
    response = client.get("/zoeken/", {"q": "arbeidsmakt"})
    assert response.context["results"].corrected == "arbeidsmarkt"
    line = _count_line(response.content.decode())
    assert "‘arbeidsmarkt’" in line and "arbeidsmakt" not in line
