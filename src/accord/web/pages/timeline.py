"""The timeline: a case's dated snapshots side by side, as ``accord timeline`` shows them.

``/timeline`` lists the built-in cases that have snapshots; ``/timeline/CASE`` shows the verdict
at each snapshot (with the blocking red lines, the smallest concession and when a zone was
expected to open), the timeline chart (:func:`accord.reports.timeline_chart.timeline_figure`),
and per issue each model's forecast and the zone of agreement at each snapshot, with links to
every snapshot's page and results. The rows are those of :mod:`accord.reports.timeline_view`, so the
page and the terminal say the same thing.

Settings are in the query, as on the results page: ``model`` (repeatable; default the models of
``accord timeline``: the baselines and the expected-utility model) and the bargaining options
(``horizon`` and the rest, docs/bargaining.md). The timeline is computed once per (case,
settings) and cached, like the results.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from accord.cases import case_ids, load_case, timeline, timeline_ids
from accord.reports.timeline_chart import timeline_figure
from accord.reports.timeline_view import (
    VERDICT_HEADERS,
    issue_rows,
    scale_line,
    snapshot_headers,
    verdict_rows,
)
from accord.web.analysis_worker import TIMELINE
from accord.web.chart_images import rendered, svg_response
from accord.web.error_pages import WebError
from accord.web.render import page
from accord.web.results_query import settings_from_query, settings_key, settings_view
from accord.web.scope import gone_of
from accord.web.state import WebState, state_of
from accord.workflows.registry import MODELS, TIMELINE_MODELS
from accord.workflows.settings import AnalysisSettings
from accord.workflows.timeline import Timeline

router = APIRouter()


def _case(case: str) -> str:
    """``case`` if it is a built-in case with snapshots; a helpful 404 page otherwise."""
    cases = timeline_ids()
    if case in cases:
        return case
    if case in case_ids():
        parent = load_case(case).case
        if parent in cases:
            raise WebError(404, "Not a case", f"'{case}' is one snapshot of the case "
                           f"'{parent}'; its timeline shows it among the others.",
                           back=f"/timeline/{parent}")
    raise WebError(404, "No such case", f"There is no built-in case '{case[:60]}' with dated "
                   f"snapshots (cases: {', '.join(cases) or 'none'}).", back="/timeline")


def timeline_settings(items: list[tuple[str, str]]) -> AnalysisSettings:
    """The settings of a timeline page's query (the models default to ``accord timeline``'s)."""
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    params.setdefault("model", list(TIMELINE_MODELS))
    return settings_from_query(params)


def cached_timeline(state: WebState, case: str, settings: AnalysisSettings,
                    gone: threading.Event | None = None) -> Timeline:
    """:func:`accord.workflows.timeline.build_timeline` of the case, once per (case, settings),
    in the analysis processes (:mod:`accord.web.analysis_pool`)."""
    def compute() -> Timeline:
        built: Timeline = state.pool.run(
            TIMELINE, (case, settings.model_names, settings.bargain), gone=gone)
        return built

    return state.timelines.get((case, settings_key(settings)), compute)


@router.get("/timeline", response_class=HTMLResponse)
def cases(request: Request) -> HTMLResponse:
    listed = []
    for case in timeline_ids():
        snaps = timeline(case)
        dates = sorted(s.as_of or "" for s in snaps)
        listed.append({"id": case, "snapshots": len(snaps), "first": dates[0],
                       "last": dates[-1], "title": snaps[-1].title})
    return page(request, "timelines.html", cases=listed)


@router.get("/timeline/{case}", response_class=HTMLResponse)
def case_timeline(request: Request, case: str) -> HTMLResponse:
    case = _case(case)
    settings = timeline_settings(request.query_params.multi_items())
    t = cached_timeline(state_of(request), case, settings, gone_of(request.scope))
    view = settings_view(settings)
    query = urlencode([("model", m) for m in view.models] + [("horizon", str(view.horizon))])
    issues: list[dict[str, Any]] = [
        {"id": it.id, "name": it.issue.name, "scale": scale_line(it),
         "rows": issue_rows(t, it.id)} for it in t.issues]
    return page(request, "timeline.html", t=t, case=case, settings=view,
                models=list(MODELS), verdict_headers=VERDICT_HEADERS,
                verdicts=list(zip(t.runs, verdict_rows(t), strict=True)),
                heads=snapshot_headers(t), issues=issues, chart_query=query)


@router.get("/timeline/{case}/chart.svg")
def timeline_chart(request: Request, case: str) -> Response:
    """The timeline chart of the case with the page's settings (400 for bad ones)."""
    case = _case(case)
    state = state_of(request)
    settings = timeline_settings(request.query_params.multi_items())
    t = cached_timeline(state, case, settings, gone_of(request.scope))
    data = rendered(state, ("timeline", case, settings_key(settings)),
                    lambda: timeline_figure(t))
    return svg_response(request, data)
