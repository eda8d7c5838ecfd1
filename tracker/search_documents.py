"""What the tracker puts in the search: one anonymous document per bottleneck.

Members find accepted bottlenecks (audience members); bottlenecks SAM has not accepted only
policy workers and staff find (audience ``tracker:all``). A document never names the
reporter or a confirmer, and a merged bottleneck has none. Visitors never find one.
"""

from django.utils.translation import gettext_lazy as _

import search
from accounts import access as account_access

from .models import Bottleneck

KIND = "bottleneck"
ALL = "tracker:all"  # policy workers and SAM staff
WEIGHT = 0.6


def audiences(user) -> set[str]:
    if account_access.is_policy_worker(user) or account_access.is_staff(user):
        return {ALL}
    return set()


def audience_of(bottleneck) -> str:
    return search.MEMBERS if bottleneck.is_accepted else ALL


def bottleneck_documents(bottleneck: Bottleneck):
    if bottleneck.merged_into_id is not None:
        return []
    source = f"tracker.bottleneck:{bottleneck.pk}"
    parts = [bottleneck.situation, bottleneck.rule, bottleneck.suggestion]
    if bottleneck.body_id:
        parts.append(bottleneck.body.name)
    summary = " · ".join(
        str(part)
        for part in (
            bottleneck.get_status_display(),
            bottleneck.get_kind_display(),
            bottleneck.get_region_display(),
        )
    )
    return [
        search.SearchDocument(
            source=source,
            key=source,
            kind=KIND,
            title=bottleneck.title,
            url=bottleneck.get_absolute_url(),
            audience=audience_of(bottleneck),
            summary=summary,
            body="\n".join(part for part in parts if part),
            themes=[(theme.slug, theme.name) for theme in bottleneck.themes.all()],
            date=bottleneck.created_at,
        )
    ]


def register() -> None:
    search.register_audiences(audiences)
    search.register(
        Bottleneck,
        label="tracker.bottleneck",
        documents=bottleneck_documents,
        queryset=lambda: (
            Bottleneck.objects.filter(merged_into__isnull=True)
            .select_related("body")
            .prefetch_related("themes")
            .order_by("pk")
        ),
        kinds={KIND: _("Bottleneck")},
        # Reports from the field rank below SAM's vetted knowledge that matches as well.
        weights={KIND: WEIGHT},
    )
