"""Demo content: the Sterk Werk show with episodes whose audio the demo speaks itself."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from knowledge.models import KnowledgeProductPage, Theme
from portal.demo import replace_placeholder
from portal.models import HomePage

from . import audio, synth
from . import demo_content as content
from .models import (
    EpisodeGuest,
    EpisodePage,
    EpisodeRelatedProduct,
    PodcastIndexPage,
    PodcastShowPage,
    ShowHost,
    UpdateFrequency,
)
from .transcripts import short_clock

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _font(size: int):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def artwork_png(title: str = content.SHOW_TITLE, side: int = 1400) -> bytes:
    """Square show artwork: the title on the platform's colour above a sound wave."""
    image = PILImage.new("RGB", (side, side), (11, 85, 99))
    draw = ImageDraw.Draw(image)
    for i in range(48):  # the wave
        height = int(side * 0.06 + side * 0.18 * abs(((i * 7) % 13) - 6) / 6)
        x = int(side * 0.1 + i * side * 0.8 / 48)
        top = int(side * 0.68 - height / 2)
        draw.rounded_rectangle(
            [x, top, x + int(side * 0.009), top + height], radius=6, fill=(255, 214, 153)
        )
    draw.text((side * 0.1, side * 0.16), title, font=_font(int(side * 0.13)), fill="white")
    draw.text(
        (side * 0.1, side * 0.34), "de podcast van SAM", font=_font(int(side * 0.05)), fill="white"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _artwork():
    Image = get_image_model()
    image = Image.objects.filter(title="Sterk Werk artwork").first()
    if image is None:
        image = Image(title="Sterk Werk artwork", collection=Collection.get_first_root_node())
        image.file = ImageFile(io.BytesIO(artwork_png()), name="sterk-werk.png")
        image.save()
    return image


def ensure_index(out) -> PodcastIndexPage:
    """The podcast overview at /podcast/, replacing the placeholder section."""
    home = HomePage.objects.get()
    index = PodcastIndexPage.objects.first()
    if index is None:
        replace_placeholder(home, "podcast")
        index = home.add_child(
            instance=PodcastIndexPage(title="Podcast", slug="podcast", intro=content.INDEX_INTRO)
        )
        out.write("  /podcast/ aangemaakt")
    return index


def _show(index, out) -> PodcastShowPage:
    show = PodcastShowPage.objects.filter(slug="sterk-werk").first()
    if show is None:
        host_name = content.PEOPLE[content.HOST][0]
        show = PodcastShowPage(
            title=content.SHOW_TITLE,
            slug="sterk-werk",
            description=content.SHOW_DESCRIPTION,
            artwork=_artwork(),
            category="Society & Culture",
            author="SAM vzw",
            owner_name="SAM vzw",
            owner_email="podcast@example.org",
            copyright="© SAM vzw",
            update_frequency=UpdateFrequency.MONTHLY,
        )
        show.hosts = [ShowHost(name=host_name)]
        index.add_child(instance=show)
        show.save_revision().publish()
        out.write("  podcast Sterk Werk aangemaakt")
    elif not show.update_frequency:  # a demo loaded before the field existed
        show.update_frequency = UpdateFrequency.MONTHLY
        show.save_revision().publish()
    return show


def build_episode(row) -> tuple[bytes, list, str]:
    """Audio, cues and chapter text of one episode row of ``demo_content.EPISODES``."""
    turns = row[10]
    mp3, cues = synth.build(
        [(content.PEOPLE[key][0], content.PEOPLE[key][2], text) for key, text, _ in turns]
    )
    # A chapter starts with the first sentence of the turn that opens it.
    chapters, cue_index = [], 0
    for _key, text, chapter in turns:
        if chapter:
            chapters.append(f"{short_clock(cues[cue_index].start)} {chapter}")
        cue_index += len(synth.split_sentences(text))
    # The jingle opens the first chapter: it starts at 0:00, as apps expect.
    if chapters:
        chapters[0] = "0:00 " + chapters[0].split(" ", 1)[1]
    return mp3, cues, "\n".join(chapters)


def _episodes(show, out) -> None:
    existing = set(EpisodePage.objects.child_of(show).values_list("slug", flat=True))
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    products = {p.slug: p for p in KnowledgeProductPage.objects.all()}
    created = 0
    for row in content.EPISODES:
        (number, kind, slug, title, months_ago, guests, theme_slugs, product_slugs, summary,
         notes, _turns) = row  # fmt: skip
        if slug in existing:
            continue
        mp3, cues, chapters = build_episode(row)
        info = audio.inspect(io.BytesIO(mp3), len(mp3))
        released = timezone.now() - datetime.timedelta(days=30 * months_ago + 2)
        episode = EpisodePage(
            title=title,
            slug=slug,
            number=number,
            season=1 if number else None,
            episode_type=kind,
            release_date=released,
            summary=summary,
            show_notes=notes,
            chapters=chapters,
            transcript=[cue.as_dict() for cue in cues],
            transcript_filename=f"{slug}.vtt",
            audio_mime_type=info.mime_type,
            audio_size=info.size,
            audio_duration=info.duration,
        )
        episode.audio_file.save(f"{slug}.mp3", ContentFile(mp3), save=False)
        episode.themes = [themes[s] for s in theme_slugs if s in themes]
        episode.guests = [
            EpisodeGuest(
                name=content.PEOPLE[key][0],
                role=content.PEOPLE[key][1],
                description=content.PEOPLE[key][3],
            )
            for key in guests
        ]
        episode.related_products = [
            EpisodeRelatedProduct(product=products[s]) for s in product_slugs if s in products
        ]
        show.add_child(instance=episode)
        episode.save_revision().publish()
        created += 1
    if created:
        spoken = "gesproken door eSpeak NG" if synth.espeak_available() else "tonen: geen eSpeak NG"
        out.write(f"  {created} afleveringen aangemaakt ({spoken})")


def load(out) -> None:
    if not HomePage.objects.exists():
        return
    index = ensure_index(out)
    show = _show(index, out)
    _episodes(show, out)
