from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts import shortcuts as accounts_shortcuts

from . import home


class HomePage(Page):
    """The front door: what the platform is for, and what is new in each section."""

    intro = models.TextField(
        _("introduction"),
        help_text=_("One or two sentences that say what the platform is for."),
    )
    body = RichTextField(
        _("more explanation"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # Each section's index page joins this list when its app arrives.
    subpage_types = [
        "portal.SectionPage",
        "knowledge.KnowledgeIndexPage",
        "knowledge.LearningActivityIndexPage",
        "podcasts.PodcastIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blocks"] = home.filled_blocks(request)
        context["shortcuts"] = accounts_shortcuts.for_user(request.user)
        return context


class SectionPage(Page):
    """A section of the site whose own features have not arrived yet.

    It holds the stable address (``/kennisbank/``, ``/forum/``, ...) with an
    explanation; the section's own index page takes its place when it lands.
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
