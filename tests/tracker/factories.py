"""Bottlenecks, bodies and confirmations for tests."""

import datetime
import itertools

from django.utils import timezone

from search.indexing import index_now
from tests.knowledge import factories as knowledge_factories
from tracker import actions
from tracker.models import Body, Bottleneck, Confirmation, Kind, Level, Region, Status

_numbers = itertools.count(1)


def national_number(base: str = "850730123") -> str:
    """A valid INSZ for a birth before 2000: nine digits and their mod-97 check."""
    return base + f"{97 - int(base) % 97:02d}"


def body(name=None, level=Level.FLEMISH) -> Body:
    return Body.objects.get_or_create(
        name=name or f"Instantie {next(_numbers)}", defaults={"level": level}
    )[0]


def bottleneck(reporter, *, accepted=True, status=None, index=False, themes=None, **fields):
    """A bottleneck reported by ``reporter``; accepted ones are "in behandeling"."""
    number = next(_numbers)
    data = {
        "title": f"Knelpunt {number}",
        "situation": "Een deelnemer verliest zijn uitkering tijdens een proefperiode.",
        "kind": Kind.REGULATION,
        "level": Level.FEDERAL,
        "region": Region.LIMBURG,
        "frequency": "maandelijks",
        "themes": themes if themes is not None else [knowledge_factories.theme("werk")],
        **fields,
    }
    made = actions.report(reporter, data)
    if accepted or status:
        made.status = status or Status.IN_PROGRESS
        made.accepted_at = timezone.now() if (accepted or status != Status.REPORTED) else None
        made.save(update_fields=["status", "accepted_at"])
    if index:
        index_now([Bottleneck.objects.get(pk=made.pk)])
    return made


def confirmation(member, bottleneck, **fields) -> Confirmation:
    data = {
        "participants": 3,
        "region": Region.ANTWERPEN,
        "seen_on": timezone.localdate() - datetime.timedelta(days=3),
        "organisation_type": "ocmw",
        "example": "",
        **fields,
    }
    return actions.confirm(member, bottleneck, data)


def dossier(owner=None, *, bottlenecks=(), addressees=(), **fields):
    """A dossier owned by ``owner`` with ``bottlenecks`` in that order and addressees by
    body name (strings) or dicts of Addressee fields."""
    from tracker import dossiers
    from tracker.models import Addressee, Dossier

    number = next(_numbers)
    made = Dossier.objects.create(
        **{
            "title": f"Dossier {number}",
            "question": "Kan de regel aangepast worden zodat deelnemers hun traject behouden?",
            "summary": "Casemanagers zien dit knelpunt in elke regio terugkomen.",
            "owner": owner,
            **fields,
        }
    )
    for item in bottlenecks:
        dossiers.add_bottleneck(made, item, owner, note="Sterk onderbouwd.")
    for position, addressee in enumerate(addressees):
        data = {"body": addressee} if isinstance(addressee, str) else dict(addressee)
        Addressee.objects.create(dossier=made, position=position, **data)
    return made
