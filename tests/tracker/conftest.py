import pytest

from tests.accounts.factories import (
    MemberFactory,
    PendingUserFactory,
    PolicyWorkerFactory,
    StaffFactory,
)

from . import factories


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def reporter(db):
    return MemberFactory(region="oost-vlaanderen")


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def policy_worker(db):
    return PolicyWorkerFactory()


@pytest.fixture
def pending(db):
    return PendingUserFactory()


@pytest.fixture
def accepted(reporter):
    return factories.bottleneck(reporter, title="Geen kinderopvang tijdens VDAB-opleiding")


@pytest.fixture
def reported(reporter):
    return factories.bottleneck(reporter, accepted=False, title="Nog niet aanvaard knelpunt")
