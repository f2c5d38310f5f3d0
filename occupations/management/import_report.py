"""What the three import commands share: their error message and their closing lines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from occupations.bulk import Counts, ImportSummary, summary_lines
from occupations.sources import ReleaseError


@contextmanager
def import_errors() -> Iterator[None]:
    """A bad file or a refusing database ends the command with one clear line, no traceback.

    Each import runs in one transaction, so by then nothing was changed.
    """
    try:
        yield
    except ReleaseError as exc:
        raise CommandError(f"Import failed, nothing was changed. {exc}") from None
    except DatabaseError as exc:
        raise CommandError(
            f"Import failed, nothing was changed. The database refused it: {exc}"
        ) from None


def counts_text(counts: Counts) -> str:
    return f"+{counts.created:,} ~{counts.updated:,} -{counts.deleted:,}"


def write_summary(
    command: BaseCommand, title: str, summary: ImportSummary, seconds: float, skipped: str
) -> None:
    first, *rest = summary_lines(title, summary, seconds, skipped)
    command.stdout.write(command.style.SUCCESS(first))
    for line in rest:
        command.stdout.write(line)
