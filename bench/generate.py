"""Data for the benchmarks: realistic volumes of what each page lists.

Each section adds a generator for its home page block to HOME_BLOCK_GENERATORS
when it arrives (key = the block key in portal.home.BLOCKS).
"""

import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import ApprovalStatus, ProfessionalRole, Region

FIRST = ["An", "Bart", "Charlotte", "Dries", "Eline", "Fatima", "Gert", "Hanne", "Ilias", "Joke"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens"]
ORGS = ["OCMW", "Sociaal Huis", "CGG", "CAW", "Welzijnsschakel", "Maatwerkbedrijf"]
TOWNS = ["Aalst", "Brugge", "Genk", "Leuven", "Mechelen", "Kortrijk", "Turnhout", "Ieper"]

HOME_BLOCK_GENERATORS: dict[str, Callable[[int], None]] = {}

WORDS = [
    "werk",
    "zorg",
    "traject",
    "casemanager",
    "leefloon",
    "begeleiding",
    "werkzoekende",
    "activering",
    "doorstroom",
    "welzijn",
    "samenwerking",
    "OCMW",
    "VDAB",
    "inkomen",
    "mobiliteit",
    "kinderopvang",
    "huisvesting",
    "herstel",
    "ervaringsdeskundige",
    "jobcoaching",
    "arbeidszorg",
    "intervisie",
    "regelgeving",
    "decreet",
]


def _sentence(rng, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def knowledge_products(count: int) -> None:
    """`count` live products under /kennisbank/, each with two themes and a body."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from knowledge.models import KnowledgeIndexPage, KnowledgeProductPage, ProductType, Theme

    rng = random.Random(count)  # noqa: S311 (benchmark data, not security)
    index = KnowledgeIndexPage.objects.get()
    themes = list(Theme.objects.all())
    types = list(ProductType.values)
    now = timezone.now()
    with transaction.atomic():
        for i in range(count):
            page = KnowledgeProductPage(
                title=f"{_sentence(rng, 5)[:-1]} {i}",
                slug=f"bench-product-{i}",
                product_type=types[i % len(types)],
                summary=_sentence(rng, 30),
                body=[
                    {"type": "paragraph", "value": f"<p>{_sentence(rng, 80)}</p>"} for _ in range(4)
                ],
                members_only=i % 5 == 0,
                first_published_at=now - datetime.timedelta(hours=i),
            )
            page.themes = rng.sample(themes, 2)
            index.add_child(instance=page)


def learning_activities(count: int) -> None:
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from knowledge.models import LearningActivityIndexPage, LearningActivityPage

    rng = random.Random(count)  # noqa: S311 (benchmark data, not security)
    index = LearningActivityIndexPage.objects.get()
    now = timezone.now()
    with transaction.atomic():
        for i in range(count):
            starts = now + datetime.timedelta(days=i % 400 - 100, hours=i % 7)
            index.add_child(
                instance=LearningActivityPage(
                    title=f"{_sentence(rng, 4)[:-1]} {i}",
                    slug=f"bench-activity-{i}",
                    summary=_sentence(rng, 25),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=3),
                    capacity=20,
                )
            )


def podcast_episodes(count: int) -> None:
    """`count` live episodes of the demo show, sharing the first demo episode's audio file,
    each with two guests, five chapters and a transcript of 120 sentences."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from podcasts.models import EpisodeGuest, EpisodePage, PodcastShowPage

    rng = random.Random(count)  # noqa: S311 (benchmark data, not security)
    show = PodcastShowPage.objects.get(slug="sterk-werk")
    model = EpisodePage.objects.child_of(show).order_by("pk").first()
    now = timezone.now()
    with transaction.atomic():
        for i in range(count):
            cues = [
                {"start": 5.0 * n, "end": 5.0 * n + 4.5, "speaker": f"Spreker {n % 2}",
                 "text": _sentence(rng, 12)}
                for n in range(120)
            ]  # fmt: skip
            page = EpisodePage(
                title=f"{_sentence(rng, 5)[:-1]} {i}",
                slug=f"bench-episode-{i}",
                number=1000 + i,
                season=1 + i // 50,
                summary=_sentence(rng, 30),
                show_notes=f"<p>{_sentence(rng, 60)}</p><p>{_sentence(rng, 40)}</p>",
                chapters="\n".join(f"{n * 2}:00 {_sentence(rng, 3)[:-1]}" for n in range(5)),
                transcript=cues,
                audio_file=model.audio_file.name,
                audio_mime_type=model.audio_mime_type,
                audio_size=model.audio_size,
                audio_duration=600.0,
                release_date=now - datetime.timedelta(days=7 * i + 400),
                first_published_at=now,
            )
            page.guests = [EpisodeGuest(name=f"Gast {i}-{g}", role="onderzoeker") for g in range(2)]
            show.add_child(instance=page)
    # Added without publishing, so no signal emptied the feed that load_demo cached.
    from podcasts import feed

    feed.invalidate(show.pk)


HOME_BLOCK_GENERATORS["knowledge"] = knowledge_products
HOME_BLOCK_GENERATORS["learning"] = lambda size: learning_activities(min(size, 1000))
HOME_BLOCK_GENERATORS["podcast"] = lambda size: podcast_episodes(min(size, 500))


def users(count: int, *, status: str, group: str | None, prefix: str) -> None:
    rng = random.Random(count)  # noqa: S311 (benchmark data, not security)
    password = make_password(None)
    User = get_user_model()
    batch = [
        User(
            username=f"{prefix}{i}",
            email=f"{prefix}{i}@bench.example.org",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            organisation=f"{rng.choice(ORGS)} {rng.choice(TOWNS)}",
            region=rng.choice(Region.values),
            role=rng.choice(ProfessionalRole.values),
            approval_status=status,
            password=password,
        )
        for i in range(count)
    ]
    created = User.objects.bulk_create(batch, batch_size=500)
    if group:
        through = User.groups.through
        group_id = Group.objects.get(name=group).pk
        through.objects.bulk_create(
            [through(user_id=user.pk, group_id=group_id) for user in created], batch_size=500
        )


def populate(size: int) -> list[str]:
    """Fill the database with `size` items of each kind; returns notes for the report."""
    users(size, status=ApprovalStatus.APPROVED, group=roles.MEMBER, prefix="lid-bench-")
    users(size, status=ApprovalStatus.PENDING, group=None, prefix="wacht-bench-")
    notes = []
    from portal import home

    for block in home.BLOCKS:
        generator = HOME_BLOCK_GENERATORS.get(block.key)
        if generator:
            generator(size)
        else:
            notes.append(f"home block '{block.key}': section not built yet, shows its empty state")
    # Generated pages are created directly, not published: index them as a rebuild would.
    import io

    from search import indexing

    indexing.rebuild(stdout=io.StringIO())
    return notes
