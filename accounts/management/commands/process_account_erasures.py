from django.core.management.base import BaseCommand

from accounts import deletion


class Command(BaseCommand):
    help = (
        "Delete the accounts whose owners asked for it and whose cooling-off period is over, "
        "after a goodbye mail (safe to run every minute)."
    )

    def handle(self, *args, **options):
        erased = deletion.process_due(write=self.stdout.write)
        self.stdout.write(f"{erased} account(s) deleted on request.")
