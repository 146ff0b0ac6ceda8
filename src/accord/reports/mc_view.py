"""Monte Carlo results in words and tables, from the document of an ``accord mc`` run.

Everything here reads the typed document (:class:`~accord.uncertainty.summary_types.McDocument`,
also what the store keeps for an ``mc`` run), so a stored run reads the same way as a fresh one.
The command line, the report's uncertainty section and the dashboard's job page all show these
sentences and rows: :func:`mc_blocks` is what ``accord mc`` prints (terminal and Markdown).
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.reports.document import Block, Heading, Paragraph, Table
from accord.reports.formatting import count, decimals_for, fmt
from accord.scenario.schema import Scenario
from accord.uncertainty.summary_types import McDocument, OutputDoc

TOP_DRIVERS = 3
"""Inputs shown per output in the table of drivers."""
MIN_RHO = 0.05
"""Correlations smaller than this are not shown (at 20,000 draws the noise is about 0.007)."""


def percent(p: float | None) -> str:
    """A probability as a percentage for tables: 0%, <0.1%, 12.3%, >99.9%, 100%."""
    if p is None:
        return "—"
    if p == 0 or p == 1:
        return f"{p * 100:.0f}%"
    if p < 0.001:
        return "<0.1%"
    if p > 0.999:
        return ">99.9%"
    return f"{p * 100:.1f}%"


def headline(doc: McDocument) -> str:
    added = sum(1 for i in doc.inputs if i.source == "option")
    text = (f"Monte Carlo: {doc.draws:,} draws, seed {doc.seed}, "
            f"{count(len(doc.inputs), 'uncertain input')}")
    if added:
        text += f" ({added} made uncertain by --position-sd/--salience-sd)"
    return text + "."


@dataclass(frozen=True)
class OutcomeCell:
    """One model's forecast of one issue over the draws."""

    median: str
    interval: str
    point: str

    @property
    def text(self) -> str:
        return f"{self.median} [{self.interval}]"


@dataclass(frozen=True)
class OutcomeRow:
    issue: str
    cells: tuple[OutcomeCell | None, ...]
    """Per model of the run, None where it made no forecast."""
    zone_open: str | None
    """P(the issue's zone is open), None without the bargaining analysis."""


def outcome_rows(scn: Scenario, doc: McDocument) -> list[OutcomeRow]:
    """Per issue: each model's median, 90% interval and point forecast; P(zone open)."""
    rows = []
    for issue in scn.issues:
        places = decimals_for(issue.low, issue.high)
        cells: list[OutcomeCell | None] = []
        for m in doc.models:
            s = m.issues.get(issue.id)
            if s is None or not s.n or s.interval90 is None:
                cells.append(None)
                continue
            low, high = s.interval90
            cells.append(OutcomeCell(fmt(s.median, places),
                                     f"{fmt(low, places)}–{fmt(high, places)}",
                                     fmt(s.point, places)))
        zone = percent(doc.bargain.zones.get(issue.id)) if doc.bargain else None
        rows.append(OutcomeRow(issue.name, tuple(cells), zone))
    return rows


def outcome_table(scn: Scenario, doc: McDocument, caption: str | None = None) -> Table:
    """:func:`outcome_rows` as a table: median [90% interval] per model, P(zone open)."""
    headers = ["Issue", *(m.label for m in doc.models)]
    if doc.bargain:
        headers.append("Zone open")
    rows = []
    for r in outcome_rows(scn, doc):
        row = [r.issue, *("—" if c is None else c.text for c in r.cells)]
        if doc.bargain:
            row.append(r.zone_open or "—")
        rows.append(tuple(row))
    return Table(headers=tuple(headers), rows=tuple(rows),
                 numeric=tuple(range(1, len(headers))), caption=caption)


def bargain_lines(doc: McDocument) -> list[str]:
    """Sentences on the verdict and when a zone opens."""
    b = doc.bargain
    if not b:
        return []
    point = b.point
    labels = list(b.deal_by)
    now = labels[0] if labels else None  # month 0: the scenario's own date
    opens = ""
    if point and point.opens:
        opens = (", a zone is already open" if point.opens == now
                 else f", a zone opens in {point.opens}")
    out = [f"A deal is possible as stated in {percent(b.p_deal)} of draws (at the point "
           f"values: {point.verdict if point else '—'}{opens})."]
    if b.p_deal is not None and b.p_deal >= 1:
        return out  # a zone is open in every draw: nothing left to open
    horizon = b.opening.horizon
    marks = [k for k in range(12, horizon, 12)] + [horizon]
    parts = [f"by {labels[k]} in {percent(b.deal_by[labels[k]])}" for k in marks
             if 0 < k < len(labels)]
    median = b.opening.median
    if parts:
        out.append("A zone has opened " + ", ".join(parts) + " of draws"
                   + ("" if not median else " (in most draws one is already open)"
                      if b.opening.median_months == 0 else f" (median {median})") + ".")
    if b.opening.never:
        out.append(f"It never opens under the drawn costs in {percent(b.opening.never)} of "
                   "draws.")
    return out


def opening_marks(doc: McDocument) -> list[tuple[str, str]]:
    """(date, share of draws with a zone open by then) every 12 months and at the horizon."""
    b = doc.bargain
    if not b:
        return []
    labels = list(b.deal_by)
    horizon = b.opening.horizon
    marks = sorted({*range(0, horizon, 12), horizon})
    return [(labels[k], percent(b.deal_by[labels[k]])) for k in marks if k < len(labels)]


@dataclass(frozen=True)
class Driver:
    output: str
    """The output's id in the document (``MODEL:ISSUE`` or ``opening``)."""
    title: str
    inputs: tuple[tuple[str, str], ...]
    """(input label, rho as text), strongest first."""


def output_title(scn: Scenario, output: OutputDoc) -> str:
    """An output in words: "the month a zone first opens", "compromise on Territory"."""
    if output.output == "opening":
        return "the month a zone first opens"
    issue = next((i.name for i in scn.issues if i.id == output.issue), output.issue or "")
    return f"{output.model} on {issue}"


def drivers(scn: Scenario, doc: McDocument, first_model_only: bool = False) -> list[Driver]:
    """Per output, the inputs with the strongest rank correlations (|rho| >= MIN_RHO);
    ``first_model_only`` keeps the first model's outputs and the opening month."""
    labels = {i.id: i.label for i in doc.inputs}
    first = doc.models[0].label if doc.models else None
    out = []
    for item in doc.sensitivity.outputs:
        if first_model_only and item.model not in (None, first):
            continue
        top = tuple((labels.get(x.input, x.input), f"{x.rho:+.2f}")
                    for x in item.inputs[:TOP_DRIVERS] if abs(x.rho) >= MIN_RHO)
        if top:
            out.append(Driver(item.output, output_title(scn, item), top))
    return out


def driver_table(scn: Scenario, doc: McDocument) -> Table | None:
    """The strongest rank correlations of the first model's outcomes and the opening month."""
    rows = [("opening month" if d.output == "opening" else d.output,
             "; ".join(f"{label} {rho}" for label, rho in d.inputs))
            for d in drivers(scn, doc, first_model_only=True)]
    if not rows:
        return None
    return Table(headers=("Output", "Strongest inputs (Spearman rho)"), rows=tuple(rows))


def tornado_output(doc: McDocument) -> tuple[str, str] | None:
    """The output a tornado chart shows by default, and its caption: the opening month when
    the run has the bargaining analysis, else the output with the strongest driver (the
    report and the dashboard choose alike)."""
    outputs = doc.sensitivity.outputs
    if not outputs:
        return None
    for out in outputs:
        if out.output == "opening" and out.inputs:
            return "opening", "the month a zone of agreement first opens"
    ranked = [o for o in outputs if o.inputs]
    if not ranked:
        return None
    best = max(ranked, key=lambda o: abs(o.inputs[0].rho))
    return best.output, f"the {best.output} forecast"


def tornado_outputs(scn: Scenario, doc: McDocument) -> tuple[list[tuple[str, str]], str]:
    """(output id, title) of every output the tornado chart can show, and the one it shows
    first (as the report chooses: the opening month when there is one)."""
    outputs = [(o.output, output_title(scn, o)) for o in doc.sensitivity.outputs]
    chosen = tornado_output(doc)
    return outputs, chosen[0] if chosen else (outputs[-1][0] if outputs else "")


@dataclass(frozen=True)
class ConcessionSummary:
    """The smallest concessions of the first draws in words and rows (``--concessions N``)."""

    draws: int
    text: str
    movers: tuple[tuple[str, str, str], ...]
    """(actor, share of draws in which it moves, points: median [90%])."""
    packages: tuple[tuple[str, str, str], ...]
    """(issue, Nash package: median [90%], draws with a package)."""


def concession_summary(scn: Scenario, doc: McDocument) -> ConcessionSummary | None:
    """What ``--concessions N`` found, for the command's tables and the dashboard."""
    c = doc.concessions
    if c is None:
        return None
    names = {a.id: a.name for a in scn.actors}
    text = (f"Over the first {count(c.draws, 'draw')}: a zone is open as stated in "
            f"{percent(c.open_as_stated)}; open as stated or once red lines move, in "
            f"{percent(c.possible)}.")
    if c.total is not None:
        text += (f" Where a concession is needed, the smallest moves {c.total.median:.1f} "
                 f"points in all (90% interval {c.total.low:.1f}–{c.total.high:.1f}) on "
                 "the 0-100 scales.")
    movers = tuple((names.get(m.actor, m.actor), percent(m.share),
                    "—" if m.points is None else
                    _spread(m.points.median, m.points.low, m.points.high, 1))
                   for m in c.movers)
    packages = []
    for issue in scn.issues:
        p = c.package.get(issue.id)
        if p is None or not p.draws or p.median is None:
            continue
        packages.append((issue.name, _spread(p.median, p.low, p.high,
                                             decimals_for(issue.low, issue.high)),
                         f"{p.draws:,}"))
    return ConcessionSummary(c.draws, text, movers, tuple(packages))


def _spread(median: float | None, low: float | None, high: float | None, places: int) -> str:
    """``median [low–high]``, as the forecast table writes a median and its interval."""
    return OutcomeCell(fmt(median, places), f"{fmt(low, places)}–{fmt(high, places)}", "").text


PACKAGE_NOTE = "as stated where a zone is open, else once the smallest concessions are made"


def concession_blocks(scn: Scenario, doc: McDocument) -> list[Block]:
    """:func:`concession_summary` as a heading, a sentence and two tables."""
    summary = concession_summary(scn, doc)
    if summary is None:
        return []
    blocks: list[Block] = [Heading(f"Smallest concessions (first {summary.draws:,} draws)"),
                           Paragraph(summary.text)]
    if summary.movers:
        blocks.append(Table(headers=("Actor", "Moves in", "Points: median [90%]"),
                            rows=summary.movers, numeric=(1, 2)))
    if summary.packages:
        blocks.append(Table(headers=("Issue", "Nash package: median [90%]", "Draws"),
                            rows=summary.packages, numeric=(1, 2), caption=PACKAGE_NOTE))
    return blocks


def mc_blocks(scn: Scenario, doc: McDocument) -> list[Block]:
    """What ``accord mc`` prints (terminal and Markdown)."""
    lead = (f"As of {scn.as_of}. " if scn.as_of else "") + headline(doc)
    blocks: list[Block] = [Paragraph(lead), Heading("Forecast: median [90% interval]"),
                           outcome_table(scn, doc)]
    lines = bargain_lines(doc)
    if lines:
        blocks += [Heading("Is there a deal?"), Paragraph(" ".join(lines))]
    blocks += concession_blocks(scn, doc)
    table = driver_table(scn, doc)
    if table is not None:
        blocks += [Heading(f"What drives the results (first {doc.sensitivity.sample:,} "
                           "draws)"), table]
    blocks.append(Paragraph(f"Seeding: {doc.seeding}.", muted=True))
    return blocks
