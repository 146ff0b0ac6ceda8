"""Results: every model's forecast per issue, the bargaining verdict and its tables, the
trajectories of the models that iterate; and recording a run (with accord's forecasts in the
ledger).

The page is a GET with the settings in the query (see :mod:`accord.web.results_query`); the models
run on first view and the result is cached. Its charts (:mod:`accord.reports.charts`: the model
comparison, one per issue, the rounds of the models that iterate) are images served by
:func:`result_chart` with the same settings in their query (:mod:`accord.web.chart_images`).
Recording is a POST: it writes to the store what ``accord run`` and ``accord bargain`` would
record for the same settings (two runs that ``accord runs rerun`` can replay), and optionally
accord's forecasts from the model run to the ledger, to be scored later alongside the pundits'.
The Monte Carlo analysis of the scenario is a page of its own (:mod:`.mc`), linked from here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.bargaining.problem import LOSSES, NO_DEALS, POWERS
from accord.ledger.derive import forecasts_from_results
from accord.reports.robustness_view import depends_on, knife_edge_lines
from accord.reports.run_view import model_label
from accord.scenario.dates import parse_partial_date
from accord.store.forecasts import add_forecasts
from accord.store.runs import get_run
from accord.web.chart_images import (
    draw_result_chart,
    not_a_chart,
    rendered,
    result_charts,
    round_charts,
    svg_response,
)
from accord.web.error_pages import WebError
from accord.web.integers import IntegerError, parse_int
from accord.web.lookup import find_scenario
from accord.web.pages import note_text
from accord.web.render import is_htmx, page
from accord.web.results_query import (
    query_of,
    query_params,
    scenario_settings,
    settings_from_items,
    settings_from_query,
    settings_key,
    settings_view,
)
from accord.web.scope import form_of, gone_of
from accord.web.state import state_of
from accord.web.views import bargain_tables, outcome_matrix, trajectories
from accord.workflows.recorder import record as record_run
from accord.workflows.registry import MODELS
from accord.workflows.settings import HORIZON_MAX, AnalysisSettings
from accord.workflows.specs import bargain_spec, run_spec

router = APIRouter()


def model_choices() -> list[dict[str, Any]]:
    return [{"name": name, "title": model.title, "presets": list(model.presets),
             "default_preset": model.default_preset, "default": model.default}
            for name, model in MODELS.items()]


@router.get("/s/{ref}/results", response_class=HTMLResponse)
def results(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    settings, left_out = scenario_settings(query_params(request.query_params.multi_items()),
                                           found.scenario)
    shown = state.analysis(found.scenario, settings, gone_of(request.scope))
    analysis = shown.analysis
    scn = found.scenario
    context: dict[str, Any] = {
        "found": found, "scn": scn, "settings": settings_view(settings),
        "horizon_max": HORIZON_MAX, "analysis": analysis,
        "labels": [model_label(r) for r in analysis.results],
        "matrix": outcome_matrix(scn, analysis.results),
        "trajectories": [(model_label(r), r.model, trajectories(scn, r))
                         for r in analysis.results if r.trajectory],
        "bargain": None if shown.bargain is None else bargain_tables(scn, shown.bargain),
        "depends_on": None if shown.robustness is None else depends_on(shown.robustness),
        "knife_edges": [] if shown.robustness is None
        else knife_edge_lines(shown.robustness, limit=10),
        "left_out": left_out,
        "warnings": () if shown.reconciliation is None else shown.reconciliation.warnings,
        "reasons": [] if shown.reconciliation is None else [
            (scn.issue(r.issue).name, [x.sentence for x in r.reasons])
            for r in shown.reconciliation.issues if r.reasons],
        "choices": model_choices(), "losses": LOSSES, "no_deals": NO_DEALS, "powers": POWERS,
        "note": note_text(request.query_params.get("note")),
        "run_ids": _run_ids(request.query_params.getlist("run")),
        "query": query_of(settings),
        "charts": result_charts(scn, analysis), "round_charts": round_charts(analysis),
        "chart_query": urlencode(query_of(settings)),
        "mc_jobs": state.jobs.of_scenario(scn.digest()),
    }
    name = "_results.html" if is_htmx(request) else "results.html"
    return page(request, name, **context)


def _run_ids(values: list[str]) -> list[int]:
    """The runs just recorded (``?run=ID``, at most two shown); a 400 page for a bad id."""
    try:
        return [parse_int(v, "run") for v in values[:2]]
    except IntegerError as exc:
        raise WebError(400, "Bad run", f"{exc}.") from None


@router.get("/s/{ref}/charts/{name}.svg")
def result_chart(request: Request, ref: str, name: str) -> Response:
    """A chart of the results page (same settings in the query: 400 for bad ones, 404 for a
    chart the page does not have)."""
    state = state_of(request)
    found = find_scenario(state, ref)
    settings = settings_from_items(request.query_params.multi_items())
    analysis = state.analysis(found.scenario, settings, gone_of(request.scope)).analysis
    scn = found.scenario
    names = {c.name for c in result_charts(scn, analysis)}
    names |= {c.name for c in round_charts(analysis).values()}
    if name not in names:
        raise not_a_chart(name)
    data = rendered(state, ("results", found.digest, settings_key(settings), name),
                    lambda: draw_result_chart(scn, analysis, name))
    return svg_response(request, data)


def _settings_from_form(items: dict[str, list[str]]) -> AnalysisSettings:
    return settings_from_query({k: v for k, v in items.items() if k != "csrf_token"})


@router.post("/s/{ref}/record")
def record(request: Request, ref: str) -> Response:
    """Record the model run and the bargaining analysis in the store (and, if asked,
    accord's forecasts in the ledger), as ``accord run`` and ``accord bargain`` record them."""
    state = state_of(request)
    found = find_scenario(state, ref)
    form = form_of(request.scope)
    fields = dict(form.fields)
    to_ledger = form.get("ledger") in ("1", "on")
    resolves = form.get("resolves").strip() or None
    for key in ("ledger", "resolves"):
        fields.pop(key, None)
    settings = _settings_from_form(fields)
    if resolves is not None:
        try:
            parse_partial_date(resolves)
        except ValueError as exc:
            raise WebError(400, "Bad date", f"When the forecasts resolve: {exc}.") from None
    scn = found.scenario
    shown = state.analysis(scn, settings, gone_of(request.scope))
    analysis = shown.analysis
    if not analysis.results:
        raise WebError(400, "Nothing to record", "None of the chosen models produced a "
                                                 "result.")
    ran = tuple(c for c in settings.models if analysis.result(c.model) is not None)
    spec = run_spec(scn, settings.model_copy(update={"models": ran}))
    run_ids = [record_run(state.store, spec, scn, list(analysis.results))]
    if shown.bargain is not None and settings.bargain is not None:
        run_ids.append(record_run(state.store, bargain_spec(scn, settings.bargain), scn,
                                  shown.bargain))
    if to_ledger:
        forecasts = forecasts_from_results(get_run(state.store, run_ids[0]), scn,
                                           resolves=resolves)
        add_forecasts(state.store, forecasts)
    query = urlencode([*query_of(settings), ("note", "recorded"),
                       *[("run", str(i)) for i in run_ids]])
    return RedirectResponse(f"/s/{found.ref}/results?{query}", status_code=303)
