import datetime
import itertools

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts import access
from portal import visibility

from ..blocks import BaseStreamBlock

PAGE_SIZE = 20
RELATED_LIMIT = 4


class ProductType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    METHOD = "method", _("Method")
    FACTSHEET = "factsheet", _("Factsheet")
    PRACTICE_EXAMPLE = "practice", _("Practice example")
    REGULATION = "regulation", _("Regulation")
    TOOL = "tool", _("Tool or template")
    RESEARCH = "research", _("Research")
    VIDEO = "video", _("Video")


REVIEW_INTERVALS = [
    (3, _("every 3 months")),
    (6, _("every 6 months")),
    (12, _("every year")),
    (24, _("every 2 years")),
    (36, _("every 3 years")),
]


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # 31 January + 1 month is the last day of February.
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def can_read_members_content(user) -> bool:
    """Members, policy workers and staff read members-only content; visitors do not."""
    return access.is_member(user)


class KnowledgeIndexPage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.KnowledgeProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")
        verbose_name_plural = _("knowledge bases")

    def get_context(self, request, *args, **kwargs):
        from ..filters import ProductFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ProductFilterForm(request.GET or None)
        products = form.apply(
            visibility.visible_pages(
                KnowledgeProductPage.objects.child_of(self), request.user, request
            ).prefetch_related("themes")
        )
        page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("pagina"))
        context.update(
            form=form,
            products=page,
            can_read_members_content=can_read_members_content(request.user),
            query_string=form.query_string(),
            show_dates=form.sorted_by_date(),
        )
        return context


# Up to this many themes, related products are found through each combination of them.
MAX_COMBINED_THEMES = 5


def sharing_themes(products, theme_ids, limit: int) -> list:
    """The first ``limit`` of ``products`` by the number of ``theme_ids`` they share, newest
    first among equals, without counting the shared themes of every product that has one
    (thousands in a large collection).

    A product whose shared themes are the set U is beaten by every newer product that has
    all of U. So it can only be among the first ``limit`` if it is among the ``limit`` newest
    products having all of U: those few per combination of the page's themes are the only
    candidates, and only they are counted and sorted. The answer is the same as sorting
    every product that shares a theme.
    """
    theme_ids = sorted(set(theme_ids))
    order = ("-first_published_at", "-pk")
    shared = Count("themes", filter=Q(themes__in=theme_ids))
    if len(theme_ids) > MAX_COMBINED_THEMES:
        found = products.annotate(shared=shared).filter(shared__gt=0)
        return list(found.order_by("-shared", *order)[:limit])
    # One UNION ALL of the small "newest few" subqueries: an OR of IN conditions would make
    # the database test every product against them.
    parts, params = [], []
    for size in range(1, len(theme_ids) + 1):
        for combination in itertools.combinations(theme_ids, size):
            having_all = products
            for theme_id in combination:
                having_all = having_all.filter(themes=theme_id)
            newest = having_all.order_by(*order).values("pk")[:limit]
            sql, newest_params = newest.query.sql_with_params()
            # The ORM's own SQL, every value a parameter.
            parts.append(f"SELECT pk FROM ({sql}) AS newest_{len(parts)}")  # noqa: S608
            params.extend(newest_params)
    candidates = RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
    found = KnowledgeProductPage.objects.filter(pk__in=candidates).annotate(shared=shared)
    return list(found.order_by("-shared", *order)[:limit])


class KnowledgeProductPage(Page):
    product_type = models.CharField(
        _("type"), max_length=12, choices=ProductType.choices, default=ProductType.GUIDE
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "Two or three sentences. Visitors always see this, also for members-only products."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("content"), blank=True)
    themes = ParentalManyToManyField("knowledge.Theme", verbose_name=_("themes"), blank=True)
    audiences = ParentalManyToManyField(
        "knowledge.Audience", verbose_name=_("target audience"), blank=True
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Visitors see the title and summary with an invitation to log in; "
            "the content and downloads are for members."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=datetime.date.today,
        help_text=_("When someone last checked that the content is still correct."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review"), choices=REVIEW_INTERVALS, default=12
    )
    review_due = models.DateField(_("review due"), editable=False, db_index=True)
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible for the content"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gets a reminder when a review is due. Empty: whoever created the page."),
    )
    review_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("product_type"), FieldPanel("members_only")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("audiences")],
            heading=_("Themes and target audience"),
        ),
        InlinePanel("authors", heading=_("Authors"), label=_("author")),
        InlinePanel("downloads", heading=_("Downloads"), label=_("download")),
        InlinePanel(
            "related_pages",
            heading=_("Related content"),
            label=_("related page"),
            help_text=_("Completed automatically with products that share a theme."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval_months")]),
                FieldPanel("review_owner"),
            ],
            heading=_("Freshness"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("members_only"),
        index.FilterField("product_type"),
    ]

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge product")
        verbose_name_plural = _("knowledge products")
        permissions = [("view_review_report", _("Can see which products need a review"))]

    def save(self, *args, **kwargs):
        self.review_due = add_months(self.last_reviewed, self.review_interval_months)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "last_reviewed" in update_fields:
            kwargs["update_fields"] = {*update_fields, "review_due"}
        super().save(*args, **kwargs)

    @property
    def review_overdue(self) -> bool:
        return self.review_due < timezone.localdate()

    def related_items(self, request, theme_ids: list[int] | None = None) -> list[Page]:
        """The editor's choice first, completed with products sharing the most themes; only
        what the visitor may see."""
        user = request.user
        chosen_ids = [link.page_id for link in self.related_pages.all()]
        live = {
            page.pk: page
            for page in visibility.visible_pages(
                Page.objects.filter(pk__in=chosen_ids), user, request
            ).specific()
        }
        chosen = [live[pk] for pk in chosen_ids if pk in live]
        missing = RELATED_LIMIT - len(chosen)
        if missing > 0:
            exclude = [self.pk] + [page.pk for page in chosen]
            if theme_ids is None:
                theme_ids = [theme.pk for theme in self.themes.all()]
            if theme_ids:
                visible = visibility.visible_pages(
                    KnowledgeProductPage.objects.all(), user, request
                ).exclude(pk__in=exclude)
                chosen += sharing_themes(visible, theme_ids, missing)
        return chosen[:RELATED_LIMIT]

    def all_documents(self) -> list:
        """Every document the product offers: the downloads and those inside the content."""
        documents = [download.document for download in self.downloads.select_related("document")]
        for block in self.body:
            if block.block_type == "document" and block.value["document"]:
                documents.append(block.value["document"])
        return documents

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        context["can_read"] = not self.members_only or can_read_members_content(request.user)
        context["themes"] = themes
        context["downloads"] = self.downloads.select_related("document").all()
        context["authors"] = self.authors.all()
        context["related"] = self.related_items(request, [theme.pk for theme in themes])
        return context


class ProductAuthor(Orderable):
    product = ParentalKey(KnowledgeProductPage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")])]

    def __str__(self):
        return self.name


class ProductDownload(Orderable):
    product = ParentalKey(KnowledgeProductPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("link text"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    @property
    def title(self) -> str:
        return self.label or self.document.title


class ProductRelatedPage(Orderable):
    product = ParentalKey(
        KnowledgeProductPage, on_delete=models.CASCADE, related_name="related_pages"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel(
            "page", ["knowledge.KnowledgeProductPage", "knowledge.LearningActivityPage"]
        )
    ]
