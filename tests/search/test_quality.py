"""What the search shows people: StreamField text without its structure, fragments grouped
under their parent on the page and in the API. On the database under test (SQLite, then
PostgreSQL)."""

import pytest

from knowledge.search_documents import product_documents
from search.backends.database import database_backend
from search.text import STOP_WORDS, as_sentences
from tests.knowledge import factories

from .helpers import doc, store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


BODY = [
    {"type": "heading", "value": {"text": "De vier fases", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Eerst de aanmelding.</p><p>Dan de verkenning</p>"},
    {
        "type": "table",
        "value": {
            "data": [["Fase", "Wie trekt?"], ["Screening", "Casemanager werk"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
        },
    },
    {"type": "callout", "value": {"kind": "tip", "text": "<p>Plan het eerste gesprek samen</p>"}},
    {
        "type": "faq",
        "value": {"items": [{"question": "Kan het korter?", "answer": "<p>Ja, in overleg.</p>"}]},
    },
]


def test_stream_text_has_the_readers_text_and_no_structure():
    page = factories.product(body=BODY)
    (document,) = product_documents(page)
    lines = document.body.splitlines()
    assert lines[:7] == [
        "De vier fases.",
        "Eerst de aanmelding.",
        "Dan de verkenning.",
        "Screening, Casemanager werk.",
        "Plan het eerste gesprek samen.",
        "Kan het korter?",
        "Ja, in overleg.",
    ]
    # No heading level, callout kind or table header row.
    for label in ("Heading", "Tussentitel", "h2", "tip", "Tip", "Fase,", "Wie trekt"):
        assert label not in document.body


def test_no_structure_label_in_a_snippet(client):
    factories.product(title="Werk-zorgtraject", body=BODY)
    hits = client.get("/api/v1/search/", {"q": "verkenning"}).json()["hits"]
    (hit,) = hits
    assert "Tussentitel" not in hit["snippet"] and "Heading" not in hit["snippet"]
    assert "Wie trekt" not in hit["snippet"]


def test_as_sentences_ends_each_piece_once():
    assert as_sentences(["Kop", "Al een zin.", "", "Een vraag?", "  meer   ruimte "]) == (
        "Kop.\nAl een zin.\nEen vraag?\nmeer ruimte."
    )


def test_question_words_are_stop_words():
    assert {"wat", "hoe", "waar", "welke", "wanneer", "waarom"} <= STOP_WORDS
    # Words that carry meaning in this field never are.
    assert not {"werk", "zorg", "traject"} & STOP_WORDS


def _episode_with_sentences(count: int):
    url = "/podcast/sterk-werk/aflevering/"
    sentences = [f"Zin {n} over arbeidszorg." for n in range(count)]
    documents = [
        doc("ep", "Aflevering over zorg", url=url, kind="episode", fragments="\n".join(sentences))
    ]
    for n, sentence in enumerate(sentences):
        line = doc(
            f"ep-{n}",
            "Spreker",
            sentence,
            kind="transcript",
            url=f"{url}#t={n}",
            parent_title="Aflevering over zorg",
            anchor_label=f"0:{n:02d}",
        )
        line.source = "test:ep"
        documents.append(line)
    return documents


def test_the_page_groups_fragments_under_their_parent(client):
    store(database_backend(), *_episode_with_sentences(6))
    page = client.get("/zoeken/", {"q": "arbeidszorg"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="result" ') == 1  # one row: the episode
    assert html.count('class="result__fragment"') == 2  # two of its sentences under it
    link = page.context["hits"][0]["fragments_url"]
    assert "binnen=%2Fpodcast%2Fsterk-werk%2Faflevering%2F" in link
    # The link lists every matching sentence of the episode, ungrouped.
    within = client.get("/zoeken/" + link)
    assert within.context["results"].total == 7
    assert len(within.context["hits"]) == 7
    assert 'data-testid="within-parent"' in within.content.decode()


def test_the_api_groups_fragments_under_their_parent(client):
    store(database_backend(), *_episode_with_sentences(6))
    data = client.get("/api/v1/search/", {"q": "arbeidszorg"}).json()
    (hit,) = data["hits"]
    assert hit["kind"] == "episode" and hit["fragment_count"] == 6
    assert len(hit["fragments"]) == 2
    assert all(f["kind"] == "transcript" for f in hit["fragments"])
    assert hit["fragments_url"].startswith("/api/v1/search/?")
    within = client.get(hit["fragments_url"]).json()
    assert within["total"] == 7 and len(within["hits"]) == 7


def test_few_strict_matches_are_followed_by_looser_ones(client):
    store(
        database_backend(),
        doc("both", "Huurwaarborg en verhuis", url="/test/both/"),
        doc("one", "De huurwaarborg aanvragen", url="/test/one/"),
    )
    page = client.get("/zoeken/", {"q": "huurwaarborg verhuis"})
    assert page.context["results"].total == 1
    assert [hit["url"] for hit in page.context["hits"]] == ["/test/both/"]
    assert [hit["url"] for hit in page.context["looser_hits"]] == ["/test/one/"]
    assert 'data-testid="looser-results"' in page.content.decode()
    api = client.get("/api/v1/search/", {"q": "huurwaarborg verhuis"}).json()
    assert api["looser_from"] == 1 and len(api["hits"]) == 2
