"""The statistics page for policy workers and SAM staff: the bottlenecks they may see, per
life domain, per status over the last twelve months, per region, and how long governments
take to answer a dossier's question. Charts are drawn by ``tracker.charts``; every chart
has its numbers in a table beside it.

Aggregate queries only: the page asks the database the same number of times whatever the
number of bottlenecks (the addressees are read once, in one query, for the medians).
"""

import datetime
import statistics as stats

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from . import access, charts
from .decorators import export_required
from .models import Addressee, Bottleneck, Confirmation, Region, Status

MONTHS = 12


@export_required
@require_safe
def statistics(request):
    bottlenecks = access.visible_bottlenecks(request.user)
    today = timezone.localdate()
    context = {
        "total": bottlenecks.count(),
        "themes": _per_theme(bottlenecks),
        "statuses": _per_status(bottlenecks),
        "months": _per_month(bottlenecks, today),
        "regions": _per_region(bottlenecks),
        "answers": _answers(access.visible_dossiers(request.user), today),
    }
    return render(request, "tracker/statistics.html", context)


def _per_theme(bottlenecks) -> dict:
    Through = Bottleneck.themes.through
    rows = list(
        Through.objects.filter(bottleneck__in=bottlenecks)
        .values("theme__name")
        .annotate(n=Count("bottleneck_id"))
        .order_by("-n", "theme__name")
    )
    bars = [charts.Bar(row["theme__name"], row["n"]) for row in rows]
    return {
        "rows": rows,
        "chart": charts.bar_chart(
            "chart-themes",
            _("Bottlenecks per life domain"),
            _desc(bars, _("A bottleneck can belong to more than one life domain.")),
            bars,
        )
        if bars
        else "",
    }


def _per_status(bottlenecks) -> dict:
    counts = {
        row["status"]: row["n"]
        for row in bottlenecks.order_by().values("status").annotate(n=Count("id"))
    }
    rows = [
        {"status": status, "label": label, "n": counts.get(status, 0)}
        for status, label in Status.choices
    ]
    bars = [charts.Bar(row["label"], row["n"]) for row in rows]
    return {
        "rows": rows,
        "chart": charts.bar_chart(
            "chart-statuses", _("Bottlenecks per status today"), _desc(bars), bars
        )
        if any(counts.values())
        else "",
    }


def _month_start(today: datetime.date, back: int) -> datetime.date:
    month = today.year * 12 + today.month - 1 - back
    return datetime.date(month // 12, month % 12 + 1, 1)


def _per_month(bottlenecks, today: datetime.date) -> dict:
    """Bottlenecks reported in each of the last twelve months, split by their status
    today (not the status they had at the month's end: that history is not counted here)."""
    months = [_month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    rows = (
        bottlenecks.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month", "status")
        .annotate(n=Count("id"))
    )
    counts: dict[datetime.date, dict[str, int]] = {month: {} for month in months}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        month = month.replace(day=1)
        if month in counts:
            counts[month][row["status"]] = counts[month].get(row["status"], 0) + row["n"]
    used = [s for s in Status.values if any(c.get(s) for c in counts.values())]
    series = [charts.Series(s, str(Status(s).label)) for s in used]
    table = [
        {
            "month": month,
            "label": date_format(month, "F Y"),
            "cells": [counts[month].get(s, 0) for s in used],
            "total": sum(counts[month].values()),
        }
        for month in months
    ]
    total = sum(row["total"] for row in table)
    desc = ngettext(
        "%(count)d bottleneck reported in the last twelve months, per month of reporting "
        "and split by the status it has today.",
        "%(count)d bottlenecks reported in the last twelve months, per month of reporting "
        "and split by the status they have today.",
        total,
    ) % {"count": total}
    return {
        "series": series,
        "rows": table,
        "total": total,
        "chart": charts.stacked_bar_chart(
            "chart-months",
            _("Bottlenecks reported per month, by status today"),
            desc,
            [(row["label"], counts[row["month"]]) for row in table],
            series,
        )
        if total
        else "",
    }


def _per_region(bottlenecks) -> dict:
    reported = {
        row["region"]: row["n"]
        for row in bottlenecks.order_by().values("region").annotate(n=Count("id"))
    }
    evidence = {
        row["region"]: row
        for row in Confirmation.objects.filter(bottleneck__in=bottlenecks)
        .order_by()
        .values("region")
        .annotate(confirmations=Count("id"), participants=Sum("participants"))
    }
    rows = [
        {
            "region": region,
            "label": label,
            "n": reported.get(region, 0),
            "confirmations": evidence.get(region, {}).get("confirmations", 0),
            "participants": evidence.get(region, {}).get("participants") or 0,
        }
        for region, label in Region.choices
    ]
    bars = [charts.Bar(row["label"], row["n"]) for row in rows]
    return {
        "rows": rows,
        "chart": charts.bar_chart(
            "chart-regions",
            _("Bottlenecks per region where they were reported"),
            _desc(bars),
            bars,
        )
        if any(reported.values())
        else "",
    }


def _answers(dossiers, today: datetime.date) -> dict:
    """Per government body: questions sent, answered, the median number of days from the
    question to the answer, and questions still open (of which overdue)."""
    rows = (
        Addressee.objects.filter(dossier__in=dossiers, sent_on__isnull=False)
        .order_by("body")
        .values_list("body", "sent_on", "answered_on", "due_on")
    )
    bodies: dict[str, dict] = {}
    for body, sent_on, answered_on, due_on in rows:
        entry = bodies.setdefault(
            body, {"body": body, "sent": 0, "days": [], "open": 0, "overdue": 0}
        )
        entry["sent"] += 1
        if answered_on is not None:
            entry["days"].append(max((answered_on - sent_on).days, 0))
        else:
            entry["open"] += 1
            entry["overdue"] += due_on is not None and due_on < today
    table = []
    for entry in bodies.values():
        days = entry.pop("days")
        entry["answered"] = len(days)
        entry["median"] = stats.median(days) if days else None
        table.append(entry)
    table.sort(key=lambda e: (e["median"] is None, e["median"] or 0, e["body"].lower()))
    bars = [
        charts.Bar(
            entry["body"],
            entry["median"],
            ngettext("%(days)s day", "%(days)s days", round(entry["median"]))
            % {"days": charts.number(entry["median"])},
        )
        for entry in table
        if entry["median"] is not None
    ]
    desc = (
        _desc(bars, _("Median number of days from the question to the answer, per body."))
        if bars
        else ""
    )
    return {
        "rows": table,
        "open": sum(entry["open"] for entry in table),
        "overdue": sum(entry["overdue"] for entry in table),
        "chart": charts.bar_chart(
            "chart-answers", _("Days until a government answered (median)"), desc, bars
        )
        if bars
        else "",
    }


def _desc(bars, lead: str = "") -> str:
    listed = "; ".join(f"{bar.label}: {bar.text or charts.number(bar.value)}" for bar in bars)
    return f"{lead} {listed}.".strip() if listed else lead


__all__ = ["statistics"]
