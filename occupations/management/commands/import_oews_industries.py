from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.industries_import import industries_import
from occupations.industries_release import parse_release
from occupations.management.import_report import run_single_table_import


class Command(BaseCommand):
    help = (
        "Import the BLS OEWS national industry-specific estimates (the official oesm25in4.zip "
        "layout, every industry level in one table; csv, csv.gz, xlsx or zip) from a path or an "
        "http(s) URL. Idempotent; runs in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=settings.OEWS_INDUSTRIES_SOURCE,
            help="File or URL of the estimates (default: settings.OEWS_INDUSTRIES_SOURCE).",
        )

    def handle(self, *args: object, source: str, **options: object) -> None:
        run_single_table_import(
            self,
            title="OEWS by industry",
            source=source,
            parse=parse_release,
            write=industries_import,
        )
