"""The report's sections on the actors: "Who gains, who loses" and "What it would take".

Both read what :func:`accord.workflows.report_data.gather` computed with the actors and
leverage workflows (``ReportData.actors``, ``ReportData.zone_moves``) and reuse the blocks of
``accord actors`` (:mod:`accord.reports.actors_view`) and ``accord leverage``
(:mod:`accord.reports.leverage_view`), so the report and the terminal say the same thing.
"""

from __future__ import annotations

from accord.reports.actors_view import gains_blocks
from accord.reports.bargain_view import Namer
from accord.reports.document import Block, CellValue, Paragraph, Section, Table
from accord.reports.leverage_view import concession_blocks, forecast_cell, move_sentence
from accord.workflows.leverage_answer import IssueMove
from accord.workflows.report_data import ReportData


def who_gains(d: ReportData) -> Section | None:
    """Each actor's gain from every forecast and the best deal, the pivotal actors and the
    voting power per issue, led by one sentence per notable finding."""
    if d.actors is None:
        return None
    intro = Paragraph(
        "Each actor's gain from a package is its utility there minus what it expects from no "
        "deal (its red lines, else the status quo), in percent of its largest possible loss; "
        "a veto player walks away from a package that crosses one of its binding red lines or "
        "gives it less than no deal. The command accord actors adds the expected-utility "
        "model's rounds, the spatial model's coalitions and the exchange model's trades.",
        muted=True)
    return Section("actors", "Who gains, who loses",
                   (intro, *gains_blocks(d.actors, title=False)))


def _zone(n: Namer, im: IssueMove) -> str:
    if im.zone is None:
        return "none"
    if abs(im.zone[1] - im.zone[0]) < 1e-9:
        return n.value(im.issue, im.zone[0])
    return f"{n.value(im.issue, im.zone[0])}–{n.value(im.issue, im.zone[1])}"


def _row(n: Namer, im: IssueMove) -> tuple[CellValue, ...]:
    forecast = "—" if im.forecast is None else n.value(im.issue, im.forecast)
    if im.forecast is None:
        return (n.issue(im.issue), forecast, _zone(n, im), "no forecast", "—")
    if im.zone is None:
        return (n.issue(im.issue), forecast, "none", "no zone: red lines must move first", "—")
    if im.target is None:
        return (n.issue(im.issue), forecast, _zone(n, im), "inside the zone", "—")
    if im.move is None:
        return (n.issue(im.issue), forecast, _zone(n, im),
                "no single move reaches the zone", "—")
    m = im.move
    return (n.issue(im.issue), forecast, _zone(n, im), move_sentence(n, im.issue, m),
            forecast_cell(n, im.issue, m.forecast, m.exact))


def what_it_takes(d: ReportData) -> Section | None:
    """The concessions that open a zone, as ranges, and the headline model's cheapest single
    move into each issue's zone where its forecast lies outside."""
    zm = d.zone_moves
    if zm is None:
        return None
    n = Namer(d.scenario)
    blocks: list[Block] = []
    if zm.concessions is not None:
        blocks += concession_blocks(n, zm.concessions,
                                    title="Opening a zone: every smallest set of concessions")
    outside = [im for im in zm.issues if im.target is not None]
    if zm.model is not None and zm.issues:
        if outside:
            lead = (f"The {zm.model} forecast lies outside the zone every veto player accepts "
                    f"on {len(outside)} issue{'s' if len(outside) > 1 else ''}: it is not an "
                    "outcome they would all sign. The cheapest single move (of a position, "
                    "salience or capability, a point or a percent costing 1) that brings it "
                    "to the nearest point of the zone:")
        else:
            lead = (f"Wherever a zone exists, the {zm.model} forecast lies inside it.")
        blocks += [Paragraph(lead),
                   Table(headers=("Issue", f"Forecast ({zm.model})", "Zone",
                                  "Cheapest move into the zone", "Forecast then"),
                         rows=tuple(_row(n, im) for im in zm.issues), numeric=(1, 4),
                         wide=(3,))]
    if not blocks:
        return None
    return Section("what-it-takes", "What it would take", tuple(blocks))
