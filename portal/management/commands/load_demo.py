from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from search import indexing


class Command(BaseCommand):
    help = (
        "Build the demo site: page tree, one account per role, and each app's demo content. "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is disabled in these settings (DEMO_CONTENT_ALLOWED is False): "
                "demo accounts have a public password and never belong in production."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                self.stdout.write(f"{app_config.verbose_name}:")
                import_module(module_name).load(self.stdout)
            # Demo content is created directly, not published through the admin:
            # index it all at once.
            self.stdout.write("Search index:")
            indexing.rebuild(stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS("Demo content ready. Demo accounts:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<22} {account.description}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}")
