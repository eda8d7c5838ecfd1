"""Practice bottlenecks, the evidence members add to them, and SAM's triage of them.

Counters on ``Bottleneck`` (confirmations, participants, followers) are kept in step by
``tracker.actions`` so that lists never count rows per bottleneck.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts import models as accounts_models

MAX_PARTICIPANTS = 500


class Kind(models.TextChoices):
    ORGANISATION = "werking", _("How an organisation works")
    COOPERATION = "samenwerking", _("Cooperation between organisations")
    REGULATION = "regelgeving", _("Gap or error in regulations")
    RISK_GROUP = "risicogroep", _("Risk group that falls through the cracks")
    INFORMATION = "informatie", _("Missing information")
    POLICY_GAP = "beleidslacune", _("Policy gap")


class Level(models.TextChoices):
    FLEMISH = "vlaams", _("Flemish")
    FEDERAL = "federaal", _("Federal")
    LOCAL = "lokaal", _("Local")


# The members' regions (accounts.Region, one list for the whole site) and the whole of
# Flanders, for what is seen everywhere.
Region = models.TextChoices(
    "Region",
    [
        *((region.name, (region.value, region.label)) for region in accounts_models.Region),
        ("VLAANDEREN", ("vlaanderen", _("All of Flanders"))),
    ],
)


class Frequency(models.TextChoices):
    ONCE = "eenmalig", _("Once so far")
    SOMETIMES = "soms", _("A few times a year")
    MONTHLY = "maandelijks", _("About every month")
    WEEKLY = "wekelijks", _("Every week or more")


class OrganisationType(models.TextChoices):
    LOCAL_GOVERNMENT = "ocmw", _("OCMW / local government")
    EMPLOYMENT = "vdab", _("VDAB or employment partner")
    GTB = "gtb", _("GTB")
    MENTAL_HEALTH = "ggz", _("Mental health care")
    WELFARE = "welzijn", _("Welfare organisation (CAW, ...)")
    SOCIAL_ECONOMY = "sociale-economie", _("Social economy / work floor")
    OTHER = "andere", _("Other")


class Status(models.TextChoices):
    REPORTED = "gemeld", _("Reported")
    IN_PROGRESS = "in-behandeling", _("In progress")
    BUNDLED = "gebundeld", _("Bundled")
    ON_AGENDA = "op-de-agenda", _("On the agenda")
    ANSWERED = "antwoord-ontvangen", _("Answer received")
    SOLVED = "opgelost", _("Solved")
    NOT_RETAINED = "niet-weerhouden", _("Not retained")
    REOPENED = "heropend", _("Reopened")


class Body(models.Model):
    """A body responsible for a rule or procedure (VDAB, RIZIV / ziekenfonds ...): staff keep
    the list in the admin."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    active = models.BooleanField(_("offered in the form"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A free label staff put on bottlenecks, beside the fixed classifications."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bottleneck tag")
        verbose_name_plural = _("bottleneck tags")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:60]
        super().save(*args, **kwargs)


class Bottleneck(models.Model):
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(max_length=80, blank=True, allow_unicode=False)
    situation = models.TextField(_("what happens"))
    rule = models.TextField(_("rule or procedure involved"), blank=True)
    kind = models.CharField(_("kind of problem"), max_length=20, choices=Kind.choices)
    themes = models.ManyToManyField(
        "knowledge.Theme", blank=True, related_name="bottlenecks", verbose_name=_("life domains")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bottlenecks",
        verbose_name=_("responsible body"),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    suggestion = models.TextField(_("suggestion"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="reported_bottlenecks",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    # Set when SAM first accepts the bottleneck (leaves "gemeld" for "in behandeling"):
    # from then on members see it. One refused straight away is never shown to them.
    accepted_at = models.DateTimeField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="bottlenecks")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    # Evidence, kept in step with the rows (tracker.actions) for lists and sorting.
    confirmation_count = models.PositiveIntegerField(default=0)
    participants_total = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    # A submit sent twice gives the first bottleneck back instead of a second one.
    submission_key = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        indexes = [
            models.Index(fields=["status", "-created_at"], name="tracker_status_created"),
            models.Index(fields=["-confirmation_count", "-id"], name="tracker_confirmations"),
            models.Index(fields=["accepted_at", "-created_at"], name="tracker_accepted"),
            models.Index(fields=["region", "-created_at"], name="tracker_region"),
            models.Index(fields=["kind", "-created_at"], name="tracker_kind"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "knelpunt"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tracker:detail", args=[self.pk, self.slug or "knelpunt"])

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class Confirmation(models.Model):
    """ "Ik zie dit ook": a member's evidence for a bottleneck; shown without the member."""

    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, related_name="confirmations"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="bottleneck_confirmations",
    )
    participants = models.PositiveSmallIntegerField(
        _("participants affected"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)],
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    seen_on = models.DateField(_("last seen on"))
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices
    )
    example = models.TextField(_("short example"), max_length=600, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bottleneck", "member"], name="tracker_one_confirmation_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(participants__gte=1, participants__lte=MAX_PARTICIPANTS),
                name="tracker_participants_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.bottleneck_id}: {self.participants}"


class Follow(models.Model):
    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bottleneck_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bottleneck", "user"], name="tracker_one_follow")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.bottleneck_id}"


class StatusChange(models.Model):
    """One step of a bottleneck's timeline: from, to, who, when and why."""

    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reason"))
    # A step of a duplicate that was merged into this bottleneck: where it came from.
    moved_from = models.ForeignKey(
        Bottleneck, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["bottleneck", "at"], name="tracker_timeline")]

    def __str__(self):
        return f"{self.bottleneck_id}: {self.from_status} -> {self.to_status}"


def attachment_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, never in the file system.
    return f"tracker/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file with a report, in the private store; served only to who may see the bottleneck."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="attachments")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracker:attachment", args=[self.pk, self.name])

    def delete(self, *args, **kwargs):
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return result


class Merge(models.Model):
    """A duplicate merged into another bottleneck, with what moved, so it can be undone."""

    source = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="merges_out")
    target = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="merges_in")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reason"))
    # Ids of the rows that moved: {"confirmations": [...], "follows": [...], ...}.
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.source_id} -> {self.target_id}"


class Message(models.Model):
    """A short thread between SAM staff and the reporter (a question and its answers); nobody
    else sees it."""

    bottleneck = models.ForeignKey(Bottleneck, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_staff = models.BooleanField(default=False)
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.bottleneck_id}: {self.body[:40]}"


class SavedFilter(models.Model):
    """A staff member's named triage filter (the query string of the triage list)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_filters"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="tracker_filter_name")
        ]

    def __str__(self):
        return self.name


# --- dossiers for the policy dialogue ----------------------------------------------------------


class DossierStatus(models.TextChoices):
    BUILDING = "in-opbouw", _("Being built")
    SENT = "verstuurd", _("Sent")
    ON_AGENDA = "op-de-agenda", _("On the agenda")
    ANSWERED = "beantwoord", _("Answered")
    CLOSED = "afgesloten", _("Closed")


class Dossier(models.Model):
    """A bundle of bottlenecks put to one or more governments, with their answers and the
    meetings it went to. Who may read what is decided in ``tracker.access``."""

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(max_length=80, blank=True)
    question = models.TextField(_("question to government"))
    regulation = models.TextField(_("regulation involved"), blank=True)
    summary = models.TextField(_("summary"))
    # For SAM staff and policy workers only: never on the members' page, the public page,
    # an export or the API.
    internal_notes = models.TextField(_("internal notes"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_dossiers",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.BUILDING
    )
    # Members read a published dossier (without internal notes); visitors read the public
    # summary of a public one.
    published = models.BooleanField(_("published for members"), default=False)
    public = models.BooleanField(_("public summary for everyone"), default=False)
    public_summary = models.TextField(_("public summary"), blank=True)
    bottlenecks = models.ManyToManyField(
        Bottleneck, through="DossierItem", related_name="dossiers", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "dossier"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tracker:dossier", args=[self.pk, self.slug or "dossier"])


class DossierItem(models.Model):
    """A bottleneck in a dossier, in the order staff chose, with why it is in."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    bottleneck = models.ForeignKey(
        Bottleneck, on_delete=models.CASCADE, related_name="dossier_items"
    )
    position = models.PositiveIntegerField(default=0)
    note = models.TextField(_("why it is in"), max_length=1000, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "bottleneck"], name="tracker_dossier_once")
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.bottleneck_id}"


def answer_path(instance, filename: str) -> str:
    return f"tracker/antwoorden/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Addressee(models.Model):
    """A government the dossier's question goes to, and its answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="addressees")
    body = models.CharField(_("government body"), max_length=160)
    contact = models.CharField(_("contact"), max_length=160, blank=True)
    sent_on = models.DateField(_("question sent on"), null=True, blank=True)
    due_on = models.DateField(_("answer due on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_file = models.FileField(upload_to=answer_path, max_length=200, blank=True)
    answer_file_name = models.CharField(max_length=200, blank=True)
    answer_file_type = models.CharField(max_length=100, blank=True)
    answer_file_size = models.PositiveIntegerField(default=0)
    # Set when the owner was reminded of the overdue answer; cleared when the due date moves.
    reminded_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")

    def __str__(self):
        return self.body

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_answered and self.due_on is not None and self.due_on < today


class Snapshot(models.Model):
    """The dossier as it went to a meeting, frozen (``tracker.dossiers.capture``)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="snapshots")
    meeting = models.CharField(_("meeting"), max_length=200)
    meeting_on = models.DateField(_("meeting date"))
    attendees = models.TextField(_("who was there"), blank=True)
    state = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting_on", "pk"]
        verbose_name = _("meeting snapshot")
        verbose_name_plural = _("meeting snapshots")

    def __str__(self):
        return f"{self.meeting} ({self.meeting_on})"


class ApiToken(models.Model):
    """A policy worker's key to the read-only API. Only a hash is kept; the key itself is
    shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
