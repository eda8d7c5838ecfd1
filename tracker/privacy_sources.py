"""The tracker's stored text for ``manage.py scan_privacy``: reports, confirmations' examples,
split-off descriptions and the thread between SAM and the reporter."""

from django.conf import settings

from portal import privacy

from .models import Attachment, Bottleneck, Confirmation, Message


def _url(bottleneck_id: int, slug: str) -> str:
    return f"{settings.SITE_URL}/knelpunten/{bottleneck_id}-{slug}/"


def bottlenecks():
    for b in Bottleneck.objects.order_by("pk").iterator(chunk_size=1000):
        yield b.title, _url(b.pk, b.slug), "\n\n".join([b.title, b.situation, b.rule, b.suggestion])


def confirmations():
    rows = Confirmation.objects.exclude(example="").select_related("bottleneck").order_by("pk")
    for c in rows.iterator(chunk_size=1000):
        yield c.bottleneck.title, _url(c.bottleneck_id, c.bottleneck.slug), c.example


def messages():
    rows = Message.objects.select_related("bottleneck").order_by("pk")
    for m in rows.iterator(chunk_size=1000):
        yield m.bottleneck.title, _url(m.bottleneck_id, m.bottleneck.slug), m.body


def attachment_names():
    rows = Attachment.objects.select_related("bottleneck").order_by("pk")
    for a in rows.iterator(chunk_size=1000):
        yield a.bottleneck.title, _url(a.bottleneck_id, a.bottleneck.slug), a.name


privacy.register_source("bottlenecks", bottlenecks)
privacy.register_source("bottleneck confirmations", confirmations)
privacy.register_source("bottleneck messages", messages)
privacy.register_source("bottleneck attachment names", attachment_names)
