"""Hot lookups compiled to SQL once per process.

Turning even a small queryset with a few select_related joins into SQL costs the ORM 0.4 to
0.8 ms, several times what PostgreSQL needs to run the prepared statement. `Compiled` builds
the queryset once, with stand-in arguments, and keeps Django's compiler for it; each call runs
that SQL with the real arguments and makes model instances from the rows with the same
compiler, converters, related populators and annotations a queryset uses, so the objects are
the same.

Arguments are strings passed to the database as they are (tokens, codes: exact matches), and
the queryset must not depend on anything but them: no dates, settings or users read while
building it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import connections, models, router
from django.db.models.query import RelatedPopulator, get_related_populators
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Plan:
    compiler: SQLCompiler
    sql: str
    params: tuple[object, ...]
    slots: tuple[tuple[int, int], ...]  # (index in params, index of the argument)
    # Where the model's own columns are in a row, their names, and the select_related fillers.
    start: int
    end: int
    names: list[str]
    populators: list[RelatedPopulator]
    annotations: tuple[tuple[str, int], ...]  # (attribute, index in a row)
    # What the compiler's results_iter works out on every call: the converters of the columns.
    converters: dict[int, tuple[list[Callable[..., object]], object]]


class Compiled(Generic[M]):
    def __init__(
        self, model: type[M], build: Callable[..., models.QuerySet[M]], *, arity: int
    ) -> None:
        self._model = model
        self._build = build
        self._arity = arity
        self._plans: dict[str, _Plan] = {}

    def __call__(self, *args: str) -> list[M]:
        if len(args) != self._arity or not all(isinstance(arg, str) for arg in args):
            raise TypeError(f"expected {self._arity} string arguments")
        plan = self._plan()
        params = list(plan.params)
        for index, arg in plan.slots:
            params[index] = args[arg]
        alias = plan.compiler.using
        with connections[alias].cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        return self._instances(plan, rows)

    def _plan(self) -> _Plan:
        alias = router.db_for_read(self._model)
        plan = self._plans.get(alias)
        if plan is None:
            # With characters a lookup would escape or quote: an argument is accepted only if it
            # reaches the SQL unchanged, as with exact matches (not LIKE-based ones).
            stand_ins = [f"\x00stand-in {n} %_\\'\x00" for n in range(self._arity)]
            queryset = self._build(*stand_ins).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = tuple(
                (index, stand_ins.index(param))
                for index, param in enumerate(params)
                if param in stand_ins
            )
            if sorted({arg for _, arg in slots}) != list(range(self._arity)):
                raise ValueError("every argument must reach the SQL as a parameter")
            select, klass_info = compiler.select, compiler.klass_info
            if klass_info["model"] is not self._model:
                raise ValueError(f"the queryset must be of {self._model.__name__}")
            columns = [column[0] for column in select[: compiler.col_count]]
            if compiler.has_composite_fields(columns):
                raise ValueError("composite primary keys are not supported")
            fields = klass_info["select_fields"]
            start, end = fields[0], fields[-1] + 1
            plan = self._plans[alias] = _Plan(
                compiler,
                sql,
                tuple(params),
                slots,
                start,
                end,
                [column[0].target.attname for column in select[start:end]],
                get_related_populators(klass_info, select, alias),
                tuple(compiler.annotation_col_map.items()),
                compiler.get_converters(columns),
            )
        return plan

    def _instances(self, plan: _Plan, rows: list[tuple[object, ...]]) -> list[M]:
        found = []
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        for row in rows:
            instance = self._model.from_db(
                plan.compiler.using, plan.names, row[plan.start : plan.end]
            )
            for populator in plan.populators:
                populator.populate(row, instance)
            for name, index in plan.annotations:
                setattr(instance, name, row[index])
            found.append(instance)
        return found
