"""The podcast: shows (/podcast/<show>/) and their episodes, with audio, chapters, transcript."""

import datetime
import functools
import uuid
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal import visibility

from . import chapters as chapter_parser
from .forms import EpisodePageForm, ShowPageForm
from .transcripts import Cue, short_clock

EPISODES_PER_PAGE = 20
# The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

# Apple Podcasts categories that fit the show's subjects ("Category|Subcategory").
CATEGORIES = [
    ("Society & Culture", "Society & Culture"),
    ("Society & Culture|Documentary", "Society & Culture › Documentary"),
    ("Society & Culture|Personal Journals", "Society & Culture › Personal Journals"),
    ("Business|Careers", "Business › Careers"),
    ("Business|Non-Profit", "Business › Non-Profit"),
    ("Health & Fitness|Mental Health", "Health & Fitness › Mental Health"),
    ("Education", "Education"),
    ("Government", "Government"),
    ("News|Politics", "News › Politics"),
]


class PodcastIndexPage(Page):
    """/podcast/: every show, and the newest episodes across them."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["podcasts.PodcastShowPage"]
    max_count = 1

    class Meta:
        verbose_name = _("podcast overview")
        verbose_name_plural = _("podcast overviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        shows = list(
            visibility.visible_pages(PodcastShowPage.objects.child_of(self), user, request)
            .select_related("artwork")
            .order_by("path")
        )
        latest = list(
            visibility.visible_pages(EpisodePage.objects.descendant_of(self), user, request)
            .with_release()
            .order_by("-released_at", "-pk")[:6]
        )
        shows_by_path = {show.path: show for show in shows}
        for episode in latest:  # the template names each episode's show: no query per episode
            show = shows_by_path.get(episode.path[: -episode.steplen])
            if show is not None:
                episode.show = show
        context["shows"] = shows
        context["several_shows"] = len(shows) > 1
        context["latest"] = latest
        return context


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Episodic (newest first)")
    SERIAL = "serial", _("Serial (listen in order)")


class UpdateFrequency(models.TextChoices):
    """How often new episodes come: podcast:updateFrequency in the feed."""

    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    IRREGULAR = "irregular", _("Now and then")
    COMPLETE = "complete", _("Complete: no new episodes")


class PodcastShowPage(RoutablePageMixin, Page):
    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_("What the show is about; podcast apps show this text."),
    )
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("artwork"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square, at least 1400 × 1400 and at most 3000 × 3000 pixels, JPEG or PNG."),
    )
    category = models.CharField(
        _("category"), max_length=60, choices=CATEGORIES, default="Society & Culture"
    )
    language = models.CharField(_("language"), max_length=10, default="nl", editable=False)
    explicit = models.BooleanField(
        _("explicit content"), default=False, help_text=_("Podcast apps mark the show with an E.")
    )
    show_type = models.CharField(
        _("kind of show"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )
    author = models.CharField(_("maker"), max_length=120, default="SAM vzw")
    owner_name = models.CharField(_("owner"), max_length=120, default="SAM vzw")
    owner_email = models.EmailField(
        _("owner's email"),
        help_text=_("Podcast directories send verification mails here; it is in the feed."),
    )
    copyright = models.CharField(_("copyright"), max_length=200, blank=True)
    feed_locked = models.BooleanField(
        _("locked against moving"),
        default=True,
        help_text=_("Other podcast hosts may not import this feed without the owner's consent."),
    )
    update_frequency = models.CharField(
        _("new episodes"),
        max_length=10,
        choices=UpdateFrequency.choices,
        blank=True,
        help_text=_("How often a new episode comes; podcast apps may show it."),
    )
    apple_podcasts_url = models.URLField(_("Apple Podcasts link"), blank=True)
    spotify_url = models.URLField(_("Spotify link"), blank=True)
    podcast_guid = models.UUIDField(editable=False, null=True)

    base_form_class = ShowPageForm
    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("artwork"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("show_type"), FieldPanel("explicit")]),
        FieldPanel("update_frequency"),
        InlinePanel("hosts", heading=_("Hosts"), label=_("host")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("copyright")]),
                FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner_email")]),
                FieldPanel("feed_locked"),
            ],
            heading=_("Feed details"),
        ),
        MultiFieldPanel(
            [FieldPanel("apple_podcasts_url"), FieldPanel("spotify_url")],
            heading=_("Listen in the apps"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["podcasts.PodcastIndexPage"]
    subpage_types = ["podcasts.EpisodePage"]
    exclude_fields_in_copy = ["podcast_guid"]

    class Meta:
        verbose_name = _("podcast show")
        verbose_name_plural = _("podcast shows")

    def feed_url(self) -> str:
        return self.reverse_subpage("feed")

    def absolute_feed_url(self) -> str:
        return absolute(self.url + self.feed_url())

    def app_links(self) -> list[tuple[str, str]]:
        """Links that open the feed in a podcast app, as (app, address).

        Only the apps that take a feed address: Spotify (and Apple Podcasts' own page) need
        an id from their side, which staff fill in as spotify_url / apple_podcasts_url.
        """
        feed = self.absolute_feed_url()
        bare = feed.split("://", 1)[-1]
        links = [
            ("Apple Podcasts", self.apple_podcasts_url or f"pcast://{bare}"),
            ("Overcast", f"overcast://x-callback-url/add?url={quote(feed, safe='')}"),
            ("Pocket Casts", f"pktc://subscribe/{bare}"),
            # AntennaPod's documented deep link: a web page that opens the app (or explains it).
            ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?url={quote(feed, safe='')}"),
            ("Podcast Addict", f"podcastaddict://{bare}"),
        ]
        if self.spotify_url:
            links.insert(1, ("Spotify", self.spotify_url))
        return links

    def podcast_scheme_url(self) -> str:
        """podcast://: opens whichever podcast app the phone has made the default."""
        return "podcast://" + self.absolute_feed_url().split("://", 1)[-1]

    def save(self, *args, **kwargs):
        if self.podcast_guid is None and self.url_path:
            # As the Podcasting 2.0 spec says: UUIDv5 of the feed URL without scheme and
            # trailing slash, made once and then kept when the address changes.
            url = self.absolute_feed_url().split("://", 1)[-1].rstrip("/")
            self.podcast_guid = uuid.uuid5(PODCAST_GUID_NAMESPACE, url)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "podcast_guid"}
        super().save(*args, **kwargs)

    def episodes(self, request):
        """The episodes this visitor may see, newest first."""
        return (
            visibility.visible_pages(EpisodePage.objects.child_of(self), request.user, request)
            .with_release()
            .order_by("-released_at", "-pk")
        )

    @path("feed/", name="feed")
    def feed(self, request):
        from . import feed

        return feed.response(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.episodes(request), EPISODES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("pagina"))
        context["episodes"] = page_obj
        context["uses_seasons"] = any(episode.season for episode in page_obj)
        context["hosts"] = list(self.hosts.all())
        return context


class ShowHost(Orderable):
    show = ParentalKey(PodcastShowPage, on_delete=models.CASCADE, related_name="hosts")
    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("web page"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("url")])]

    def __str__(self):
        return self.name


class EpisodeQuerySet(PageQuerySet):
    def with_release(self):
        """Annotated with ``released_at``: the publication date, or else the first publish."""
        return self.annotate(released_at=Coalesce("release_date", "first_published_at"))


class EpisodeType(models.TextChoices):
    FULL = "full", _("Full episode")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonus")


class GuestRole(models.TextChoices):
    EXPERT_BY_EXPERIENCE = "ervaringsdeskundige", _("expert by experience")
    COMMUNITY_WORKER = "opbouwwerker", _("community worker")
    POLICY_MAKER = "beleidsmaker", _("policy maker")
    RESEARCHER = "onderzoeker", _("researcher")
    CASE_MANAGER = "casemanager", _("case manager")
    JOB_COACH = "jobcoach", _("job coach")
    EMPLOYER = "werkgever", _("employer")
    OTHER = "andere", _("other")


def _new_guid() -> str:
    return str(uuid.uuid4())


class EpisodePage(Page):
    number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    season = models.PositiveIntegerField(
        _("season"), null=True, blank=True, help_text=_("Leave empty if the show has no seasons.")
    )
    episode_type = models.CharField(
        _("kind of episode"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    release_date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Empty: the moment the episode is first published."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences; apps show this first.")
    )
    show_notes = RichTextField(
        _("show notes"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("episode artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: podcast apps show it instead of the show's artwork. Square, "
            "1400 × 1400 to 3000 × 3000 pixels, JPEG or PNG."
        ),
    )
    audio_file = models.FileField(
        _("audio file"), upload_to="podcast/audio/", blank=True, editable=False, max_length=255
    )
    audio_mime_type = models.CharField(max_length=40, blank=True, editable=False)
    audio_size = models.BigIntegerField(default=0, editable=False)
    audio_duration = models.FloatField(default=0, editable=False)
    chapters = models.TextField(
        _("chapters"),
        blank=True,
        help_text=_("One chapter per line: the start time and the title, e.g. 12:34 Introduction."),
    )
    transcript = models.JSONField(default=list, blank=True, editable=False)
    transcript_filename = models.CharField(max_length=255, blank=True, editable=False)
    themes = ParentalManyToManyField("knowledge.Theme", verbose_name=_("themes"), blank=True)
    guid = models.CharField(max_length=64, default=_new_guid, editable=False, db_index=True)

    objects = PageManager.from_queryset(EpisodeQuerySet)()

    base_form_class = EpisodePageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("season"), FieldPanel("episode_type")]),
        FieldPanel("release_date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audio_upload"),
                FieldPanel("transcript_upload"),
                FieldPanel("remove_transcript"),
            ],
            heading=_("Audio and transcript"),
        ),
        FieldPanel("chapters"),
        FieldPanel("show_notes"),
        FieldPanel("artwork"),
        InlinePanel("guests", heading=_("Guests"), label=_("guest")),
        FieldPanel("themes"),
        InlinePanel("related_products", heading=_("Related knowledge"), label=_("product")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("show_notes"),
    ]
    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["guid"]

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    @property
    def released(self):
        return self.release_date or self.first_published_at or timezone.now()

    @cached_property
    def show(self) -> "PodcastShowPage":
        return self.get_parent().specific

    @cached_property
    def cues(self) -> list[Cue]:
        return [Cue.from_dict(item) for item in self.transcript or []]

    @cached_property
    def chapter_list(self) -> list[chapter_parser.Chapter]:
        try:
            return chapter_parser.parse(self.chapters)
        except chapter_parser.ChapterError:
            return []

    @property
    def duration_clock(self) -> str:
        return short_clock(self.audio_duration)

    @property
    def duration_minutes(self) -> int:
        return max(1, round(self.audio_duration / 60))

    @property
    def audio_extension(self) -> str:
        return "m4a" if self.audio_mime_type == "audio/mp4" else "mp3"

    def audio_url(self) -> str:
        return f"{episode_files_prefix()}{self.pk}/audio.{self.audio_extension}"

    def chapters_url(self) -> str:
        return f"{episode_files_prefix()}{self.pk}/hoofdstukken.json"

    def transcript_url(self, kind: str = "vtt") -> str:
        return f"{episode_files_prefix()}{self.pk}/transcript.{kind}"

    def clean(self):
        super().clean()
        errors = {}
        try:
            chapter_parser.parse(self.chapters)
        except chapter_parser.ChapterError as error:
            errors["chapters"] = str(error)
        if self.release_date and self.release_date > timezone.now() + datetime.timedelta(hours=1):
            # A future date would put the episode in the feed now, dated later.
            errors["release_date"] = _(
                "The publication date lies in the future. To publish the episode later, "
                "schedule it in the status panel (Schedule publishing)."
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show"] = self.show
        context["guests"] = list(self.guests.all())
        context["themes"] = list(self.themes.all())
        visible_ids = visibility.visible_page_ids(
            self.related_products.values_list("product_id", flat=True), request.user, request
        )
        context["related"] = [
            link.product
            for link in self.related_products.filter(product__in=visible_ids).select_related(
                "product"
            )
        ]
        context["turns"] = transcript_turns(self.cues)
        return context


@functools.cache
def episode_files_prefix() -> str:
    """/podcast/aflevering/: where podcasts/urls.py serves an episode's files.

    Reversed once: reverse() costs ~30 µs, and a feed of 500 episodes needs 2,000 of these
    URLs. tests/podcasts/test_audio_and_files.py requests each of them.
    """
    return reverse("podcasts:chapters", args=[0]).removesuffix("0/hoofdstukken.json")


def transcript_turns(cues: list[Cue]) -> list[dict]:
    """Cues grouped by speaker, each line with the anchor id of its second (first one wins)."""
    turns: list[dict] = []
    seen: set[int] = set()
    for cue in cues:
        second = int(cue.start)
        line = {"cue": cue, "second": second, "clock": short_clock(cue.start), "anchor": ""}
        if second not in seen:
            seen.add(second)
            line["anchor"] = f"t={second}"
        if not turns or turns[-1]["speaker"] != cue.speaker:
            turns.append({"speaker": cue.speaker, "lines": []})
        turns[-1]["lines"].append(line)
    return turns


class EpisodeGuest(Orderable):
    episode = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=30, choices=GuestRole.choices)
    description = models.CharField(
        _("about"), max_length=200, blank=True, help_text=_("E.g. where they work.")
    )
    url = models.URLField(_("web page"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("description"),
        FieldPanel("url"),
    ]

    def __str__(self):
        return self.name


class EpisodeRelatedProduct(Orderable):
    episode = ParentalKey(EpisodePage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey(
        "knowledge.KnowledgeProductPage",
        verbose_name=_("knowledge product"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("product")]


def absolute(url: str) -> str:
    return url if "://" in url else settings.SITE_URL + url
