from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments import services
from assessments.bank import BankError, BankSection, parse_bank
from occupations.progress import Progress

DEFAULT_PATH = Path(settings.BASE_DIR) / "fixtures" / "questionnaire.json"


class Command(BaseCommand):
    help = (
        "Load a questionnaire item bank (JSON) and publish it. Idempotent: loading the same file "
        "again changes nothing; a stored version with different content is refused. One "
        "transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=str(DEFAULT_PATH), help=f"default: {DEFAULT_PATH}"
        )

    def handle(self, *args: object, path: str, **options: object) -> None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            bank = parse_bank(data)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from None
        except BankError as error:
            raise CommandError(f"{path}: {error}") from None

        self.stdout.write(
            f"Loading questionnaire {bank.version} from {path}: {len(bank.items)} items in "
            f"{len(bank.sections)} sections"
        )
        progress = Progress(self.stdout, total=len(bank.sections))

        def show(section: BankSection) -> None:
            short = sum(1 for item in section.items if item.short)
            progress.step(section.key, f"{len(section.items):>3} items, {short:>3} short form")

        try:
            result = services.questionnaire_load(bank=bank, on_section=show)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        for element_id, stored, named in result.names_differ:
            self.stdout.write(
                self.style.WARNING(
                    f"Descriptor {element_id} is called {stored!r} in the catalog, {named!r} in "
                    "the file; the catalog name is kept."
                )
            )
        questionnaire = result.questionnaire
        if not result.created:
            state = "published it" if result.published_now else "nothing changed"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Questionnaire {questionnaire.version} is already stored with identical "
                    f"content: {state}."
                )
            )
            return
        short = sum(1 for item in bank.items if item.short)
        self.stdout.write(
            self.style.SUCCESS(
                f"Questionnaire {questionnaire.version} loaded and published: "
                f"{len(bank.items)} items ({short} in the short form), "
                f"{len(result.descriptors_created)} descriptors created "
                f"(not yet in the O*NET catalog), {progress.seconds:.1f} s."
            )
        )
