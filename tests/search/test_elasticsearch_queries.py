"""The Elasticsearch mapping and requests, checked as data: no server needed."""

import datetime
import json

from django.utils import timezone

import pytest

from search import synonyms
from search.backends.base import Filters
from search.backends.elastic import (
    analysis,
    as_source,
    build_completion,
    build_search,
    document_class,
    parse_response,
)
from search.documents import MEMBERS, PUBLIC
from search.query import parse

from .helpers import doc

pytestmark = pytest.mark.django_db


def _mapping():
    return document_class("test-index", synonyms.groups())._doc_type.mapping.to_dict()


def test_text_fields_use_the_dutch_analyzers():
    properties = _mapping()["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["analyzer"] == "portal_dutch"
        assert properties[field]["search_analyzer"] == "portal_dutch_search"
    assert properties["audience"]["type"] == "keyword"
    assert properties["suggest"]["type"] == "completion"
    assert properties["suggest"]["contexts"][0]["path"] == "audience"


def test_analysis_folds_accents_stems_dutch_and_applies_synonyms():
    index_analyzer, search_analyzer, _ = analysis([["OCMW", "sociaal huis"]])
    definition = search_analyzer.get_analysis_definition()
    filters = definition["filter"]
    assert filters["portal_dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert filters["portal_synonyms"]["type"] == "synonym_graph"
    assert filters["portal_synonyms"]["synonyms"] == ["OCMW, sociaal huis"]
    assert "leefloners => leefloner" in filters["portal_dutch_override"]["rules"]
    chain = definition["analyzer"]["portal_dutch_search"]["filter"]
    assert (
        chain.index("asciifolding")
        < chain.index("portal_synonyms")
        < chain.index("portal_dutch_stemmer")
    )
    index_chain = index_analyzer.get_analysis_definition()["analyzer"]["portal_dutch"]["filter"]
    assert "portal_synonyms" not in index_chain


def test_search_request_has_phrases_exclusions_audience_filter_highlight_and_facets():
    request = build_search(
        "test-index",
        parse('"redelijke aanpassingen" -webinar', synonyms.table()),
        audiences=[PUBLIC, MEMBERS],
        filters=Filters(kind="product"),
    ).to_dict()
    query = _matching(request)["bool"]
    assert query["must"][0]["multi_match"]["type"] == "phrase"
    assert query["must"][0]["multi_match"]["query"] == "redelijke aanpassingen"
    assert query["must"][0]["multi_match"]["fields"][0] == "title^10"
    assert query["must_not"][0]["multi_match"]["query"] == "webinar"
    assert query["filter"] == [{"terms": {"audience": [PUBLIC, MEMBERS]}}]
    # The kind filter narrows hits (post_filter) but not the kind facet itself.
    assert request["post_filter"]["bool"]["filter"] == [{"term": {"kind": "product"}}]
    assert request["aggs"]["kind"]["filter"] == {"bool": {}}
    assert request["aggs"]["theme"]["filter"]["bool"]["filter"] == [{"term": {"kind": "product"}}]
    assert request["highlight"]["pre_tags"] == ["<mark>"]
    assert request["highlight"]["encoder"] == "html"
    assert request["track_total_hits"] is True


def test_synonyms_widen_a_clause_into_alternatives():
    request = build_search(
        "i", parse("OCMW", synonyms.table()), audiences=[PUBLIC], filters=Filters()
    ).to_dict()
    alternatives = _matching(request)["bool"]["must"][0]["bool"]["should"]
    assert {a["multi_match"]["query"] for a in alternatives} >= {"ocmw", "sociaal huis"}


def test_period_filter_is_a_date_range():
    now = timezone.now()
    request = build_search(
        "i", parse("werk"), audiences=[PUBLIC], filters=Filters(period="maand"), now=now
    ).to_dict()
    bounds = request["post_filter"]["bool"]["filter"][0]["range"]["date"]
    assert bounds == {
        "gte": (now - datetime.timedelta(days=30)).isoformat(),
        "lt": now.isoformat(),
    }


def test_completion_is_limited_to_the_users_audiences():
    request = build_completion("i", "arbei", [PUBLIC], 5).to_dict()
    completion = request["suggest"]["titles"]["completion"]
    assert completion["contexts"] == {"audience": [PUBLIC]}


def test_documents_are_sent_with_their_completion_inputs_and_facet_labels():
    source = as_source(doc("a", "Arbeidszorg in de regio", themes=[("werk", "Werk")]))
    assert source["suggest"]["input"][0] == "Arbeidszorg in de regio"
    assert "regio" in source["suggest"]["input"]
    assert source["theme_facets"] == ["werk|Werk"]
    fragment = as_source(doc("b", "", anchor_label="12:34"))
    assert fragment["suggest"] is None


def test_response_becomes_hits_and_facets():
    results = parse_response(
        {
            "hits": {
                "total": {"value": 1},
                "hits": [
                    {
                        "_score": 3.2,
                        "_source": as_source(doc("a", "Werk", themes=[("werk", "Werk")])),
                        "highlight": {"body": ["een <mark>werk</mark>plek"]},
                    }
                ],
            },
            "aggregations": {
                "kind": {"values": {"buckets": [{"key": "product", "doc_count": 1}]}},
                "theme": {"values": {"buckets": [{"key": "werk|Werk", "doc_count": 1}]}},
                "period": {"values": {"buckets": [{"key": "maand", "doc_count": 0}]}},
            },
        }
    )
    assert results.total == 1 and results.hits[0].snippet == "een <mark>werk</mark>plek"
    assert [(f.value, f.label, f.count) for f in results.facets["theme"]] == [("werk", "Werk", 1)]
    assert results.facets["period"] == []


def _matching(request: dict) -> dict:
    """The text query inside the kind weights' function_score."""
    query = request["query"]
    return query["function_score"]["query"] if "function_score" in query else query


def test_kinds_with_a_weight_are_scaled_by_it():
    request = build_search(
        "idx", parse("intervisie"), audiences=["public", "members"], filters=Filters()
    ).to_dict()
    functions = request["query"]["function_score"]["functions"]
    weights = {f["filter"]["term"]["kind"]: f["weight"] for f in functions}
    assert weights["forum_post"] < 1 and weights["forum_topic"] < 1
    assert request["query"]["function_score"]["boost_mode"] == "multiply"


def test_hyphens_join_in_the_text_analysers_as_in_the_database():
    index_analyzer, search_analyzer, _ = analysis([])
    for name, definition in (
        ("portal_dutch", index_analyzer.get_analysis_definition()),
        ("portal_dutch_search", search_analyzer.get_analysis_definition()),
    ):
        assert definition["analyzer"][name]["char_filter"] == ["portal_hyphen_join"]
        char_filter = definition["char_filter"]["portal_hyphen_join"]
        assert char_filter["type"] == "pattern_replace"
        assert char_filter["replacement"] == ""
        assert char_filter["pattern"].startswith("(?<=\\p{L})")


def test_text_fields_have_parts_subfields_with_the_decompounder():
    from search import compounds

    properties = _mapping()["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["fields"]["parts"]["analyzer"] == "portal_dutch_parts"
    settings = document_class("test-index", [])._index.to_dict()["settings"]["analysis"]
    decompounder = settings["filter"]["portal_decompounder"]
    assert decompounder["type"] == "dictionary_decompounder"
    assert decompounder["word_list"] == sorted(compounds.FIELD_WORDS)
    assert {"loopbaan", "begeleiding", "werkervaring", "plaats"} <= set(decompounder["word_list"])
    chain = settings["analyzer"]["portal_dutch_parts"]["filter"]
    assert chain.index("portal_decompounder") < chain.index("portal_dutch_stemmer")
    assert "char_filter" not in settings["analyzer"]["portal_dutch_parts"]


def test_queries_search_the_parts_below_the_fields_themselves():
    request = build_search(
        "test-index", parse("loopbaan", synonyms.table()), audiences=[PUBLIC], filters=Filters()
    ).to_dict()
    fields = _matching(request)["bool"]["must"][0]["multi_match"]["fields"]
    assert "body.parts" in fields and "title^10" in fields
    assert fields.index("title^10") < fields.index("title.parts^2")


def test_theme_names_and_fragments_are_searched_below_the_documents_own_text():
    properties = _mapping()["properties"]
    for field in ("theme_names", "fragments"):
        assert properties[field]["analyzer"] == "portal_dutch"
    assert properties["group"]["type"] == "keyword"
    source = as_source(
        doc(
            "ep",
            "Aflevering",
            url="/podcast/ep/",
            themes=[("mobiliteit", "Mobiliteit"), ("werk", "Werk")],
            fragments="Eerste zin.\nTweede zin.",
        )
    )
    assert source["theme_names"] == "Mobiliteit. Werk"
    assert source["fragments"] == "Eerste zin.\nTweede zin."
    assert source["group"] == "/podcast/ep/"
    request = build_search("i", parse("mobiliteit"), audiences=[PUBLIC], filters=Filters())
    body = request.to_dict()
    assert '"fields": ["title^10"' in json.dumps(body)
    assert "theme_names^0.5" in json.dumps(body) and "fragments^0.5" in json.dumps(body)
    # A transcript's worth of text is never sent back with the hits.
    assert body["_source"] == {"excludes": ["fragments"]}


def test_a_parent_filter_is_a_term_on_the_group():
    request = build_search(
        "i", parse("werk"), audiences=[PUBLIC], filters=Filters(parent="/podcast/ep/")
    )
    assert {"term": {"group": "/podcast/ep/"}} in str_terms(request.to_dict()["post_filter"])


def str_terms(node):
    """Every {"term": ...} clause in a query tree."""
    found = []
    if isinstance(node, dict):
        if "term" in node:
            found.append(node)
        for value in node.values():
            found.extend(str_terms(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(str_terms(value))
    return found
