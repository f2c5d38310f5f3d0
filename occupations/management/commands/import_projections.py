from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from occupations.management.import_report import run_single_table_import
from occupations.projections_import import projections_import
from occupations.projections_release import SHEET, parse_release


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
        run_single_table_import(
            self,
            title="Employment Projections",
            source=source,
            parse=parse_release,
            write=projections_import,
        )
