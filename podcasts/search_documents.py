"""What the podcast puts in the search: episodes, and every sentence of their transcripts.

A transcript sentence is a document of its own, so a hit links to the second it is said
(``#t=754``) and shows that sentence.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

import search

from .models import EpisodePage
from .transcripts import passages, short_clock

EPISODE, TRANSCRIPT = "episode", "transcript"


def episode_documents(page: EpisodePage):
    if not page.live:
        return []
    audience = search.page_audience(page, search.PUBLIC)
    if audience is None:
        return []
    url = page.get_url() or page.url_path
    themes = [(theme.slug, theme.name) for theme in page.themes.all()]
    guests = [f"{guest.name} ({guest.get_role_display()})" for guest in page.guests.all()]
    # Snippets show the body on one line: end each part as a sentence.
    parts = [
        strip_tags(page.show_notes),
        ", ".join(guests),
        " · ".join(chapter.title for chapter in page.chapter_list),
    ]
    body = "\n".join(part if part.endswith(".") else f"{part}." for part in parts if part)
    source = f"podcasts.episode:{page.pk}"
    documents = [
        search.SearchDocument(
            source=source,
            key=source,
            kind=EPISODE,
            title=page.title,
            summary=page.summary,
            body=body,
            url=url,
            audience=audience,
            themes=themes,
            date=page.released,
        )
    ]
    for start, speaker, text in passages(page.cues):
        second = int(start)
        documents.append(
            search.SearchDocument(
                source=source,
                key=f"{source}#t={second}",
                kind=TRANSCRIPT,
                title=speaker,
                body=text,
                url=f"{url}#t={second}",
                audience=audience,
                themes=themes,
                date=page.released,
                parent_title=page.title,
                anchor_label=short_clock(start),
            )
        )
    return documents


def register() -> None:
    search.register(
        EpisodePage,
        label="podcasts.episode",
        documents=episode_documents,
        queryset=lambda: EpisodePage.objects.live().prefetch_related("themes", "guests"),
        kinds={EPISODE: _("Podcast episode"), TRANSCRIPT: _("Podcast transcript")},
    )
