"""Career moves with the viewer's FIT: whose result a page may use, and the pages built with it.

A move page takes the FIT of the session's own result (as a career profile does) or, for a
counselor who passes `client=<assessment id>`, of that client's newest shared result. Nobody
else's result is ever used: an id that is not shared with the viewer is refused, not ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from assessments import roster
from assessments.models import Result
from assessments.results import OccupationFit, fit_details, result_fits, session_result
from occupations import move_pages
from occupations.models import Area, Occupation


class NotShared(Exception):
    """The client id names no result shared with this viewer."""


@dataclass(frozen=True)
class Whose:
    result: Result | None
    client: int | None  # the assessment id a counselor looks at, kept in links

    @property
    def current_code(self) -> str:
        assessment = self.result.assessment if self.result else None
        return assessment.current_occupation_id or "" if assessment else ""


def whose(
    viewer: AbstractBaseUser | AnonymousUser, session_token: str | None, client: int | None
) -> Whose:
    if client is not None:
        result = roster.counselor_result(viewer, client)
        if result is None:
            raise NotShared
        return Whose(result=result, client=client)
    return Whose(result=session_result(session_token), client=None)


def moves_for(
    source: Occupation, *, who: Whose, state: Area | None, page: str
) -> move_pages.MovesPage:
    fits = result_fits(who.result) if who.result is not None else None
    return move_pages.moves_page(source, fits=fits, state=state, page=page)


def move_for(
    source: Occupation, target: Occupation, *, who: Whose
) -> tuple[move_pages.MoveDetail, OccupationFit | None]:
    details = fit_details(who.result, target.code) if who.result is not None else None
    fit = details.fit if details is not None else None
    return move_pages.move_detail(source, target, fit=fit), details


@dataclass(frozen=True)
class Compared:
    career: move_pages.ComparedCareer
    fit: OccupationFit | None


def compare_for(codes: list[str], *, who: Whose) -> list[Compared]:
    careers = move_pages.compared(codes, current=who.current_code)
    return [
        Compared(
            career=career,
            fit=fit_details(who.result, career.occupation.code) if who.result else None,
        )
        for career in careers
    ]
