import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ANTWERPEN = "antwerpen", _("Antwerpen")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("Oost-Vlaanderen")
    VLAAMS_BRABANT = "vlaams-brabant", _("Vlaams-Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West-Vlaanderen")
    BRUSSEL = "brussel", _("Brussel")


class ProfessionalRole(models.TextChoices):
    CASEMANAGER_ZORG = "casemanager-zorg", _("Casemanager zorg")
    CASEMANAGER_WERK = "casemanager-werk", _("Casemanager werk")
    COORDINATOR = "coordinator", _("Teamverantwoordelijke of coördinator")
    POLICY = "beleid", _("Beleidsmedewerker")
    SAM = "sam", _("Medewerker SAM")
    OTHER = "andere", _("Andere")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op goedkeuring")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Geweigerd")


class User(AbstractUser):
    """A person with an account. The profile fields live here: one row, no extra query."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    region = models.CharField(_("regio"), max_length=20, choices=Region.choices, blank=True)
    role = models.CharField(
        _("functie"), max_length=30, choices=ProfessionalRole.choices, blank=True
    )
    approval_status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        permissions = [("approve_user", _("Mag nieuwe registraties goedkeuren"))]

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
        _("domein"),
        max_length=253,
        unique=True,
        help_text=_("Bijvoorbeeld: ocmw-gent.be (zonder @). Subdomeinen tellen niet mee."),
    )
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toegelaten e-maildomein")
        verbose_name_plural = _("toegelaten e-maildomeinen")
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
                {"domain": _("Geef een domeinnaam zoals voorbeeld.be, zonder @ of spaties.")}
            )

    @classmethod
    def allows(cls, email: str) -> bool:
        domain = normalise_domain(email.rpartition("@")[2])
        return bool(domain) and cls.objects.filter(domain=domain).exists()


DOMAIN_RE = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def normalise_domain(value: str) -> str:
    return value.strip().lstrip("@").rstrip(".").lower()
