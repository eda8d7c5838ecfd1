import io

from django.core.management import call_command
from django.db import connection

import pytest

from portal.management.commands.migrate_safely import MIGRATION_LOCK_ID

pytestmark = pytest.mark.django_db


def _advisory_locks_held() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
            [MIGRATION_LOCK_ID % 2**32],
        )
        return cursor.fetchone()[0]


def test_migrate_safely_applies_migrations():
    out = io.StringIO()
    call_command("migrate_safely", stdout=out)
    assert "No migrations to apply" in out.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_migration_lock_is_released_afterwards():
    call_command("migrate_safely", verbosity=0)
    assert _advisory_locks_held() == 0
