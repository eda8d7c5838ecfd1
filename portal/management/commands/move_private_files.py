from django.core.management.base import BaseCommand

from portal.files import move_private_files


class Command(BaseCommand):
    help = "Move uploads (documents, audio, original images) out of the public media folder."

    def handle(self, *args, **options):
        moved = move_private_files(write=self.stdout.write)
        if not moved:
            self.stdout.write("Nothing to move: the public media folder holds renditions only.")
