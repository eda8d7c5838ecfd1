"""What the podcast puts in the search: episodes, and every sentence of their transcripts.

A transcript sentence is a document of its own, so a hit links to the second it is said
(``#t=754``) and shows that sentence; the episode carries the whole transcript as its
fragments' text, and the results show its sentences grouped under it.
"""

import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

import search

from .models import EpisodePage
from .transcripts import passages, short_clock

EPISODE, TRANSCRIPT = "episode", "transcript"
TRANSCRIPT_WEIGHT = 0.85


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def episode_documents(page: EpisodePage):
    if not page.live:
        return []
    audience = search.page_audience(page, search.PUBLIC)
    if audience is None:
        return []
    url = page.get_url() or page.url_path
    themes = [(theme.slug, theme.name) for theme in page.themes.all()]
    guests = [f"{guest.name} ({guest.get_role_display()})" for guest in page.guests.all()]
    # Snippets show the body on one line: each paragraph of the notes, the guests and each
    # chapter title end as a sentence (never "stappen.Waarom" or "verschil?.").
    notes = _BLOCK_END.sub("\n", page.show_notes or "")
    body = search.as_sentences(
        [
            *strip_tags(notes).splitlines(),
            ", ".join(guests),
            *(chapter.title for chapter in page.chapter_list),
        ]
    )
    source = f"podcasts.episode:{page.pk}"
    lines = list(passages(page.cues))
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
            # The episode is found by its whole transcript (weighted below its own text),
            # also when a question's words are spread over several sentences.
            fragments="\n".join(text for _, _, text in lines),
        )
    ]
    for start, speaker, text in lines:
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
        # A sentence ranks a little below a whole text that matches as well (relevance set:
        # 0.887 -> 0.888 on SQLite, unchanged on PostgreSQL; 0.7 or lower costs MRR).
        weights={TRANSCRIPT: TRANSCRIPT_WEIGHT},
    )
