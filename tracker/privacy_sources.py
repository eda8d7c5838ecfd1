"""The tracker's stored text for ``manage.py scan_privacy``: reports, confirmations' examples,
split-off descriptions, the thread between SAM and the reporter, and dossiers (their texts,
the notes on why a bottleneck is in, and the governments' answers)."""

from django.conf import settings

from portal import privacy

from .models import Addressee, Attachment, Bottleneck, Confirmation, Dossier, DossierItem, Message


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


def dossiers():
    for d in Dossier.objects.order_by("pk").iterator(chunk_size=1000):
        texts = [d.title, d.question, d.regulation, d.summary, d.public_summary, d.internal_notes]
        yield d.title, f"{settings.SITE_URL}{d.get_absolute_url()}", "\n\n".join(texts)


def dossier_notes_and_answers():
    items = DossierItem.objects.exclude(note="").select_related("dossier").order_by("pk")
    for item in items.iterator(chunk_size=1000):
        yield item.dossier.title, f"{settings.SITE_URL}{item.dossier.get_absolute_url()}", item.note
    answers = Addressee.objects.exclude(answer="").select_related("dossier").order_by("pk")
    for a in answers.iterator(chunk_size=1000):
        yield a.dossier.title, f"{settings.SITE_URL}{a.dossier.get_absolute_url()}", a.answer


privacy.register_source("bottlenecks", bottlenecks)
privacy.register_source("dossiers", dossiers)
privacy.register_source("dossier notes and answers", dossier_notes_and_answers)
privacy.register_source("bottleneck confirmations", confirmations)
privacy.register_source("bottleneck messages", messages)
privacy.register_source("bottleneck attachment names", attachment_names)
