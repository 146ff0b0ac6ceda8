"""What the Monte Carlo page shows, read from the job's document (``accord mc -f json``).

Everything here reads the JSON document of :func:`accord.uncertainty.mc_document`, and the
sentences, percentages and choices are those of :mod:`accord.reports.mc`, which ``accord mc``
and ``accord report`` use too, so the page, the terminal and the report say the same thing:
per issue each model's median and 90% interval, the probability that a deal is possible as
stated and that each issue's zone is open, the probability that a zone has opened by each date,
and the inputs that move each output most (Spearman rank correlations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from accord.reports.formatting import decimals_for, fmt
from accord.reports.mc import MIN_RHO, TOP_DRIVERS, percent, tornado_output

if TYPE_CHECKING:
    from accord.scenario.schema import Scenario

@dataclass(frozen=True)
class OutcomeCell:
    median: str
    interval: str
    point: str


@dataclass(frozen=True)
class OutcomeRow:
    issue: str
    cells: tuple[OutcomeCell | None, ...]
    zone_open: str | None


def outcome_rows(scn: Scenario, doc: dict[str, Any]) -> list[OutcomeRow]:
    """Per issue: each model's median, 90% interval and point forecast; P(zone open)."""
    bargain = doc.get("bargain")
    rows = []
    for issue in scn.issues:
        places = decimals_for(issue.low, issue.high)
        cells: list[OutcomeCell | None] = []
        for m in doc["models"]:
            s = m["issues"].get(issue.id, {})
            if not s.get("n"):
                cells.append(None)
                continue
            low, high = s["interval90"]
            cells.append(OutcomeCell(fmt(s["median"], places),
                                     f"{fmt(low, places)}–{fmt(high, places)}",
                                     fmt(s.get("point"), places)))
        zone = percent(bargain["zones"].get(issue.id)) if bargain else None
        rows.append(OutcomeRow(issue.name, tuple(cells), zone))
    return rows


def opening_marks(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(date, share of draws with a zone open by then) every 12 months and at the horizon."""
    b = doc.get("bargain")
    if not b:
        return []
    labels = list(b["deal_by"])
    horizon = b["opening"]["horizon"]
    marks = sorted({*range(0, horizon, 12), horizon})
    return [(labels[k], percent(b["deal_by"][labels[k]])) for k in marks if k < len(labels)]


@dataclass(frozen=True)
class Driver:
    output: str
    """The output's id in the document (``MODEL:ISSUE`` or ``opening``)."""
    title: str
    inputs: tuple[tuple[str, str], ...]
    """(input label, rho as text), strongest first."""


def output_title(scn: Scenario, output: dict[str, Any]) -> str:
    """An output in words: "the month a zone first opens", "compromise on Territory"."""
    if output["output"] == "opening":
        return "the month a zone first opens"
    issue = next((i.name for i in scn.issues if i.id == output.get("issue")),
                 output.get("issue") or "")
    return f"{output.get('model')} on {issue}"


def drivers(scn: Scenario, doc: dict[str, Any]) -> list[Driver]:
    """Per output, the inputs with the strongest rank correlations (|rho| >= 0.05)."""
    labels = {i["id"]: i["label"] for i in doc["inputs"]}
    out = []
    for item in doc["sensitivity"]["outputs"]:
        top = tuple((labels.get(x["input"], x["input"]), f"{x['rho']:+.2f}")
                    for x in item["inputs"][:TOP_DRIVERS]
                    if x.get("rho") is not None and abs(x["rho"]) >= MIN_RHO)
        if top:
            out.append(Driver(item["output"], output_title(scn, item), top))
    return out


def tornado_outputs(scn: Scenario, doc: dict[str, Any]) -> tuple[list[tuple[str, str]], str]:
    """(output id, title) of every output the tornado chart can show, and the one it shows
    first (as the report chooses: the opening month when there is one)."""
    outputs = [(o["output"], output_title(scn, o)) for o in doc["sensitivity"]["outputs"]]
    chosen = tornado_output(doc)
    return outputs, chosen[0] if chosen else (outputs[-1][0] if outputs else "")
