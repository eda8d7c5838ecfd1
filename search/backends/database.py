"""The database backends: SQLite FTS5 (the embedded default) and PostgreSQL full text.

Both keep the documents in ``IndexedDocument`` (with their themes and the vocabulary)
and differ only in how text is matched, ranked and highlighted.
"""

import re
from abc import abstractmethod
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.utils import timezone

from .. import cache as result_cache
from .. import grouping, highlight, text
from ..documents import FacetValue, Hit, SearchDocument, SearchResults
from ..models import IndexedDocument, IndexedTerm, IndexedTheme, ThemeLabel
from ..query import ParsedQuery
from .base import PERIODS, Completion, Filters, SearchBackend, period_bounds

# Texts up to this many characters are shown whole in snippets (about 40 words).
SHORT_TEXT = 280
# ts_headline marks matches with these; they are removed from indexed text beforehand.
MARK_START, MARK_END = "\ue000", "\ue001"
_PRIVATE_USE = re.compile("[\ue000\ue001]")
_VOCABULARY_WORD = re.compile(r"^[^\W\d_]{3,30}$", re.UNICODE)
DOCUMENT_TABLE = IndexedDocument._meta.db_table
THEME_TABLE = IndexedTheme._meta.db_table
TERM_TABLE = IndexedTerm._meta.db_table


def vocabulary_words(document) -> set[str]:
    """The words a document adds to the vocabulary: real words, not stop words."""
    found = set()
    for value in (document.title, document.summary, document.body):
        for word in text.words(value):
            if _VOCABULARY_WORD.match(word) and not text.is_stop_word(word):
                found.add(word)
    return found


# Set during a full rebuild: see PostgresBackend.bulk_terms.
_staging_terms: ContextVar[bool] = ContextVar("staging_terms", default=False)


def about(count: int) -> int:
    """An estimated count as people say it: two significant digits (67,168 is 67,000)."""
    if count < 100:
        return count
    step = 10 ** (len(str(count)) - 2)
    return (count + step // 2) // step * step


def _clean(value: str) -> str:
    return _PRIVATE_USE.sub("", value or "")


class DatabaseBackend(SearchBackend):
    """What both database backends share: storage, facets, vocabulary."""

    @contextmanager
    def bulk_terms(self):
        """Vocabulary counting during a full rebuild; plain upserts do on SQLite."""
        yield

    # Where facet queries find (document_id, slug) rows.
    theme_table = THEME_TABLE
    # Or a bit per theme on the matched row (PostgreSQL, see _theme_bits): the theme facet
    # and filter then come from the same scan, without joining every document's theme rows.
    theme_mask = ""

    def _theme_bits(self) -> dict[str, int]:
        return {}

    # --- writing -------------------------------------------------------------------
    def replace(self, sources: list[str], documents: list[SearchDocument]) -> None:
        from .. import compounds

        # The vocabulary changes: typed compounds are split anew.
        compounds.forget()
        result_cache.index_changed()
        with transaction.atomic():
            old = list(
                IndexedDocument.objects.filter(source__in=sources).only(
                    "id", "audience", "title", "summary", "body"
                )
            )
            if old:
                ids = [document.id for document in old]
                self._delete_text(ids)
                IndexedTheme.objects.filter(document_id__in=ids).delete()
                IndexedDocument.objects.filter(id__in=ids).delete()
            new = self._insert(documents) if documents else []
            # One pass over the word counters, old and new netted: re-indexing a post whose
            # words did not change touches no counter at all.
            self._count_terms([(row, -1) for row in old] + [(row, +1) for row in new])

    def _insert(self, documents: list[SearchDocument]) -> list[IndexedDocument]:
        rows = IndexedDocument.objects.bulk_create(
            [
                IndexedDocument(
                    key=document.key,
                    source=document.source,
                    kind=document.kind,
                    audience=document.audience,
                    title=_clean(document.title)[:500],
                    summary=_clean(document.summary),
                    body=_clean(document.body),
                    url=document.url,
                    date=document.date,
                    themes=[list(theme) for theme in document.themes],
                    parent_title=document.parent_title[:500],
                    anchor_label=document.anchor_label[:40],
                )
                for document in documents
            ]
        )
        for row, document in zip(rows, documents, strict=True):
            row.fragment_text = _clean(document.fragments)
        IndexedTheme.objects.bulk_create(
            [
                IndexedTheme(document_id=row.id, slug=slug)
                for row, document in zip(rows, documents, strict=True)
                for slug, _ in document.themes
            ]
        )
        labels = {slug: label for document in documents for slug, label in document.themes}
        ThemeLabel.objects.bulk_create(
            [ThemeLabel(slug=slug, label=label) for slug, label in labels.items()],
            update_conflicts=True,
            unique_fields=["slug"],
            update_fields=["label"],
        )
        self._insert_text(rows)
        return rows

    def _count_terms(self, signed_rows) -> None:
        """Apply the documents' words to the per-word document counters, as one list of net
        changes sorted by (term, audience). Concurrent indexing transactions (several task
        workers) then lock counter rows in the same order and wait for each other instead of
        deadlocking on common words."""
        counts = Counter()
        for row, sign in signed_rows:
            for word in vocabulary_words(row):
                counts[(word, row.audience)] += sign
        changes = sorted(
            (word, audience, count) for (word, audience), count in counts.items() if count
        )
        if changes:
            with connection.cursor() as cursor:
                self._change_terms(cursor, changes)

    def _change_terms(self, cursor, changes) -> None:
        added = [change for change in changes if change[2] > 0]
        removed = [(-count, word, audience) for word, audience, count in changes if count < 0]
        cursor.executemany(
            f"INSERT INTO {TERM_TABLE} (term, audience, document_count) "
            f"VALUES (%s, %s, %s) ON CONFLICT (term, audience) DO UPDATE "
            f"SET document_count = {TERM_TABLE}.document_count + excluded.document_count",
            added,
        )
        cursor.executemany(
            f"UPDATE {TERM_TABLE} SET document_count = MAX(document_count - %s, 0) "
            f"WHERE term = %s AND audience = %s",
            removed,
        )
        cursor.executemany(
            f"DELETE FROM {TERM_TABLE} WHERE term = %s AND audience = %s AND document_count <= 0",
            [(word, audience) for _, word, audience in removed],
        )

    def clear(self) -> None:
        from .. import compounds

        compounds.forget()
        result_cache.index_changed()
        # Plain DELETEs: the ORM would first load every document to cascade to its themes.
        with transaction.atomic(), connection.cursor() as cursor:
            self._clear_text()
            for table in (THEME_TABLE, DOCUMENT_TABLE, TERM_TABLE):
                cursor.execute(f"DELETE FROM {table}")

    # Vendor parts --------------------------------------------------------------------
    @abstractmethod
    def _insert_text(self, rows) -> None: ...

    @abstractmethod
    def _delete_text(self, ids: list[int]) -> None: ...

    @abstractmethod
    def _clear_text(self) -> None: ...

    @abstractmethod
    def _match(
        self,
        query: ParsedQuery,
        audiences,
        kind: str,
        theme: str,
        rows=True,
        head=False,
        sample=False,
    ):
        """(FROM, WHERE, params, rank expression (lower is better), document id expression).

        With ``rows`` the FROM clause offers ``d.id``, ``d.kind`` and ``d.date``. With
        ``head`` only documents with the query in their title or summary match. With
        ``sample`` the caller adds the sample's condition (see _approximate).
        """

    def _snippets(self, query: ParsedQuery, rows, hit_ids) -> dict[int, str]:
        stems = query.highlight_stems()
        return {row.id: highlight.snippet(row.body or row.summary, stems) for row in rows}

    # --- searching -----------------------------------------------------------------
    def _period_case(self):
        """Each dated document's period, testing the newest bound first."""
        now = timezone.now()
        month_ago, year_ago = (period_bounds(p, now)[0] for p in ("maand", "jaar"))
        adapt = connection.ops.adapt_datetimefield_value
        return (
            "CASE WHEN d.date IS NULL THEN '' WHEN d.date >= %s THEN 'gepland' "
            "WHEN d.date >= %s THEN 'maand' WHEN d.date >= %s THEN 'jaar' ELSE 'ouder' END",
            [adapt(now), adapt(month_ago), adapt(year_ago)],
        )

    def search(self, query, *, audiences, filters: Filters, offset=0, limit=10):
        """From the result cache when the same search was answered on the same index."""
        return result_cache.search(
            self._search, query, audiences=audiences, filters=filters, offset=offset, limit=limit
        )

    # A search whose matches are estimated at this many or more is answered approximately
    # (see _approximate): counts and facets from a fixed sample of every SAMPLE_EVERY-th
    # document, the page from the documents with the query in their title or summary.
    APPROXIMATE_FROM = 5000
    SAMPLE_EVERY = 16  # PostgreSQL: the sample index's condition (migration 0009) says 16

    def _search(self, query, *, audiences, filters: Filters, offset=0, limit=10):
        if query.is_empty:
            return SearchResults(hits=[], total=0, facets={})
        # Fragments are grouped under their parent (search.grouping): rank a window from
        # the top and cut the page from its groups; within one parent, no grouping.
        grouped = not filters.parent
        window = grouping.window(offset, limit) if grouped else limit
        bits = self._theme_bits()  # read once for every pass below
        rows = self._approximate(query, audiences, filters, window, bits) if grouped else None
        approximate = rows is not None
        if rows is None:
            start = 0 if grouped else offset
            rows = self._one_pass(query, audiences, filters, start, window, bits=bits)
        by_kind, by_period, themes, ranked, total = self._tally(rows, filters)
        if approximate:
            total = about(total)
            by_kind = Counter({kind: about(n) for kind, n in by_kind.items()})
            by_period = Counter({period: about(n) for period, n in by_period.items()})
            themes = [(slug, about(n)) for slug, n in themes]
        from ..registry import kind_label

        labels = dict(
            ThemeLabel.objects.filter(slug__in=[slug for slug, _ in themes]).values_list(
                "slug", "label"
            )
        )
        themes.sort(key=lambda item: (-item[1], item[0]))
        groups_total = None
        if grouped:
            # The window's rows, read once: for grouping, then for the page's hits.
            window_rows = IndexedDocument.objects.in_bulk([row_id for row_id, _ in ranked])
            ranked, groups = self._grouped(ranked, offset, limit, window_rows)
            groups_total = groups[1] if total <= window and not approximate else None
        hits = self._hits(query, ranked, window_rows if grouped else None)
        if grouped:
            hits = self._nest(hits, groups)
        return SearchResults(
            hits=hits,
            groups_total=groups_total,
            total=total,
            approximate=approximate,
            facets={
                "kind": [FacetValue(k, kind_label(k), n) for k, n in by_kind.most_common()],
                "theme": [FacetValue(t, labels.get(t, t), n) for t, n in themes[:30]],
                "period": [
                    FacetValue(p, str(PERIODS[p]), by_period[p]) for p in PERIODS if by_period[p]
                ],
            },
        )

    @staticmethod
    def _tally(rows, filters: Filters):
        """The rows of _one_pass as facet counters, the ranked (id, score) pairs and the
        total. Each facet leaves its own filter out."""
        by_kind, by_period, themes, ranked, total = Counter(), Counter(), [], [], 0
        for part, value, period, count, score in rows:
            if part == "k":
                kind_ok = not filters.kind or value == filters.kind
                period_ok = not filters.period or period == filters.period
                if period_ok:
                    by_kind[value] += count
                if kind_ok and period:
                    by_period[period] += count
                if kind_ok and period_ok:
                    total += count
            elif part == "t":
                themes.append((value, count))
            else:
                ranked.append((count, score))
        return by_kind, by_period, themes, ranked, total

    def _approximate(self, query, audiences, filters: Filters, window, bits):
        """The rows of _one_pass for a query with very many matches, or None.

        Counting and ranking every match is what a common word costs ("werk" in two thirds
        of 100,000 documents: ranking 67,000 vectors to show ten). A fixed sample (every
        SAMPLE_EVERY-th document) is counted first; when it promises APPROXIMATE_FROM
        matches or more, the counts and facets are the sample's, scaled up (the page says
        "about"), and the window is ranked from the matches with the query in their title
        or summary (a small index). Only when those do not fill the window are all matches
        ranked. The sample is fixed, so the same search gives the same estimate every time.
        """
        sampled = self._one_pass(query, audiences, filters, 0, 0, sample=True, bits=bits)
        if self._tally(sampled, filters)[4] * self.SAMPLE_EVERY < self.APPROXIMATE_FROM:
            return None
        ranked = self._ranked(query, audiences, filters, window, bits, head=True)
        if len(ranked) < window:
            ranked = self._ranked(query, audiences, filters, window, bits)
        scaled = [
            (part, value, period, count * self.SAMPLE_EVERY, score)
            for part, value, period, count, score in sampled
        ]
        return scaled + [("h", None, None, row_id, score) for row_id, score in ranked]

    def _grouped(self, ranked, offset, limit, rows):
        """The ranked (id, score) pairs of one page of groups, heads and shown fragments in
        order, and the groups (see grouping.choose)."""
        candidates = [rows[row_id] for row_id, _ in ranked if row_id in rows]
        page, count = grouping.choose(candidates, offset, limit)
        scores = dict(ranked)
        chosen = [
            (document.id, scores[document.id])
            for group in page
            for document in (group.head, *group.fragments)
        ]
        return chosen, (page, count)

    @staticmethod
    def _nest(hits, groups):
        page, _ = groups
        by_key = {hit.key: hit for hit in hits}
        nested = []
        for group in page:
            head = by_key.get(group.head.key)
            if head is None:
                continue
            head.group = group.key
            head.fragments = [by_key[f.key] for f in group.fragments if f.key in by_key]
            head.fragment_count = group.count
            nested.append(head)
        return nested

    def exists(self, query, *, audiences):
        if query.is_empty:
            return False
        from_sql, where, params = self._match(query, audiences, "", "", rows=False)[:3]
        with connection.cursor() as cursor:
            # Not a count: "werk" is in 67,000 documents of 100,000, one is enough here.
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {from_sql} WHERE {where})", params)
            return bool(cursor.fetchone()[0])

    def _matched(self, query, audiences, filters: Filters, bits, *, head=False, sample=False):
        """The matches as one row each (id, kind, period, score, and the theme mask where
        there is one), and the conditions that apply the filters to such a row ``f``."""
        from_sql, where, params, rank, id_sql = self._match(
            query, audiences, "", "", head=head, sample=sample
        )
        if filters.parent:
            # One parent and its fragments: its address, or its address with an anchor.
            where += (
                f" AND {id_sql} IN (SELECT id FROM {DOCUMENT_TABLE} "
                f"WHERE url = %s OR url LIKE %s ESCAPE '!' OR url LIKE %s ESCAPE '!')"
            )
            escaped = re.sub(r"([!%_])", r"!\1", filters.parent)
            params = [*params, filters.parent, escaped + "#%", escaped + "?%"]
        if sample:
            # Spelled as the PostgreSQL sample index's condition, so the planner uses it.
            where += f" AND ({id_sql} %% {self.SAMPLE_EVERY:d}) = 0"
        case_sql, case_params = self._period_case()
        mask_sql = f", {self.theme_mask} AS mask" if bits else ""
        # The sample only counts: its rows need no rank.
        score = "CAST(0 AS REAL)" if sample else _weighted(rank)
        matched = (
            f"SELECT {id_sql} AS id, d.kind AS kind, {case_sql} AS period, "
            f"{score} AS score{mask_sql} FROM {from_sql} WHERE {where}"
        )
        theme_ok, theme_params = "TRUE", []
        if filters.theme in bits:
            theme_ok = f"f.mask & {bits[filters.theme]:d} <> 0"
        elif filters.theme:
            theme_ok = f"f.id IN (SELECT document_id FROM {self.theme_table} WHERE slug = %s)"
            theme_params = [filters.theme]
        kind_ok, kind_params = ("f.kind = %s", [filters.kind]) if filters.kind else ("TRUE", [])
        period_ok, period_params = (
            ("f.period = %s", [filters.period]) if filters.period else ("TRUE", [])
        )
        return (
            matched,
            case_params + params,
            (theme_ok, theme_params),
            (kind_ok, kind_params),
            (period_ok, period_params),
        )

    def _ranked(self, query, audiences, filters: Filters, limit, bits, *, head=False):
        """The first ``limit`` (id, score) pairs in rank order, nothing counted; with
        ``head`` only of the matches with the query in their title or summary."""
        matched, params, theme, kind, period = self._matched(
            query, audiences, filters, bits, head=head
        )
        sql = (
            f"SELECT f.id, f.score FROM ({matched}) AS f "
            f"WHERE {theme[0]} AND {kind[0]} AND {period[0]} "
            f"ORDER BY f.score, f.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + theme[1] + kind[1] + period[1] + [limit])
            return cursor.fetchall()

    def _one_pass(
        self, query, audiences, filters: Filters, offset, limit, *, sample=False, bits=None
    ):
        """Facet counts and one page of ranked ids, from one scan of the matches.

        Matching and ranking are the expensive part; every facet and the page of hits
        reuse them. Each facet leaves its own filter out, so its other values stay
        visible with their counts. With ``sample``, of the fixed sample only.
        """
        if bits is None:
            bits = self._theme_bits()
        matched, params, theme, kind, period = self._matched(
            query, audiences, filters, bits, sample=sample
        )
        (theme_ok, theme_params), (kind_ok, kind_params) = theme, kind
        period_ok, period_params = period
        theme_facet = (
            f"SELECT 't', t.slug, NULL, COUNT(*), CAST(NULL AS REAL) FROM f "
            f"JOIN {self.theme_table} t ON t.document_id = f.id "
            f"WHERE {kind_ok} AND {period_ok} GROUP BY t.slug"
        )
        facet_params = []
        if bits:
            # One row of counts, a count per theme's bit, turned into (slug, count) rows.
            counts = ", ".join(
                f"COUNT(*) FILTER (WHERE f.mask & {bit:d} <> 0)" for bit in bits.values()
            )
            theme_facet = (
                f"SELECT 't', v.slug, NULL, v.n, CAST(NULL AS REAL) FROM ("
                f"  SELECT ARRAY[{counts}] AS n FROM f WHERE {kind_ok} AND {period_ok}"
                f") AS a CROSS JOIN unnest(%s::text[], a.n) AS v(slug, n) WHERE v.n > 0"
            )
            facet_params = [list(bits)]
        sql = (
            f"WITH f AS MATERIALIZED ({matched}) "
            f"SELECT 'k', f.kind, f.period, COUNT(*), CAST(NULL AS REAL) FROM f WHERE {theme_ok} "
            f"GROUP BY f.kind, f.period "
            f"UNION ALL "
            f"{theme_facet} "
            f"UNION ALL "
            f"SELECT 'h', NULL, NULL, p.id, p.score FROM ("
            f"  SELECT f.id, f.score FROM f WHERE {theme_ok} AND {kind_ok} AND {period_ok}"
            f"  ORDER BY f.score, f.id LIMIT %s OFFSET %s"
            f") AS p"
        )
        all_params = (
            params
            + theme_params
            + kind_params
            + period_params
            + facet_params
            + theme_params
            + kind_params
            + period_params
            + [limit, offset]
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            return cursor.fetchall()

    def _hits(self, query, ranked, loaded=None) -> list[Hit]:
        ids = [row_id for row_id, _ in ranked]
        if loaded is None:
            rows = IndexedDocument.objects.in_bulk(ids)
        else:
            rows = {row_id: loaded[row_id] for row_id in ids if row_id in loaded}
        snippets = self._snippets(query, list(rows.values()), ids)
        stems = query.highlight_stems()
        hits = []
        for row_id, score in ranked:
            row = rows.get(row_id)
            if row is None:
                # Re-indexed (replaced) between the ranking and this read: a concurrent
                # write, not an error. The next search finds its new document.
                continue
            hits.append(
                Hit(
                    key=row.key,
                    kind=row.kind,
                    title=highlight.mark(row.title, stems),
                    url=row.url,
                    snippet=snippets.get(row_id, ""),
                    date=row.date,
                    themes=[tuple(theme) for theme in row.themes],
                    parent_title=row.parent_title,
                    anchor_label=row.anchor_label,
                    score=-float(score or 0),
                )
            )
        return hits

    # --- vocabulary ----------------------------------------------------------------
    def _term_completions(self, prefix: str, audiences, limit: int) -> list[Completion]:
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(audiences))
            cursor.execute(
                f"SELECT term, SUM(document_count) FROM {TERM_TABLE} "
                f"WHERE term >= %s AND term < %s AND audience IN ({placeholders}) "
                f"GROUP BY term ORDER BY 2 DESC, term LIMIT %s",
                [prefix, prefix + "\uffff", *audiences, limit],
            )
            return [Completion(label=term) for term, _ in cursor.fetchall()]

    def autocomplete(self, prefix, *, audiences, limit=8):
        words = text.words(prefix)
        if not words or len(prefix.strip()) < 2:
            return []
        titles = self._title_completions(words, audiences, limit=5)
        terms = []
        if len(words) == 1:
            seen = {t.label.casefold() for t in titles}
            terms = [
                t
                for t in self._term_completions(words[0], audiences, limit)
                if t.label not in seen and t.label != words[0]
            ]
        return (titles + terms)[:limit]

    @abstractmethod
    def _title_completions(self, words, audiences, limit) -> list[Completion]:
        """Titles with every typed word, the last one as a prefix."""


def _low_text(row) -> str:
    """What a document is found by below its own text: its themes' names and its fragments'
    text (set on the row from SearchDocument.fragments while it is inserted)."""
    labels = ". ".join(label for _, label in row.themes)
    return f"{labels}\n{getattr(row, 'fragment_text', '')}"


def _parts(row) -> list[str]:
    found = [part for value in (row.title, row.summary, row.body) for part in text.parts(value)]
    return found + [word for word in text.words(_low_text(row)) if not text.is_stop_word(word)]


def _part_stems(row) -> list[str]:
    """The stems of a document's hyphen and compound parts (see text.parts), its themes'
    names and its fragments' text: the lowest-weighted column."""
    values = (row.title, row.summary, row.body)
    return [stem for value in values for stem in text.part_stems(value)] + text.stems(
        _low_text(row)
    )


def _meta_token(prefix: str, value: str) -> str:
    """A filter value as one FTS5 token (letters and digits only)."""
    return prefix + value.encode().hex()


def _fts_alternative(words: tuple[str, ...]) -> str:
    # Stems are letters and digits only; quoting each keeps FTS5 keywords (NEAR, OR)
    # from ever being read as syntax.
    return '"' + " ".join(text.stem(word) for word in words) + '"'


class SQLiteBackend(DatabaseBackend):
    """FTS5 over text that Python analysed: folded, stop words out, Snowball stems."""

    name = "sqlite"
    FTS = "search_fts"
    TITLES = "search_title_fts"
    FACETS = "search_facet"
    theme_table = "search_facet_theme"

    def insert_document_text(self, rows) -> None:
        """The analysed text of ``rows`` in the FTS table (and nothing else)."""
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.FTS} (rowid, title, summary, body, parts, meta) "
                f"VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        row.id,
                        " ".join(text.stems(row.title)),
                        " ".join(text.stems(row.summary)),
                        " ".join(text.stems(row.body)),
                        " ".join(_part_stems(row)),
                        " ".join(
                            [_meta_token("k", row.kind), _meta_token("a", row.audience)]
                            + [_meta_token("t", slug) for slug, _ in row.themes]
                        ),
                    )
                    for row in rows
                ],
            )

    def _insert_text(self, rows) -> None:
        self.insert_document_text(rows)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.FACETS} (id, kind, date) VALUES (%s, %s, %s)",
                [
                    (row.id, row.kind, connection.ops.adapt_datetimefield_value(row.date))
                    for row in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {self.theme_table} (document_id, slug) VALUES (%s, %s)",
                list({(row.id, slug) for row in rows for slug, _ in row.themes}),
            )
            cursor.executemany(
                f"INSERT INTO {self.TITLES} (rowid, title, meta) VALUES (%s, %s, %s)",
                [
                    (row.id, " ".join(text.words(row.title)), _meta_token("a", row.audience))
                    for row in rows
                    if not row.anchor_label
                ],
            )

    def _delete_text(self, ids) -> None:
        with connection.cursor() as cursor:
            for table, key in (
                (self.FTS, "rowid"),
                (self.TITLES, "rowid"),
                (self.FACETS, "id"),
                (self.theme_table, "document_id"),
            ):
                cursor.executemany(f"DELETE FROM {table} WHERE {key} = %s", [(i,) for i in ids])

    def _clear_text(self) -> None:
        with connection.cursor() as cursor:
            for table in (self.FTS, self.TITLES, self.FACETS, self.theme_table):
                cursor.execute(f"DELETE FROM {table}")

    def _match_expression(self, query: ParsedQuery, audiences, kind, theme, head=False) -> str:
        def clause_sql(clause):
            return "(" + " OR ".join(_fts_alternative(a) for a in clause.alternatives) + ")"

        # With ``head`` the words must be in the title or summary; an excluded word is
        # excluded from every column all the same.
        columns = "{title summary}" if head else "{title summary body parts}"
        required = " AND ".join(clause_sql(clause) for clause in query.required)
        expression = f"{columns} : ({required})"
        for clause in query.excluded:
            expression = f"({expression}) NOT {{title summary body parts}} : {clause_sql(clause)}"
        meta = ["(" + " OR ".join(_meta_token("a", a) for a in audiences) + ")"]
        if kind:
            meta.append(_meta_token("k", kind))
        if theme:
            meta.append(_meta_token("t", theme))
        return f"({expression}) AND meta : ({' AND '.join(meta)})"

    def _match(self, query, audiences, kind, theme, rows=True, head=False, sample=False):
        source = self.FTS
        if rows:
            source += f" JOIN {self.FACETS} d ON d.id = {self.FTS}.rowid"
        return (
            source,
            f"{self.FTS} MATCH %s",
            [self._match_expression(query, audiences, kind, theme, head)],
            f"{self.FTS}.rank",
            f"{self.FTS}.rowid",
        )

    def _title_completions(self, words, audiences, limit):
        *complete, last = words
        terms = [f'"{word}"' for word in complete] + [f'"{last}" *']
        audience_sql = " OR ".join(_meta_token("a", a) for a in audiences)
        expression = f"title : ({' AND '.join(terms)}) AND meta : ({audience_sql})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.title, d.url, d.kind FROM {self.TITLES} "
                f"JOIN {DOCUMENT_TABLE} d ON d.id = {self.TITLES}.rowid "
                f"WHERE {self.TITLES} MATCH %s ORDER BY {self.TITLES}.rank LIMIT %s",
                [expression, limit],
            )
            return [Completion(label=t, url=u, kind=k) for t, u, k in cursor.fetchall()]

    def similar_terms(self, word, audiences):
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return []
        expression = " OR ".join(f'"{gram}"' for gram in sorted(grams))
        placeholders = ", ".join(["%s"] * len(audiences))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.term, SUM(t.document_count) FROM ("
                f"  SELECT rowid FROM search_term_fts WHERE search_term_fts MATCH %s "
                f"  ORDER BY rank LIMIT 60"
                f") AS m JOIN {TERM_TABLE} t ON t.id = m.rowid "
                f"WHERE t.audience IN ({placeholders}) GROUP BY t.term",
                [expression, *audiences],
            )
            return cursor.fetchall()


class PostgresBackend(DatabaseBackend):
    """tsvector ('dutch' with unaccent) in a generated column with a GIN index."""

    name = "postgresql"
    CONFIG = "public.portal_dutch"
    TITLE_CONFIG = "public.portal_simple"

    @contextmanager
    def bulk_terms(self):
        """Count the vocabulary of a full rebuild once, at the end.

        Upserting every batch's counts updates the same rows some hundred times within one
        transaction, and each update adds index entries: the rebuild slowed down as it went.
        Batches append to a temporary table instead; one GROUP BY writes the totals.
        """
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE search_term_staging "
                "(term varchar(40), audience varchar(60), document_count integer) "
                "ON COMMIT DROP"
            )
        token = _staging_terms.set(True)
        try:
            yield
        finally:
            _staging_terms.reset(token)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TERM_TABLE} (term, audience, document_count) "
                f"SELECT term, audience, SUM(document_count) FROM search_term_staging "
                f"GROUP BY term, audience ON CONFLICT (term, audience) DO UPDATE "
                f"SET document_count = {TERM_TABLE}.document_count + excluded.document_count"
            )
            cursor.execute(
                f"INSERT INTO {self.WORDS} (term) SELECT DISTINCT term FROM search_term_staging "
                f"ON CONFLICT DO NOTHING"
            )
            cursor.execute("DROP TABLE search_term_staging")

    def _change_terms(self, cursor, changes) -> None:
        """A statement per kind of change for the whole batch (a round trip per word is what
        costs here). ``changes`` arrive sorted; the existing counter rows are locked first, in
        that order, so that concurrent indexing transactions queue instead of deadlocking."""
        if _staging_terms.get():
            words, audiences, counts = (list(column) for column in zip(*changes, strict=True))
            cursor.execute(
                "INSERT INTO search_term_staging (term, audience, document_count) "
                "SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::integer[])",
                [words, audiences, counts],
            )
            return

        def columns(rows):
            return [list(column) for column in zip(*rows, strict=True)] or [[], [], []]

        words, audiences, _ = columns(changes)
        cursor.execute(
            f"SELECT 1 FROM {TERM_TABLE} t JOIN unnest(%s::varchar[], %s::varchar[]) "
            f"WITH ORDINALITY AS v(term, audience, n) "
            f"ON t.term = v.term AND t.audience = v.audience ORDER BY v.n FOR UPDATE OF t",
            [words, audiences],
        )
        added = [change for change in changes if change[2] > 0]
        if added:
            words, audiences, counts = columns(added)
            cursor.execute(
                f"INSERT INTO {TERM_TABLE} (term, audience, document_count) "
                f"SELECT term, audience, n FROM unnest(%s::varchar[], %s::varchar[], "
                f"%s::integer[]) WITH ORDINALITY AS v(term, audience, n, position) "
                f"ORDER BY position ON CONFLICT (term, audience) DO UPDATE "
                f"SET document_count = {TERM_TABLE}.document_count + excluded.document_count",
                [words, audiences, counts],
            )
            cursor.execute(
                f"INSERT INTO {self.WORDS} (term) "
                f"SELECT DISTINCT word FROM unnest(%s::varchar[]) AS word ORDER BY word "
                f"ON CONFLICT DO NOTHING",
                [words],
            )
        removed = [(word, audience, -count) for word, audience, count in changes if count < 0]
        if removed:
            words, audiences, counts = columns(removed)
            cursor.execute(
                f"UPDATE {TERM_TABLE} t SET document_count = "
                f"GREATEST(t.document_count - v.count, 0) FROM unnest(%s::varchar[], "
                f"%s::varchar[], %s::integer[]) AS v(term, audience, count) "
                f"WHERE t.term = v.term AND t.audience = v.audience",
                [words, audiences, counts],
            )
            cursor.execute(
                f"DELETE FROM {TERM_TABLE} t USING unnest(%s::varchar[], %s::varchar[]) "
                f"AS v(term, audience) WHERE t.term = v.term AND t.audience = v.audience "
                f"AND t.document_count <= 0",
                [words, audiences],
            )

    VECTORS = "search_pg_vector"
    theme_mask = "d.themes_mask"
    # A theme's bit is its ThemeLabel id (labels are never deleted; ids up to 62 fit).
    MAX_THEME_BIT = 62
    MASK_SQL = (
        f"SELECT COALESCE(bit_or(CAST(1 AS bigint) << CAST(l.id AS integer)), 0) "
        f"FROM {ThemeLabel._meta.db_table} l WHERE l.id <= {MAX_THEME_BIT} "
        f"AND l.slug IN (SELECT theme->>0 FROM jsonb_array_elements(themes) AS theme)"
    )

    def _theme_bits(self) -> dict[str, int]:
        """Each theme's bit in the vector rows' mask; none (use the theme rows) as soon as
        one theme has no bit."""
        labels = list(ThemeLabel.objects.order_by("id").values_list("slug", "id"))
        if not labels or labels[-1][1] > self.MAX_THEME_BIT:
            return {}
        return {slug: 1 << number for slug, number in labels}

    TITLE_CANDIDATES = 200
    WORDS = "search_pg_word"

    def _insert_text(self, rows) -> None:
        def vector(column: str, weight: str) -> str:
            # Hyphenated words joined, as text.words does: "e-mail" is "email".
            joined = f"regexp_replace(normalize({column}, NFKC), %s, '', 'g')"
            return f"setweight(to_tsvector('{self.CONFIG}', {joined}), '{weight}')"

        with connection.cursor() as cursor:
            # Parts of hyphenated words and compounds (Python's analysis) weigh least: 'D'.
            cursor.execute(
                f"INSERT INTO {self.VECTORS} "
                f"(id, kind, audience, date, themes_mask, search_vector) "
                f"SELECT id, kind, audience, date, ({self.MASK_SQL}), "
                f"{vector('title', 'A')} || {vector('summary', 'B')} || {vector('body', 'C')} "
                f"|| setweight(to_tsvector('{self.CONFIG}', p.parts), 'D') "
                f"FROM {DOCUMENT_TABLE} JOIN unnest(%s::bigint[], %s::text[]) AS p(pid, parts) "
                f"ON p.pid = id "
                f"ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
                f"audience = excluded.audience, date = excluded.date, "
                f"themes_mask = excluded.themes_mask, "
                f"search_vector = excluded.search_vector",
                [text.HYPHEN_PATTERN_SQL] * 3
                + [
                    [row.id for row in rows],
                    [" ".join(_parts(row)) for row in rows],
                ],
            )

    def _delete_text(self, ids) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.VECTORS} WHERE id = ANY(%s)", [list(ids)])

    def _clear_text(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.VECTORS}")
            cursor.execute(f"DELETE FROM {self.WORDS}")

    def _tsquery(self, query: ParsedQuery):
        params = []

        def clause_sql(clause):
            parts = []
            for alternative in clause.alternatives:
                parts.append(f"phraseto_tsquery('{self.CONFIG}', %s)")
                params.append(" ".join(alternative))
            return "(" + " || ".join(parts) + ")"

        sql = " && ".join(clause_sql(clause) for clause in query.required)
        for clause in query.excluded:
            sql += f" && !!{clause_sql(clause)}"
        return sql, params

    def _pairs(self, query: ParsedQuery) -> str:
        """A tsquery of word pairs that every match of ``query`` holds, or "".

        A required clause whose alternatives are all phrases needs one of them, and a
        phrase "a b c" needs the pairs "a b" and "b c" (lexemes at neighbouring positions,
        as portal_word_pairs lists them). Clauses with a single word alternative add
        nothing: the pairs only narrow the candidates where phrases of common words would
        leave thousands.
        """
        phrases = {
            " ".join(alternative)
            for clause in query.required
            for alternative in clause.alternatives
            if len(alternative) > 1
        }
        if not phrases:
            return ""
        pairs = _phrase_pairs(self.CONFIG, sorted(phrases))
        needed = []
        for clause in query.required:
            options = [pairs.get(" ".join(alternative)) for alternative in clause.alternatives]
            if options and all(options):
                either = " | ".join("(" + " & ".join(map(_quoted, o)) + ")" for o in options)
                needed.append(f"({either})")
        return " & ".join(needed)

    def _match(self, query, audiences, kind, theme, rows=True, head=False, sample=False):
        tsquery, params = self._tsquery(query)
        where = "d.search_vector @@ q.query AND d.audience = ANY(%s)"
        pairs = "" if head or sample else self._pairs(query)
        if pairs:
            # Phrases of common words: the documents holding their word pairs (an index,
            # migration 0010), each then tested for the whole query; "IS TRUE" keeps the
            # planner from also reading the large index for the common words.
            where = (
                "public.portal_word_pairs(d.search_vector) @@ CAST(%s AS tsquery) "
                "AND (d.search_vector @@ q.query) IS TRUE AND d.audience = ANY(%s)"
            )
            params.append(pairs)
        if head:
            # The title and summary entries (weights A and B), found with their own index
            # (migration 0009, spelled exactly as its expression); the whole vector is then
            # tested row by row ("IS TRUE" keeps the planner from also reading the large
            # index for a common word, to intersect the two).
            where = (
                "ts_filter(d.search_vector, '{a,b}') @@ q.query "
                "AND (d.search_vector @@ q.query) IS TRUE AND d.audience = ANY(%s)"
            )
        params.append(list(audiences))
        if kind:
            where += " AND d.kind = %s"
            params.append(kind)
        if theme:
            where += f" AND d.id IN (SELECT document_id FROM {THEME_TABLE} WHERE slug = %s)"
            params.append(theme)
        return (
            f"(SELECT {tsquery} AS query) AS q CROSS JOIN {self.VECTORS} d",
            where,
            params,
            "-ts_rank(d.search_vector, q.query)",
            "d.id",
        )

    def _snippets(self, query, rows, hit_ids):
        if not hit_ids:
            return {}
        tsquery, params = self._tsquery(query)
        options = (
            f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=32, MinWords=16, '
            f'MaxFragments=1, FragmentDelimiter=" … "'
        )
        # A short text (a transcript sentence) whole: a fragment of it would cut the
        # sentence in half, dropping its first words and its full stop.
        whole = f'StartSel="{MARK_START}", StopSel="{MARK_END}", HighlightAll=true'
        shown = "CASE WHEN d.body <> '' THEN d.body ELSE d.summary END"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, CASE WHEN length({shown}) <= %s "
                f"THEN ts_headline('{self.CONFIG}', {shown}, q.query, %s) "
                f"ELSE ts_headline('{self.CONFIG}', {shown}, q.query, %s) END "
                f"FROM (SELECT {tsquery} AS query) AS q CROSS JOIN {DOCUMENT_TABLE} d "
                f"WHERE d.id = ANY(%s)",
                [SHORT_TEXT, whole, options, *params, list(hit_ids)],
            )
            return {row_id: _marked(headline) for row_id, headline in cursor.fetchall()}

    def _title_completions(self, words, audiences, limit):
        *complete, last = words
        terms = " & ".join([*complete, f"{last}:*"])
        if not re.fullmatch(r"[\w&:* ]+", terms):
            return []
        with connection.cursor() as cursor:
            # The shortest titles among the first few hundred that match: ordering every
            # match of a two-letter prefix would cost more than the whole search.
            cursor.execute(
                f"SELECT title, url, kind FROM ("
                f"  SELECT d.title, d.url, d.kind FROM {DOCUMENT_TABLE} d "
                f"  WHERE d.title_vector @@ to_tsquery('{self.TITLE_CONFIG}', %s) "
                f"  AND d.audience = ANY(%s) AND d.anchor_label = '' LIMIT %s"
                f") AS candidates ORDER BY length(title), title LIMIT %s",
                [terms, list(audiences), self.TITLE_CANDIDATES, limit],
            )
            return [Completion(label=t, url=u, kind=k) for t, u, k in cursor.fetchall()]

    def similar_terms(self, word, audiences):
        # Words that no longer occur stay in the word table; the join leaves them out.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w.term, SUM(t.document_count) FROM {self.WORDS} w "
                f"JOIN {TERM_TABLE} t ON t.term = w.term "
                f"WHERE w.term %% %s AND t.audience = ANY(%s) GROUP BY w.term "
                f"ORDER BY similarity(w.term, %s) DESC LIMIT 20",
                [word, list(audiences), word],
            )
            return cursor.fetchall()


def _marked(headline: str) -> str:
    from django.utils.html import escape

    escaped = escape(headline)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>").strip()


def database_backend() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()


def _weighted(rank: str) -> str:
    """The rank scaled by each kind's weight (ranks are negative: closer to 0 is worse)."""
    from ..registry import kind_weights

    weights = kind_weights()
    if not weights:
        return rank
    # Kinds are names the apps register in code, never user input; checked all the same.
    cases = " ".join(
        f"WHEN '{kind}' THEN {weight:.4f}"
        for kind, weight in sorted(weights.items())
        if kind.replace("_", "").isalnum()
    )
    return f"(({rank}) * (CASE d.kind {cases} ELSE 1.0 END))"


# Phrase -> its word pairs (lexemes of the text search configuration, which never change
# while the process runs); bounded, cleared when full.
_PAIRS: dict[tuple[str, str], tuple[str, ...]] = {}
_PAIRS_MAX = 5000
_QUERYTREE_TOKEN = re.compile(r"'((?:[^']|'')*)'|<->|<(\d+)>|(\S)")


def _phrase_pairs(config: str, phrases: list[str]) -> dict[str, tuple[str, ...]]:
    """Each phrase's pairs of neighbouring lexemes, as PostgreSQL analyses it."""
    missing = [phrase for phrase in phrases if (config, phrase) not in _PAIRS]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT CAST(querytree(phraseto_tsquery('{config}', p)) AS text) "
                f"FROM unnest(CAST(%s AS text[])) WITH ORDINALITY AS t(p, n) ORDER BY n",
                [missing],
            )
            trees = [row[0] for row in cursor.fetchall()]
        if len(_PAIRS) + len(missing) > _PAIRS_MAX:
            _PAIRS.clear()
        for phrase, tree in zip(missing, trees, strict=True):
            _PAIRS[config, phrase] = _tree_pairs(tree)
    return {phrase: _PAIRS[config, phrase] for phrase in phrases}


def _tree_pairs(tree: str) -> tuple[str, ...]:
    """The pairs of a phrase's query tree ("'a' <-> 'b' <2> 'c'" has the pair "a b"); none
    for anything else than lexemes joined by distances."""
    pairs, previous, distance = [], None, None
    for lexeme, gap, other in _QUERYTREE_TOKEN.findall(tree or ""):
        if other:
            return ()
        if lexeme:
            word = lexeme.replace("''", "'")
            if previous is not None and distance == 1:
                pairs.append(f"{previous} {word}")
            previous, distance = word, None
        else:
            distance = int(gap) if gap else 1
    return tuple(dict.fromkeys(pairs))


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery operand."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
