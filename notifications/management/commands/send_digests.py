from django.core.management.base import BaseCommand

from notifications import digests


class Command(BaseCommand):
    help = (
        "Send the daily and weekly notification digests that are due (daily at 07:00, weekly "
        "on Monday at 07:00, Brussels time). Run it from the scheduler every few minutes: a "
        "second run sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk", type=int, default=digests.CHUNK, help="Members per transaction."
        )

    def handle(self, *args, **options):
        result = digests.run(chunk_size=max(1, options["chunk"]))
        self.stdout.write(
            f"{result.members} member(s) due, {result.mails} digest(s) sent with "
            f"{result.notifications} notification(s)."
        )
