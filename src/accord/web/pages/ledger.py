"""The forecast ledger: forecasts by pundits and by accord, their scores, and resolving them.

The same store and scores as ``accord forecast`` (docs/store.md): Brier and log scores of
probability forecasts, claims that came true, mean absolute error of predicted values, and
calibration, per forecaster, with the calibration chart of
:func:`accord.reports.charts.calibration_figure` (an image drawn from the ledger as it is,
cached per set of bins). Forms add a forecast, import the built-in case's dated predictions and
resolve a forecast (inline with htmx: the row is replaced by its resolved version; without
JavaScript the page reloads).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from accord.cases import timeline, timeline_ids
from accord.errors import UsageError
from accord.ledger.forecast_scores import calibration, group_score, score_groups
from accord.ledger.prediction_forecasts import prediction_forecasts
from accord.reports.charts import calibration_figure
from accord.store.forecasts import (
    NewForecast,
    add_forecast,
    add_forecasts,
    get_forecast,
    list_forecasts,
    resolve_forecast,
)
from accord.web.chart_images import rendered, svg_response
from accord.web.error_pages import WebError
from accord.web.integers import read_int
from accord.web.pages import note_text
from accord.web.render import is_htmx, page
from accord.web.scope import form_of
from accord.web.state import state_of

if TYPE_CHECKING:
    from accord.store.records import Forecast
    from accord.web.forms import Form

router = APIRouter()

SHOW = {"all": None, "open": False, "resolved": True}
KINDS = ("probability", "value", "claim")


def _ledger(request: Request, *, status: int = 200, errors: list[str] | None = None,
            values: dict[str, str] | None = None) -> HTMLResponse:

    state = state_of(request)
    show = request.query_params.get("show", "all")
    if show not in SHOW:
        raise WebError(400, "Unknown filter", "show is all, open or resolved.")
    everything = list_forecasts(state.store)
    shown = [f for f in everything if SHOW[show] is None or f.resolved == SHOW[show]]
    groups = score_groups(everything, lambda f: f.origin)
    return page(request, "ledger.html", status=status, forecasts=shown, show=show,
                total=len(everything), groups=[g for g in groups if g.resolved],
                unresolved_groups=len([g for g in groups if not g.resolved]),
                overall=group_score("all forecasts", everything),
                bins=[b for b in calibration(everything, 10) if b.count],
                timelines=timeline_ids(), errors=errors or [], values=values or {},
                kinds=KINDS, today=dt.date.today().isoformat(),
                note=note_text(request.query_params.get("note")))


@router.get("/ledger", response_class=HTMLResponse)
def ledger(request: Request) -> HTMLResponse:
    return _ledger(request)


@router.get("/ledger/calibration.svg")
def calibration_chart(request: Request) -> Response:
    """The reliability diagram of every resolved probability forecast in the ledger."""

    state = state_of(request)
    bins = calibration(list_forecasts(state.store), 10)
    key = tuple((b.low, b.high, b.count, b.mean_probability, b.observed) for b in bins)
    data = rendered(state, ("calibration", repr(key)),
                    lambda: calibration_figure(bins, "Calibration of the ledger's forecasts"))
    return svg_response(request, data)


@router.post("/ledger/import")
def import_case(request: Request) -> Response:
    """Import the dated predictions of a built-in case's snapshots (again: adds nothing)."""

    case = form_of(request.scope).get("case", "ukraine")
    if case not in timeline_ids():
        raise WebError(400, "Unknown case", f"There is no built-in case '{case[:40]}' with "
                                            f"snapshots ({', '.join(timeline_ids())}).")
    add_forecasts(state_of(request).store, prediction_forecasts(timeline(case)))
    return RedirectResponse("/ledger?note=imported", status_code=303)


def _number(text: str, what: str, errors: list[str]) -> float | None:
    text = text.strip().rstrip("%")
    if not text:
        errors.append(f"{what} is required for this kind of forecast")
        return None
    try:
        value = float(text)
    except ValueError:
        errors.append(f"{what}: '{text[:40]}' is not a number")
        return None
    if not math.isfinite(value):
        errors.append(f"{what} must be a finite number, not '{text[:40]}'")
        return None
    return value


def _new_forecast(form: Form) -> tuple[Any, list[str]]:


    errors: list[str] = []
    kind = form.get("kind", "probability")
    if kind not in KINDS:
        errors.append(f"the kind of forecast is one of {', '.join(KINDS)}")
    fields: dict[str, Any] = {
        "statement": form.get("statement").strip(),
        "author": form.get("by").strip() or None, "source": form.get("source").strip() or None,
        "made": form.get("made").strip() or dt.date.today().isoformat(),
        "resolves": form.get("resolves").strip() or None,
        "issue": form.get("issue").strip() or None}
    if kind == "probability":
        p = _number(form.get("probability"), "probability", errors)
        if p is not None and form.get("probability").strip().endswith("%"):
            p /= 100
        fields["probability"] = p
    elif kind == "value":
        fields["value"] = _number(form.get("value"), "value", errors)
    if errors:
        return None, errors
    try:
        return NewForecast(**fields), []
    except ValidationError as exc:
        return None, [f"{'.'.join(map(str, e['loc'])) or 'forecast'}: "
                      f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]


@router.post("/ledger/add", response_class=HTMLResponse)
def add(request: Request) -> Response:

    form = form_of(request.scope)
    item, errors = _new_forecast(form)
    if errors:
        values = {k: form.get(k) for k in ("statement", "by", "source", "made", "resolves",
                                           "issue", "kind", "probability", "value")}
        return _ledger(request, status=422, errors=errors, values=values)
    add_forecast(state_of(request).store, item)
    return RedirectResponse("/ledger?note=added", status_code=303)


def _outcome(text: str) -> bool | float:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "came true"):
        return True
    if lowered in ("false", "no", "did not"):
        return False
    try:
        value = float(lowered)
    except ValueError:
        raise UsageError(f"the outcome is true, false or a number, not '{text[:40]}'") from None
    if not math.isfinite(value):  # NaN would score as nothing, inf as an infinite error
        raise UsageError(f"the outcome must be a finite number, not '{text.strip()[:40]}'")
    return value


@router.post("/ledger/{forecast_id}/resolve", response_class=HTMLResponse)
def resolve(request: Request, forecast_id: str) -> Response:

    ident = read_int(forecast_id)  # ASCII digits within the store's integers
    if ident is None:
        raise WebError(404, "Not found", f"There is no forecast '{forecast_id[:20]}'.")
    state = state_of(request)
    form = form_of(request.scope)
    try:
        forecast: Forecast = get_forecast(state.store, ident)
    except UsageError:
        raise WebError(404, "Not found", f"There is no forecast {forecast_id}.") from None
    on = form.get("on").strip() or dt.date.today().isoformat()
    note = form.get("note").strip() or None
    try:
        done = resolve_forecast(state.store, forecast.id, _outcome(form.get("outcome")),
                                on=on, note=note)
    except UsageError as exc:
        if not is_htmx(request):
            raise
        return page(request, "_forecast_row.html", status=422, f=forecast, error=str(exc),
                    today=dt.date.today().isoformat())
    if is_htmx(request):
        return page(request, "_forecast_row.html", f=done, error=None,
                    today=dt.date.today().isoformat())
    return RedirectResponse(f"/ledger?note=resolved#forecast-{done.id}", status_code=303)
