"""Remind each dossier's owner of answers that are overdue, once per answer.

Safe to repeat: the scheduler runs it every minute; a reminder already sent is not sent
again until the due date moves.
"""

from django.core.management.base import BaseCommand

from tracker import dossiers


class Command(BaseCommand):
    help = "Remind dossier owners of overdue answers from governments (once each)."

    def handle(self, *args, **options):
        sent = dossiers.send_overdue_reminders()
        if options["verbosity"] > 1 or sent:
            self.stdout.write(f"{sent} reminder(s) sent")
