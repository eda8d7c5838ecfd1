from django.core.management.base import BaseCommand

from accounts import retention


class Command(BaseCommand):
    help = (
        "Apply the retention periods: remove unconfirmed, rejected and (after a reminder) "
        "inactive accounts, prune old notifications, read positions and data exports "
        "(safe to run every minute)."
    )

    def handle(self, *args, **options):
        done = retention.apply(write=self.stdout.write)
        self.stdout.write(", ".join(f"{step}: {count}" for step, count in done.items()))
