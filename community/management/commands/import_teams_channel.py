from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from community import teams_import
from community.models import Space


class Command(BaseCommand):
    help = (
        "Import a Teams channel exported through Microsoft Graph (pages of chatMessage JSON, "
        "members.json, files/) into a forum space. Idempotent: a second run adds nothing, a "
        "run on a later export adds only the new messages. Messages the privacy guard blocks "
        "are imported hidden and wait in the moderation queue. Nobody is notified."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder with the export's JSON files.")
        parser.add_argument("--space", required=True, help="The forum space's address (slug).")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Leave the search index alone (run rebuild_search_index afterwards).",
        )

    def handle(self, *args, folder, space, no_index=False, **options):
        target = Space.objects.filter(slug=space).first()
        if target is None:
            known = ", ".join(Space.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"Unknown space “{space}”. Spaces: {known or 'none yet'}.")
        if not Path(folder).is_dir():
            raise CommandError(f"{folder}: no such folder.")
        verbose = options.get("verbosity", 1) > 1
        try:
            summary = teams_import.import_channel(
                folder,
                target,
                index=not no_index,
                progress=(lambda line: self.stdout.write(f"  {line}")) if verbose else None,
            )
        except teams_import.ExportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Teams channel imported into “{target.name}”:")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if summary.hidden:
            self.stdout.write(
                self.style.WARNING(
                    f"  {summary.hidden} hidden message(s) wait in the moderation queue."
                )
            )
