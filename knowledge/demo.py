"""Demo content for the knowledge base and the learning activities (idempotent)."""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.demo import replace_placeholder
from portal.models import HomePage

from . import demo_content as content
from .models import (
    ActivitySpeaker,
    Audience,
    KnowledgeIndexPage,
    KnowledgeProductPage,
    LearningActivityIndexPage,
    LearningActivityPage,
    ProductAuthor,
    ProductDownload,
    Registration,
    RegistrationStatus,
    Theme,
)
from .models.activities import RegistrationQuestion
from .models.products import add_months

KNOWLEDGE_INTRO = (
    "<p>Handleidingen, methodieken, factsheets en praktijkvoorbeelden van SAM voor "
    "casemanagers zorg. Filter op type, thema of doelgroep. Producten met het label "
    "<b>Leden</b> lees je volledig nadat je aangemeld bent.</p>"
)
LEARNING_INTRO = (
    "<p>Vormingen, intervisies, webinars, lerende netwerken en studiedagen van SAM. "
    "Schrijf je in met één klik; is een activiteit volzet, dan kom je op de wachtlijst.</p>"
)
AUTHORS = [("Els Wouters", "SAM"), ("Pieter Maes", "SAM")]


def _blocks(body) -> list[dict]:
    stream = []
    for item in body:
        kind = item[0]
        if kind == "p":
            stream.append({"type": "paragraph", "value": item[1]})
        elif kind == "h":
            stream.append({"type": "heading", "value": {"text": item[1], "level": "h2"}})
        elif kind in ("tip", "let op", "info"):
            callout = {"tip": "tip", "let op": "attention", "info": "info"}[kind]
            stream.append({"type": "callout", "value": {"kind": callout, "text": item[1]}})
        elif kind == "quote":
            stream.append({"type": "quote", "value": {"text": item[1], "attribution": item[2]}})
        elif kind == "faq":
            items = [{"question": q, "answer": a} for q, a in item[1]]
            stream.append({"type": "faq", "value": {"items": items}})
        elif kind == "table":
            stream.append(
                {
                    "type": "table",
                    "value": {
                        "data": item[1],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                }
            )
    for block in stream:
        block["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, repr(block)))
    return stream


def _latin1(text: str) -> str:
    return text.replace("’", "'").replace("–", "-").replace("“", '"').replace("”", '"')


def build_pdf(paragraphs: list[str]) -> bytes:
    """A real, small PDF with a text layer, made on the spot."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(paragraphs[0]))
    pdf.set_author("SAM")
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 9, _latin1(paragraphs[0]))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs[1:]:
        pdf.multi_cell(0, 6, _latin1(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())


def _document(title: str, filename: str, data: bytes):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=Collection.get_first_root_node())
        document.file.save(filename, ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _index(home, model, slug, title, intro, out):
    page = model.objects.first()
    if page is None:
        replace_placeholder(home, slug)
        page = home.add_child(instance=model(title=title, slug=slug, intro=intro))
        out.write(f"  /{slug}/ aangemaakt")
    return page


def _taxonomy():
    themes = {
        slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": d})[0]
        for slug, name, d in content.THEMES
    }
    audiences = {
        slug: Audience.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in content.AUDIENCES
    }
    return themes, audiences


def _products(index, themes, audiences, owner, out):
    today = timezone.localdate()
    existing = set(KnowledgeProductPage.objects.values_list("slug", flat=True))
    created = 0
    for number, row in enumerate(content.PRODUCTS):
        (slug, kind, title, theme_slugs, audience_slugs, members_only, months_ago, interval,
         summary, body) = row  # fmt: skip
        if slug in existing:
            continue
        published = timezone.now() - datetime.timedelta(days=3 + number * 9)
        product = KnowledgeProductPage(
            title=title,
            slug=slug,
            product_type=kind,
            summary=summary,
            body=_blocks(body),
            members_only=members_only,
            last_reviewed=add_months(today, -months_ago),
            review_interval_months=interval,
            review_owner=owner,
            owner=owner,
            first_published_at=published,
            last_published_at=published,
        )
        product.themes = [themes[s] for s in theme_slugs]
        product.audiences = [audiences[s] for s in audience_slugs]
        name, organisation = AUTHORS[number % len(AUTHORS)]
        product.authors = [ProductAuthor(name=name, organisation=organisation)]
        if slug in content.PDFS:
            doc_title, filename, paragraphs = content.PDFS[slug]
            document = _document(doc_title, filename, build_pdf(paragraphs))
            product.downloads = [ProductDownload(document=document)]
        index.add_child(instance=product)
        created += 1
    if created:
        out.write(f"  {created} kennisproducten aangemaakt")


def _activities(index, themes, out):
    brussels = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    existing = set(LearningActivityPage.objects.values_list("slug", flat=True))
    created = 0
    for row in content.ACTIVITIES:
        (slug, kind, title, days, hour, hours, place, online, capacity, deadline_days,
         theme_slugs, summary, paragraphs, speakers) = row  # fmt: skip
        if slug in existing:
            continue
        day = today + datetime.timedelta(days=days)
        starts = datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=brussels)
        if starts.weekday() >= 5:  # keep activities on working days
            starts += datetime.timedelta(days=7 - starts.weekday())
        ends = starts + datetime.timedelta(hours=hours)
        activity = LearningActivityPage(
            title=title,
            slug=slug,
            kind=kind,
            summary=summary,
            description=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            starts_at=starts,
            ends_at=ends,
            location=place,
            online_url=online,
            capacity=capacity,
            registration_deadline=(
                starts - datetime.timedelta(days=deadline_days) if deadline_days else None
            ),
        )
        activity.themes = [themes[s] for s in theme_slugs]
        activity.speakers = [ActivitySpeaker(name=name, role=role) for name, role in speakers]
        activity.registration_questions = _questions(slug)
        index.add_child(instance=activity)
        created += 1
    if created:
        out.write(f"  {created} leeractiviteiten aangemaakt")


def _questions(slug: str) -> list[RegistrationQuestion]:
    return [
        RegistrationQuestion(text=text, help_text=help_text, required=required, sort_order=n)
        for n, (text, help_text, required) in enumerate(
            content.REGISTRATION_QUESTIONS.get(slug, [])
        )
    ]


def _add_missing_questions(out):
    """Demo databases made before there were questions get them too (only pages never
    edited since: the editor shows the latest revision, which would not have them)."""
    added = 0
    pages = LearningActivityPage.objects.filter(
        slug__in=content.REGISTRATION_QUESTIONS,
        latest_revision__isnull=True,
        registration_questions__isnull=True,
    )
    for activity in pages:
        for question in _questions(activity.slug):
            question.activity = activity
            question.save()
            added += 1
    if added:
        out.write(f"  {added} inschrijvingsvragen toegevoegd")


def _registrations(out):
    """A few registrations, including a full activity with someone on its waiting list."""
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@example.org")}
    plan = [
        ("intervisie-vastgelopen-trajecten", "lid2@example.org", RegistrationStatus.REGISTERED),
        ("intervisie-vastgelopen-trajecten", "beleid@example.org", RegistrationStatus.WAITING),
        ("webinar-leefloon-en-werk", "lid@example.org", RegistrationStatus.REGISTERED),
        ("studiedag-werk-en-zorg", "lid2@example.org", RegistrationStatus.REGISTERED),
        ("intervisie-samenwerken-met-ocmw", "lid@example.org", RegistrationStatus.REGISTERED),
    ]
    activities = {a.slug: a for a in LearningActivityPage.objects.all()}
    for slug, email, status in plan:
        if slug in activities and email in users:
            Registration.objects.get_or_create(
                activity=activities[slug],
                user=users[email],
                defaults={
                    "status": status,
                    "waiting_since": timezone.now()
                    if status == RegistrationStatus.WAITING
                    else None,
                },
            )


def ensure_sections(out) -> tuple[KnowledgeIndexPage, LearningActivityIndexPage]:
    """The two index pages at their stable addresses, replacing the placeholders."""
    home = HomePage.objects.get()
    knowledge = _index(home, KnowledgeIndexPage, "kennisbank", "Kennisbank", KNOWLEDGE_INTRO, out)
    learning = _index(
        home, LearningActivityIndexPage, "leeractiviteiten", "Leeractiviteiten", LEARNING_INTRO, out
    )
    return knowledge, learning


@transaction.atomic
def load(out) -> None:
    if not HomePage.objects.exists():
        return
    owner = get_user_model().objects.filter(email="sam@example.org").first()
    themes, audiences = _taxonomy()
    knowledge, learning = ensure_sections(out)
    _products(knowledge, themes, audiences, owner, out)
    _activities(learning, themes, out)
    _add_missing_questions(out)
    _registrations(out)
