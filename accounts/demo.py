"""One demo account per role. Only ever created by ``manage.py load_demo``."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from allauth.account.models import EmailAddress

from . import roles
from .models import AllowedEmailDomain, ApprovalStatus, ProfessionalRole, Region

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 (public on purpose, refused in production)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    organisation: str
    region: str
    role: str
    group: str | None
    description: str
    superuser: bool = False
    status: str = ApprovalStatus.APPROVED


DEMO_ACCOUNTS = (
    DemoAccount(
        "lid@example.org",
        "Lotte",
        "Vermeulen",
        "Sociaal Huis Zottegem",
        Region.OOST_VLAANDEREN,
        ProfessionalRole.CASEMANAGER_ZORG,
        roles.MEMBER,
        "lid (casemanager zorg)",
    ),
    DemoAccount(
        "lid2@example.org",
        "Youssef",
        "El Khatib",
        "CGG De Kempen",
        Region.ANTWERPEN,
        ProfessionalRole.CASEMANAGER_ZORG,
        roles.MEMBER,
        "tweede lid (casemanager zorg)",
    ),
    DemoAccount(
        "beleid@example.org",
        "Katrien",
        "Claes",
        "Departement Werk en Sociale Economie",
        Region.BRUSSEL,
        ProfessionalRole.POLICY,
        roles.POLICY_WORKER,
        "beleidsmedewerker",
    ),
    DemoAccount(
        "sam@example.org",
        "Pieter",
        "De Smet",
        "SAM vzw",
        Region.BRUSSEL,
        ProfessionalRole.SAM,
        roles.SAM_STAFF,
        "SAM-medewerker (redacteur in Wagtail)",
    ),
    DemoAccount(
        "admin@example.org",
        "Ines",
        "Maes",
        "SAM vzw",
        Region.BRUSSEL,
        ProfessionalRole.SAM,
        None,
        "beheerder (superuser)",
        superuser=True,
    ),
    DemoAccount(
        "wacht@example.org",
        "Bram",
        "Wouters",
        "OCMW Lommel",
        Region.LIMBURG,
        ProfessionalRole.CASEMANAGER_ZORG,
        None,
        "registratie die wacht op goedkeuring",
        status=ApprovalStatus.PENDING,
    ),
)

DEMO_DOMAINS = [("sociaalhuis-voorbeeld.be", "Sociaal Huis Voorbeeldstad")]


def load(out) -> None:
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(email=account.email).exists():
            continue
        user = User(
            username=account.email.split("@")[0],
            email=account.email,
            first_name=account.first_name,
            last_name=account.last_name,
            organisation=account.organisation,
            region=account.region,
            role=account.role,
            approval_status=account.status,
            approved_at=timezone.now() if account.status == ApprovalStatus.APPROVED else None,
            is_superuser=account.superuser,
            is_staff=account.superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if account.group:
            roles.add_to_group(user, account.group)
        out.write(f"  account {account.email} aangemaakt")
    for domain, organisation in DEMO_DOMAINS:
        AllowedEmailDomain.objects.get_or_create(
            domain=domain, defaults={"organisation": organisation}
        )
