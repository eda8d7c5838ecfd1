"""The search document: what every app turns its findable things into."""

from dataclasses import dataclass, field
from datetime import datetime

PUBLIC = "public"
MEMBERS = "members"
STAFF = "staff"


def group_audience(group_id: int) -> str:
    """The audience of a closed group (e.g. a forum category for one region)."""
    return f"group:{group_id}"


@dataclass
class SearchDocument:
    """One findable thing.

    ``source`` names the object the document comes from ("knowledge.product:12"); one
    object may give several documents (an episode and its transcript lines), which are
    replaced together. ``key`` is unique per document. A fragment (a transcript line,
    a post in a thread) carries ``parent_title`` and an ``anchor_label`` ("12:34",
    "#7") and a URL that points into its parent.
    """

    source: str
    key: str
    kind: str
    title: str
    url: str
    audience: str = PUBLIC
    summary: str = ""
    body: str = ""
    themes: list[tuple[str, str]] = field(default_factory=list)  # (slug, label)
    date: datetime | None = None
    parent_title: str = ""
    anchor_label: str = ""
    # The text of the document's own fragments (an episode's transcript): found through,
    # weighted below everything else, never shown.
    fragments: str = ""


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    date: datetime | None
    themes: list[tuple[str, str]]
    parent_title: str = ""
    anchor_label: str = ""
    score: float = 0.0
    # Grouping (search.grouping): a parent's matching fragments shown under it, and how
    # many of its fragments the search found.
    fragments: list["Hit"] = field(default_factory=list)
    fragment_count: int = 0
    group: str = ""  # the parent's address, the same for a parent and its fragments


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    degraded: bool = False  # answered by the fallback backend, perhaps incomplete
    suggestion: str = ""  # "did you mean", a whole corrected query
    relaxed: bool = False  # no document had every word; these have some of them
    # The query found nothing and its correction something: these are the correction's
    # hits, ``corrected`` the query searched instead of the one typed.
    corrected: str = ""
    # Hits grouped under their parents: how many groups all matches make, when known.
    groups_total: int | None = None
    # Hits from this position on match less strictly (engines: few strict matches).
    looser_from: int | None = None
    # The total and the facets' counts are estimates (very many matches), rounded.
    approximate: bool = False
