"""Forecasts from the dated predictions recorded in scenarios (a built-in case's snapshots).

Each scenario's ``predictions`` (see docs/file-format.md) become ledger forecasts keyed
``prediction:CASE:ID`` (CASE is the scenario's ``case``, or its id when it has none), so a
prediction carried over from one snapshot to the next is one forecast, and importing again adds
nothing. Snapshots are read oldest first: the first snapshot that records a prediction gives its
text; a later one may add the resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import ValidationError

from accord.errors import UsageError
from accord.scenario.schema import Prediction, Scenario

if TYPE_CHECKING:  # the ledger module brings SQLAlchemy; source_label (reports) needs none of it
    from accord.store.forecasts import NewForecast


def source_label(scenario: Scenario, source_id: str | None) -> str | None:
    """A readable name for a source of the scenario: its title, outlet and date."""
    if source_id is None:
        return None
    try:
        src = scenario.source(source_id)
    except KeyError:
        return source_id
    extra = ", ".join(x for x in (src.outlet, src.published) if x)
    return f"{src.title} ({extra})" if extra else src.title


def prediction_key(scenario: Scenario, prediction: Prediction) -> str:
    return f"prediction:{scenario.case or scenario.id}:{prediction.id}"


def prediction_forecast(scenario: Scenario, prediction: Prediction) -> NewForecast:
    """The ledger entry of one prediction of ``scenario``."""
    # the ledger's records bring SQLAlchemy; source_label (reports) needs none of it
    from accord.store.forecasts import NewForecast

    res = prediction.resolution
    outcome: float | None = None
    note: str | None = None
    if res is not None:
        outcome = float(res.outcome)
        parts = [res.note or ""]
        if res.source is not None:
            quoted = f': "{res.quote}"' if res.quote else ""
            parts.append(f"{source_label(scenario, res.source)}{quoted}")
        note = "; ".join(p for p in parts if p) or None
    try:
        return NewForecast(
            statement=prediction.statement, made=prediction.made, author=prediction.by,
            source=source_label(scenario, prediction.source), issue=prediction.issue,
            scenario_id=scenario.id, resolves=prediction.resolves,
            probability=prediction.probability, value=prediction.value, quote=prediction.quote,
            key=prediction_key(scenario, prediction), outcome=outcome,
            resolved_on=res.date if res else None, resolution_note=note)
    except ValidationError as exc:
        reason = "; ".join(e["msg"] for e in exc.errors())
        raise UsageError(f"prediction {prediction.id} of {scenario.id}: {reason}") from None


def prediction_forecasts(scenarios: Sequence[Scenario]) -> list[NewForecast]:
    """Every prediction of the scenarios, in the order given (give snapshots oldest first)."""
    return [prediction_forecast(s, p) for s in scenarios for p in s.predictions]
