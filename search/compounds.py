"""Dutch compounds: "loopbaanbegeleiding" is "loopbaan" + "begeleiding".

A compound is split where both sides are known words, allowing the Dutch linking
"-s-", "-e-" and "-en-" between them (werkervaring-s-plaats). Which words are known:

- at index time, the field's own word list below (``FIELD_WORDS``), the same list that
  Elasticsearch's ``dictionary_decompounder`` gets in the mapping, so every backend splits
  a document's words alike and a rebuild does not depend on the order documents arrive;
- at query time, that list and the index's own vocabulary: a compound someone types is
  also searched for as its parts when the content has those parts as words. The vocabulary
  is asked only about the candidate heads and tails of the typed word (one indexed lookup
  per word, cached), never scanned.

The parts go to a field of their own with a lower weight: "begeleiding" finds
"loopbaanbegeleiding", below a text that says "begeleiding" itself; and
"loopbaanbegeleiding" finds "begeleiding van de loopbaan" only through its parts.
"""

import time
from functools import lru_cache

MIN_PART = 4
# Shorter field words that make good compound parts all the same.
SHORT_PARTS = frozenset({"job", "zorg", "werk", "taal", "wijk", "loon", "kind"})
LINKS = ("", "s", "e", "en")
MAX_DEPTH = 2

# Field words that compounds in this field are made of (folded, without linking letters).
FIELD_WORDS = frozenset(
    """
    aanbod aanpak activering activiteit activiteiten advies afspraak afstand arbeid
    attest begeleider begeleiders begeleiding beleid beperking beperkingen bemiddeling
    beroep bewijs bijstand budget burnout casemanager casemanagers centrum coach coaching
    contract cursus decreet deskundige deskundigen dienst diensten doelgroep doorstroom
    dossier ervaring ervaringen gesprek gesprekken gezin gezondheid groep handicap hulp
    hulpverlener hulpverlening inkomen integratie kader kennis klant kosten leer
    loon loopbaan maatschappelijk maatwerk markt medewerker methode methodiek mobiliteit
    netwerk onderzoek ondersteuning opleiding opvang overleg participatie partner plaats
    plan planning plek premie probleem problemen problematiek proces project regeling
    regie school sector steun stage systeem taal team tewerkstelling toeleiding traject
    trajecten uitkering vaardigheden verslag vervoer verzekering vorming vraag welzijn
    werk werkervaring werkgever werkgevers werkloosheid werkplek werkvloer werkzoekende
    werkzoekenden wijk zorg zorgtraject zoeker zoekers
    """.split()  # noqa: SIM905  (a word list reads best as words)
    + sorted(SHORT_PARTS)
)


def split(word: str, known, depth: int = 0) -> list[str]:
    """The parts of ``word`` in order ("werkervaringsplaats" -> werkervaring, plaats), or []."""
    if depth > MAX_DEPTH or len(word) < 2 * MIN_PART - 1:
        return []
    # The longest known head first: "werkervaringsplaats" is werkervaring + plaats.
    for cut in range(len(word) - 3, 2, -1):
        head = word[:cut]
        if not _usable(head, known):
            continue
        rest = word[cut:]
        for link in LINKS:
            if not rest.startswith(link) or len(rest) == len(link):
                continue
            tail = rest[len(link) :]
            if _usable(tail, known):
                return [head, tail]
            tail_parts = split(tail, known, depth + 1)
            if tail_parts:
                return [head, *tail_parts]
    return []


def all_parts(word: str, known) -> list[str]:
    """The parts side by side (so that "loopbaan begeleiding" is a phrase), then the
    parts' own parts: werkervaring, plaats, werk, ervaring."""
    top = split(word, known)
    found = list(top)
    for part in top:
        found.extend(split(part, known, 1))
    return found


def _usable(part: str, known) -> bool:
    return (len(part) >= MIN_PART or part in SHORT_PARTS) and part in known


@lru_cache(maxsize=50_000)
def split_for_index(word: str) -> tuple[str, ...]:
    """Parts of a document's word, from the field's word list only."""
    return tuple(all_parts(word, FIELD_WORDS))


# Query time: (word) -> (parts, when looked up); the vocabulary changes, so entries expire.
_QUERY_CACHE: dict[str, tuple[tuple[str, ...], float]] = {}
_QUERY_CACHE_SECONDS = 600
_QUERY_CACHE_SIZE = 20_000


def _candidates(word: str) -> set[str]:
    """Every head and tail (with a linking letter stripped) a split of ``word`` could use."""
    found = set()
    for cut in range(3, len(word) - 2):
        found.add(word[:cut])
        rest = word[cut:]
        for link in LINKS:
            if rest.startswith(link) and len(rest) - len(link) >= 3:
                found.add(rest[len(link) :])
    return found


def _known_in_vocabulary(candidates: set[str]) -> set[str]:
    from .models import IndexedTerm

    if not candidates:
        return set()
    return set(
        IndexedTerm.objects.filter(term__in=sorted(candidates), document_count__gt=0)
        .values_list("term", flat=True)
        .distinct()
    )


def split_for_query(word: str) -> tuple[str, ...]:
    """The top-level parts of a typed word, from the word list and the index's vocabulary."""
    if len(word) < 2 * MIN_PART - 1 or not word.isalpha():
        return ()
    now = time.monotonic()
    cached = _QUERY_CACHE.get(word)
    if cached is not None and now - cached[1] < _QUERY_CACHE_SECONDS:
        return cached[0]
    candidates = _candidates(word)
    known = FIELD_WORDS | _known_in_vocabulary(candidates - FIELD_WORDS)
    result = tuple(split(word, known))
    if len(_QUERY_CACHE) >= _QUERY_CACHE_SIZE:
        _QUERY_CACHE.clear()
    _QUERY_CACHE[word] = (result, now)
    return result


def forget() -> None:
    _QUERY_CACHE.clear()
