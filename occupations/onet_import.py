"""Write a parsed O*NET release into the catalog, in one transaction, with bulk operations.

Each table the release contains replaces what the catalog holds for it: rows are compared with
what is stored, and only the differences are written, so importing the same release twice
changes nothing. Tables the release lacks are left as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import models, transaction

from occupations.bulk import Counts, ImportSummary, insert_rows, record_release
from occupations.models import (
    AlternateTitle,
    DataRelease,
    Descriptor,
    JobZone,
    Occupation,
    Rating,
    RelatedOccupation,
    Scale,
    ScaleCategory,
    Task,
)
from occupations.onet_release import (
    KNOWN_SCALES,
    ParsedRelease,
    RatingRecord,
    ScaleRecord,
    holland_code,
    is_high_point_scale,
)
from occupations.services import catalog_changed
from occupations.sources import ReleaseError

BATCH = 2000


def _sync(
    model: type[models.Model],
    columns: tuple[str, ...],
    stored: dict[tuple, tuple[int, tuple]],
    incoming: dict[tuple, tuple],
) -> Counts:
    """Make the stored rows equal `incoming`; both map a natural key to its values.

    `columns` names the key's columns then the values'. A changed row is deleted and inserted
    again: nothing refers to these rows by id, and plain executemany inserts are several times
    faster than building model instances for bulk_create, let alone Django's CASE updates.
    """
    counts = Counts()
    stale: list[int] = []
    fresh: list[tuple] = []
    for key, (pk, values) in stored.items():
        wanted = incoming.get(key)
        if wanted is None:
            stale.append(pk)
            counts.deleted += 1
        elif wanted != values:
            stale.append(pk)
            fresh.append(key + wanted)
            counts.updated += 1
        else:
            counts.unchanged += 1
    for key, values in incoming.items():
        if key not in stored:
            fresh.append(key + values)
            counts.created += 1
    for start in range(0, len(stale), BATCH):
        model.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    insert_rows(model._meta.db_table, columns, fresh)
    return counts


def _sync_scales(parsed: ParsedRelease) -> tuple[dict[str, ScaleRecord], Counts]:
    stored = {scale.scale_id: scale for scale in Scale.objects.all()}
    wanted: dict[str, ScaleRecord] = {
        s.scale_id: ScaleRecord(s.scale_id, s.name, s.minimum, s.maximum) for s in stored.values()
    }
    wanted.update(parsed.scales)
    used = {record.scale_id for records in parsed.ratings.values() for record in records}
    used |= {scale_id for (_element, scale_id, _category) in parsed.categories}
    for scale_id in sorted(used - wanted.keys()):
        if scale_id not in KNOWN_SCALES:
            raise ReleaseError(
                f"uses scale {scale_id!r}, unknown to its Scales Reference and to the catalog",
                file=parsed.location,
            )
        wanted[scale_id] = ScaleRecord(scale_id, *KNOWN_SCALES[scale_id])
    counts = Counts()
    changed: list[Scale] = []
    for scale_id, record in wanted.items():
        scale = stored.get(scale_id)
        if scale is None:
            Scale.objects.create(
                scale_id=scale_id, name=record.name, minimum=record.minimum, maximum=record.maximum
            )
            counts.created += 1
        elif (scale.name, scale.minimum, scale.maximum) != (
            record.name,
            record.minimum,
            record.maximum,
        ):
            scale.name, scale.minimum, scale.maximum = record.name, record.minimum, record.maximum
            changed.append(scale)
            counts.updated += 1
        else:
            counts.unchanged += 1
    Scale.objects.bulk_update(changed, ["name", "minimum", "maximum"])
    return wanted, counts


def _sync_descriptors(parsed: ParsedRelease) -> tuple[dict[str, int], Counts]:
    stored = {d.element_id: d for d in Descriptor.objects.all()}
    wanted: dict[str, tuple[str, str, str]] = {
        element_id: (d.name, d.domain, d.description) for element_id, d in stored.items()
    }
    for element_id, (name, description) in parsed.content_model.items():
        _old_name, domain, _old_description = wanted.get(element_id, ("", "", ""))
        wanted[element_id] = (name, domain, description)
    for domain, names in parsed.element_names.items():
        for element_id, name in names.items():
            old_name, _old_domain, description = wanted.get(element_id, ("", "", ""))
            wanted[element_id] = (old_name or name, domain, description)
    for element_id, _scale_id, _category in parsed.categories:
        wanted.setdefault(element_id, (element_id, "", ""))

    counts = Counts()
    created: list[Descriptor] = []
    changed: list[Descriptor] = []
    for element_id, (name, domain, description) in wanted.items():
        descriptor = stored.get(element_id)
        if descriptor is None:
            created.append(
                Descriptor(element_id=element_id, name=name, domain=domain, description=description)
            )
        elif (descriptor.name, descriptor.domain, descriptor.description) != (
            name,
            domain,
            description,
        ):
            descriptor.name, descriptor.domain, descriptor.description = name, domain, description
            changed.append(descriptor)
    Descriptor.objects.bulk_create(created, batch_size=BATCH)
    Descriptor.objects.bulk_update(changed, ["name", "domain", "description"], batch_size=BATCH)
    counts.created, counts.updated = len(created), len(changed)
    counts.unchanged = len(stored) - len(changed)
    ids = dict(Descriptor.objects.values_list("element_id", "id"))
    return ids, counts


def _sync_job_zones(parsed: ParsedRelease) -> Counts:
    counts = Counts()
    stored = {zone.zone: zone for zone in JobZone.objects.all()}
    for zone, fields in parsed.job_zone_reference.items():
        current = stored.get(zone)
        if current is None:
            JobZone.objects.create(zone=zone, **fields)
            counts.created += 1
        elif any(getattr(current, name) != value for name, value in fields.items()):
            JobZone.objects.filter(zone=zone).update(**fields)
            counts.updated += 1
        else:
            counts.unchanged += 1
    known = set(stored) | set(parsed.job_zone_reference)
    missing = sorted(set(parsed.job_zones.values()) - known)
    for zone in missing:
        JobZone.objects.create(zone=zone, name=f"Job Zone {zone}")
        counts.created += 1
    return counts


def _holland_codes(parsed: ParsedRelease) -> dict[str, str]:
    scale_ids = {
        scale_id for scale_id, scale in parsed.scales.items() if is_high_point_scale(scale)
    } or {"IH"}
    points: dict[str, list[tuple[str, float]]] = {}
    for record in parsed.ratings.get("interests", []):
        if record.scale_id in scale_ids:
            points.setdefault(record.code, []).append((record.element_id, record.value))
    return {code: holland_code(values) for code, values in points.items()}


def _sync_occupations(parsed: ParsedRelease) -> tuple[dict[str, int], Counts]:
    stored = {o.code: o for o in Occupation.objects.all()}
    hollands = _holland_codes(parsed) if "interests" in parsed.ratings else None
    has_zones = bool(parsed.job_zones) or any(name.startswith("Job Zones") for name in parsed.files)
    counts = Counts()
    created: list[Occupation] = []
    changed: list[Occupation] = []
    fields = ["soc_code", "title", "description", "job_zone_id", "holland_code"]
    for code, (title, description) in parsed.occupations.items():
        current = stored.get(code)
        values = {
            "soc_code": code[:7],
            "title": title if parsed.has_occupation_data else getattr(current, "title", ""),
            "description": description
            if parsed.has_occupation_data
            else getattr(current, "description", ""),
            "job_zone_id": parsed.job_zones.get(code)
            if has_zones
            else getattr(current, "job_zone_id", None),
            "holland_code": hollands.get(code, "")
            if hollands is not None
            else getattr(current, "holland_code", ""),
        }
        if current is None:
            created.append(Occupation(code=code, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
        else:
            counts.unchanged += 1
    Occupation.objects.bulk_create(created, batch_size=BATCH)
    Occupation.objects.bulk_update(changed, fields, batch_size=BATCH)
    counts.created, counts.updated = len(created), len(changed)
    if parsed.has_occupation_data:
        gone = [code for code in stored if code not in parsed.occupations]
        Occupation.objects.filter(code__in=gone).delete()
        counts.deleted = len(gone)
    ids = dict(Occupation.objects.values_list("code", "id"))
    return ids, counts


def _sync_categories(parsed: ParsedRelease, descriptors: dict[str, int]) -> Counts:
    scales = dict(Scale.objects.values_list("scale_id", "id"))
    stored = {
        (descriptor_id, scale_id, category): (pk, (description,))
        for pk, descriptor_id, scale_id, category, description in ScaleCategory.objects.values_list(
            "id", "descriptor_id", "scale_id", "category", "description"
        )
    }
    incoming = {
        (descriptors[element_id], scales[scale_id], category): (description,)
        for (element_id, scale_id, category), description in parsed.categories.items()
    }
    columns = ("descriptor_id", "scale_id", "category", "description")
    return _sync(ScaleCategory, columns, stored, incoming)


def _sync_tasks(parsed: ParsedRelease, occupations: dict[str, int]) -> Counts:
    columns = ("occupation_id", "task_id", "statement", "task_type", "incumbents_responding")
    stored = {row[1:3]: (row[0], row[3:]) for row in Task.objects.values_list("id", *columns)}
    incoming = {
        (occupations[code], task_id): values
        for code, tasks in parsed.tasks.items()
        for task_id, values in tasks.items()
    }
    return _sync(Task, columns, stored, incoming)


def _sync_alternate_titles(parsed: ParsedRelease, occupations: dict[str, int]) -> Counts:
    stored = {
        (occupation_id, title): (pk, (short_title, sources))
        for pk, occupation_id, title, short_title, sources in AlternateTitle.objects.values_list(
            "id", "occupation_id", "title", "short_title", "sources"
        )
    }
    incoming = {
        (occupations[code], title): values
        for code, titles in parsed.alternate_titles.items()
        for title, values in titles.items()
    }
    columns = ("occupation_id", "title", "short_title", "sources")
    return _sync(AlternateTitle, columns, stored, incoming)


def _sync_related(parsed: ParsedRelease, occupations: dict[str, int]) -> Counts:
    stored = {
        (occupation_id, related_id): (pk, (tier, index))
        for pk, occupation_id, related_id, tier, index in RelatedOccupation.objects.values_list(
            "id", "occupation_id", "related_id", "tier", "index"
        )
    }
    incoming = {
        (occupations[code], occupations[related]): values
        for code, relations in parsed.related.items()
        for related, values in relations.items()
    }
    columns = ("occupation_id", "related_id", "tier", "index")
    return _sync(RelatedOccupation, columns, stored, incoming)


RATING_VALUES = (
    "value",
    "percentage",
    "n",
    "standard_error",
    "lower_ci",
    "upper_ci",
    "recommend_suppress",
    "not_relevant",
    "date",
    "domain_source",
)


def _percentage(record: RatingRecord, scale: ScaleRecord, file: str) -> float:
    if not scale.minimum <= record.value <= scale.maximum:
        # High-point scales use 0 for "no high point", below their published minimum.
        if record.value == 0 and is_high_point_scale(scale):
            return 0.0
        raise ReleaseError(
            f"value {record.value:g} is outside scale {scale.scale_id}'s range "
            f"{scale.minimum:g}–{scale.maximum:g}",
            file=file,
            line=record.line,
        )
    return 100.0 * (record.value - scale.minimum) / (scale.maximum - scale.minimum)


def _sync_ratings(
    parsed: ParsedRelease,
    domain: str,
    scales: dict[str, ScaleRecord],
    descriptors: dict[str, int],
    occupations: dict[str, int],
) -> Counts:
    file = parsed.rating_files[domain]
    scale_pks = dict(Scale.objects.values_list("scale_id", "id"))
    incoming: dict[tuple, tuple] = {}
    for record in parsed.ratings[domain]:
        key = (
            occupations[record.code],
            descriptors[record.element_id],
            scale_pks[record.scale_id],
            record.category,
        )
        if key in incoming:
            raise ReleaseError(
                f"repeats {record.code} {record.element_id} {record.scale_id}"
                + (f" category {record.category}" if record.category else ""),
                file=file,
                line=record.line,
            )
        incoming[key] = (
            record.value,
            _percentage(record, scales[record.scale_id], file),
            record.n,
            record.standard_error,
            record.lower_ci,
            record.upper_ci,
            record.recommend_suppress,
            record.not_relevant,
            record.date,
            record.domain_source,
        )
    stored = {
        (row[1], row[2], row[3], row[4]): (row[0], row[5:])
        for row in Rating.objects.filter(descriptor__domain=domain).values_list(
            "id", "occupation_id", "descriptor_id", "scale_id", "category", *RATING_VALUES
        )
    }
    columns = ("occupation_id", "descriptor_id", "scale_id", "category", *RATING_VALUES)
    return _sync(Rating, columns, stored, incoming)


@transaction.atomic
def onet_import(
    *,
    parsed: ParsedRelease,
    version: str = "",
    on_step: Callable[[str, Counts], None] | None = None,
) -> ImportSummary:
    """Bring the catalog in line with `parsed`; records a DataRelease when anything changed."""
    started = time.perf_counter()
    summary = ImportSummary(
        release=None,
        rows_read=parsed.rows_read,
        version=version or parsed.version,
        skipped=parsed.missing,
    )

    def step(name: str, counts: Counts) -> None:
        summary.tables[name] = counts
        if on_step is not None:
            on_step(name, counts)

    scales, counts = _sync_scales(parsed)
    step("scales", counts)
    descriptors, counts = _sync_descriptors(parsed)
    step("descriptors", counts)
    step("job zones", _sync_job_zones(parsed))
    occupations, counts = _sync_occupations(parsed)
    step("occupations", counts)
    if parsed.categories:
        step("scale categories", _sync_categories(parsed, descriptors))
    if "Task Statements" not in parsed.missing:
        step("tasks", _sync_tasks(parsed, occupations))
    if "Alternate Titles" not in parsed.missing:
        step("alternate titles", _sync_alternate_titles(parsed, occupations))
    if "Related Occupations" not in parsed.missing:
        step("related occupations", _sync_related(parsed, occupations))
    for domain in parsed.ratings:
        step(
            f"ratings: {domain.replace('_', ' ')}",
            _sync_ratings(parsed, domain, scales, descriptors, occupations),
        )

    total = summary.total()
    summary.seconds = time.perf_counter() - started
    if total.changed:
        release = record_release(
            source=DataRelease.Source.ONET,
            summary=summary,
            location=parsed.location,
            file_format=parsed.file_format,
            files=parsed.files,
        )
        Occupation.objects.filter(code__in=list(parsed.occupations)).update(release=release)
        catalog_changed()
    return summary
