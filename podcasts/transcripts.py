"""Transcripts: WebVTT and SRT files read into cues, and written back out.

Staff upload either format. A file that does not follow the format is refused with the
number of the line where it goes wrong, so the editor can fix it in a text editor.
"""

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024

_VTT_TIME = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_SRT_TIME = r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t].*)?$")
_SRT_TIMING = re.compile(rf"^{_SRT_TIME}[ \t]+-->[ \t]+{_SRT_TIME}(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
# "Name: text" at the start of an SRT cue, the usual way to name speakers there.
_SRT_SPEAKER = re.compile(r"^([A-ZÀ-Ý][\w'’.\- ]{0,38}[\w.]):[ \t]+(\S.*)$", re.DOTALL)


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    speaker: str = ""

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "speaker": self.speaker, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> "Cue":
        return cls(
            start=float(data["start"]),
            end=float(data["end"]),
            text=str(data["text"]),
            speaker=str(data.get("speaker", "")),
        )


class TranscriptError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(_("Line %(line)d: %(message)s") % {"line": line, "message": message})


def _seconds(hours, minutes, seconds, millis) -> float:
    return round(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000, 3)


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    if len(data) > MAX_BYTES:
        raise TranscriptError(1, _("the file is larger than 2 MB; is this really a transcript?"))
    if b"\x00" in data[:4096]:
        raise TranscriptError(1, _("this is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(data: bytes | str) -> list[Cue]:
    """Cues of a WebVTT or SRT file; the format is recognised by its content."""
    text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TranscriptError(1, _("the file is empty."))
    if lines[first].startswith("WEBVTT"):
        cues = _parse_vtt(lines)
    elif _looks_like_srt(lines, first):
        cues = _parse_srt(lines, first)
    else:
        raise TranscriptError(
            first + 1, _("this is not a WebVTT file (first line WEBVTT) or an SRT file.")
        )
    if not cues:
        raise TranscriptError(len(lines), _("the file contains no text with timestamps."))
    return cues


def _looks_like_srt(lines: list[str], first: int) -> bool:
    if lines[first].strip().isdigit() and first + 1 < len(lines):
        return "-->" in lines[first + 1]
    return "-->" in lines[first] and "," in lines[first]


def _blocks(lines: list[str], start: int):
    """(line number of the block's first line, its lines) for blocks between blank lines."""
    block: list[str] = []
    block_start = start
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip():
            if not block:
                block_start = number
            block.append(line)
        elif block:
            yield block_start, block
            block = []
    if block:
        yield block_start, block


def _timed_cue(cues, block, offset, line, pattern, example) -> tuple[float, float, str]:
    """Start, end and payload text of the cue whose timing line is ``block[offset]``."""
    match = pattern.match(block[offset].strip())
    if not match:
        raise TranscriptError(
            line,
            _("this timestamp line is not valid (expected %(example)s).") % {"example": example},
        )
    start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
    if end <= start:
        raise TranscriptError(line, _("the end time is not after the start time."))
    if cues and start < cues[-1].start:
        raise TranscriptError(line, _("this text starts before the previous one."))
    return start, end, " ".join(part.strip() for part in block[offset + 1 :])


def _parse_vtt(lines: list[str]) -> list[Cue]:
    header = lines[0].lstrip("\ufeff")
    if header != "WEBVTT" and not header.startswith(("WEBVTT ", "WEBVTT\t")):
        raise TranscriptError(1, _("the first line must be WEBVTT."))
    cues: list[Cue] = []
    blocks = _blocks(lines, 1)
    for number, block in blocks:
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block[0]:
            continue
        offset = 0
        if "-->" not in block[0]:
            offset = 1  # a cue identifier
            if len(block) < 2 or "-->" not in block[1]:
                raise TranscriptError(
                    number, _("expected a timestamp line like 00:01:02.000 --> 00:01:05.000.")
                )
        start, end, payload = _timed_cue(
            cues, block, offset, number + offset, _VTT_TIMING, "00:01:02.000 --> 00:01:05.000"
        )
        speaker = ""
        voice = _VOICE.search(payload)
        if voice:
            speaker = html.unescape(voice.group(1).strip())
        text = html.unescape(_TAG.sub("", payload)).strip()
        if text:
            cues.append(Cue(start=start, end=end, text=text, speaker=speaker))
    return cues


def _parse_srt(lines: list[str], first: int) -> list[Cue]:
    cues: list[Cue] = []
    for number, block in _blocks(lines, first):
        offset = 1 if block[0].strip().isdigit() else 0
        if offset == 0 and "-->" not in block[0]:
            raise TranscriptError(number, _("expected a cue number or a timestamp line."))
        if len(block) <= offset:
            raise TranscriptError(number, _("a cue number without a timestamp line."))
        start, end, payload = _timed_cue(
            cues, block, offset, number + offset, _SRT_TIMING, "00:01:02,000 --> 00:01:05,000"
        )
        text = html.unescape(_TAG.sub("", payload)).strip()
        speaker = ""
        named = _SRT_SPEAKER.match(text)
        if named:
            speaker, text = named.group(1).strip(), named.group(2).strip()
        if text:
            cues.append(Cue(start=start, end=end, text=text, speaker=speaker))
    return cues


def clock(seconds: float, *, separator: str = ".") -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_vtt(cues: list[Cue]) -> str:
    parts = ["WEBVTT", ""]
    for cue in cues:
        parts.append(f"{clock(cue.start)} --> {clock(cue.end)}")
        text = html.escape(cue.text, quote=False)
        if cue.speaker:
            # A voice's name is cue text too: "&" and "<" must be escaped (WebVTT, 4.2.2).
            voice = html.escape(cue.speaker.replace(">", ""), quote=False)
            parts.append(f"<v {voice}>{text}")
        else:
            parts.append(text)
        parts.append("")
    return "\n".join(parts)


def to_srt(cues: list[Cue]) -> str:
    parts = []
    for number, cue in enumerate(cues, start=1):
        parts.append(str(number))
        parts.append(f"{clock(cue.start, separator=',')} --> {clock(cue.end, separator=',')}")
        parts.append(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text)
        parts.append("")
    return "\n".join(parts)


def short_clock(seconds: float) -> str:
    """12:34 or 1:02:03, as players show time."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


def passages(cues: list[Cue], max_chars: int = 400) -> list[tuple[float, str, str]]:
    """(start, speaker, text) of whole sentences: cues joined until a sentence ends.

    A search hit links to the start of the sentence and shows it whole, however the
    transcript's author cut the cues.
    """
    result = []
    current: list[Cue] = []
    for cue in cues:
        if current and (
            cue.speaker != current[0].speaker
            or sum(len(c.text) for c in current) + len(cue.text) > max_chars
        ):
            result.append(current)
            current = []
        current.append(cue)
        if _SENTENCE_END.search(cue.text):
            result.append(current)
            current = []
    if current:
        result.append(current)
    return [(part[0].start, part[0].speaker, " ".join(c.text for c in part)) for part in result]
