"""Charts as images of their own: drawn by the library, served as SVG by a route, cached.

The pages show charts as ``<img src="/s/REF/charts/NAME.svg?SETTINGS">`` rather than inline
SVG: matplotlib's SVG carries a ``<style>`` element and ``style`` attributes, which the pages'
Content-Security-Policy (``style-src 'self'``) blocks inline (and Chromium reports each block
as a console error). An image is a document of its own, with a stricter policy of its own
(:data:`CHART_CSP`): it may load nothing at all, no script runs in it (``sandbox``; an SVG shown
through ``<img>`` runs none anyway), only its own inline styles apply.

Text in a chart comes from scenario files and is untrusted: the library's charts write it as
``<text>`` elements whose content matplotlib escapes, and :func:`accord.reports.chartkit.plain`
stops ``$...$`` being read as mathematics. Nothing in the web layer draws: every chart is a
function of :mod:`accord.reports.charts` or :mod:`accord.reports.mc_charts`.

Rendered charts are cached per (what they show, settings, chart), like the analyses, and drawn
at most ``parallel_charts`` at a time. Responses carry an ``ETag``, so a browser that has a
chart revalidates it for nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi.responses import Response

from accord.reports.chartkit import save_figure
from accord.reports.charts import comparison_figure, issue_figure, trajectory_figure
from accord.reports.issue_chart import zone_text
from accord.scenario.schema import Scenario
from accord.web.error_pages import WebError
from accord.web.state import WebState
from accord.workflows.analysis import Analysis

if TYPE_CHECKING:
    from fastapi import Request
    from fastapi.responses import Response

CHART_CSP = ("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
             "sandbox")
"""The policy of a chart image: nothing loads, nothing runs, only its inline styles apply."""

SVG_TYPE = "image/svg+xml"


@dataclass(frozen=True)
class ChartRef:
    """A chart a page shows: its name in the URL, a caption and the text alternative."""

    name: str
    caption: str
    alt: str


def result_charts(scenario: Scenario, analysis: Analysis) -> list[ChartRef]:
    """The charts of a results page, in page order: the model comparison, then one per issue.

    (The charts of the models that iterate are :func:`round_charts`.)"""
    out = []
    if analysis.results:
        out.append(ChartRef(
            "models", "Every model's forecast on every issue, on a shared axis from each "
                      "issue's low end (0%) to its high end (100%); the green bar is the zone "
                      "of agreement.",
            "Every model's forecast on every issue, with the zone of agreement."))
    for issue in scenario.issues:
        zone = zone_text(scenario, issue, analysis.bargaining) or ""
        out.append(ChartRef(
            f"issue-{issue.id}", f"{issue.name}. {zone}".strip(),
            f"{issue.name}: each actor's position, red line and the side it accepts, and "
            f"each model's forecast. {zone}".strip()))
    return out


def round_charts(analysis: Analysis) -> dict[str, ChartRef]:
    """A chart of positions round by round for every model that iterates, by model name."""
    return {r.model: ChartRef(f"rounds-{r.model}", f"Positions round by round: {r.model}",
                              f"Each actor's position on each issue, round by round, in the "
                              f"{r.model} model.")
            for r in analysis.results if r.trajectory}


def draw_result_chart(scenario: Scenario, analysis: Analysis, name: str) -> Any:
    """The figure of chart ``name`` of a results page; a 404 page for a chart it does not
    have."""
    if name == "models" and analysis.results:
        return comparison_figure(scenario, analysis.results, analysis.bargaining)
    kind, _, rest = name.partition("-")
    if kind == "issue" and rest in {i.id for i in scenario.issues}:
        return issue_figure(scenario, rest, analysis.results, analysis.bargaining)
    if kind == "rounds":
        for r in analysis.results:
            if r.model == rest and r.trajectory:
                return trajectory_figure(scenario, r)
    raise not_a_chart(name)


def not_a_chart(name: str) -> WebError:
    return WebError(404, "No such chart", f"This page has no chart '{name[:60]}'.")


def rendered(state: WebState, key: tuple[Hashable, ...], draw: Callable[[], Any]) -> bytes:
    """The SVG of ``draw()``'s figure, from the cache or drawn now (at most
    ``parallel_charts`` at a time)."""
    def compute() -> bytes:
        with state.drawing:
            return save_figure(draw(), "svg")

    return state.charts.get(tuple(str(k) for k in key), compute)


def svg_response(request: Request, data: bytes) -> Response:
    """An SVG chart with its own policy and an ETag (304 when the browser has it already)."""

    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache",
               "Content-Security-Policy": CHART_CSP}
    sent = request.headers.get("if-none-match", "")
    if etag in [tag.strip().removeprefix("W/") for tag in sent.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=SVG_TYPE, headers=headers)
