from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any fixed number: every web instance asks for the same PostgreSQL advisory lock.
MIGRATION_LOCK_ID = 7_302_145_001


class Command(BaseCommand):
    help = (
        "Apply migrations, one instance at a time: on PostgreSQL, web instances that start "
        "together wait for each other instead of racing."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if connection.vendor != "postgresql":
            call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_ID])
        try:
            call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_ID])
