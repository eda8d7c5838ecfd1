"""Chapters: one per line, a start time and a title ("12:34 Werk na een burn-out")."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .transcripts import short_clock

_LINE = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)(?:[.,]\d+)?\s*(?:[-–—:|]\s*)?(.*)$")
MAX_TITLE = 200


@dataclass(frozen=True)
class Chapter:
    start: int
    title: str

    @property
    def clock(self) -> str:
        return short_clock(self.start)


class ChapterError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(_("Line %(line)d: %(message)s") % {"line": line, "message": message})


def parse(text: str, duration: float | None = None) -> list[Chapter]:
    chapters: list[Chapter] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise ChapterError(
                number, _("start with a time, then the title (for example 12:34 Introduction).")
            )
        hours, minutes, seconds, title = match.groups()
        if hours is not None and int(minutes) > 59:
            raise ChapterError(number, _("the minutes must be below 60."))
        start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
        title = title.strip()
        if not title:
            raise ChapterError(number, _("this chapter has no title."))
        if len(title) > MAX_TITLE:
            raise ChapterError(number, _("the title is longer than 200 characters."))
        if chapters and start <= chapters[-1].start:
            raise ChapterError(number, _("each chapter must start after the previous one."))
        if duration is not None and start >= duration:
            raise ChapterError(
                number,
                _("this chapter starts after the end of the audio (%(length)s).")
                % {"length": short_clock(duration)},
            )
        chapters.append(Chapter(start=start, title=title))
    return chapters


def to_json(chapters: list[Chapter], *, title: str = "") -> dict:
    """The Podcasting 2.0 JSON chapters format (version 1.2.0)."""
    data: dict = {"version": "1.2.0", "chapters": []}
    if title:
        data["title"] = title
    data["chapters"] = [
        {"startTime": chapter.start, "title": chapter.title} for chapter in chapters
    ]
    return data
