from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments import matching
from assessments.answer_sheets import SheetError, check, read_sheet
from assessments.models import Item, Questionnaire
from assessments.scoring import DEFAULT_WEIGHTS, SCORING_VERSION, Weights, build_profile, rank


def parse_weights(text: str) -> Weights:
    try:
        parts = [float(part) for part in text.split(",")]
        if len(parts) != 3:
            raise ValueError
        return Weights(*parts).normalized()
    except ValueError:
        raise CommandError(
            f"--weights {text!r}: give three non-negative numbers for interests, work styles "
            "and work values, e.g. 0.5,0.3,0.2"
        ) from None


class Command(BaseCommand):
    help = (
        "Score answer sheets (JSON, or CSV with one row per respondent) and print JSON: each "
        "respondent's profile, Holland code and careers sorted by FIT. Item ids are those of "
        "export_questionnaire. Stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Answer sheet (.json or .csv); - reads standard input")
        parser.add_argument("--top", type=int, default=20, help="Careers per respondent (0: all)")
        parser.add_argument(
            "--weights", default="", help="interests,work_styles,work_values e.g. 0.5,0.3,0.2"
        )
        parser.add_argument("--questionnaire-version", default="", help="default: newest published")

    def handle(self, *args: object, **options: object) -> None:
        weights = parse_weights(options["weights"]) if options["weights"] else DEFAULT_WEIGHTS
        if options["top"] < 0:
            raise CommandError("--top must be 0 (all careers) or more")
        questionnaire = self._questionnaire(options["questionnaire_version"])
        records = self._records(options["file"])

        form_items = {
            form: frozenset(Item.objects.in_form(questionnaire, form).values_list("key", flat=True))
            for form in ("short", "full")
        }
        output = []
        for position, record in enumerate(records, start=1):
            respondent = check(record, position=position, form_items=form_items)
            entry: dict[str, object] = {"id": respondent.id, "form": respondent.form}
            if respondent.errors:
                entry["errors"] = respondent.errors
                output.append(entry)
                continue
            traits, items = matching.questionnaire_key(questionnaire, respondent.form)
            profile = build_profile(answers=respondent.answers, items=items, traits=traits)
            matrix = matching.occupation_matrix(traits)
            ranking = rank(profile, matrix, weights)
            order = ranking.order if options["top"] == 0 else ranking.order[: options["top"]]
            entry.update(
                holland_code=profile.holland_code,
                profile=[
                    {
                        "element_id": score.trait.element_id,
                        "trait": score.trait.name,
                        "domain": score.trait.domain,
                        "percentage": None
                        if score.percentage is None
                        else round(score.percentage, 1),
                    }
                    for score in profile.scores
                ],
                notes=list(profile.notes),
                careers=[
                    {
                        "rank": place,
                        "code": matrix.codes[index],
                        "fit": _number(ranking.fit[index]),
                        "components": {
                            domain: _number(scores[index])
                            for domain, scores in ranking.components.items()
                        },
                    }
                    for place, index in enumerate(order, start=1)
                ],
            )
            output.append(entry)
        failed = sum(1 for entry in output if "errors" in entry)
        report = json.dumps(
            {
                "questionnaire_version": questionnaire.version,
                "scoring_version": SCORING_VERSION,
                "weights": weights.normalized().as_dict(),
                "respondents": output,
            },
            indent=2,
        )
        self.stdout.write(report)
        if failed:
            self.stderr.write(f"{failed} of {len(output)} respondents could not be scored.")

    def _questionnaire(self, version: str) -> Questionnaire:
        published = Questionnaire.objects.filter(published=True)
        questionnaire = (published.filter(version=version) if version else published).first()
        if questionnaire is None:
            raise CommandError(
                f"No published questionnaire {version!r}."
                if version
                else "No published questionnaire: run manage.py load_questionnaire first."
            )
        return questionnaire

    def _records(self, file: str) -> list[dict[str, object]]:
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: cannot be read ({exc})") from None
        try:
            return read_sheet(text, name=file)
        except SheetError as exc:
            raise CommandError(f"{file}: {exc}") from None


def _number(value: float) -> float | None:
    return None if value != value else float(value)
