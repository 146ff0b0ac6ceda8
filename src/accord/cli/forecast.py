"""``accord forecast add|list|resolve|remove|import-case``: the forecast ledger.

``accord forecast score`` is in :mod:`accord.cli.scores`. The store's modules (and the ledger
module that reads recorded runs) bring SQLAlchemy: they are imported inside the commands that
open the database, so the rest of the command line does not load it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError

from accord.cases import timeline, timeline_ids
from accord.cli.app import (
    Format,
    FormatOption,
    app,
    emit_json,
    emit_line,
    emit_page,
    emit_text,
    note,
)
from accord.cli.inputs import load_input
from accord.cli.store import DbOption, open_db, store_command
from accord.errors import UsageError
from accord.ledger.prediction_forecasts import prediction_forecasts
from accord.reports.document import Page, Table
from accord.scenario.dates import parse_partial_date

if TYPE_CHECKING:
    from accord.store.forecasts import AddReport, NewForecast
    from accord.store.records import Forecast

forecast_app = typer.Typer(
    name="forecast", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="The forecast ledger: forecasts by pundits and by accord's runs, resolved and "
         "scored alike (Brier and log scores, calibration).")
app.add_typer(forecast_app)

MadeOption = Annotated[str | None, typer.Option(
    "--made", metavar="DATE", help="When it was made, YYYY[-MM[-DD]] (default: today; with "
                                   "--from-run: the day the run started).")]
ResolvesOption = Annotated[str | None, typer.Option(
    "--resolves", metavar="DATE", help="By when it should have come true, YYYY[-MM[-DD]].")]
OnOption = Annotated[str | None, typer.Option(
    "--on", metavar="DATE", help="When it was resolved, YYYY[-MM[-DD]] (default: today).")]


def _check_date(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        parse_partial_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None
    return text.strip()


def _validated(**fields: Any) -> NewForecast:
    from accord.store.forecasts import NewForecast  # SQLAlchemy: module docstring

    try:
        return NewForecast(**fields)
    except ValidationError as exc:
        raise UsageError("; ".join(f"{'.'.join(map(str, e['loc'])) or 'forecast'}: {e['msg']}"
                                   for e in exc.errors())) from None


def _report(report: AddReport, fmt: Format, what: str) -> None:
    doc = {"added": list(report.added), "resolved": list(report.resolved),
           "unchanged": list(report.unchanged)}
    if fmt is Format.json:
        emit_json(doc)
        return
    parts = [f"{len(report.added)} added"]
    if report.resolved:
        parts.append(f"{len(report.resolved)} newly resolved")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} already in the ledger")
    ids = ", ".join(map(str, report.added))
    emit_line(f"{what}: {'; '.join(parts)}." + (f" New ids: {ids}." if ids else ""), fmt)


@store_command("add", group=forecast_app,
               help="Add a forecast: a STATEMENT with --probability or --value (or neither: "
                    "a plain claim), who made it (--by) and where (--source), or accord's own "
                    "forecasts from a recorded run (--from-run ID: one value forecast per "
                    "model and issue, or --pick POINTER for any number in the run's stored "
                    "document, e.g. the probability of a deal in an mc run).")
def add(
    statement: Annotated[str | None, typer.Argument(
        metavar="[STATEMENT]", help="What is forecast (not needed with --from-run without --pick).",
        show_default=False)] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME",
        help="Who made the forecast.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", metavar="SOURCE",
        help="Where it was made: article title, outlet, URL.")] = None,
    made: MadeOption = None,
    resolves: ResolvesOption = None,
    probability: Annotated[float | None, typer.Option(
        "--probability", "-p", metavar="P", min=0, max=1,
        help="Probability that the statement comes "
             "true, 0-1.")] = None,
    value: Annotated[float | None, typer.Option(
        "--value", metavar="NUMBER",
        help="A predicted number (e.g. an outcome on an issue's scale).")] = None,
    issue: Annotated[list[str] | None, typer.Option(
        "--issue", metavar="ISSUE",
        help="The issue id it is about (repeatable with --from-run).")] = None,
    quote: Annotated[str | None, typer.Option("--quote", metavar="TEXT",
        help="The words of the forecast.")
                     ] = None,
    from_run: Annotated[int | None, typer.Option(
        "--from-run", metavar="ID", help="Take accord's forecasts from this recorded run.")
    ] = None,
    model: Annotated[list[str] | None, typer.Option(
        "--model", metavar="MODEL",
        help="With --from-run: only this model's results (repeatable).")] = None,
    pick: Annotated[str | None, typer.Option(
        "--pick", metavar="POINTER", help="With --from-run: the JSON pointer of a number in "
                                          "the run's stored document (see `accord runs show "
                                          "ID -f json`), e.g. /deal/probability.")] = None,
    as_probability: Annotated[bool, typer.Option(
        "--as-probability", help="With --pick: the number is a probability (default: a "
                                 "value).")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.store.forecasts import add_forecasts  # SQLAlchemy: module docstring

    made = _check_date(made, "--made")
    resolves = _check_date(resolves, "--resolves")
    issues = issue or []
    if from_run is None:
        if statement is None:
            raise UsageError("give the STATEMENT forecast (or --from-run ID)")
        for name, given in (("--model", model), ("--pick", pick),
                            ("--as-probability", as_probability)):
            if given:
                raise UsageError(f"{name} goes with --from-run")
        if len(issues) > 1:
            raise UsageError("a forecast is about one --issue")
        items = [_validated(
            statement=statement, made=made or dt.date.today().isoformat(), author=by,
            source=source, resolves=resolves, probability=probability, value=value,
            issue=issues[0] if issues else None, quote=quote)]
    else:
        given_options: list[tuple[str, object]] = [
            ("--probability", probability), ("--value", value), ("--by", by),
            ("--source", source), ("--quote", quote)]
        for option, set_value in given_options:
            if set_value is not None:
                raise UsageError(f"{option} does not go with --from-run (the run gives it)")
        items = _from_run(db, from_run, statement, pick, as_probability, model or [], issues,
                          resolves, made)
    store = open_db(db)
    try:
        report = add_forecasts(store, items)
    finally:
        store.close()
    _report(report, fmt, f"{len(items)} forecast(s)")


def _from_run(db: str | None, run_id: int, statement: str | None, pick: str | None,
              as_probability: bool, models: list[str], issues: list[str],
              resolves: str | None, made: str | None) -> list[NewForecast]:
    # SQLAlchemy: module docstring
    from accord.ledger.derive import forecast_from_document, forecasts_from_results
    from accord.store.runs import get_run, get_scenario_version

    store = open_db(db)
    try:
        record = get_run(store, run_id)
        if pick is not None:
            if statement is None:
                raise UsageError("--pick needs the STATEMENT the number forecasts")
            if models or issues:
                raise UsageError("--model and --issue do not go with --pick")
            return [forecast_from_document(record, pick, statement, probability=as_probability,
                                           resolves=resolves, made=made)]
        if statement is not None or as_probability:
            raise UsageError("a STATEMENT or --as-probability goes with --pick (without it, "
                             "--from-run adds the run's outcome per model and issue)")
        if record.kind != "run":
            raise UsageError(f"run {run_id} is a '{record.kind}' run: pick the number to "
                             "forecast with --pick POINTER")
        scenario = get_scenario_version(store, record.scenario_digest).scenario()
        return forecasts_from_results(record, scenario, resolves=resolves, models=models,
                                      issues=issues, made=made)
    finally:
        store.close()


def _forecast_doc(f: Forecast) -> dict[str, Any]:
    return {"id": f.id, "key": f.key, "statement": f.statement, "author": f.author,
            "source": f.source, "run": f.run_id, "model": f.model, "issue": f.issue,
            "scenario": f.scenario_id, "made": f.made, "resolves": f.resolves,
            "probability": f.probability, "value": f.value, "quote": f.quote,
            "outcome": f.outcome, "resolved_on": f.resolved_on,
            "resolution_note": f.resolution_note, "origin": f.origin}


def _forecast_cell(f: Forecast) -> str:
    if f.probability is not None:
        return f"{f.probability:.0%}"
    if f.value is not None:
        return f"{f.value:.4g}"
    return "claim"


def _outcome_cell(f: Forecast) -> str:
    if f.outcome is None:
        return "open"
    if f.kind == "value":
        return f"{f.outcome:.4g}"
    return "true" if f.outcome >= 0.5 else "false"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@store_command("list", group=forecast_app, help="Forecasts in the ledger, oldest first.")
def list_command(
    open_only: Annotated[bool, typer.Option("--open", help="Only unresolved ones.")] = False,
    resolved_only: Annotated[bool, typer.Option("--resolved", help="Only resolved ones.")
                             ] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME",
        help="Only this author's.")] = None,
    model: Annotated[str | None, typer.Option("--model", metavar="MODEL",
        help="Only this model's.")] = None,
    run: Annotated[int | None, typer.Option("--run", metavar="ID",
        help="Only from this run.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.store.forecasts import list_forecasts  # SQLAlchemy: module docstring

    if open_only and resolved_only:
        raise UsageError("--open and --resolved exclude each other")
    store = open_db(db)
    try:
        items = list_forecasts(store, resolved=True if resolved_only else
                               (False if open_only else None), author=by, model=model,
                               run_id=run)
    finally:
        store.close()
    rows = tuple((str(f.id), f.made, f.resolves or "", _clip(f.origin, 28),
                  _clip(f.statement, 70), _forecast_cell(f), _outcome_cell(f)) for f in items)
    table = Table(headers=("Id", "Made", "Resolves", "Forecaster", "Statement", "Forecast",
                           "Outcome"), rows=rows, numeric=(0,))
    emit_page(Page(f"{len(rows)} forecast(s) in {store.display_url}", (table,)), fmt,
              [_forecast_doc(f) for f in items])


def _parse_outcome(text: str) -> bool | float:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "y", "t"):
        return True
    if lowered in ("false", "no", "n", "f"):
        return False
    try:
        number = float(lowered)
    except ValueError:
        raise UsageError(f"--outcome takes true, false or a number, not '{text}'") from None
    if not math.isfinite(number):
        raise UsageError(f"--outcome takes true, false or a finite number, not '{text}'")
    return number


@store_command("resolve", group=forecast_app,
               help="Record how forecasts turned out: --outcome true|false for a statement "
                    "or a probability, a number for a predicted value.")
def resolve(
    ids: Annotated[list[int], typer.Argument(metavar="ID...",
        help="Forecast ids (see `accord forecast list`).",
                                             show_default=False)],
    outcome: Annotated[str, typer.Option("--outcome", metavar="OUTCOME",
        help="true, false or a number.",
                                         show_default=False)],
    on: OnOption = None,
    note_text: Annotated[str | None, typer.Option("--note", metavar="TEXT",
        help="How it was resolved, with "
             "the evidence.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.store.forecasts import resolve_forecast  # SQLAlchemy: module docstring

    value = _parse_outcome(outcome)
    on = _check_date(on, "--on") or dt.date.today().isoformat()
    store = open_db(db)
    try:
        done = [resolve_forecast(store, i, value, on=on, note=note_text) for i in ids]
    finally:
        store.close()
    if fmt is Format.json:
        emit_json([_forecast_doc(f) for f in done])
        return
    for f in done:
        emit_line(f"forecast {f.id} resolved: {_outcome_cell(f)} ({_clip(f.statement, 60)})",
                  fmt)


@store_command("remove", group=forecast_app, help="Remove forecasts from the ledger.")
def remove(
    ids: Annotated[list[int], typer.Argument(metavar="ID...",
        help="Forecast ids.", show_default=False)],
    db: DbOption = None,
) -> None:
    from accord.store.forecasts import delete_forecasts  # SQLAlchemy: module docstring

    store = open_db(db)
    try:
        gone = delete_forecasts(store, ids)
    finally:
        store.close()
    if gone != len(set(ids)):
        note(f"{len(set(ids)) - gone} of the ids were not in the ledger")
    emit_text(f"{gone} forecast(s) removed.")


@store_command("import-case", group=forecast_app,
               help="Import the dated predictions recorded in a case's snapshots (default: "
                    "the built-in case's timeline, `ukraine`) or in scenario files, with their "
                    "resolutions. Importing again adds nothing new.")
def import_case(
    cases: Annotated[list[str] | None, typer.Argument(
        metavar="[CASE | FILE...]", show_default=False,
        help="Cases with snapshots (ukraine), built-in snapshot ids or scenario files, read "
             "in the order given (give snapshots oldest first).")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.store.forecasts import add_forecasts  # SQLAlchemy: module docstring

    names = cases or ["ukraine"]
    scenarios = []
    for name in names:
        scenarios += timeline(name) if name in timeline_ids() else list(
            load_input(name).scenarios)
    items = prediction_forecasts(scenarios)
    label = ", ".join(names)
    if not items:
        note(f"{label}: no predictions recorded")
    store = open_db(db)
    try:
        report = add_forecasts(store, items)
    finally:
        store.close()
    _report(report, fmt, f"{len(items)} prediction(s) in {label}")
