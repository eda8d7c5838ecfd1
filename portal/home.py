"""The home page's section blocks, filled by the apps that own the content.

An app registers a provider in its ``home_blocks.py``::

    from portal import home

    @home.provider("knowledge")
    def newest_products(request, limit):
        return [home.Item(title=..., url=..., meta=..., summary=...) for ... in ...]

A provider must run a fixed number of queries whatever the amount of content
(the home page benchmark and tests hold it to that). A block without a provider
shows its empty state.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    meta: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    empty_text: str
    more_label: str
    more_url: str
    limit: int = 4


BLOCKS = (
    Block(
        "knowledge",
        _("Nieuwste kennisproducten"),
        _("Binnenkort vind je hier de nieuwste handleidingen, methodieken en factsheets van SAM."),
        _("Naar de kennisbank"),
        "/kennisbank/",
    ),
    Block(
        "learning",
        _("Komende leeractiviteiten"),
        _("Nog geen leeractiviteiten gepland. Kom snel terug voor vormingen en intervisies."),
        _("Alle leeractiviteiten"),
        "/leeractiviteiten/",
    ),
    Block(
        "podcast",
        _("Laatste podcastaflevering"),
        _("De eerste aflevering van Sterk Werk is in de maak."),
        _("Naar de podcast"),
        "/podcast/",
        limit=1,
    ),
    Block(
        "forum",
        _("Actief op het forum"),
        _("Nog geen gesprekken. Het forum is de plek om collega's om raad te vragen."),
        _("Naar het forum"),
        "/forum/",
    ),
)

Provider = Callable[[object, int], Sequence[Item]]
_providers: dict[str, Provider] = {}


def provider(key: str) -> Callable[[Provider], Provider]:
    if key not in {block.key for block in BLOCKS}:
        raise ValueError(f"Unknown home block {key!r}.")

    def decorator(func: Provider) -> Provider:
        _providers[key] = func
        return func

    return decorator


def unregister(key: str) -> None:
    _providers.pop(key, None)


def filled_blocks(request) -> list[tuple[Block, Sequence[Item]]]:
    result = []
    for block in BLOCKS:
        func = _providers.get(block.key)
        items = list(func(request, block.limit)) if func else []
        result.append((block, items))
    return result
