from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.bulk import Counts
from occupations.management.import_report import counts_text, import_errors, write_summary
from occupations.models import Occupation
from occupations.onet_import import onet_import
from occupations.onet_release import READERS, parse_release
from occupations.progress import Progress
from occupations.sources import open_release


class Command(BaseCommand):
    help = (
        "Import an O*NET database release (text .txt or Excel .xlsx format) from a folder, a .zip "
        "or an http(s) URL. Idempotent; runs in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=settings.ONET_SOURCE,
            help="Folder, .zip or URL of the release (default: settings.ONET_SOURCE).",
        )
        parser.add_argument(
            "--release-version", default="", help="e.g. 29.3 (default: from the name)"
        )

    def handle(self, *args: object, source: str, release_version: str, **options: object) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Reading O*NET release {source}")
        with import_errors(), open_release(source) as release:
            progress = Progress(self.stdout, total=len(READERS))
            parsed = parse_release(
                release,
                known_codes=set(Occupation.objects.values_list("code", flat=True)),
                on_table=lambda name, rows: progress.step(name, f"{rows:>7,} rows"),
            )
            self.stdout.write("Writing to the catalog")
            writes = Progress(self.stdout, total=8 + len(parsed.ratings))

            def show(name: str, counts: Counts) -> None:
                writes.step(name, counts_text(counts))

            summary = onet_import(parsed=parsed, version=release_version, on_step=show)

        if summary.skipped:
            names = ", ".join(summary.skipped)
            self.stdout.write(
                f"Not in this release: {names}. The app works without them: career pages say in "
                "one line that this release has no such ratings, and nothing else changes "
                "(scoring uses interests, work styles and work values). Import a release that has "
                "them to show them."
            )
        write_summary(
            self,
            "O*NET",
            summary,
            time.perf_counter() - started,
            f"{len(summary.skipped)} tables skipped",
        )
