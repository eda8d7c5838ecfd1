from django.core.management.base import BaseCommand

from knowledge import freshness


class Command(BaseCommand):
    help = "Remind owners of knowledge products whose review is overdue (safe to run daily)."

    def handle(self, *args, **options):
        per_owner = freshness.send_reminders()
        count = sum(len(pages) for pages in per_owner.values())
        self.stdout.write(f"{count} product(s), {len(per_owner)} reminder(s) enqueued.")
