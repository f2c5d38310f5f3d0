"""What the career-move pages show: moves from a job, one move in detail, careers side by side.

The ranking and the gaps are computed in occupations/moves.py on arrays loaded once per catalog
stamp; this module adds the catalog facts of the rows shown (titles, outlook, AI exposure,
education), a few queries per page whatever the catalog's size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from occupations import move_data, moves, projections
from occupations.models import AiExposure, Area, Occupation, WageEstimate
from occupations.profiles import Distribution, Share, education_of

PER_PAGE = 25
TOP_GAPS = 3


@dataclass(frozen=True)
class MoveRow:
    move: moves.Move
    occupation: Occupation
    outlook: projections.Outlook | None
    ai_score: int | None
    why: str


@dataclass(frozen=True)
class MovesPage:
    source: Occupation
    rows: list[MoveRow]
    page: Page
    with_fit: bool
    state: str  # the state's name when pay compares there, "" for the U.S.
    rated: bool  # False when O*NET rates no skills for the source job


def moves_page(
    source: Occupation,
    *,
    fits: Mapping[str, float] | None = None,
    state: Area | None = None,
    page: str = "",
    per_page: int = PER_PAGE,
) -> MovesPage:
    catalog = move_data.move_catalog()
    row = catalog.row(source.code)
    rated = row is not None and bool(catalog.rated[row])
    found: list[moves.Move] = []
    if rated:
        pay = None if state is None else move_data.state_pay(catalog, state.primary_state)
        found = moves.moves_from(catalog, row, fits=fits or None, pay=pay)
    shown = Paginator(found, per_page).get_page(page or 1)
    place = state.title if state is not None else ""
    return MovesPage(
        source=source,
        rows=_rows(list(shown.object_list), state=place),
        page=shown,
        with_fit=bool(fits),
        state=place,
        rated=rated,
    )


def _rows(found: list[moves.Move], *, state: str) -> list[MoveRow]:
    by_code = {
        occupation.code: occupation
        for occupation in Occupation.objects.filter(code__in=[move.code for move in found])
    }
    outlooks = projections.outlook_by_soc({o.soc_code for o in by_code.values()})
    exposure = dict(
        AiExposure.objects.filter(code__in=list(by_code)).values_list("code", "human_beta")
    )
    return [
        MoveRow(
            move=move,
            occupation=by_code[move.code],
            outlook=outlooks.get(by_code[move.code].soc_code),
            ai_score=AiExposure.out_of_100(exposure.get(move.code)),
            why=moves.sentence(move, state=state),
        )
        for move in found
        if move.code in by_code
    ]


@dataclass(frozen=True)
class MoveDetail:
    source: Occupation
    target: Occupation
    move: moves.Move | None  # None when either job has no skill ratings
    learning: moves.Learning
    education: Mapping[str, list[Distribution]]  # by code, source and target

    @property
    def why(self) -> str:
        return moves.sentence(self.move) if self.move is not None else ""

    @property
    def education_pairs(self) -> list[tuple[str, list[Distribution]]]:
        """(title, distributions) of the source job, then the target."""
        return [
            (occupation.title, self.education.get(occupation.code, []))
            for occupation in (self.source, self.target)
        ]


def move_detail(source: Occupation, target: Occupation, *, fit: float | None = None) -> MoveDetail:
    catalog = move_data.move_catalog()
    a, b = catalog.row(source.code), catalog.row(target.code)
    learning = moves.Learning(more=[], less=[])
    move = None
    if a is not None and b is not None and catalog.rated[a] and catalog.rated[b]:
        learning = moves.what_to_learn(catalog, a, b)
        move = moves.move_between(catalog, a, b, fit=fit)
    return MoveDetail(
        source=source,
        target=target,
        move=move,
        learning=learning,
        education=education_of([source.code, target.code]),
    )


@dataclass(frozen=True)
class ComparedCareer:
    occupation: Occupation
    wage: WageEstimate | None
    outlook: projections.Outlook | None
    ai_score: int | None
    education: list[Distribution]
    # The largest skill gaps from the person's current job, when one is set and differs.
    gaps: list[moves.Gap]

    @property
    def most_common_education(self) -> Share | None:
        """The required level of education most of its workers report."""
        for distribution in self.education:
            if distribution.element_id == "2.D.1" and distribution.shares:
                return max(distribution.shares, key=lambda share: share.percentage)
        return None


def compared(codes: list[str], *, current: str = "") -> list[ComparedCareer]:
    """The careers in the order asked, with what people weigh them by: six queries whatever
    their number (occupations, pay, outlook, AI exposure, education and its labels)."""
    occupations = {
        occupation.code: occupation
        for occupation in Occupation.objects.select_related("job_zone").filter(code__in=codes)
    }
    socs = {occupation.soc_code for occupation in occupations.values()}
    wages = {
        row.soc_code: row
        for row in WageEstimate.objects.filter(soc_code__in=socs, area__area_type=Area.Type.NATION)
    }
    outlooks = projections.outlook_by_soc(socs)
    exposure = dict(
        AiExposure.objects.filter(code__in=list(occupations)).values_list("code", "human_beta")
    )
    education = education_of(list(occupations))
    catalog = move_data.move_catalog()
    source = catalog.row(current) if current else None
    shown = []
    for code in codes:
        occupation = occupations.get(code)
        if occupation is None:
            continue
        target = catalog.row(code)
        gaps = (
            moves.top_gaps(catalog, source, target, TOP_GAPS)
            if source is not None and target is not None and code != current
            else []
        )
        shown.append(
            ComparedCareer(
                occupation=occupation,
                wage=wages.get(occupation.soc_code),
                outlook=outlooks.get(occupation.soc_code),
                ai_score=AiExposure.out_of_100(exposure.get(code)),
                education=education.get(code, []),
                gaps=gaps,
            )
        )
    return shown
