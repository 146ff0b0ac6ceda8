"""The forecast ledger: add, import, resolve and list forecasts.

A forecast is a statement with a probability (scored by Brier and log scores once resolved
true or false), a predicted value (scored by its error), or neither (a plain claim: counted as
came true or not). It was made by someone somewhere: an ``author`` and a ``source`` for
forecasts found in articles, or a ``run_id`` and ``model`` for accord's own forecasts (see
:mod:`accord.ledger.derive`), so the tool is scored alongside the pundits.

Forecasts that carry a ``key`` are idempotent: adding one whose key is already in the ledger
adds nothing (and fills in its resolution if the ledger did not have one), so importing the same
predictions twice does not duplicate them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import Row, select
from sqlalchemy.dialects import postgresql, sqlite

from accord.errors import UsageError
from accord.scenario.dates import PartialDate, parse_partial_date
from accord.store.engine import Store
from accord.store.records import Forecast
from accord.store.runs import utcnow
from accord.store.tables import forecasts

Probability = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class NewForecast(BaseModel):
    """A forecast to add to the ledger (validated)."""

    model_config = ConfigDict(frozen=True, extra="forbid", protected_namespaces=())

    statement: Annotated[str, Field(min_length=1)]
    made: PartialDate
    author: str | None = None
    source: str | None = None
    run_id: int | None = None
    model: str | None = None
    issue: str | None = None
    scenario_id: str | None = None
    resolves: PartialDate | None = None
    probability: Probability | None = None
    value: Annotated[float, Field(allow_inf_nan=False)] | None = None
    quote: str | None = None
    key: str | None = None
    outcome: Annotated[float, Field(allow_inf_nan=False)] | None = None
    resolved_on: PartialDate | None = None
    resolution_note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> NewForecast:
        if self.probability is not None and self.value is not None:
            raise ValueError("a forecast has a probability or a predicted value, not both")
        if self.outcome is not None and self.value is None and self.outcome not in (0.0, 1.0):
            raise ValueError("the outcome of a statement is true (1) or false (0)")
        return self


@dataclass(frozen=True)
class AddReport:
    """What adding a batch of forecasts did: ids added, resolved and left as they were."""

    added: tuple[int, ...]
    resolved: tuple[int, ...]
    unchanged: tuple[int, ...]


def _forecast(row: Row[Any]) -> Forecast:
    """A ledger row as a record; a non-finite number (NaN, infinity: only an older version
    could store one) is read as missing, so an outcome reads as open and can be resolved again,
    and listing or scoring the ledger never fails on it."""
    fields = dict(row._mapping)
    for name in ("probability", "value", "outcome"):
        number = fields.get(name)
        if number is not None and not math.isfinite(number):
            fields[name] = None
    return Forecast(**fields)


def add_forecasts(store: Store, items: Iterable[NewForecast]) -> AddReport:
    """Add forecasts in ONE transaction (all or none); keyed ones are added once.

    A keyed forecast already in the ledger is left as it is, except that a resolution the
    ledger lacks is filled in from the new one.
    """
    added: list[int] = []
    resolved: list[int] = []
    unchanged: list[int] = []
    with store.writing() as conn:
        dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
        for item in items:
            insert = dialect.insert(forecasts).values(**item.model_dump(), created_at=utcnow())
            if item.key is not None:
                insert = insert.on_conflict_do_nothing(index_elements=["key"])
            new_id = conn.execute(insert.returning(forecasts.c.id)).scalar()
            if new_id is not None:
                added.append(int(new_id))
                continue
            row = conn.execute(select(forecasts.c.id, forecasts.c.outcome)
                               .where(forecasts.c.key == item.key)).one()
            if row.outcome is None and item.outcome is not None:
                conn.execute(forecasts.update().where(forecasts.c.id == row.id).values(
                    outcome=item.outcome, resolved_on=item.resolved_on,
                    resolution_note=item.resolution_note))
                resolved.append(row.id)
            else:
                unchanged.append(row.id)
    return AddReport(tuple(added), tuple(resolved), tuple(unchanged))


def add_forecast(store: Store, item: NewForecast) -> tuple[int, bool]:
    """Add one forecast; (its id, whether it is new)."""
    report = add_forecasts(store, [item])
    if report.added:
        return report.added[0], True
    return (report.resolved or report.unchanged)[0], False


def get_forecast(store: Store, forecast_id: int) -> Forecast:
    with store.reading() as conn:
        row = conn.execute(select(forecasts).where(forecasts.c.id == forecast_id)).first()
    if row is None:
        raise UsageError(f"there is no forecast {forecast_id} in {store.display_url}")
    return _forecast(row)


def list_forecasts(store: Store, *, resolved: bool | None = None, author: str | None = None,
                   model: str | None = None, run_id: int | None = None) -> list[Forecast]:
    """Forecasts of the ledger in the order they were made (then added)."""
    query = select(forecasts).order_by(forecasts.c.made, forecasts.c.id)
    if resolved is not None:
        query = query.where(forecasts.c.outcome.is_not(None) if resolved
                            else forecasts.c.outcome.is_(None))
    if author is not None:
        query = query.where(forecasts.c.author == author)
    if model is not None:
        query = query.where(forecasts.c.model == model)
    if run_id is not None:
        query = query.where(forecasts.c.run_id == run_id)
    with store.reading() as conn:
        return [_forecast(row) for row in conn.execute(query)]


def resolve_forecast(store: Store, forecast_id: int, outcome: bool | float, *,
                     on: str | None = None, note: str | None = None) -> Forecast:
    """Record how a forecast turned out: true/false for a statement or a probability, a
    number for a predicted value. Resolving again replaces the earlier resolution."""

    if on is not None:
        try:
            parse_partial_date(on)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    with store.writing() as conn:
        row = conn.execute(select(forecasts).where(forecasts.c.id == forecast_id)
                           .with_for_update()).first()
        if row is None:
            raise UsageError(f"there is no forecast {forecast_id} in {store.display_url}")
        current = _forecast(row)
        value = _outcome_value(current, outcome)
        conn.execute(forecasts.update().where(forecasts.c.id == forecast_id)
                     .values(outcome=value, resolved_on=on, resolution_note=note))
    return get_forecast(store, forecast_id)


def _outcome_value(forecast: Forecast, outcome: bool | float) -> float:
    if not isinstance(outcome, bool) and not math.isfinite(outcome):
        raise UsageError(f"the outcome of forecast {forecast.id} must be a finite number, "
                         f"not {outcome}")
    if forecast.kind == "value":
        if isinstance(outcome, bool):
            raise UsageError(f"forecast {forecast.id} predicts a value ({forecast.value:g}); "
                             "resolve it with the number that came about")
        return float(outcome)
    if isinstance(outcome, bool):
        return 1.0 if outcome else 0.0
    if outcome in (0, 1):
        return float(outcome)
    raise UsageError(f"forecast {forecast.id} is a statement; resolve it as true or false")


def delete_forecasts(store: Store, ids: Sequence[int]) -> int:
    """Remove forecasts by id (all in one transaction); how many were removed."""
    with store.writing() as conn:
        done = conn.execute(forecasts.delete().where(forecasts.c.id.in_(list(ids))))
    return int(done.rowcount)
