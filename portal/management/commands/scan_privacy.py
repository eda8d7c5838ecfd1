from collections import Counter

from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from portal import privacy


class Command(BaseCommand):
    help = (
        "Report text already stored that may identify a participant (national numbers, "
        "e-mail addresses, phone numbers, names), one line per finding, partly masked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", action="append", help="Only this source (repeatable); default: all."
        )

    def handle(self, *args, **options):
        # Apps register their sources in <app>/privacy_sources.py.
        autodiscover_modules("privacy_sources")
        sources = privacy.sources()
        wanted = options["source"] or sorted(sources)
        unknown = set(wanted) - set(sources)
        if unknown:
            self.stderr.write(f"Unknown source(s): {', '.join(sorted(unknown))}")
            wanted = [label for label in wanted if label in sources]

        texts, counts = 0, Counter()
        for label in wanted:
            for object_label, url, text in sources[label]():
                texts += 1
                for finding in privacy.check(text):
                    counts[finding.severity] += 1
                    self.stdout.write(
                        " | ".join(
                            [
                                finding.severity.name,
                                label,
                                privacy.mask(object_label),
                                finding.kind,
                                finding.masked,
                                url,
                            ]
                        )
                    )
        total = sum(counts.values())
        self.stdout.write(
            f"{total} finding(s): {counts[privacy.Severity.BLOCK]} BLOCK, "
            f"{counts[privacy.Severity.WARN]} WARN in {texts} text(s) "
            f"from {len(wanted)} source(s)."
        )
