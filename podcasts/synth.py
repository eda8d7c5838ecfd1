"""Real, short audio for the demo episodes: synthesised Dutch speech of each transcript.

eSpeak NG speaks the sentences (one voice per speaker), lameenc encodes them as MP3,
and the cue times come from the number of samples, so transcript and audio agree to
the millisecond. Without eSpeak NG (a machine where it cannot be installed) each
sentence becomes a soft tone of about the same length, so the demo still works.
"""

import io
import math
import shutil
import subprocess
import wave
from array import array

import lameenc

from .transcripts import Cue

RATE = 22050
SENTENCE_PAUSE = 0.35
TURN_PAUSE = 0.7


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def _silence(seconds: float) -> array:
    return array("h", bytes(2 * int(RATE * seconds)))


def _tone(seconds: float, frequency: float, volume: float = 0.18) -> array:
    count = int(RATE * seconds)
    fade = max(1, int(RATE * 0.03))
    samples = array("h")
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        samples.append(
            int(32767 * volume * envelope * math.sin(2 * math.pi * frequency * i / RATE))
        )
    return samples


def jingle() -> array:
    samples = array("h")
    for frequency in (523.25, 659.25, 783.99):
        samples.extend(_tone(0.22, frequency))
    samples.extend(_tone(0.5, 1046.5, 0.14))
    samples.extend(_silence(0.4))
    return samples


def _speak(text: str, voice: str, speed: int) -> array:
    executable = shutil.which("espeak-ng")
    result = subprocess.run(  # noqa: S603  (fixed executable, text passed as one argument)
        [executable, "-v", voice, "-s", str(speed), "--stdout", "--", text],
        capture_output=True,
        check=True,
        timeout=60,
    )
    with wave.open(io.BytesIO(result.stdout)) as wav:
        frames = wav.readframes(wav.getnframes())
        source_rate = wav.getframerate()
    samples = array("h", frames)
    if source_rate != RATE:  # eSpeak NG speaks at 22050 Hz; resample crudely if not
        step = source_rate / RATE
        samples = array("h", (samples[int(i * step)] for i in range(int(len(samples) / step))))
    return samples


def _stand_in(text: str, pitch: float) -> array:
    seconds = max(1.0, 0.36 * len(text.split()))
    return _tone(seconds, pitch, 0.08)


def build(turns: list[tuple[str, str, str]], *, speed: int = 165) -> tuple[bytes, list[Cue]]:
    """MP3 bytes and cues for turns of (speaker, eSpeak voice, text of one or more sentences)."""
    speak = espeak_available()
    samples = jingle()
    cues: list[Cue] = []
    pitches: dict[str, float] = {}
    for speaker, voice, text in turns:
        pitches.setdefault(speaker, 180.0 + 40 * len(pitches))
        for sentence in split_sentences(text):
            start = len(samples) / RATE
            spoken = (
                _speak(sentence, voice, speed) if speak else _stand_in(sentence, pitches[speaker])
            )
            samples.extend(spoken)
            end = len(samples) / RATE
            cues.append(
                Cue(start=round(start, 3), end=round(end, 3), text=sentence, speaker=speaker)
            )
            samples.extend(_silence(SENTENCE_PAUSE))
        samples.extend(_silence(TURN_PAUSE - SENTENCE_PAUSE))
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(40)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)
    mp3 = encoder.encode(samples.tobytes()) + encoder.flush()
    return bytes(mp3), cues


def split_sentences(text: str) -> list[str]:
    parts, current = [], []
    for word in text.split():
        current.append(word)
        if word.endswith((".", "?", "!")):
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return parts
