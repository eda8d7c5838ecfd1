import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Region(models.TextChoices):
    ANTWERPEN = "antwerpen", _("Antwerp")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("East Flanders")
    VLAAMS_BRABANT = "vlaams-brabant", _("Flemish Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West Flanders")
    BRUSSEL = "brussel", _("Brussels")


class ProfessionalRole(models.TextChoices):
    CASEMANAGER_ZORG = "casemanager-zorg", _("Care case manager")
    CASEMANAGER_WERK = "casemanager-werk", _("Work case manager")
    COORDINATOR = "coordinator", _("Team lead or coordinator")
    POLICY = "beleid", _("Policy worker")
    SAM = "sam", _("SAM staff member")
    OTHER = "andere", _("Other")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class User(AbstractUser):
    """A person with an account. The profile fields live here: one row, no extra query."""

    email = models.EmailField(_("email address"), unique=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    role = models.CharField(
        _("job role"), max_length=30, choices=ProfessionalRole.choices, blank=True
    )
    approval_status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When the mail went that warns an inactive account will be removed (retention); a login
    # since then makes it void.
    inactivity_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("approve_user", _("Can approve new registrations"))]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_pending_approval(self) -> bool:
        return self.approval_status == ApprovalStatus.PENDING and not self.is_superuser

    @property
    def is_rejected(self) -> bool:
        return self.approval_status == ApprovalStatus.REJECTED and not self.is_superuser

    def approve(self, by=None) -> None:
        from . import roles

        self.approval_status = ApprovalStatus.APPROVED
        self.approved_at = timezone.now()
        self.approved_by = by
        self.save(update_fields=["approval_status", "approved_at", "approved_by"])
        roles.add_to_group(self, roles.MEMBER)

    def reject(self, by=None) -> None:
        self.approval_status = ApprovalStatus.REJECTED
        self.approved_at = None
        self.approved_by = by
        self.save(update_fields=["approval_status", "approved_at", "approved_by"])


class AllowedEmailDomain(models.Model):
    """Registrations from these domains are approved without waiting for SAM staff."""

    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        help_text=_("For example: ocmw-gent.be (without @). Subdomains do not count."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("allowed email domain")
        verbose_name_plural = _("allowed email domains")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)

    def clean(self):
        self.domain = normalise_domain(self.domain)
        if not DOMAIN_RE.fullmatch(self.domain):
            raise ValidationError(
                {"domain": _("Enter a domain name such as example.be, without @ or spaces.")}
            )

    @classmethod
    def allows(cls, email: str) -> bool:
        domain = normalise_domain(email.rpartition("@")[2])
        return bool(domain) and cls.objects.filter(domain=domain).exists()


def user_display(user) -> str:
    return user.display_name


DOMAIN_RE = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def normalise_domain(value: str) -> str:
    return value.strip().lstrip("@").rstrip(".").lower()


# --- Personal data (GDPR): exports, erasure requests, erasure log, retention periods --------------


class DataExport(models.Model):
    """A member's copy of their data: a ZIP prepared in the background, downloadable for a while."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Path of the ZIP in the private storage (never under MEDIA_ROOT); emptied when it expires.
    file_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # The download address carries this secret besides requiring the member's own login.
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return f"{self.user_id} {self.requested_at:%Y-%m-%d %H:%M} {self.state}"


class ErasureRequest(models.Model):
    """A member asked to delete their account: it is erased after a cooling-off period."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_request"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    erase_after = models.DateTimeField(db_index=True)
    # The member also asked to remove the text of their forum posts (not only their name).
    remove_posts = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")

    def __str__(self):
        return f"{self.user_id} {self.erase_after:%Y-%m-%d}"


class ErasureLog(models.Model):
    """That an erasure happened, and how much it touched: never who it was."""

    class Reason(models.TextChoices):
        OWN_REQUEST = "own-request", _("The member's own request, after the cooling-off period")
        STAFF = "staff", _("Erased by SAM staff on request")
        INACTIVE = "inactive", _("Inactive account (retention period)")
        UNCONFIRMED = "unconfirmed", _("Registration never confirmed (retention period)")
        REJECTED = "rejected", _("Rejected registration (retention period)")

    erased_at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    # Rows touched per holding key, e.g. {"community.posts": 12}: counts only.
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure log entry")
        verbose_name_plural = _("erasure log")

    def __str__(self):
        return f"{self.erased_at:%Y-%m-%d %H:%M} {self.reason}"


@register_setting(icon="time")
class RetentionSettings(BaseGenericSetting):
    """How long the platform keeps what it no longer needs; SAM staff set these in the admin."""

    unconfirmed_registration_days = models.PositiveIntegerField(
        _("unconfirmed registrations (days)"),
        default=30,
        help_text=_("Accounts whose email address was never confirmed are removed after this."),
    )
    rejected_registration_days = models.PositiveIntegerField(
        _("rejected registrations (days)"),
        default=30,
        help_text=_("Registrations that SAM rejected are removed after this."),
    )
    inactive_account_months = models.PositiveIntegerField(
        _("inactive accounts (months)"),
        default=36,
        help_text=_(
            "Accounts that have not logged in for this long are removed, after a reminder."
        ),
    )
    inactive_reminder_days = models.PositiveIntegerField(
        _("reminder before removing an inactive account (days)"),
        default=30,
    )
    notification_days = models.PositiveIntegerField(
        _("notifications (days)"),
        default=180,
        help_text=_("Read notifications older than this are deleted."),
    )
    read_position_days = models.PositiveIntegerField(
        _("forum read positions (days)"),
        default=365,
        help_text=_("Where a member stopped reading a topic is forgotten after this."),
    )
    registration_answer_days = models.PositiveIntegerField(
        _("answers to registration questions (days after the activity)"),
        default=30,
        help_text=_(
            "Answers (dietary wishes, accessibility needs) are deleted this long after the "
            "activity ends, and at once when the registration is cancelled."
        ),
    )
    export_days = models.PositiveIntegerField(
        _("downloads of personal data (days)"),
        default=7,
        help_text=_("A prepared copy of a member's data can be downloaded this long."),
    )
    erasure_cooling_off_days = models.PositiveIntegerField(
        _("cooling-off period before deleting an account (days)"),
        default=14,
    )

    class Meta:
        verbose_name = _("retention periods")
