"""What the knowledge base puts in the search: products, their files, learning activities."""

import html
import re

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

import search
from portal import visibility

from .models import DocumentText, KnowledgeProductPage, LearningActivityPage

PRODUCT, DOCUMENT, ACTIVITY = "product", "document", "activity"


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _rich(value) -> list[str]:
    """A rich text's paragraphs and list items, each a piece of its own, as plain text."""
    source = getattr(value, "source", value) or ""
    return [html.unescape(strip_tags(piece)) for piece in _BLOCK_END.split(source)]


def _block_texts(block_type: str, value) -> list[str]:
    """What a reader reads in one block: its text, never its labels or choices (a heading's
    level, a callout's kind) nor a table's header row."""
    if block_type == "paragraph":
        return _rich(value)
    if block_type == "heading":
        return [value["text"]]
    if block_type == "quote":
        return [value["text"], value.get("attribution") or ""]
    if block_type == "callout":
        return _rich(value["text"])
    if block_type == "image":
        return [value.get("caption") or ""]
    if block_type == "document":
        return [value.get("label") or ""]
    if block_type == "table":
        rows = (value or {}).get("data") or []
        if (value or {}).get("first_row_is_table_header"):
            rows = rows[1:]
        return [", ".join(str(cell) for cell in row if cell) for row in rows]
    if block_type == "faq":
        return [
            text for item in value["items"] for text in (item["question"], *_rich(item["answer"]))
        ]
    return []


def _stream_text(stream) -> str:
    """A StreamField as sentences: every block's text ends as a sentence, so a heading does
    not run into the paragraph after it in a snippet."""
    return search.as_sentences(
        text for child in stream for text in _block_texts(child.block_type, child.value)
    )


def _themes(page) -> list[tuple[str, str]]:
    return [(theme.slug, theme.name) for theme in page.themes.all()]


def product_documents(page: KnowledgeProductPage):
    if not page.live:
        return []
    default = search.MEMBERS if page.members_only else search.PUBLIC
    audience = search.page_audience(page, default)
    if audience is None:
        return []
    authors = ", ".join(author.name for author in page.authors.all())
    body = _stream_text(page.body)
    if authors:
        body += f"\n{authors}"
    source = f"knowledge.product:{page.pk}"
    return [
        search.SearchDocument(
            source=source,
            key=source,
            kind=PRODUCT,
            title=page.title,
            summary=page.summary,
            body=body,
            url=page.get_url() or page.url_path,
            audience=audience,
            themes=_themes(page),
            date=page.first_published_at,
        )
    ]


def activity_documents(page: LearningActivityPage):
    if not page.live:
        return []
    audience = search.page_audience(page, search.PUBLIC)
    if audience is None:
        return []
    speakers = ", ".join(
        f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name
        for speaker in page.speakers.all()
    )
    parts = [_stream_text(page.description), page.location, speakers]
    source = f"knowledge.activity:{page.pk}"
    return [
        search.SearchDocument(
            source=source,
            key=source,
            kind=ACTIVITY,
            title=page.title,
            summary=page.summary,
            body="\n".join(part for part in parts if part),
            url=page.get_url() or page.url_path,
            audience=audience,
            themes=_themes(page),
            date=page.starts_at,
        )
    ]


def _file_audience(page, members_only: bool) -> str | None:
    members = members_only or getattr(page, "members_only", False)
    return search.page_audience(page, search.MEMBERS if members else search.PUBLIC)


def document_documents(document):
    """A file is findable where live content uses it, by whoever may read all of that content."""
    uses = visibility.live_uses(document)
    if not uses:
        return []
    audience = search.narrowest_audience(_file_audience(page, members) for page, members in uses)
    if audience is None:
        return []
    extracted = DocumentText.objects.filter(document=document, status="ok").first()
    themes = {}
    for page, _members in uses:
        if hasattr(page, "themes"):
            themes.update(_themes(page))
    source = f"knowledge.document:{document.pk}"
    return [
        search.SearchDocument(
            source=source,
            key=source,
            kind=DOCUMENT,
            title=document.title,
            body=extracted.text if extracted else "",
            url=document.url,
            audience=audience,
            themes=sorted(themes.items()),
            date=document.created_at,
            parent_title=uses[0][0].title,
        )
    ]


def documents_of(page) -> list:
    """The files a page offers, to be indexed again when the page changes."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=document_type)
        .values_list("to_object_id", flat=True)
    )
    return list(get_document_model().objects.filter(pk__in=[int(pk) for pk in ids]))


def register() -> None:
    search.register(
        KnowledgeProductPage,
        label="knowledge.product",
        documents=product_documents,
        queryset=lambda: KnowledgeProductPage.objects.live().prefetch_related("themes", "authors"),
        kinds={PRODUCT: _("Knowledge product")},
        dependents=documents_of,
    )
    search.register(
        LearningActivityPage,
        label="knowledge.activity",
        documents=activity_documents,
        queryset=lambda: LearningActivityPage.objects.live().prefetch_related("themes", "speakers"),
        kinds={ACTIVITY: _("Learning activity")},
        dependents=documents_of,
    )
    search.register(
        get_document_model(),
        label="knowledge.document",
        documents=document_documents,
        queryset=lambda: get_document_model().objects.order_by("pk"),
        kinds={DOCUMENT: _("Document")},
    )
