"""accord's own forecasts, taken from recorded runs, for the ledger.

So that accord is scored alongside the pundits, a run's forecasts go into the ledger with the
run's id and the model as their origin:

* :func:`forecasts_from_results`: a model run (``accord run``) forecasts the outcome of every
  issue: one value forecast per model and issue (resolve it with the outcome that came about,
  on the issue's scale).
* :func:`forecast_from_document`: any number in a stored document picked by a JSON pointer
  (RFC 6901), e.g. the probability of a deal by a date in an ``mc`` run, as a probability or a
  value forecast.

Both give keyed forecasts (``run:ID:...``): adding them twice adds nothing. A command that
computes a probability itself (``accord mc``) can instead add a :class:`NewForecast` with
``run_id`` and ``model`` set, through :func:`accord.store.forecasts.add_forecasts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.errors import UsageError
from accord.models.result import Result, results_from_payload
from accord.scenario.schema import Scenario
from accord.store.forecasts import NewForecast
from accord.store.records import FINISHED, RunRecord


def results_of(record: RunRecord) -> list[Result]:
    """The Results a finished ``run`` recorded (a usage error for another kind of payload)."""
    try:
        return results_from_payload(record.payload)
    except ValueError as exc:
        raise UsageError(f"run {record.id} did not record model Results ({record.kind} run): "
                         f"{exc}") from None


def _check_finished(record: RunRecord) -> None:
    if record.status != FINISHED or record.payload_text is None:
        raise UsageError(f"run {record.id} is {record.status}: only a finished run has "
                         "forecasts to add")


def forecasts_from_results(record: RunRecord, scenario: Scenario, *, resolves: str | None,
                           models: Sequence[str] = (), issues: Sequence[str] = (),
                           made: str | None = None) -> list[NewForecast]:
    """One value forecast per model and issue of a finished model run (optionally only the
    given models and issues)."""
    _check_finished(record)
    results = results_of(record)
    known_models = {r.model for r in results}
    for name in models:
        if name not in known_models:
            raise UsageError(f"run {record.id} has no result of model '{name}' (it ran "
                             f"{', '.join(sorted(known_models))})")
    for wanted in issues:
        if wanted not in {i.id for i in scenario.issues}:
            raise UsageError(f"scenario {scenario.id} has no issue '{wanted}' (issues: "
                             f"{', '.join(i.id for i in scenario.issues)})")
    out = []
    for result in results:
        if models and result.model not in models:
            continue
        name = result.model + (f":{result.preset}" if result.preset else "")
        for issue in scenario.issues:
            value = result.outcome.get(issue.id)
            if value is None or (issues and issue.id not in issues):
                continue
            out.append(NewForecast(
                statement=f"{issue.name}: the outcome will be {value:.4g} on "
                          f"[{issue.low:g}, {issue.high:g}] ({result.model})",
                made=made or record.started_at.date().isoformat(), author="accord",
                source=f"accord run {record.id}", run_id=record.id, model=name,
                issue=issue.id, scenario_id=scenario.id, resolves=resolves, value=value,
                key=f"run:{record.id}:{name}:{issue.id}"))
    if not out:
        raise UsageError(f"run {record.id} has no outcome to add for the models and issues "
                         "asked")
    return out


def pick(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer (``/results/0/outcome/nato``) in a JSON document."""
    if pointer and not pointer.startswith("/"):
        raise UsageError(f"'{pointer}' is not a JSON pointer (write it like /results/0/outcome)")
    value = document
    walked = ""
    for raw in pointer.split("/")[1:] if pointer else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            if part not in value:
                keys = ", ".join(sorted(map(str, value)))[:300]
                raise UsageError(f"no '{part}' at '{walked or '/'}' (there: {keys})")
            value = value[part]
        elif isinstance(value, list):
            if not part.isdigit() or int(part) >= len(value):
                raise UsageError(f"'{part}' is not an index of the list at '{walked or '/'}' "
                                 f"({len(value)} items)")
            value = value[int(part)]
        else:
            raise UsageError(f"'{walked}' holds {value!r}, which has no '{part}'")
        walked += "/" + raw
    return value


def forecast_from_document(record: RunRecord, pointer: str, statement: str, *,
                           probability: bool, resolves: str | None, model: str | None = None,
                           made: str | None = None) -> NewForecast:
    """A forecast whose number is picked from a finished run's stored document."""
    _check_finished(record)
    value = pick(record.payload, pointer)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{pointer} in run {record.id} is {value!r}, not a number")
    if probability and not 0 <= value <= 1:
        raise UsageError(f"{pointer} in run {record.id} is {value}, not a probability")
    name = model or record.spec.model or record.kind
    return NewForecast(
        statement=statement, made=made or record.started_at.date().isoformat(),
        author="accord", source=f"accord run {record.id}", run_id=record.id, model=name,
        scenario_id=record.scenario_id, resolves=resolves,
        probability=float(value) if probability else None,
        value=None if probability else float(value), key=f"run:{record.id}:{pointer}")
