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
    return notes
