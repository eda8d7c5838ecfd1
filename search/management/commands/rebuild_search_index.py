from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Index all content again, in batches, for every configured search backend."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE)

    def handle(self, *args, batch_size, **options):
        indexing.rebuild(stdout=self.stdout, batch_size=batch_size)
