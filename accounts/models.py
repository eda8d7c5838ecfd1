import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
