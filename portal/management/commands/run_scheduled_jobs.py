"""One round of the scheduler's jobs, in one process.

The production scheduler (``docker/entrypoint.sh scheduler``) runs this every minute. Every job
is safe to repeat. A job that fails is reported and the others still run; the command then
exits non-zero so the failure shows in the logs, and the next round tries again.
"""

import traceback

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

JOBS = (
    "publish_scheduled",  # pages whose scheduled time has come
    "send_review_reminders",  # knowledge products overdue for review
    "send_dossier_reminders",  # overdue answers to a bottleneck dossier
    "send_activity_reminders",  # learning activities starting tomorrow
    "fetch_mail_replies",  # forum replies that arrived by mail
    "send_digests",  # notification digests that are due
    "process_account_erasures",  # account deletions whose cooling-off period has ended
    "apply_retention",  # retention periods for personal data
)


class Command(BaseCommand):
    help = "Run one round of the scheduled jobs (every one is safe to repeat)."

    def handle(self, *args, **options):
        failed = []
        for job in JOBS:
            try:
                call_command(job, stdout=self.stdout, stderr=self.stderr)
            except Exception:  # noqa: BLE001 (one failing job must not stop the others)
                failed.append(job)
                self.stderr.write(f"{job} failed; trying again next round\n")
                self.stderr.write(traceback.format_exc())
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
