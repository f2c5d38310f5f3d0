from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from occupations.models import (
    AiExposure,
    IndustryEstimate,
    Occupation,
    Projection,
    WageEstimate,
)


class Command(BaseCommand):
    help = (
        "Import whichever of the O*NET catalog, the OEWS wages (by area and by industry), the "
        "BLS Employment Projections and the AI exposure table the database does not have yet. "
        "Safe to run on every start: it does nothing once the data is there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--onet", default=settings.ONET_SOURCE, help="O*NET release source")
        parser.add_argument("--oews", default=settings.OEWS_SOURCE, help="OEWS release source")
        parser.add_argument(
            "--projections",
            default=settings.PROJECTIONS_SOURCE,
            help="Employment Projections workbook source",
        )
        parser.add_argument(
            "--oews-industries",
            default=settings.OEWS_INDUSTRIES_SOURCE,
            help="OEWS national industry-specific estimates source",
        )
        parser.add_argument(
            "--ai-exposure",
            default=settings.AI_EXPOSURE_SOURCE,
            help="AI exposure table source (Eloundou et al. 2024)",
        )

    def handle(
        self,
        *args: object,
        onet: str,
        oews: str,
        projections: str,
        ai_exposure: str,
        oews_industries: str,
        **options: object,
    ) -> None:
        if not Occupation.objects.exists():
            # Measured on a 2-core machine from local files (55 s); downloads add their time.
            self.stdout.write(
                "First run: importing the releases takes about a minute from local files, "
                "longer when they are downloaded. Later runs skip this."
            )
        if Occupation.objects.exists():
            self.stdout.write("O*NET catalog present; not importing it again.")
        else:
            call_command("import_onet", onet, stdout=self.stdout, stderr=self.stderr)
        if WageEstimate.objects.exists():
            self.stdout.write("OEWS wages present; not importing them again.")
        else:
            call_command("import_oews", oews, stdout=self.stdout, stderr=self.stderr)
        if Projection.objects.exists():
            self.stdout.write("Employment Projections present; not importing them again.")
        else:
            call_command("import_projections", projections, stdout=self.stdout, stderr=self.stderr)
        if IndustryEstimate.objects.exists():
            self.stdout.write("OEWS industry estimates present; not importing them again.")
        else:
            call_command(
                "import_oews_industries", oews_industries, stdout=self.stdout, stderr=self.stderr
            )
        if AiExposure.objects.exists():
            self.stdout.write("AI exposure present; not importing it again.")
        else:
            call_command("import_ai_exposure", ai_exposure, stdout=self.stdout, stderr=self.stderr)
