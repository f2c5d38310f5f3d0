"""What the import commands share: their error message, their closing lines, and the whole run
of a one-table release."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from occupations.bulk import Counts, ImportSummary, summary_lines
from occupations.progress import Progress
from occupations.sources import Release, ReleaseError, open_release


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


def run_single_table_import(
    command: BaseCommand,
    *,
    title: str,
    source: str,
    parse: Callable[[Release], Any],
    write: Callable[..., ImportSummary],
) -> None:
    """Read one table (parse), write it in one transaction (write), with progress and a
    summary: what the importers of one-table releases (projections, AI exposure, OEWS by
    industry) do alike."""
    started = time.perf_counter()
    command.stdout.write(f"Reading {title} {source}")
    with import_errors():
        with open_release(source) as release:
            parsed = parse(release)
        command.stdout.write(
            f"{parsed.rows_read:>11,} rows read, {parsed.rows_skipped:,} skipped "
            f"({time.perf_counter() - started:.1f} s)"
        )
        command.stdout.write("Writing to the catalog")
        writes = Progress(command.stdout, total=1)

        def show(name: str, counts: Counts) -> None:
            writes.step(name, counts_text(counts))

        summary = write(parsed=parsed, on_step=show)
    for reason in summary.skipped:
        command.stdout.write(f"Skipped: {reason}")
    write_summary(
        command, title, summary, time.perf_counter() - started, f"{summary.rows_skipped:,} skipped"
    )
