"""What the apps tell the search: their kinds, their adapters, who sees which audience."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .documents import PUBLIC, SearchDocument


@dataclass
class Adapter:
    """Turns one model's objects into search documents.

    ``documents(obj)`` returns the documents the object should have right now (none
    when it is not published or not findable); ``queryset()`` lists every object to
    index on a rebuild. ``source(obj)`` names the object.
    """

    model: type
    label: str
    documents: Callable[[object], Iterable[SearchDocument]]
    queryset: Callable[[], Iterable]
    # Other objects whose documents follow this one's access (a page's files).
    dependents: Callable[[object], Iterable] | None = None

    def source(self, obj) -> str:
        return f"{self.label}:{obj.pk}"


_adapters: dict[type, Adapter] = {}
_kinds: dict[str, str] = {}
_weights: dict[str, float] = {}
_audience_resolvers: list[Callable] = []


def register(
    model,
    *,
    label: str,
    documents,
    queryset,
    kinds: dict[str, str],
    dependents=None,
    weights: dict[str, float] | None = None,
) -> Adapter:
    """Index ``model``'s objects; ``kinds`` maps each kind it produces to its label.

    ``weights`` scales a kind's relevance (1 by default): members' own writing ranks below
    SAM's vetted content that matches as well.
    """
    for kind, weight in (weights or {}).items():
        if kind not in kinds or not 0 < weight <= 1:
            raise ValueError(f"Weight for {kind!r} must be for one of its kinds, in (0, 1].")
        _weights[kind] = float(weight)
    adapter = Adapter(
        model=model, label=label, documents=documents, queryset=queryset, dependents=dependents
    )
    _adapters[model] = adapter
    _kinds.update(kinds)
    return adapter


def adapter_for(obj) -> Adapter | None:
    for cls in type(obj).__mro__:
        if cls in _adapters:
            return _adapters[cls]
    return None


def adapters() -> list[Adapter]:
    return list(_adapters.values())


def kind_weights() -> dict[str, float]:
    return dict(_weights)


def kind_label(kind: str) -> str:
    return str(_kinds.get(kind, kind))


def kinds() -> dict[str, str]:
    return dict(_kinds)


def register_audiences(resolver: Callable) -> None:
    """``resolver(user)`` returns the audiences (besides public) the user may see."""
    _audience_resolvers.append(resolver)


def audiences_for(user) -> list[str]:
    allowed = {PUBLIC}
    for resolver in _audience_resolvers:
        allowed.update(resolver(user))
    return sorted(allowed)
