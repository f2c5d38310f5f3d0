from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments import queries
from assessments.models import Assessment, Questionnaire


class Command(BaseCommand):
    help = (
        "Print a questionnaire's items as JSON (id, text, section, descriptor element id, keyed, "
        "scale) so answers can be audited or scored elsewhere."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: object) -> CommandParser:
        # Our --version is the questionnaire's; it replaces Django's "show version and exit".
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--form", choices=Assessment.Form.values, default=Assessment.Form.FULL)
        parser.add_argument(
            "--version",
            dest="questionnaire_version",
            default="",
            help="Questionnaire version (default: the newest published one).",
        )

    def handle(
        self, *args: object, form: str, questionnaire_version: str, **options: object
    ) -> None:
        if questionnaire_version:
            questionnaire = Questionnaire.objects.filter(version=questionnaire_version).first()
            if questionnaire is None:
                versions = ", ".join(Questionnaire.objects.values_list("version", flat=True))
                raise CommandError(
                    f"No questionnaire version {questionnaire_version!r}. "
                    f"Stored: {versions or 'none'}."
                )
        else:
            questionnaire = queries.questionnaire_current()
            if questionnaire is None:
                raise CommandError(
                    "No published questionnaire yet: run `manage.py load_questionnaire` first."
                )
        export = queries.questionnaire_export(questionnaire, form)
        self.stdout.write(json.dumps(export, ensure_ascii=False, indent=2))
