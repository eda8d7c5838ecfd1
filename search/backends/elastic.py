"""The Elasticsearch backend, for installations that outgrow the database.

Mapping and queries are built with ``elasticsearch.dsl``; they are plain data and are
tested without a server. The database index is always kept as well: it answers when
Elasticsearch cannot.
"""

import logging

from django.conf import settings
from django.utils import timezone

from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Index,
    Keyword,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from .. import compounds, grouping, registry, text
from ..documents import FacetValue, Hit, SearchDocument, SearchResults
from ..query import ParsedQuery
from .base import PERIODS, Filters, SearchBackend, period_bounds
from .base import Completion as CompletionHit

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
# Each text field also has a ``parts`` subfield (hyphen and compound parts), weighted
# below the field itself, as the database backends weigh their parts column.
# A document's themes' names and its fragments' text (an episode's transcript) find it too,
# weighted below its own text, as in the database backends' lowest-weighted column.
SEARCH_FIELDS = [
    "title^10",
    "summary^4",
    "body",
    "title.parts^2",
    "summary.parts",
    "body.parts",
    "theme_names^0.5",
    "fragments^0.5",
]


def hyphen_join():
    """ "e-mail" is "email" (text.join_hyphens): a hyphen between letters is left out."""
    return char_filter(
        "portal_hyphen_join",
        "pattern_replace",
        pattern=text.HYPHEN_PATTERN_JAVA,
        replacement="",
    )


def decompounder():
    """Compound parts from the field's word list (compounds.FIELD_WORDS), as the database
    backends split a document's words."""
    return token_filter(
        "portal_decompounder",
        "dictionary_decompounder",
        word_list=sorted(compounds.FIELD_WORDS),
        min_word_size=2 * compounds.MIN_PART - 1,
        min_subword_size=3,
        only_longest_match=False,
    )


def parts_analyzer():
    """The parts subfields: hyphens split words (the standard tokenizer does that when no
    character filter joins them) and compounds are split by the decompounder."""
    stop = token_filter("portal_dutch_stop", "stop", stopwords=sorted(text.STOP_WORDS))
    stemmer = token_filter("portal_dutch_stemmer", "stemmer", language="dutch")
    return analyzer(
        "portal_dutch_parts",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", decompounder(), stop, stemmer],
    )


def analysis(synonym_groups: list[list[str]]):
    """The Dutch analysers: one for indexing, one (with synonyms) for searching."""
    folding = ["lowercase", "asciifolding"]
    stop = token_filter("portal_dutch_stop", "stop", stopwords=sorted(text.STOP_WORDS))
    override = token_filter(
        "portal_dutch_override",
        "stemmer_override",
        rules=[f"{word} => {stem}" for word, stem in sorted(text.STEMMER_OVERRIDES.items())],
    )
    stemmer = token_filter("portal_dutch_stemmer", "stemmer", language="dutch")
    synonyms = token_filter(
        "portal_synonyms",
        "synonym_graph",
        synonyms=[", ".join(group) for group in synonym_groups if len(group) > 1],
        lenient=True,
    )
    index_analyzer = analyzer(
        "portal_dutch",
        tokenizer="standard",
        char_filter=[hyphen_join()],
        filter=[*folding, stop, override, stemmer],
    )
    search_analyzer = analyzer(
        "portal_dutch_search",
        tokenizer="standard",
        char_filter=[hyphen_join()],
        filter=[*folding, synonyms, stop, override, stemmer],
    )
    spelling = analyzer("portal_spelling", tokenizer="standard", filter=folding)
    return index_analyzer, search_analyzer, spelling


def document_class(index_name: str, synonym_groups: list[list[str]]):
    index_analyzer, search_analyzer, spelling = analysis(synonym_groups)

    parts = parts_analyzer()

    def dutch_text(**extra):
        fields = {"parts": Text(analyzer=parts), **extra.pop("fields", {})}
        return Text(
            analyzer=index_analyzer, search_analyzer=search_analyzer, fields=fields, **extra
        )

    class IndexedDocument(Document):
        key = Keyword()
        source = Keyword()
        kind = Keyword()
        audience = Keyword()
        title = dutch_text(fields={"spell": Text(analyzer=spelling)})
        summary = dutch_text()
        body = dutch_text(fields={"spell": Text(analyzer=spelling)})
        url = Keyword(index=False)
        group = Keyword()  # grouping.group_key(url): a parent and its fragments share it
        date = Date()
        theme_slugs = Keyword()
        theme_facets = Keyword()  # "slug|label", so facet buckets carry their label
        themes = Object(enabled=False)
        theme_names = dutch_text()
        fragments = dutch_text()
        parent_title = Keyword(index=False)
        anchor_label = Keyword(index=False)
        suggest = Completion(
            analyzer=spelling,
            contexts=[{"name": "audience", "type": "category", "path": "audience"}],
        )

        class Index:
            name = index_name
            settings = {"number_of_shards": 1}

    return IndexedDocument


def as_source(document: SearchDocument) -> dict:
    suggest_inputs = []
    if not document.anchor_label:
        # Completion matches from the start of an input: offer the title from each word.
        title_words = document.title.split()
        suggest_inputs = [" ".join(title_words[i:]) for i in range(min(len(title_words), 6))]
    return {
        "key": document.key,
        "source": document.source,
        "kind": document.kind,
        "audience": document.audience,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "url": document.url,
        "group": grouping.group_key(document.url),
        "date": document.date.isoformat() if document.date else None,
        "theme_slugs": [slug for slug, _ in document.themes],
        "theme_facets": [f"{slug}|{label}" for slug, label in document.themes],
        "themes": [{"slug": slug, "label": label} for slug, label in document.themes],
        "theme_names": ". ".join(label for _, label in document.themes),
        "fragments": document.fragments,
        "parent_title": document.parent_title,
        "anchor_label": document.anchor_label,
        "suggest": {"input": suggest_inputs} if suggest_inputs else None,
    }


def clause_query(clause) -> Q:
    alternatives = [
        Q("multi_match", query=" ".join(words), type="phrase", fields=SEARCH_FIELDS)
        for words in clause.alternatives
    ]
    if len(alternatives) == 1:
        return alternatives[0]
    return Q("bool", should=alternatives, minimum_should_match=1)


def text_query(query: ParsedQuery, audiences: list[str]) -> Q:
    return Q(
        "bool",
        must=[clause_query(clause) for clause in query.required],
        must_not=[clause_query(clause) for clause in query.excluded],
        filter=[Q("terms", audience=list(audiences))],
    )


def weighted(matching: Q) -> Q:
    """Each kind's weight (search.register(weights=...)) scales its score, as on the
    database backends."""
    weights = registry.kind_weights()
    if not weights:
        return matching
    functions = [
        {"filter": {"term": {"kind": kind}}, "weight": weight}
        for kind, weight in sorted(weights.items())
    ]
    return Q(
        "function_score",
        query=matching,
        functions=functions,
        score_mode="first",
        boost_mode="multiply",
    )


def filter_queries(filters: Filters, now=None) -> dict[str, Q]:
    """Each active filter by facet name, so that every facet can leave out its own."""
    active = {}
    if filters.kind:
        active["kind"] = Q("term", kind=filters.kind)
    if filters.theme:
        active["theme"] = Q("term", theme_slugs=filters.theme)
    if filters.parent:
        active["parent"] = Q("term", group=filters.parent)
    if filters.period:
        start, end = period_bounds(filters.period, now)
        bounds = {}
        if start is not None:
            bounds["gte"] = start.isoformat()
        if end is not None:
            bounds["lt"] = end.isoformat()
        active["period"] = Q("range", date=bounds)
    return active


def build_search(index_name, query, *, audiences, filters, offset=0, limit=10, now=None):
    """The whole request: hits, highlighted passages and facet counts."""
    now = now or timezone.now()
    search = Search(index=index_name).query(weighted(text_query(query, audiences)))
    active = filter_queries(filters, now)
    if active:
        search = search.post_filter(Q("bool", filter=list(active.values())))

    def others(name):
        return Q("bool", filter=[q for facet, q in active.items() if facet != name])

    search.aggs.bucket("kind", "filter", filter=others("kind")).bucket(
        "values", "terms", field="kind", size=20
    )
    search.aggs.bucket("theme", "filter", filter=others("theme")).bucket(
        "values", "terms", field="theme_facets", size=30
    )
    ranges = []
    for period in PERIODS:
        start, end = period_bounds(period, now)
        bucket = {"key": period}
        if start is not None:
            bucket["from"] = start.isoformat()
        if end is not None:
            bucket["to"] = end.isoformat()
        ranges.append(bucket)
    search.aggs.bucket("period", "filter", filter=others("period")).bucket(
        "values", "date_range", field="date", ranges=ranges
    )
    search = search.highlight_options(
        encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], fragment_size=220
    )
    search = search.highlight("body", number_of_fragments=1, no_match_size=220)
    search = search.highlight("summary", number_of_fragments=1, no_match_size=220)
    search = search.highlight("title", number_of_fragments=0)
    # A transcript's worth of text per hit is never shown: leave it out of the response.
    search = search.source(excludes=["fragments"])
    return search.extra(from_=offset, size=limit, track_total_hits=True)


def build_completion(index_name, prefix: str, audiences: list[str], limit: int) -> Search:
    return (
        Search(index=index_name)
        .source(["title", "url", "kind"])
        .suggest(
            "titles",
            prefix,
            completion={
                "field": "suggest",
                "size": limit,
                "skip_duplicates": True,
                "contexts": {"audience": list(audiences)},
            },
        )
        .extra(size=0)
    )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str | None = None, index_name: str | None = None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.index_name = index_name or settings.ELASTICSEARCH_INDEX
        self.client = Elasticsearch(self.url, request_timeout=TIMEOUT_SECONDS, max_retries=0)

    def _document_class(self):
        from .. import synonyms

        return document_class(self.index_name, synonyms.groups())

    def prepare(self) -> None:
        """Create the index with its mapping when it does not exist yet."""
        index = Index(self.index_name, using=self.client)
        if not index.exists():
            self._document_class().init(using=self.client)

    def update_synonyms(self) -> None:
        """Analysis settings only change on a closed index."""
        index = Index(self.index_name, using=self.client)
        if not index.exists():
            return
        from .. import synonyms

        _, search_analyzer, _ = analysis(synonyms.groups())
        definition = search_analyzer.get_analysis_definition()
        self.client.indices.close(index=self.index_name)
        try:
            self.client.indices.put_settings(
                index=self.index_name, settings={"analysis": definition}
            )
        finally:
            self.client.indices.open(index=self.index_name)

    def clear(self) -> None:
        Index(self.index_name, using=self.client).delete(ignore_unavailable=True)
        self.prepare()

    def replace(self, sources, documents) -> None:
        self.prepare()
        self.client.delete_by_query(
            index=self.index_name,
            query={"terms": {"source": list(sources)}},
            refresh=True,
            conflicts="proceed",
        )
        if documents:
            helpers.bulk(
                self.client,
                (
                    {"_index": self.index_name, "_id": doc.key, "_source": as_source(doc)}
                    for doc in documents
                ),
                refresh="wait_for",
            )

    def search(self, query, *, audiences, filters, offset=0, limit=10):
        if query.is_empty:
            return SearchResults(hits=[], total=0, facets={})
        # Fragments grouped under their parent (search.grouping), as on the database.
        grouped = not filters.parent
        size = grouping.window(offset, limit) if grouped else limit
        search = build_search(
            self.index_name,
            query,
            audiences=audiences,
            filters=filters,
            offset=0 if grouped else offset,
            limit=size,
        )
        response = search.using(self.client).execute()
        results = parse_response(response.to_dict())
        if grouped:
            results.hits, results.groups_total = grouping.group_hits(
                results.hits, offset, limit, exhausted=results.total <= size
            )
        return results

    def exists(self, query, *, audiences):
        if query.is_empty:
            return False
        body = {"query": text_query(query, audiences).to_dict()}
        found = self.client.search(
            index=self.index_name, size=0, terminate_after=1, track_total_hits=1, **body
        )
        return found["hits"]["total"]["value"] > 0

    def autocomplete(self, prefix, *, audiences, limit=8):
        if len(prefix.strip()) < 2:
            return []
        search = build_completion(self.index_name, prefix, audiences, limit)
        options = search.using(self.client).execute().to_dict()["suggest"]["titles"][0]["options"]
        return [
            CompletionHit(
                label=o["_source"]["title"], url=o["_source"]["url"], kind=o["_source"]["kind"]
            )
            for o in options
        ]

    def _visible_counts(self, words, audiences) -> dict[str, int]:
        """How many documents the user may see hold each word."""
        counts = {}
        for word in words:
            counts[word] = self.client.count(
                index=self.index_name,
                query={
                    "bool": {
                        "must": [
                            {
                                "multi_match": {
                                    "query": word,
                                    "fields": ["title.spell", "body.spell"],
                                }
                            }
                        ],
                        "filter": [{"terms": {"audience": list(audiences)}}],
                    }
                },
            )["count"]
        return counts

    def similar_terms(self, word, audiences):
        response = self.client.search(
            index=self.index_name,
            size=0,
            suggest={"spell": {"text": word, "term": {"field": "body.spell", "size": 5}}},
        )
        candidates = [
            option["text"] for entry in response["suggest"]["spell"] for option in entry["options"]
        ]
        # The suggester sees every document; keep only words this user can find.
        visible = self._visible_counts(candidates, audiences)
        return [(candidate, visible.get(candidate, 0)) for candidate in candidates]


def parse_response(data: dict) -> SearchResults:
    hits = []
    for raw in data["hits"]["hits"]:
        source = raw["_source"]
        highlight = raw.get("highlight", {})
        snippet = (highlight.get("body") or highlight.get("summary") or [""])[0]
        title = (highlight.get("title") or [None])[0]
        if title is None:
            from django.utils.html import escape

            title = escape(source["title"])
        date = source.get("date")
        hits.append(
            Hit(
                key=source["key"],
                kind=source["kind"],
                title=title,
                url=source["url"],
                snippet=snippet,
                date=_parse_date(date),
                themes=[(t["slug"], t["label"]) for t in source.get("themes") or []],
                parent_title=source.get("parent_title") or "",
                anchor_label=source.get("anchor_label") or "",
                score=raw.get("_score") or 0.0,
            )
        )
    aggregations = data.get("aggregations", {})
    from ..registry import kind_label

    facets = {
        "kind": [
            FacetValue(b["key"], kind_label(b["key"]), b["doc_count"])
            for b in aggregations.get("kind", {}).get("values", {}).get("buckets", [])
        ],
        "theme": [
            FacetValue(*b["key"].split("|", 1), b["doc_count"])
            for b in aggregations.get("theme", {}).get("values", {}).get("buckets", [])
        ],
        "period": [
            FacetValue(b["key"], str(PERIODS[b["key"]]), b["doc_count"])
            for b in aggregations.get("period", {}).get("values", {}).get("buckets", [])
            if b["doc_count"] and b["key"] in PERIODS
        ],
    }
    return SearchResults(hits=hits, total=data["hits"]["total"]["value"], facets=facets)


def _parse_date(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value)
