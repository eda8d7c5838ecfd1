"""The personal-data registry: every app declares what it holds about a person.

Each app that stores anything about a user has a ``personal_data.py`` module that calls
:func:`register` with one :class:`Holding` per kind of data (forum posts, registrations,
API keys, ...). The registry is the single source for

- the member's export ("Download mijn gegevens": one JSON file per app, an HTML overview and the
  member's own files),
- erasure (each holding erases or anonymises its rows; the account row goes last),
- the processing register that SAM staff read (what, why, how long),

and a test walks every foreign key to the user model in every installed app and fails when no
holding covers it, so a new app cannot forget.

A holding's callables receive the user. ``export`` returns JSON-serialisable rows (plain dicts of
str/int/float/bool/None/lists; dates as ISO strings); ``files`` yields ``(name, django File)``
pairs of the member's own uploads; ``erase`` removes or anonymises the rows and returns how many
it touched (counts go into the erasure log; never names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.core.files import File
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class ErasureOptions:
    # The member asked to remove the text of their forum posts too (default: the text stays,
    # signed "voormalig lid").
    remove_posts: bool = False


@dataclass(frozen=True)
class Holding:
    key: str  # "community.posts": unique, app label first
    label: Any  # lazy Dutch label, "Forumberichten"
    purpose: Any  # why it is held (processing register)
    retention: Any  # how long it is kept (processing register)
    # "app_label.Model.field" for every relation to the user model this holding answers for.
    covers: tuple[str, ...] = ()
    legal_basis: Any = ""
    export: Callable[[Any], list[dict]] | None = None
    files: Callable[[Any], Iterable[tuple[str, File]]] | None = None
    erase: Callable[[Any, ErasureOptions], int] | None = None
    # Lower runs earlier during erasure; the account itself runs last (1000).
    erase_order: int = 100
    extra: dict = field(default_factory=dict)

    @property
    def app_label(self) -> str:
        return self.key.partition(".")[0]


_holdings: dict[str, Holding] = {}
_discovered = False


def register(holding: Holding) -> Holding:
    if holding.key in _holdings and _holdings[holding.key] != holding:
        raise ValueError(f"personal-data holding {holding.key!r} registered twice")
    _holdings[holding.key] = holding
    return holding


def discover() -> None:
    """Import every app's ``personal_data`` module (once)."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("personal_data")
        # This module is the registry itself: accounts' own holdings live in account_data.
        import_module("accounts.account_data")


def holdings() -> list[Holding]:
    discover()
    return sorted(_holdings.values(), key=lambda h: h.key)


def by_app() -> dict[str, list[Holding]]:
    grouped: dict[str, list[Holding]] = {}
    for holding in holdings():
        grouped.setdefault(holding.app_label, []).append(holding)
    return grouped


def covered_relations() -> set[str]:
    return {relation for holding in holdings() for relation in holding.covers}
