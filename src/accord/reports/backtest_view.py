"""The back-test table of ``accord timeline`` (:mod:`accord.bargaining.backtest`): per pair of
consecutive snapshots, each red line and no-deal outcome as stated, as projected to the next
snapshot's date under the stated costs, and as the next snapshot states it, with the mean
absolute error beside that of persistence (nothing moves).

Numbers that neither moved under the costs nor changed between the snapshots are counted in the
step's summary row but not listed (the JSON lists every number).
"""

from __future__ import annotations

from accord.bargaining.backtest import Backtest, Projection
from accord.reports.document import Block, Heading, Paragraph, Table
from accord.reports.formatting import count

BACKTEST_HEADERS = ["Step", "Number", "Stated", "Projected", "Next states", "Error"]


def _n(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return "0" if text in ("-0.0", "0.0") else text.removesuffix(".0")


def _what(r: Projection) -> str:
    if r.kind == "no deal":
        return f"no-deal outcome on {r.issue}"
    sign = "≥" if r.side == "min" else "≤"
    return f"{r.actor} red line {sign} on {r.issue}"


def backtest_rows(bt: Backtest) -> list[list[str]]:
    """Rows of the back-test table (see the module docstring)."""
    out: list[list[str]] = []
    for step in bt.steps:
        head = f"{step.earlier} → {step.later} ({step.months} mo)"
        for r in step.rows:
            if not r.moved and abs(r.persistence_error) < 1e-9:
                continue
            out.append([head, _what(r), _n(r.start), _n(r.projected), _n(r.stated),
                        _n(r.error)])
            head = ""
        summary = (f"MAE {_n(step.mae)} (persistence {_n(step.persistence_mae)}) over "
                   f"{count(len(step.rows), 'number')}; {step.carried} carried over, not scored")
        out.append([head, summary, "", "", "", ""])
    out.append(["all steps", f"MAE {_n(bt.mae)} (persistence {_n(bt.persistence_mae)}) over "
                             f"{count(len(bt.rows), 'number')}", "", "", "", ""])
    return out


def backtest_blocks(bt: Backtest) -> list[Block]:
    """The back-test as a section of a page (terminal, Markdown, HTML)."""
    return [Heading("Back-test of the costs of no deal"),
            Paragraph("Each snapshot's red lines and no-deal outcomes projected to the next "
                      "snapshot's date under its stated costs; errors in points of the 0-100 "
                      "scale, beside persistence (the forecast that nothing moves)."),
            Table(headers=tuple(BACKTEST_HEADERS),
                  rows=tuple(tuple(r) for r in backtest_rows(bt)), numeric=(2, 3, 4, 5))]
