"""How the search reads Dutch: folding accents, splitting words, dropping stop words, stemming.

The same analysis runs on indexed text and on queries, so that "cliënt", "Cliënten" and
"client" meet on one stem. The stemmer is Snowball's classic Dutch algorithm
("dutch_porter"), the one PostgreSQL's ``dutch`` configuration and Elasticsearch's
``dutch`` snowball filter use, so every backend agrees on what a word's stem is.
Snowball 3's new Dutch stemmer also strips the "ge-" prefix, which makes "begeleiding"
(guidance) and "beleid" (policy) the same word: wrong for this field.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORD_LENGTH = 40
# A hyphen between two letters joins the word it is part of: "e-mail" is "email",
# "her-integratie" "herintegratie", "co-ouderschap" "coouderschap". Digits keep their
# hyphen ("2020-2021" stays two numbers). Soft hyphens are never part of a word.
_LETTER = r"[^\W\d_]"
_HYPHEN = re.compile(rf"(?<={_LETTER})[-\u2010\u2011](?={_LETTER})")
_HYPHENATED = re.compile(rf"{_LETTER}+(?:[-\u2010\u2011]{_LETTER}+)+")
_SOFT_HYPHEN = re.compile("\u00ad")
# The same rule as a regular expression for PostgreSQL (ARE) and Elasticsearch (Java).
HYPHEN_PATTERN_SQL = "(?<=[[:alpha:]])[-\u2010\u2011](?=[[:alpha:]])"
HYPHEN_PATTERN_JAVA = "(?<=\\p{L})[-\u2010\u2011](?=\\p{L})"

# Common Dutch function words. Kept short on purpose: words such as "werk" or "zorg"
# carry meaning in this field and are never stop words here.
STOP_WORDS = frozenset(
    """
    aan al alle als at bij bijv dan dat de deze die dit door dus een en enz er ge
    had heb hebben heeft het hier hij hoe hun ik in is je jij kan kun kunnen maar
    me met mij mijn na naar niet nog nu of om omdat ons onze ook op over per te tot
    u uit van veel voor want was we wel werd wie wij worden wordt zal ze zich zij
    zijn zo zoals zou
    wat waar welk welke wanneer waarom
    """.split()  # noqa: SIM905  (a word list reads best as words)
)
# The question words above ("wat", "waar", "welke", "wanneer", "waarom"; "hoe" and "wie"
# were there already) only add noise: casemanagers type questions ("wat is een GTB?"), and
# a question word must not keep a document out for lacking it.

# Where the stemmer leaves two forms of one word apart. Applied in the database
# backends' analysis and, as a stemmer_override filter, in Elasticsearch's.
STEMMER_OVERRIDES = {
    "leeflooners": "leefloner",
    "leefloners": "leefloner",
    "ocmws": "ocmw",
}

_stemmer = Stemmer.Stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: "Cliënt" -> "client"; "W²" -> "w2"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def join_hyphens(folded: str) -> str:
    """Hyphenated words as one word: "her-integratie" -> "herintegratie"."""
    return _HYPHEN.sub("", _SOFT_HYPHEN.sub("", folded))


def words(text: str) -> list[str]:
    """Folded words in order, stop words included (phrases and highlighting need them).

    A hyphenated word is one word, its hyphens left out: see ``parts`` for its pieces.
    """
    return [word for word in WORD.findall(join_hyphens(fold(text))) if len(word) <= MAX_WORD_LENGTH]


def hyphen_parts(text: str) -> list[str]:
    """The pieces of each hyphenated word, in order: "CMPPS-problematiek" -> cmpps, problematiek."""
    found = []
    for token in _HYPHENATED.findall(_SOFT_HYPHEN.sub("", fold(text))):
        found.extend(piece for piece in re.split("[-\u2010\u2011]", token) if piece)
    return found


def parts(text: str) -> list[str]:
    """What a text adds below its own words: the pieces of its hyphenated words and of its
    compounds (see ``compounds``). Indexed in a field of its own with a lower weight, so a
    part finds the whole, ranked below a text that has the part as a word of its own."""
    from . import compounds

    found = [word for word in hyphen_parts(text) if len(word) > 1 and word not in STOP_WORDS]
    for word in words(text):
        found.extend(compounds.split_for_index(word))
    return [word for word in found if len(word) <= MAX_WORD_LENGTH]


def part_stems(text: str) -> list[str]:
    return [stem(word) for word in parts(text)]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one folded word."""
    override = STEMMER_OVERRIDES.get(word)
    if override is not None:
        return override
    return _stemmer.stemWord(word)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


def stems(text: str) -> list[str]:
    """What gets indexed: stems of all words that are not stop words, in order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


_SENTENCE_END = re.compile(r"[.!?…:;]$")


def as_sentences(parts) -> str:
    """Pieces of text (a heading, a paragraph, a table row) as sentences on lines of their
    own: each ends with a full stop unless it already ends a sentence, and empty ones are
    left out. Snippets then never run a heading into the sentence after it."""
    lines = []
    for part in parts:
        part = " ".join(str(part or "").split())
        if part:
            lines.append(part if _SENTENCE_END.search(part) else f"{part}.")
    return "\n".join(lines)
