"""Demo bottlenecks for load_demo: bodies, tags, 40+ bottlenecks in every status, with
confirmations, followers and timelines. Idempotent: a second run adds nothing."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.demo import DEMO_PASSWORD
from accounts.models import ApprovalStatus
from knowledge.models import Theme

from . import actions, demo_dossiers
from . import demo_content as content
from .models import Body, Bottleneck, OrganisationType, Region, StatusChange, Tag

COLLEAGUES = 40  # demo case managers who confirm; the richest bottlenecks need many
REGIONS = [r for r in Region.values if r != Region.VLAANDEREN]


def _rng(*parts) -> random.Random:
    return random.Random("/".join(map(str, parts)))  # noqa: S311 (demo data, not security)


@transaction.atomic
def load(out) -> None:
    _remove_placeholder(out)
    User = get_user_model()
    staff = User.objects.filter(email="sam@example.org").first()
    lid = User.objects.filter(email="lid@example.org").first()
    if staff is None or lid is None:
        out.write("  overgeslagen: de demo-accounts ontbreken")
        return
    bodies = {
        name: Body.objects.get_or_create(name=name, defaults={"level": level})[0]
        for name, level in content.BODIES
    }
    tags = [Tag.objects.get_or_create(name=name)[0] for name in content.TAGS]
    if Bottleneck.objects.filter(title=content.BOTTLENECKS[0].title).exists():
        # Loaded before: only what came later (the dossiers; they check for themselves).
        demo_dossiers.load(out)
        return
    colleagues = _colleagues()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    made = 0
    for number, demo in enumerate([*content.BOTTLENECKS, *content.DUPLICATES]):
        _bottleneck(number, demo, lid, staff, colleagues, bodies, themes, tags)
        made += 1
    merged = 0
    if hasattr(actions, "merge"):
        for duplicate, original in content.MERGED:
            actions.merge(
                Bottleneck.objects.get(title=duplicate),
                Bottleneck.objects.get(title=original),
                staff,
                "Zelfde knelpunt, in andere woorden gemeld.",
            )
            merged += 1
    original, title, situation, reason = content.SPLIT
    actions.split(
        Bottleneck.objects.get(title=original),
        staff,
        title=title,
        situation=situation,
        reason=reason,
    )
    out.write(f"  {made + 1} knelpunten aangemaakt, {merged} samengevoegd, 1 gesplitst")
    demo_dossiers.load(out)


def _remove_placeholder(out) -> None:
    """The portal demo's placeholder section at /knelpunten/ gives way to the tracker."""
    from portal.demo import replace_placeholder
    from portal.models import HomePage, SectionPage

    home = HomePage.objects.first()
    if home is not None and SectionPage.objects.child_of(home).filter(slug="knelpunten").exists():
        replace_placeholder(home, "knelpunten")
        out.write("  plaatshouder /knelpunten/ verwijderd")


def _colleagues() -> list:
    """Demo case managers across the regions (public demo password, like every demo account)."""
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    people = []
    for number in range(1, COLLEAGUES + 1):
        email = f"casemanager{number:02d}@example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            from allauth.account.models import EmailAddress

            user = User.objects.create(
                username=email.split("@")[0],
                email=email,
                password=password,
                first_name="Casemanager",
                last_name=f"{number:02d}",
                region=REGIONS[number % len(REGIONS)],
                role="casemanager-zorg",
                approval_status=ApprovalStatus.APPROVED,
                approved_at=timezone.now(),
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            roles.add_to_group(user, roles.MEMBER)
        people.append(user)
    return people


def _bottleneck(number, demo, lid, staff, colleagues, bodies, themes, tags):
    rng = _rng("tracker", number)
    reporter = lid if demo.reporter == "lid" else colleagues[number % len(colleagues)]
    created = timezone.now() - datetime.timedelta(days=demo.days_ago, hours=rng.randint(0, 9))
    bottleneck = actions.report(
        reporter,
        {
            "title": demo.title,
            "situation": demo.situation,
            "rule": demo.rule,
            "kind": demo.kind,
            "themes": [themes[slug] for slug in demo.themes if slug in themes],
            "level": demo.level,
            "body": bodies.get(demo.body),
            "region": demo.region,
            "frequency": demo.frequency,
            "suggestion": demo.suggestion,
        },
    )
    Bottleneck.objects.filter(pk=bottleneck.pk).update(created_at=created)
    StatusChange.objects.filter(bottleneck=bottleneck).update(at=created)
    steps = len(demo.path)
    for step, status in enumerate(demo.path, start=1):
        actions.change_status(bottleneck, status, staff, _reason(status))
        # Spread the steps between the report and today.
        at = created + (timezone.now() - created) * step / (steps + 1)
        StatusChange.objects.filter(bottleneck=bottleneck, to_status=status).update(at=at)
        accepted = Bottleneck.objects.filter(pk=bottleneck.pk, accepted_at__gt=created)
        if status == "in-behandeling" and step == 1:
            accepted.update(accepted_at=at)
        Bottleneck.objects.filter(pk=bottleneck.pk).update(status_changed_at=at)
    bottleneck.refresh_from_db()
    if bottleneck.is_accepted:
        helpers = [c for c in colleagues if c.pk != reporter.pk]
        rng.shuffle(helpers)
        for index, member in enumerate(helpers[: demo.confirmations]):
            actions.confirm(
                member,
                bottleneck,
                {
                    "participants": rng.choice([1, 1, 2, 2, 3, 4, 6, 12]),
                    "region": member.region or rng.choice(REGIONS),
                    "seen_on": timezone.localdate() - datetime.timedelta(days=rng.randint(1, 90)),
                    "organisation_type": rng.choice(OrganisationType.values),
                    "example": content.CONFIRM_EXAMPLES[index % len(content.CONFIRM_EXAMPLES)],
                },
            )
        for member in helpers[demo.confirmations : demo.confirmations + rng.randint(0, 4)]:
            actions.follow(member, bottleneck)
        if demo.reporter != "lid" and number % 5 == 0:
            actions.follow(lid, bottleneck)
    if bottleneck.is_accepted and number % 3 == 0:
        bottleneck.tags.add(tags[number % len(tags)])


REASONS = {
    "in-behandeling": "Aanvaard: herkenbaar en goed beschreven. We verzamelen meer signalen.",
    "gebundeld": "Gebundeld met verwante signalen in één dossier voor het beleidsoverleg.",
    "op-de-agenda": "Staat op de agenda van het volgende overleg met de bevoegde overheid.",
    "antwoord-ontvangen": "De overheid heeft geantwoord; we bekijken wat het betekent.",
    "opgelost": "De regel of werkwijze is aangepast. Laat het weten als je het anders ziet.",
    "niet-weerhouden": "Niet weerhouden: dit valt buiten wat we in het beleidsoverleg aankaarten.",
    "heropend": "Heropend: er kwamen nieuwe signalen binnen.",
}


def _reason(status: str) -> str:
    return REASONS[status]
