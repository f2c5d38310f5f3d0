from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.bulk import Counts
from occupations.management.import_report import counts_text, import_errors, write_summary
from occupations.oews_import import oews_import
from occupations.oews_release import parse_release
from occupations.progress import Progress
from occupations.sources import open_release


class Command(BaseCommand):
    help = (
        "Import BLS OEWS employment and wage estimates from a .csv, .csv.gz or .xlsx file, a .zip "
        "holding one of those, or an http(s) URL. Idempotent; runs in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=settings.OEWS_SOURCE,
            help="File, .zip or URL of the release (default: settings.OEWS_SOURCE).",
        )
        parser.add_argument(
            "--release-version", default="", help='e.g. "May 2025" (default: from the file name)'
        )

    def handle(self, *args: object, source: str, release_version: str, **options: object) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Reading OEWS release {source}")

        def show_rows(rows: int) -> None:
            self.stdout.write(f"{rows:>11,} rows read ({time.perf_counter() - started:.1f} s)")

        with import_errors():
            with open_release(source) as release:
                parsed = parse_release(release, version=release_version, on_rows=show_rows)
            self.stdout.write(
                f"{parsed.rows_read:>11,} rows read, {parsed.rows_skipped:,} skipped "
                f"({time.perf_counter() - started:.1f} s)"
            )
            self.stdout.write("Writing to the catalog")
            writes = Progress(self.stdout, total=2)  # areas, wage estimates

            def show(name: str, counts: Counts) -> None:
                writes.step(name, counts_text(counts))

            summary = oews_import(parsed=parsed, on_step=show)

        for reason in summary.skipped:
            self.stdout.write(f"Skipped: {reason}")
        write_summary(
            self,
            "OEWS",
            summary,
            time.perf_counter() - started,
            f"{summary.rows_skipped:,} skipped",
        )
