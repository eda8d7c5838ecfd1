import pytest

from podcasts import chapters, transcripts
from podcasts.transcripts import Cue, TranscriptError

VTT = """WEBVTT Kind: captions

NOTE made by hand

intro
00:00.000 --> 00:04.500
<v Lotte Vermeulen>Welkom bij <i>Sterk Werk</i>.

00:00:04.500 --> 00:00:09.250 align:start
<v.guest Karim Bouzid>Dank je &amp; goeiemorgen.
Het was een lange weg.

01:02:03.000 --> 01:02:05.000
Zonder spreker.
"""

SRT = (
    "\ufeff1\r\n00:00:01,000 --> 00:00:03,000\r\nLotte: Welkom bij Sterk Werk.\r\n\r\n"
    "2\r\n00:00:03,500 --> 00:00:06,000\r\nKarim Bouzid: Dank je.\r\nFijn om hier te zijn.\r\n\r\n"
    "3\r\n00:00:07,000 --> 00:00:08,000\r\nLet op dit: geen spreker want kleine letter? Nee.\r\n"
)


def test_webvtt_with_voices_identifiers_notes_and_settings():
    cues = transcripts.parse(VTT.encode())
    assert cues == [
        Cue(0.0, 4.5, "Welkom bij Sterk Werk.", "Lotte Vermeulen"),
        Cue(4.5, 9.25, "Dank je & goeiemorgen. Het was een lange weg.", "Karim Bouzid"),
        Cue(3723.0, 3725.0, "Zonder spreker.", ""),
    ]


def test_srt_with_bom_crlf_and_speaker_prefixes():
    cues = transcripts.parse(SRT.encode())
    assert [(c.start, c.speaker, c.text) for c in cues] == [
        (1.0, "Lotte", "Welkom bij Sterk Werk."),
        (3.5, "Karim Bouzid", "Dank je. Fijn om hier te zijn."),
        (7.0, "Let op dit", "geen spreker want kleine letter? Nee."),
    ]


def test_windows_1252_srt_is_read():
    data = "1\n00:00:01,000 --> 00:00:02,000\nCliënt en café\n".encode("cp1252")
    assert transcripts.parse(data)[0].text == "Cliënt en café"


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_written_files_read_back_the_same(fmt):
    cues = transcripts.parse(VTT.encode())
    written = transcripts.to_vtt(cues) if fmt == "vtt" else transcripts.to_srt(cues)
    assert transcripts.parse(written.encode()) == cues


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "leeg"),
        ("Hallo daar\nDit is geen transcript\n", 1, "geen WebVTT"),
        ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHoi\n", 1, "WEBVTT zijn"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHoi\n\n00:03.000 -> 00:04.000\nDag\n", 6, "tijdregel"),
        ("WEBVTT\n\nid\nHoi daar\n", 3, "tijdregel"),
        ("WEBVTT\n\n00:05.000 --> 00:04.000\nHoi\n", 3, "eindtijd"),
        (
            "WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n",
            6,
            "vóór de vorige",
        ),
        ("WEBVTT\n\n00:61.000 --> 00:62.000\nHoi\n", 3, "klopt niet"),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03 --> 00:00:04,000\nB\n",
            6,
            "klopt niet",
        ),
        ("1\n00:00:01,000 --> 00:00:02,000\nA\n\nzomaar tekst\n", 5, "volgnummer"),
        ("WEBVTT\n\nNOTE alleen een notitie\n", 4, "geen tekst"),
    ],
)
def test_malformed_files_name_the_line(text, line, words):
    with pytest.raises(TranscriptError) as caught:
        transcripts.parse(text.encode())
    assert caught.value.line == line
    assert words.lower() in caught.value.message.lower()
    assert str(caught.value).startswith(f"Regel {line}: ")


def test_binary_and_huge_files_are_refused():
    with pytest.raises(TranscriptError, match="geen tekstbestand"):
        transcripts.parse(b"ID3\x03\x00\x00\x00binary")
    with pytest.raises(TranscriptError, match="groter dan 2 MB"):
        transcripts.parse(b"WEBVTT\n" + b"x" * (transcripts.MAX_BYTES + 1))


def test_passages_join_cues_into_sentences_per_speaker():
    cues = [
        Cue(1.0, 2.0, "We bespreken alleen", "Hanne"),
        Cue(2.0, 3.0, "wat nodig is.", "Hanne"),
        Cue(3.0, 4.0, "Dat klopt.", "Wim"),
        Cue(4.0, 5.0, "Zonder einde", "Wim"),
        Cue(5.0, 6.0, "Nieuwe spreker", "Hanne"),
    ]
    assert transcripts.passages(cues) == [
        (1.0, "Hanne", "We bespreken alleen wat nodig is."),
        (3.0, "Wim", "Dat klopt."),
        (4.0, "Wim", "Zonder einde"),
        (5.0, "Hanne", "Nieuwe spreker"),
    ]


def test_chapters_good():
    parsed = chapters.parse("0:00 Welkom\n\n1:05 - De burn-out\r\n1:02:03 Tips: kleine stappen\n")
    assert [(c.start, c.title, c.clock) for c in parsed] == [
        (0, "Welkom", "0:00"),
        (65, "De burn-out", "1:05"),
        (3723, "Tips: kleine stappen", "1:02:03"),
    ]
    assert chapters.to_json(parsed, title="Aflevering") == {
        "version": "1.2.0",
        "title": "Aflevering",
        "chapters": [
            {"startTime": 0, "title": "Welkom"},
            {"startTime": 65, "title": "De burn-out"},
            {"startTime": 3723, "title": "Tips: kleine stappen"},
        ],
    }


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("0:00 Welkom\nDe burn-out\n", 2, "begin met een tijd"),
        ("0:00 Welkom\n\n0:30\n", 3, "geen titel"),
        ("0:30 Welkom\n0:10 Terug\n", 2, "na het vorige"),
        ("0:00 Welkom\n0:30 Ook\n0:30 Dubbel\n", 3, "na het vorige"),
        ("1:75:00 Te veel minuten\n", 1, "minuten"),
        ("0:00 Welkom\n5:00 Na het einde\n", 2, "na het einde"),
    ],
)
def test_malformed_chapters_name_the_line(text, line, words):
    with pytest.raises(chapters.ChapterError) as caught:
        chapters.parse(text, duration=120)
    assert caught.value.line == line
    assert words in caught.value.message


def test_demo_audio_without_espeak_is_still_real_audio(monkeypatch):
    import io

    from podcasts import audio, synth

    monkeypatch.setattr(synth, "espeak_available", lambda: False)
    mp3, cues = synth.build([("Lotte", "nl+f3", "Een zin. Nog een zin met meer woorden erin.")])
    info = audio.inspect(io.BytesIO(mp3), len(mp3))
    assert info.mime_type == "audio/mpeg"
    assert [cue.text for cue in cues] == ["Een zin.", "Nog een zin met meer woorden erin."]
    assert cues[0].end <= cues[1].start < cues[1].end <= info.duration
