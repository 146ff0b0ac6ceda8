"""``accord timeline``: the forecasts and the bargaining analysis across a case's snapshots."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from accord.cli.app import (
    Format,
    FormatOption,
    command,
    emit_json,
    emit_table,
    emit_text,
    note,
    stdout_console,
)
from accord.cli.bargain import HorizonOption
from accord.errors import UsageError

if TYPE_CHECKING:
    from accord.scenario.schema import Scenario

CHART_KINDS = {".svg": "svg", ".png": "png"}


def snapshots_for(args: list[str] | None) -> list[Scenario]:
    """The snapshots named on the command line: a case id (default: the built-in case's), or
    scenario files of one case (one file joins the built-in snapshots of its ``case``)."""
    import os

    from accord.cases import DEFAULT_CASE, case_ids, load_case, timeline, timeline_ids
    from accord.scenario.inputs import load_input
    from accord.timeline import case_snapshots, order_snapshots

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
        "--model", "-m", help="Model to compare (repeatable; default: compromise, "
                              "weighted-median, mean, median and eum).")] = None,
    horizon: HorizonOption = 60,
    chart: Annotated[str | None, typer.Option(
        "--chart", help="Also draw the timeline chart into FILE.svg or FILE.png.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    from accord.bargaining import BargainOptions
    from accord.models import get_model
    from accord.reports.output import check_output

    for name in model or []:
        get_model(name)  # an unknown model is a usage error before any work
    target = check_output(chart, CHART_KINDS, "--chart") if chart else None
    snapshots = snapshots_for(case)

    from accord.timeline import build_timeline, timeline_document

    t = build_timeline(snapshots, model, BargainOptions(horizon=horizon))
    if target is not None:
        from accord.reports.chartkit import save_figure
        from accord.reports.output import write_atomic
        from accord.reports.timeline_chart import timeline_figure

        path, kind = target
        write_atomic(path, save_figure(timeline_figure(t), kind))
        note(f"wrote the timeline chart to {path}")
    if fmt is Format.json:
        emit_json(timeline_document(t))
    elif fmt is Format.markdown:
        from accord.reports.timeline import timeline_markdown

        emit_text(timeline_markdown(t))
    else:
        _tables(t)


def _tables(t: object) -> None:
    from rich.text import Text

    from accord.reports.timeline import (
        VERDICT_HEADERS,
        issue_rows,
        scale_line,
        snapshot_headers,
        verdict_rows,
    )
    from accord.timeline import Timeline

    assert isinstance(t, Timeline)
    console = stdout_console()
    console.print(Text.assemble((f"Timeline of '{t.case}'", "bold"),
                                f": {len(t.runs)} snapshots from {t.runs[0].as_of} to "
                                f"{t.runs[-1].as_of}"), soft_wrap=False)
    table = Table(*VERDICT_HEADERS, title="Verdict over time", title_justify="left")
    for row in verdict_rows(t):
        table.add_row(*row)
    emit_table(table)
    heads = snapshot_headers(t)
    for it in t.issues:
        table = Table("", *heads, title=f"{it.issue.name} ({scale_line(it, 40)})",
                      title_justify="left")
        for row in issue_rows(t, it.id):
            table.add_row(*row)
        emit_table(table)
    if len(t.runs) > 1:
        from accord.bargaining.backtest import backtest
        from accord.reports.backtest import BACKTEST_HEADERS, backtest_rows

        table = Table(*BACKTEST_HEADERS, title="Back-test of the costs of no deal: each "
                      "snapshot projected to the next one's date (errors in points of 0-100)",
                      title_justify="left")
        for row in backtest_rows(backtest([r.scenario for r in t.runs], t.options)):
            table.add_row(*row)
        emit_table(table)
