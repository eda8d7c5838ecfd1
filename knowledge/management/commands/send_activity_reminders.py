from django.core.management.base import BaseCommand

from knowledge import registrations


class Command(BaseCommand):
    help = (
        "Remind participants of learning activities that start within a day (each place once; "
        "safe to run every minute)."
    )

    def handle(self, *args, **options):
        count = registrations.send_reminders()
        self.stdout.write(f"{count} activity reminder(s) enqueued.")
