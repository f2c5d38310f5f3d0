from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.ai_exposure_import import ai_exposure_import
from occupations.ai_exposure_release import parse_release
from occupations.bulk import Counts
from occupations.management.import_report import counts_text, import_errors, write_summary
from occupations.progress import Progress
from occupations.sources import open_release


class Command(BaseCommand):
    help = (
        'Import occupation-level AI exposure ("GPTs are GPTs", Eloundou et al. 2024, MIT '
        "licence; csv, csv.gz, xlsx or zip) from a path or an http(s) URL. Idempotent; runs in "
        "one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=settings.AI_EXPOSURE_SOURCE,
            help="File or URL of the table (default: settings.AI_EXPOSURE_SOURCE).",
        )

    def handle(self, *args: object, source: str, **options: object) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Reading AI exposure {source}")
        with import_errors():
            with open_release(source) as release:
                parsed = parse_release(release)
            self.stdout.write(
                f"{parsed.rows_read:>11,} rows read ({time.perf_counter() - started:.1f} s)"
            )
            self.stdout.write("Writing to the catalog")
            writes = Progress(self.stdout, total=1)

            def show(name: str, counts: Counts) -> None:
                writes.step(name, counts_text(counts))

            summary = ai_exposure_import(parsed=parsed, on_step=show)

        for reason in summary.skipped:
            self.stdout.write(f"Skipped: {reason}")
        write_summary(
            self,
            "AI exposure",
            summary,
            time.perf_counter() - started,
            f"{summary.rows_skipped:,} skipped",
        )
