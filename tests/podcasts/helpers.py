"""Shows and episodes for the podcast tests, with real (synthesised) MP3 audio."""

import functools
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from podcasts import audio, demo, synth
from podcasts.models import EpisodeGuest, EpisodePage, PodcastIndexPage, PodcastShowPage, ShowHost
from podcasts.transcripts import Cue

TURNS = [
    (
        "Lotte Vermeulen",
        "nl+f3",
        "Welkom bij Sterk Werk. Vandaag: werk na een burn-out.",
    ),
    ("Karim Bouzid", "nl+m3", "Dank je. Kleine stappen zijn ook stappen."),
]


@functools.cache
def sample_audio() -> tuple[bytes, tuple[Cue, ...]]:
    mp3, cues = synth.build(TURNS)
    return mp3, tuple(cues)


def make_show(home, *, title="Sterk Werk", slug="sterk-werk") -> PodcastShowPage:
    index = PodcastIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=PodcastIndexPage(title="Podcast", slug="podcast"))
    image = get_image_model()(title="art", collection=Collection.get_first_root_node())
    image.file = ImageFile(io.BytesIO(demo.artwork_png(side=1400)), name="art.png")
    image.save()
    show = PodcastShowPage(
        title=title,
        slug=slug,
        description="Over duurzaam werk.",
        artwork=image,
        owner_email="podcast@example.org",
    )
    show.hosts = [ShowHost(name="Lotte Vermeulen")]
    index.add_child(instance=show)
    show.save_revision().publish()
    show.refresh_from_db()
    return show


def make_episode(show, *, title="Werk na een burn-out", slug=None, number=1, live=True, **fields):
    mp3, cues = sample_audio()
    info = audio.inspect(io.BytesIO(mp3), len(mp3))
    episode = EpisodePage(
        title=title,
        slug=slug or f"aflevering-{number}",
        number=number,
        season=fields.pop("season", 1),
        summary=fields.pop("summary", "Karim vertelt hoe hij opnieuw aan de slag ging."),
        show_notes=fields.pop("show_notes", "<p>Over kleine stappen.</p>"),
        chapters=fields.pop("chapters", "0:00 Welkom\n0:05 Kleine stappen"),
        transcript=[cue.as_dict() for cue in fields.pop("cues", cues)],
        audio_mime_type=info.mime_type,
        audio_size=info.size,
        audio_duration=info.duration,
        live=live,
        **fields,
    )
    episode.audio_file.save(f"{episode.slug}.mp3", ContentFile(mp3), save=False)
    episode.guests = [EpisodeGuest(name="Karim Bouzid", role="ervaringsdeskundige")]
    show.add_child(instance=episode)
    if live:
        episode.save_revision().publish()
    else:
        episode.save_revision()
    episode.refresh_from_db()
    return episode
