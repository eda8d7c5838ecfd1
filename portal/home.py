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
        _("Newest knowledge products"),
        _("Soon you will find SAM's newest guides, methods and factsheets here."),
        _("To the knowledge base"),
        "/kennisbank/",
    ),
    Block(
        "learning",
        _("Upcoming learning activities"),
        _("No learning activities planned yet. Come back soon for training and peer consultation."),
        _("All learning activities"),
        "/leeractiviteiten/",
    ),
    Block(
        "podcast",
        _("Latest podcast episode"),
        _("The first episode of Sterk Werk is in the making."),
        _("To the podcast"),
        "/podcast/",
        limit=1,
    ),
    Block(
        "forum",
        _("Active on the forum"),
        _("No conversations yet. The forum is the place to ask colleagues for advice."),
        _("To the forum"),
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
