"""Audio files: what they are, read from their content with mutagen."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

import mutagen
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4

MAX_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class AudioInfo:
    mime_type: str
    extension: str
    duration: float
    size: int


class AudioError(ValueError):
    pass


def inspect(fileobj, size: int) -> AudioInfo:
    """MP3 or M4A audio with a length; anything else raises ``AudioError``."""
    if size == 0:
        raise AudioError(_("The file is empty."))
    if size > MAX_BYTES:
        raise AudioError(_("The file is larger than 500 MB."))
    fileobj.seek(0)
    try:
        audio = mutagen.File(fileobj)
    except Exception as error:  # mutagen raises many kinds of errors on damaged files
        raise AudioError(
            _("This file cannot be read as audio (%(reason)s).") % {"reason": error}
        ) from error
    finally:
        fileobj.seek(0)
    if isinstance(audio, MP3):
        mime_type, extension = "audio/mpeg", "mp3"
    elif isinstance(audio, MP4) and getattr(audio.info, "codec", "").startswith(("mp4a", "alac")):
        mime_type, extension = "audio/mp4", "m4a"
    else:
        raise AudioError(_("Choose an MP3 or M4A audio file; this file is neither."))
    duration = float(getattr(audio.info, "length", 0) or 0)
    if duration <= 0:
        raise AudioError(_("This audio file has no length; it may be damaged."))
    return AudioInfo(mime_type=mime_type, extension=extension, duration=duration, size=size)
