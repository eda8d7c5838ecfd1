from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal import visibility

from ..blocks import BaseStreamBlock

PAGE_SIZE = 12


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    INTERVISION = "intervision", _("Peer consultation")
    WEBINAR = "webinar", _("Webinar")
    LEARNING_NETWORK = "network", _("Learning network")
    STUDY_DAY = "study_day", _("Study day")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("activity", "Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


class LearningActivityIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["knowledge.LearningActivityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("learning activities overview")
        verbose_name_plural = _("learning activities overviews")

    def activities(self, request):
        """The activities this visitor may see (page privacy, expiry)."""
        return visibility.visible_pages(
            LearningActivityPage.objects.child_of(self), request.user, request
        )

    @path("")
    def listing(self, request):
        from ..filters import ActivityFilterForm

        form = ActivityFilterForm(request.GET or None)
        activities = form.apply(
            self.activities(request).prefetch_related("themes"), now=timezone.now()
        )
        activities = activities.annotate(
            places_taken=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            )
        )
        page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("pagina"))
        statuses = {}
        if request.user.is_authenticated:
            statuses = dict(
                Registration.objects.filter(
                    user=request.user,
                    activity__in=[activity.pk for activity in page],
                    status__in=ACTIVE_STATUSES,
                ).values_list("activity_id", "status")
            )
        for activity in page:
            activity.my_status = statuses.get(activity.pk)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "activities": page,
                "showing_past": form.showing_past,
                "query_string": form.query_string(),
            },
        )

    @path("agenda/", name="calendar")
    def calendar_feed(self, request):
        from ..calendar import calendar_response, kept_since, with_sequence

        current = self.activities(request).filter(ends_at__gte=kept_since(timezone.now()))
        return calendar_response(
            request, with_sequence(current).order_by("starts_at"), "leeractiviteiten.ics"
        )

    @path("mijn/agenda/<str:token>/", name="my_calendar")
    def my_calendar_feed(self, request, token):
        from ..calendar_views import personal_feed

        return personal_feed(request, self, token)

    @path("mijn/agenda/", name="my_calendar_address")
    def my_calendar_address(self, request):
        from ..calendar_views import new_address

        return new_address(request, self)

    @path("mijn/", name="mine")
    def my_activities(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        registrations = (
            Registration.objects.filter(
                user=request.user, status__in=ACTIVE_STATUSES, activity__live=True
            )
            .select_related("activity")
            .order_by("activity__starts_at")
        )
        now = timezone.now()
        upcoming = [r for r in registrations if r.activity.ends_at >= now]
        past = [r for r in registrations if r.activity.ends_at < now][::-1]
        return self.render(
            request,
            template="knowledge/my_activities.html",
            context_overrides={"upcoming": upcoming, "past": past},
        )


class LearningActivityPage(RoutablePageMixin, Page):
    kind = models.CharField(
        _("kind"), max_length=12, choices=ActivityKind.choices, default=ActivityKind.TRAINING
    )
    summary = models.TextField(_("summary"), max_length=400)
    description = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    location = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Address, or 'Online' for a webinar."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Only registered participants see this link."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. When full, new registrations go on a waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration stays open until the start."),
    )
    themes = ParentalManyToManyField("knowledge.Theme", verbose_name=_("themes"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("location"),
                FieldPanel("online_url"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")])],
            heading=_("Registration"),
        ),
        FieldPanel("description"),
        FieldPanel("themes"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
        InlinePanel(
            "registration_questions",
            heading=_("Registration questions"),
            label=_("question"),
            help_text=_(
                "Optional questions people answer when they register, for example about "
                "dietary wishes or accessibility. Only the person and SAM staff see the answers."
            ),
        ),
        InlinePanel(
            "materials",
            heading=_("Materials afterwards"),
            label=_("material"),
            help_text=_("Slides, a recording or a summary, for participants and members."),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["knowledge.LearningActivityIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        deadline, starts = self.registration_deadline, self.starts_at
        if deadline and starts and deadline > starts:
            errors["registration_deadline"] = _(
                "Registration must close before the activity starts."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def registration_open(self) -> bool:
        return timezone.now() < self.closes_at

    def registered_count(self) -> int:
        return self.registrations.filter(status=RegistrationStatus.REGISTERED).count()

    def places_left(self, registered: int) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - registered)

    @path("")
    def detail(self, request):
        from ..registrations import detail_context

        return self.render(request, context_overrides=detail_context(self, request))

    @path("inschrijven/", name="register")
    def register_view(self, request):
        from ..views import register

        return register(request, self)

    @path("uitschrijven/", name="cancel")
    def cancel_view(self, request):
        from ..views import cancel

        return cancel(request, self)

    @path("agenda/", name="calendar")
    def calendar_file(self, request):
        from ..calendar import calendar_response, with_sequence

        activity = with_sequence(LearningActivityPage.objects.filter(pk=self.pk)).get()
        return calendar_response(request, [activity], f"{self.slug}.ics")


class ActivitySpeaker(Orderable):
    activity = ParentalKey(LearningActivityPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role or organisation"), max_length=160, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    def __str__(self):
        return self.name


class ActivityMaterial(Orderable):
    activity = ParentalKey(LearningActivityPage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=160)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True, help_text=_("For example the recording."))

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("document"), FieldPanel("url")])]

    def clean(self):
        super().clean()
        if not self.document and not self.url:
            raise ValidationError(_("Choose a document or give a link."))

    @property
    def href(self) -> str:
        return self.document.url if self.document else self.url


class RegistrationQuestion(Orderable):
    """A question staff add to an activity's registration form; the answer is free text."""

    activity = ParentalKey(
        LearningActivityPage, on_delete=models.CASCADE, related_name="registration_questions"
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("answer required"), default=False)

    panels = [FieldPanel("text"), FieldPanel("help_text"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.text


class Registration(models.Model):
    activity = models.ForeignKey(
        LearningActivityPage,
        verbose_name=_("learning activity"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="activity_registrations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Order of the waiting list: when the person (last) joined it.
    waiting_since = models.DateTimeField(null=True, blank=True)
    # Claimed before the reminder the day before is sent, so it goes once (see
    # registrations.send_reminders); set at once for a place confirmed inside that window,
    # whose confirmation mail already says everything the reminder would.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["activity", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.user} → {self.activity_id} ({self.status})"


class RegistrationAnswer(models.Model):
    """A participant's answer to one registration question.

    Answers may hold health data (dietary wishes, accessibility needs): only the person
    and SAM staff see them. The question's text is kept with the answer, so an answer
    still reads right after staff reword or remove the question.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        RegistrationQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    question_text = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("registration answer")
        verbose_name_plural = _("registration answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return self.question_text
