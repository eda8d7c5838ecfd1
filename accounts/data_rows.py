"""Helpers for the apps' ``personal_data`` modules: rows for the export, counts for erasure."""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise


def plain(value):
    """A value as the export's JSON holds it (dates as ISO strings)."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID, Promise)):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def rows(queryset, *fields, **expressions) -> list[dict]:
    """``queryset.values(*fields, **expressions)`` as plain dicts, in the queryset's order."""
    return [
        {key: plain(value) for key, value in row.items()}
        for row in queryset.values(*fields, **expressions)
    ]


def deleted(queryset) -> int:
    """Delete and count the rows of ``queryset`` itself (not what cascades along)."""
    model = queryset.model
    return queryset.delete()[1].get(model._meta.label, 0)


def nulled(queryset, **fields) -> int:
    return queryset.update(**fields)
