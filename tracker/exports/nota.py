"""The "knelpuntennota" of a dossier as a neutral document structure, built once and
rendered as Word (``docx_render``) and PDF (``pdf_render``).

A ``Nota`` is a title page and a list of blocks (headings, paragraphs, bullet lists,
tables, page breaks, the table of contents). Its texts come from ``tracker.records`` and
``tracker.dossiers`` (masked by the privacy guard); never a name, an e-mail address or the
dossier's internal notes. The fixed texts are gettext msgids, rendered in Dutch.
"""

import re
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import access, dossiers, records
from ..models import Bottleneck, DossierItem, OrganisationType, Region
from . import LANGUAGE


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    label: str = ""  # printed bold before the text ("Situatie: ...")
    style: str = ""  # "" or "muted"


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    # Columns aligned right (numbers).
    numeric: tuple[int, ...] = ()


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    title: str


@dataclass
class Nota:
    title: str
    kind: str  # "Knelpuntennota"
    date: str
    status: str
    lines: list[str] = field(default_factory=list)  # more lines on the title page
    blocks: list = field(default_factory=list)


def day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _organisation(value: str) -> str:
    return str(OrganisationType(value).label) if value in OrganisationType.values else value


def paragraphs(text: str, label: str = "") -> list[Paragraph]:
    """A masked free text as paragraphs (split on empty lines), the label on the first."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", records.clean_text(text))]
    parts = [part for part in parts if part]
    return [Paragraph(part, label if index == 0 else "") for index, part in enumerate(parts)]


def dossier_queryset(user, dossier):
    """The dossier's bottlenecks ``user`` may see, as a bottleneck queryset in the dossier's
    order (for ``records.bottleneck_records``)."""
    items = access.dossier_items(user, dossier)
    position = DossierItem.objects.filter(dossier=dossier, bottleneck=OuterRef("pk")).values(
        "position"
    )[:1]
    return (
        Bottleneck.objects.filter(pk__in=items.values("bottleneck_id"))
        .annotate(dossier_position=Subquery(position))
        .order_by("dossier_position", "pk")
    )


def build(user, dossier) -> Nota:
    """The nota of ``dossier`` as ``user`` may export it (only the bottlenecks they see)."""
    with translation.override(LANGUAGE):
        return _build(user, dossier)


def _build(user, dossier) -> Nota:
    nota = Nota(
        title=records.clean_text(dossier.title),
        kind=_("Bottleneck memorandum"),
        date=day(timezone.localdate()),
        status=str(dossier.get_status_display()),
    )
    nota.lines = [
        _("Date: %(day)s") % {"day": nota.date},
        _("Status: %(status)s") % {"status": nota.status},
    ]
    blocks = nota.blocks
    blocks += [Contents(_("Contents")), PageBreak()]

    blocks.append(Heading(_("Summary")))
    blocks += paragraphs(dossier.summary)

    if dossier.regulation.strip():
        blocks.append(Heading(_("Regulation involved")))
        blocks += paragraphs(dossier.regulation)

    _addressees(blocks, dossier)
    notes = dict(DossierItem.objects.filter(dossier=dossier).values_list("bottleneck_id", "note"))
    bottlenecks = list(records.bottleneck_records(dossier_queryset(user, dossier)))
    _bottlenecks(blocks, bottlenecks, notes)
    _changes(blocks, dossier)
    return nota


def _addressees(blocks: list, dossier) -> None:
    blocks.append(Heading(_("The question to government")))
    blocks += paragraphs(dossier.question)
    addressees = list(dossier.addressees.order_by("position", "pk"))
    if not addressees:
        blocks.append(Paragraph(_("No addressee yet."), style="muted"))
    today = timezone.localdate()
    for addressee in addressees:
        blocks.append(Heading(records.clean_text(addressee.body), 2))
        facts = []
        if addressee.sent_on:
            facts.append(_("Question sent on %(day)s.") % {"day": day(addressee.sent_on)})
        else:
            facts.append(_("The question has not been sent yet."))
        if addressee.due_on and not addressee.is_answered:
            facts.append(_("Answer due on %(day)s.") % {"day": day(addressee.due_on)})
        if addressee.is_overdue(today):
            facts.append(_("The answer is overdue."))
        blocks.append(Paragraph(" ".join(facts)))
        if addressee.is_answered:
            answer = paragraphs(
                addressee.answer, _("Answer of %(day)s:") % {"day": day(addressee.answered_on)}
            )
            blocks += answer or [
                Paragraph(
                    _("Answered on %(day)s (the answer is in an attached file).")
                    % {"day": day(addressee.answered_on)}
                )
            ]
        else:
            blocks.append(Paragraph(_("No answer yet."), style="muted"))


def _bottlenecks(blocks: list, bottlenecks: list[dict], notes: dict) -> None:
    blocks.append(PageBreak())
    blocks.append(Heading(_("The bottlenecks")))
    blocks.append(
        Paragraph(
            ngettext(
                "This dossier brings together %(count)d bottleneck.",
                "This dossier brings together %(count)d bottlenecks.",
                len(bottlenecks),
            )
            % {"count": len(bottlenecks)}
        )
    )
    ids = [record["id"] for record in bottlenecks]
    organisations = records.evidence_by_organisation(ids)
    examples = records.examples(ids)
    for number, record in enumerate(bottlenecks, start=1):
        blocks.append(Heading(f"{number}. {record['title']}", 2))
        facts = [
            _("Status: %(status)s") % {"status": record["status_label"]},
            _("Kind: %(kind)s") % {"kind": record["kind_label"]},
            _("Level: %(level)s") % {"level": record["level_label"]},
        ]
        if record["body"]:
            facts.append(_("Responsible body: %(body)s") % {"body": record["body"]})
        if record["themes"]:
            facts.append(_("Life domains: %(themes)s") % {"themes": ", ".join(record["themes"])})
        facts.append(_("Reported on %(day)s") % {"day": day(record["reported_on"])})
        blocks.append(Paragraph(" · ".join(facts), style="muted"))
        blocks += paragraphs(record["situation"], _("What happens:"))
        if record["rule"]:
            blocks += paragraphs(record["rule"], _("Rule or procedure:"))
        if notes.get(record["id"]):
            blocks += paragraphs(notes[record["id"]], _("Why it is in this dossier:"))
        if record["suggestion"]:
            blocks += paragraphs(record["suggestion"], _("Suggestion:"))
        blocks.append(
            Paragraph(
                ngettext(
                    "%(count)d confirmation, %(participants)d participants.",
                    "%(count)d confirmations, %(participants)d participants.",
                    record["confirmations"],
                )
                % {"count": record["confirmations"], "participants": record["participants"]},
                _("Evidence:"),
            )
        )
        regions = record["regions"]
        if regions:
            rows = [
                [
                    str(Region(region).label) if region in Region.values else region,
                    str(counts["confirmations"]),
                    str(counts["participants"]),
                ]
                for region, counts in sorted(
                    regions.items(), key=lambda item: (-item[1]["confirmations"], item[0])
                )
            ]
            rows.append(
                [
                    _("Total"),
                    str(sum(c["confirmations"] for c in regions.values())),
                    str(sum(c["participants"] for c in regions.values())),
                ]
            )
            blocks.append(
                Table([_("Region"), _("Confirmations"), _("Participants")], rows, numeric=(1, 2))
            )
        by_type = organisations.get(record["id"])
        if by_type:
            blocks.append(Paragraph("", _("Organisation types:")))
            blocks.append(
                Bullets(
                    [
                        f"{_organisation(kind)}: {n}"
                        for kind, n in sorted(by_type.items(), key=lambda item: (-item[1], item[0]))
                    ]
                )
            )
        if examples.get(record["id"]):
            blocks.append(Paragraph("", _("Examples from practice:")))
            blocks.append(
                Bullets(
                    [
                        f"{example['text']} ({example['region']}, {example['organisation_type']})"
                        for example in examples[record["id"]]
                    ]
                )
            )


def _changes(blocks: list, dossier) -> None:
    blocks.append(PageBreak())
    blocks.append(Heading(_("Changes since the last meeting")))
    snapshot, changes = dossiers.changes_since_last_meeting(dossier)
    if snapshot is None:
        blocks.append(Paragraph(_("This dossier has not been to a meeting yet.")))
        return
    blocks.append(
        Paragraph(
            _("Since “%(meeting)s” of %(day)s:")
            % {"meeting": records.clean_text(snapshot.meeting), "day": day(snapshot.meeting_on)}
        )
    )
    if changes:
        blocks.append(Bullets([change.text for change in changes]))
    else:
        blocks.append(Paragraph(_("Nothing changed."), style="muted"))
