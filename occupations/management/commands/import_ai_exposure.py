from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.ai_exposure_import import ai_exposure_import
from occupations.ai_exposure_release import parse_release
from occupations.management.import_report import run_single_table_import


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
        run_single_table_import(
            self, title="AI exposure", source=source, parse=parse_release, write=ai_exposure_import
        )
