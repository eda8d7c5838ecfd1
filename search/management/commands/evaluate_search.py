from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import evaluation


class Command(BaseCommand):
    help = (
        "Print nDCG@10 and MRR of the search on the relevance set (needs the demo content: "
        "run load_demo first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--verbose-queries", action="store_true", help="one line per query")

    def handle(self, *args, verbose_queries, **options):
        try:
            result = evaluation.evaluate()
        except ImportError as exc:
            raise CommandError("Install the development dependencies (ir-measures).") from exc
        backend = settings.SEARCH_BACKEND
        if backend == "database":
            backend = f"database ({connection.vendor})"
        if verbose_queries:
            for item in result["queries"]:
                self.stdout.write(
                    f"{item.get('nDCG@10', 0):.2f}  {item.get('RR', 0):.2f}  "
                    f"[{item['kind']}] {item['q']}"
                )
        overall = result["overall"]
        self.stdout.write(
            f"{backend}: {len(result['queries'])} queries, "
            f"nDCG@10 {overall['nDCG@10']:.3f}, MRR {overall['RR']:.3f} "
            f"(floor {evaluation.FLOOR['nDCG@10']:.2f} / {evaluation.FLOOR['RR']:.2f})"
        )
