"""Fragments grouped under their parent in the results.

A fragment (a transcript sentence, a forum reply: a document with an ``anchor_label``)
points into its parent's page. Ten sentences of one episode must not fill a page: the
results show each parent once, at the place of its best-ranked document, with at most
``MAX_FRAGMENTS`` of its matching fragments under it and how many there are, and a
link that filters the search to that parent (``Filters.parent``).

Backends rank a window of documents from the top (``window``) and call ``choose``; the
page is a slice of the groups, so every page is cut from the same ordered list.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_FRAGMENTS = 2
# Documents ranked per page of groups; fragments beyond it are not counted.
WINDOW_FACTOR = 3
MIN_WINDOW = 30


def group_key(url: str) -> str:
    """A parent's address: a fragment's address without its anchor and page number."""
    return urlsplit(url).path


def position(fragment) -> tuple:
    """Where a fragment sits in its parent, from its anchor: "1:02:03" and "0:18" (a moment
    in an episode) or "#4" (a post's number). Unknown positions go last, in rank order."""
    parts = fragment.anchor_label.strip().lstrip("#").split(":")
    if not all(part.isdigit() for part in parts):
        return (1, 0)
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return (0, seconds)


def window(offset: int, limit: int) -> int:
    return max(MIN_WINDOW, (offset + limit) * WINDOW_FACTOR)


@dataclass
class Group:
    key: str
    head: object  # the parent, or its best fragment when the parent is not among the matches
    fragments: list = field(default_factory=list)  # shown under the head, in position order
    count: int = 0  # matching fragments found in the window


def choose(candidates, offset: int, limit: int) -> tuple[list[Group], int]:
    """Group ranked ``candidates`` (with ``url``, ``anchor_label`` and ``key``) and return one
    page of groups and how many groups the candidates make."""
    groups: dict[str, dict] = {}
    for candidate in candidates:
        key = group_key(candidate.url)
        if not candidate.anchor_label and key in groups and groups[key]["parent"] is not None:
            # Two whole documents at one address (never the case today): apart.
            key = f"{key}|{candidate.key}"
        entry = groups.setdefault(key, {"parent": None, "fragments": []})
        if candidate.anchor_label:
            entry["fragments"].append(candidate)
        elif entry["parent"] is None:
            entry["parent"] = candidate
    page = []
    for entry in list(groups.values())[offset : offset + limit]:
        fragments = entry["fragments"]
        head = entry["parent"] or fragments[0]
        shown = [fragment for fragment in fragments if fragment is not head]
        shown = shown[: MAX_FRAGMENTS if entry["parent"] is not None else MAX_FRAGMENTS - 1]
        # The best-ranked fragments are chosen, then shown in their parent's order (0:06
        # above 0:18); the sort is stable, so unknown positions keep their rank order.
        shown.sort(key=position)
        page.append(
            Group(key=group_key(head.url), head=head, fragments=shown, count=len(fragments))
        )
    return page, len(groups)


def group_hits(hits, offset: int, limit: int, exhausted: bool):
    """``hits`` (a ranked window from the top) as one page of grouped hits, and the number
    of groups when the window held every match (else None)."""
    page, total = choose(hits, offset, limit)
    grouped = []
    for group in page:
        head = group.head
        head.fragments = group.fragments
        head.fragment_count = group.count
        head.group = group.key
        grouped.append(head)
    return grouped, (total if exhausted else None)
