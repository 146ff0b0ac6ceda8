"""``accord timeline``: the forecasts and the bargaining analysis across a case's snapshots."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from accord.cases import DEFAULT_CASE, case_ids, load_case, timeline, timeline_ids
from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import load_input
from accord.cli.options import HORIZON, HorizonOption, bargain_settings
from accord.errors import UsageError
from accord.reports.chartkit import save_figure
from accord.reports.output import check_output, mark
from accord.reports.timeline_chart import timeline_figure
from accord.reports.timeline_view import timeline_page
from accord.scenario.schema import Scenario
from accord.textfile import write_output
from accord.workflows.registry import get_model
from accord.workflows.timeline import (
    build_timeline,
    case_snapshots,
    order_snapshots,
    timeline_document,
)

CHART_KINDS = {".svg": "svg", ".png": "png"}


def snapshots_for(args: list[str] | None) -> list[Scenario]:
    """The snapshots named on the command line: a case id (default: the built-in case's), or
    scenario files of one case (one file joins the built-in snapshots of its ``case``)."""
    if not args:
        return timeline(load_case(DEFAULT_CASE).case or DEFAULT_CASE)
    cases = timeline_ids()
    if len(args) == 1 and not os.path.exists(args[0]):
        name = args[0]
        if name in cases:
            return timeline(name)
        if name in case_ids():
            case = load_case(name).case
            hint = f"; run `accord timeline {case}`" if case else ""
            raise UsageError(f"'{name}' is one snapshot, not a case{hint} (cases with "
                             f"snapshots: {', '.join(cases) or 'none'})")
        if os.sep not in name and "." not in name:
            raise UsageError(f"'{name}' is neither a case nor a file (cases with snapshots: "
                             f"{', '.join(cases) or 'none'})")
    scenarios = []
    for arg in args:
        loaded = load_input(arg)
        if loaded.is_collection:
            raise UsageError(f"{arg} is a collection of one-issue scenarios, not the "
                             "snapshots of a case")
        scn = loaded.scenario
        if scn.case is None:
            raise UsageError(f"{arg} is a scenario that is not part of a case (it has no "
                             "'case:' field); give a case id "
                             f"({', '.join(cases) or 'none built in'}) or the snapshot "
                             "files of one case")
        scenarios.append(scn)
    if len(scenarios) == 1:
        merged = case_snapshots(scenarios[0])
        if merged is None:
            raise UsageError(f"{args[0]} is the only snapshot of case "
                             f"'{scenarios[0].case}'; give every snapshot file of the case")
        return merged
    return order_snapshots(scenarios)


@command("timeline", help="The same analysis across the dated snapshots of a case: per issue "
                          "each model's forecast and the zone of agreement at each snapshot, "
                          "the verdict and the blocking red lines over time, and when each "
                          "snapshot expected a zone to open.\n\n"
                          "CASE is a case id (default: the built-in 'ukraine'), or the "
                          "snapshot files of one case (scenarios with the same 'case:'); a "
                          "single file joins the built-in snapshots of its case.\n\n"
                          "Examples: `accord timeline`; `accord timeline -f json`; "
                          "`accord timeline --model eum --chart timeline.svg`.")
def timeline_command(
    case: Annotated[list[str] | None, typer.Argument(
        metavar="[CASE | FILE...]", show_default=False,
        help="A case id or snapshot files of one case; default: the built-in case.")] = None,
    model: Annotated[list[str] | None, typer.Option(
        "--model", "-m", metavar="MODEL",
        help="Model to compare (repeatable; default: compromise, weighted-median, mean, "
             "median and eum).")] = None,
    horizon: HorizonOption = HORIZON,
    chart: Annotated[str | None, typer.Option(
        "--chart", metavar="FILE",
        help="Also draw the timeline chart into FILE.svg or FILE.png.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="With --chart: overwrite the file even if it is not a chart accord "
                        "wrote.")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    for name in model or []:
        get_model(name)  # an unknown model is a usage error before any work
    bargain = bargain_settings(horizon=horizon)
    if force and not chart:
        raise UsageError("--force goes with --chart")
    target = check_output(chart, CHART_KINDS, "--chart", force=force,
                          owned="a chart") if chart else None
    snapshots = snapshots_for(case)
    t = build_timeline(snapshots, model, bargain)
    if target is not None:
        path, kind = target
        write_output(path, mark(save_figure(timeline_figure(t), kind), kind), "--chart")
        note(f"wrote the timeline chart to {path}")
    emit_page(timeline_page(t), fmt, timeline_document(t))
