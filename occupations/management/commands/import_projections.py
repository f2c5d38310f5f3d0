from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.bulk import Counts
from occupations.management.import_report import counts_text, import_errors, write_summary
from occupations.progress import Progress
from occupations.projections_import import projections_import
from occupations.projections_release import SHEET, parse_release
from occupations.sources import open_release


class Command(BaseCommand):
    help = (
        'Import the BLS Employment Projections "Occupation" workbook (occupation.xlsx, sheet '
        f'"{SHEET}") from a path or an http(s) URL. Idempotent; runs in one transaction.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=settings.PROJECTIONS_SOURCE,
            help="File or URL of the workbook (default: settings.PROJECTIONS_SOURCE).",
        )

    def handle(self, *args: object, source: str, **options: object) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Reading Employment Projections {source}")
        with import_errors():
            with open_release(source) as release:
                parsed = parse_release(release)
            self.stdout.write(
                f"{parsed.rows_read:>11,} rows read, {parsed.rows_skipped:,} skipped "
                f"({time.perf_counter() - started:.1f} s)"
            )
            self.stdout.write("Writing to the catalog")
            writes = Progress(self.stdout, total=1)

            def show(name: str, counts: Counts) -> None:
                writes.step(name, counts_text(counts))

            summary = projections_import(parsed=parsed, on_step=show)

        for reason in summary.skipped:
            self.stdout.write(f"Skipped: {reason}")
        write_summary(
            self,
            "Employment Projections",
            summary,
            time.perf_counter() - started,
            f"{summary.rows_skipped:,} skipped",
        )
