"""What a user typed, parsed once for every backend.

The syntax is the one people know from web search engines (and PostgreSQL's
``websearch_to_tsquery``): words must all occur, "quoted words" form a phrase,
``-word`` or ``-"a phrase"`` excludes, ``OR`` between two words accepts either.
Everything else (brackets, stars, NEAR, quotes left open) is read as plain words, so
no query can reach a backend's own syntax.

Synonyms from the field's list widen a word or phrase into all its variants.
"""

import re
from dataclasses import dataclass, field

from . import text

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 12

# C0 and C1 control characters and DEL: never meant in a search, and NUL is refused by PostgreSQL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# A quoted phrase (the closing quote may be missing), or a run of other characters.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    """One condition: any of the alternatives (each a phrase of folded words) occurs."""

    alternatives: tuple[tuple[str, ...], ...]
    exclude: bool = False

    @property
    def words(self) -> list[str]:
        return [word for alternative in self.alternatives for word in alternative]


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    # Words as typed (folded, stop words removed), for "did you mean" and highlighting.
    typed_words: list[str] = field(default_factory=list)
    # Typed compounds and their parts ("loopbaanbegeleiding": loopbaan, begeleiding).
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def required(self) -> list[Clause]:
        return [clause for clause in self.clauses if not clause.exclude]

    @property
    def excluded(self) -> list[Clause]:
        return [clause for clause in self.clauses if clause.exclude]

    @property
    def is_empty(self) -> bool:
        # A query of exclusions alone would list everything else: treat it as empty.
        return not self.required

    def any_words(self) -> "ParsedQuery":
        """The same query, satisfied by any one of its required clauses."""
        merged = tuple(
            dict.fromkeys(alt for clause in self.required for alt in clause.alternatives)
        )
        return ParsedQuery(
            raw=self.raw,
            clauses=[Clause(merged), *self.excluded],
            typed_words=self.typed_words,
        )

    def parts_apart(self) -> "ParsedQuery | None":
        """The query with each typed compound as its parts, each required on its own
        (anywhere in the text, not side by side); None without compounds."""
        clauses, changed = [], False
        for clause in self.clauses:
            compound = next(
                (
                    alternative[0]
                    for alternative in clause.alternatives
                    if len(alternative) == 1 and alternative[0] in self.compounds
                ),
                None,
            )
            if compound is None or clause.exclude:
                clauses.append(clause)
                continue
            changed = True
            clauses.extend(Clause(((part,),)) for part in self.compounds[compound])
        if not changed:
            return None
        return ParsedQuery(
            raw=self.raw, clauses=clauses[:MAX_CLAUSES], typed_words=self.typed_words
        )

    def highlight_stems(self) -> set[str]:
        return {
            text.stem(word)
            for clause in self.required
            for word in clause.words
            if not text.is_stop_word(word)
        }


def _content_words(raw: str) -> tuple[str, ...]:
    return tuple(word for word in text.words(raw) if not text.is_stop_word(word))


def clean(value: str | None) -> str:
    """What came in from outside, each control character replaced by a space, and stripped."""
    return _CONTROL.sub(" ", value or "").strip()


def parse(raw: str, synonyms: "SynonymTable | None" = None, splitter=None) -> ParsedQuery:
    """``splitter(word)``, when given, names a compound's parts (see compounds): a typed
    compound then also matches its parts side by side."""
    raw = clean(raw)[:MAX_QUERY_LENGTH]

    def _alternatives(words, synonyms):
        return _split_alternatives(_synonym_alternatives(words, synonyms), splitter, query)

    def _expand_words(words, synonyms):
        return _group_words(words, synonyms, _alternatives)

    query = ParsedQuery(raw=raw)
    # Pending plain words, so that synonyms can span several of them ("art 60").
    pending: list[tuple[str, ...]] = []
    or_next = False

    def flush_pending() -> None:
        for alternatives in _expand_words([w for (w,) in pending], synonyms):
            query.clauses.append(Clause(alternatives))
        pending.clear()

    for match in _TOKEN.finditer(raw):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            or_next = bool(query.clauses or pending)
            continue
        exclude = False
        if phrase is not None:
            words = _content_words(phrase)
            exclude = bool(negated)
        else:
            exclude = bare.startswith("-") and len(bare) > 1
            words = _content_words(bare[1:] if exclude else bare)
        if not words:
            or_next = False
            continue
        query.typed_words.extend(w for w in words if not exclude)
        if phrase is None and not exclude and len(words) == 1 and not or_next:
            pending.append(words)
            continue
        if phrase is None and not exclude and not or_next:
            # "art.60" or "werk-zorgtraject": one typed token, several words; keep
            # them together as a phrase, as the text had them.
            flush_pending()
            query.clauses.append(Clause(_alternatives(words, synonyms)))
            continue
        if or_next:
            if pending:
                flush_pending()
            previous = query.clauses.pop()
            merged = previous.alternatives + _alternatives(words, synonyms)
            query.clauses.append(Clause(tuple(dict.fromkeys(merged)), previous.exclude))
            or_next = False
            continue
        flush_pending()
        query.clauses.append(Clause(_alternatives(words, synonyms), exclude))
    flush_pending()
    query.clauses = query.clauses[:MAX_CLAUSES]
    return query


def _synonym_alternatives(words: tuple[str, ...], synonyms) -> tuple[tuple[str, ...], ...]:
    if synonyms is None:
        return (words,)
    return synonyms.variants(words)


def _split_alternatives(alternatives, splitter, query=None) -> tuple[tuple[str, ...], ...]:
    """Each one-word alternative that is a compound, also as its parts side by side."""
    if splitter is None:
        return alternatives
    extra = []
    for alternative in alternatives:
        if len(alternative) == 1:
            parts = splitter(alternative[0])
            if parts:
                extra.append(tuple(parts))
                if query is not None:
                    query.compounds[alternative[0]] = tuple(parts)
    return tuple(dict.fromkeys((*alternatives, *extra)))


def _group_words(words: list[str], synonyms, alternatives) -> list[tuple[tuple[str, ...], ...]]:
    """Group consecutive words into clauses, the longest synonym match first."""
    clauses = []
    position = 0
    longest = synonyms.longest if synonyms is not None else 1
    while position < len(words):
        for length in range(min(longest, len(words) - position), 0, -1):
            candidate = tuple(words[position : position + length])
            if length == 1 or (synonyms is not None and synonyms.knows(candidate)):
                clauses.append(alternatives(candidate, synonyms))
                position += length
                break
    return clauses


class SynonymTable:
    """Groups of interchangeable terms, each term a phrase of folded words."""

    def __init__(self, groups: list[list[str]]):
        self._by_term: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self._by_stems: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self.longest = 1
        for group in groups:
            terms = tuple(dict.fromkeys(t for t in (_content_words(term) for term in group) if t))
            if len(terms) < 2:
                continue
            for term in terms:
                self._by_term[term] = terms
                self._by_stems[_stemmed(term)] = terms
                self.longest = max(self.longest, len(term))

    def _group(self, words: tuple[str, ...]):
        return self._by_term.get(words) or self._by_stems.get(_stemmed(words))

    def knows(self, words: tuple[str, ...]) -> bool:
        return self._group(words) is not None

    def variants(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        group = self._group(words)
        if group is None:
            return (words,)
        return (words, *(term for term in group if term != words))

    def __len__(self) -> int:
        return len({id(group) for group in self._by_term.values()})


def _stemmed(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text.stem(word) for word in words)


def split_terms(raw: str) -> list[str]:
    """The terms of one synonym group as staff type them: comma, semicolon, '=' or a new line."""
    return [term.strip() for term in re.split(r"[,;=\n]+", raw) if term.strip()]
