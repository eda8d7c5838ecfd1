"""Snippets: the passage of a text that best matches the query, with <mark> around matches.

Used by the SQLite backend (PostgreSQL has ts_headline, Elasticsearch its highlighter)
and for titles. Everything is escaped; only our own <mark> tags are markup.
"""

import re

from django.utils.html import escape

from . import text

SNIPPET_WORDS = 32
# Words with what follows them up to the next word, so the text can be rebuilt as written.
_PIECE = re.compile(r"(\w+)(\W*)", re.UNICODE)


def _matches(word: str, stems: set[str]) -> bool:
    folded = text.fold(word)
    return not text.is_stop_word(folded) and text.stem(folded) in stems


def mark(value: str, stems: set[str]) -> str:
    """The whole value, escaped, with matching words marked."""
    return _render(_PIECE.findall(value), stems, lead="")


def snippet(value: str, stems: set[str], size: int = SNIPPET_WORDS) -> str:
    """The window of ``size`` words with the most distinct matching stems."""
    pieces = _PIECE.findall(value)
    if not pieces:
        return ""
    hits = [text.stem(text.fold(word)) if _matches(word, stems) else None for word, _ in pieces]
    best_start = _best_window(hits, size, len(stems))
    # Start a few words before the first match, so the sentence reads naturally.
    first_hit = next(
        (i for i in range(best_start, min(len(pieces), best_start + size)) if hits[i]), best_start
    )
    start = max(0, min(first_hit - 6, len(pieces) - size))
    window = pieces[start : start + size]
    rendered = _render(window, stems, lead="… " if start > 0 else "")
    if start + size < len(pieces):
        rendered = rendered.rstrip() + " …"
    return rendered


def _best_window(hits: list[str | None], size: int, wanted: int) -> int:
    """Start of the window with the most distinct matching stems (a sliding count)."""
    counts: dict[str, int] = {}
    best_start, best_score = 0, 0
    for index, stem in enumerate(hits):
        if stem:
            counts[stem] = counts.get(stem, 0) + 1
        leaving = index - size
        if leaving >= 0 and hits[leaving]:
            counts[hits[leaving]] -= 1
            if not counts[hits[leaving]]:
                del counts[hits[leaving]]
        if len(counts) > best_score:
            best_start, best_score = max(0, index - size + 1), len(counts)
            if best_score == wanted:
                break
    return best_start


def _render(pieces, stems: set[str], lead: str) -> str:
    out = [lead]
    for word, rest in pieces:
        out.append(f"<mark>{escape(word)}</mark>" if _matches(word, stems) else escape(word))
        out.append(escape(rest))
    return "".join(out).strip()
