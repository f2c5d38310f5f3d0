"""What the importers share: change counts, their summary, and fast plain-tuple inserts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Model

from occupations.models import DataRelease

BATCH = 10_000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class ImportSummary:
    release: DataRelease | None
    rows_read: int
    rows_skipped: int = 0
    version: str = ""
    tables: dict[str, Counts] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def total(self) -> Counts:
        total = Counts()
        for counts in self.tables.values():
            total.created += counts.created
            total.updated += counts.updated
            total.deleted += counts.deleted
            total.unchanged += counts.unchanged
        return total


def batches(items: Iterable[tuple], size: int = BATCH) -> Iterator[list[tuple]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_rows(table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert plain tuples; returns how many.

    Django's bulk_create prepares every field of every model instance in Python, several
    times slower for the hundreds of thousands of rows a release has. One prepared INSERT
    through executemany is fast on SQLite; PostgreSQL runs executemany a row at a time, so it
    gets COPY instead.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for batch in batches(rows):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def record_release(
    *,
    source: str,
    summary: ImportSummary,
    location: str,
    file_format: str,
    files: dict[str, dict[str, object]],
) -> DataRelease:
    """Log an import that changed something: where it came from, its checksums and counts."""
    total = summary.total()
    release = DataRelease(
        source=source,
        version=summary.version,
        location=location,
        file_format=file_format,
        files=files,
        counts={
            "rows_read": summary.rows_read,
            "rows_skipped": summary.rows_skipped,
            "created": total.created,
            "updated": total.updated,
            "deleted": total.deleted,
            "unchanged": total.unchanged,
        },
        skipped=summary.skipped,
        seconds=round(summary.seconds, 2),
    )
    release.full_clean()
    release.save()
    summary.release = release
    return release


def summary_lines(title: str, summary: ImportSummary, seconds: float, skipped: str) -> list[str]:
    """The closing lines an import command prints; the first is its one-line summary."""
    total = summary.total()
    lines = [
        f"{title} {summary.version or '(version unknown)'}: {summary.rows_read:,} rows read, "
        f"{total.created:,} created, {total.updated:,} updated, {total.deleted:,} deleted, "
        f"{total.unchanged:,} unchanged, {skipped}, {seconds:.1f} s"
    ]
    if summary.release is None:
        lines.append("Nothing changed: the catalog already matches this release.")
    return lines


# Row ids per DELETE; SQLite builds before 3.32 allow only 999 parameters in one statement.
DELETE_BATCH = 900


def sync_rows(
    model: type[Model],
    *,
    keys: tuple[str, ...],
    fields: tuple[str, ...],
    records: Mapping[object, object],
    extra: tuple = (),
) -> Counts:
    """Bring one table in line with `records`, writing only the differences: a changed row is
    deleted and inserted again (nothing refers to these rows by id), a row no longer in
    `records` deleted. `fields` are the columns compared and written: each record's `.values()`,
    then `extra`, the same for every row. One key field keys `records` by its value, several by
    a tuple."""
    counts = Counts()
    stale: list[int] = []
    seen: set[object] = set()
    stored = model.objects.values_list("id", *keys, *fields)
    for pk, *row in stored.iterator(chunk_size=5000):
        key = row[0] if len(keys) == 1 else tuple(row[: len(keys)])
        record = records.get(key)
        if record is None:
            stale.append(pk)
            counts.deleted += 1
        elif (*record.values(), *extra) != tuple(row[len(keys) :]):
            stale.append(pk)
            counts.updated += 1
        else:
            seen.add(key)
            counts.unchanged += 1
    for start in range(0, len(stale), DELETE_BATCH):
        model.objects.filter(pk__in=stale[start : start + DELETE_BATCH]).delete()
    meta = model._meta
    written = insert_rows(
        meta.db_table,
        tuple(meta.get_field(name).column for name in (*keys, *fields)),
        (
            (*(key if len(keys) > 1 else (key,)), *record.values(), *extra)
            for key, record in records.items()
            if key not in seen
        ),
    )
    counts.created = written - counts.updated
    return counts


def one_table_import(
    *,
    parsed: Any,
    source: str,
    table: str,
    sync: Callable[[], Counts],
    on_step: Callable[[str, Counts], None] | None = None,
    notes: Sequence[str] = (),
) -> ImportSummary:
    """What every one-table import does around its `sync`: the summary, the progress step, and
    a DataRelease of `source` when anything changed. Call it inside the import's transaction."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        version=parsed.version,
        rows_read=parsed.rows_read,
        rows_skipped=parsed.rows_skipped,
        skipped=[*parsed.skipped, *notes],
    )
    counts = sync()
    summary.tables[table] = counts
    if on_step is not None:
        on_step(table, counts)
    summary.seconds = parsed.seconds + time.perf_counter() - started
    if counts.changed:
        record_release(
            source=source,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
    return summary
