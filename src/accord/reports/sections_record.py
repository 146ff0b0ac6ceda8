"""The record sections of a report: the evidence behind every number, the predictions the
sources made and how they fared, and the sources themselves.

Every text here comes from a scenario file or an article: the renderers escape it.
"""

from __future__ import annotations

from accord.ledger.forecast_scores import calibration, group_score, score_groups
from accord.ledger.prediction_forecasts import source_label
from accord.reports.bargain_view import Namer
from accord.reports.calibration_chart import calibration_figure
from accord.reports.document import (
    Block,
    Cell,
    CellValue,
    Chart,
    Paragraph,
    Section,
    Table,
)
from accord.reports.formatting import count
from accord.reports.predictions import outcome_text, resolution_note
from accord.reports.source_names import name_sources
from accord.scenario.numbers import is_uncertain, point
from accord.scenario.schema import Scenario, Stance
from accord.workflows.report_data import ReportData


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _position(n: Namer, s: Stance) -> Cell:
    pos = point(s.position)
    parts = [f"salience {_num(point(s.salience))}"]
    if s.reservation is not None:
        res = point(s.reservation)
        side = "≥" if res < pos else "≤" if res > pos else "="
        parts.append(f"red line {side} {n.value(s.issue, res)}")
    marks = ("distribution",) if any(is_uncertain(v) for v in
                                     (s.position, s.salience, s.reservation)) else ()
    return Cell(n.value(s.issue, pos), marks=marks, note="; ".join(parts))


def evidence(d: ReportData) -> Section | None:
    """Every stance with its quotes: actor, issue, position, quote, source, outlet, date;
    carried-over and inferred stances marked."""
    s = d.scenario
    if not s.stances:
        return None
    if not any(x.evidence or x.inference for x in s.stances):
        return Section("evidence", "Evidence", (Paragraph(
            "No stance of this scenario cites a source or explains an inference: the numbers "
            "are as the file gives them."),))
    n = Namer(s)
    order = {a.id: k for k, a in enumerate(s.actors)}
    rows: list[tuple[CellValue, ...]] = []
    for issue in s.issues:
        stances = sorted((x for x in s.stances if x.issue == issue.id),
                         key=lambda x: order[x.actor])
        for st in stances:
            marks = (("carried over",) if st.carried_over else ()) + \
                (("inferred",) if st.inference else ())
            items = st.evidence or (None,)
            for k, ev in enumerate(items):
                first = k == 0
                note = None
                if first and st.inference:
                    note = f"Inference: {st.inference}"
                if ev is not None and ev.note:
                    note = ev.note if note is None else f"{ev.note} {note}"
                note = name_sources(note, s)
                if ev is None:
                    quote = Cell("no quote", marks=marks, note=note)
                    src_title = outlet = date = "—"
                else:
                    quote = Cell(ev.quote, marks=marks, note=note, quote=True)
                    src_title, outlet, date = _source(s, ev.source)
                rows.append((s.actor(st.actor).name, n.issue(issue.id),
                             _position(n, st) if first else "″", quote, src_title, outlet,
                             date))
    carried = sum(1 for x in s.stances if x.carried_over)
    inferred = sum(1 for x in s.stances if x.inference)
    intro = Paragraph(
        f"{count(len(s.stances), 'stance backs', 'stances back')} the numbers above, "
        f"{carried} carried over unchanged "
        f"from an earlier snapshot and {inferred} resting partly or wholly on the analyst's "
        "inference (its reasoning is given under the quote). Quotes are verbatim from the "
        "sources.")
    table = Table(headers=("Actor", "Issue", "Position", "Quote", "Source", "Outlet", "Date"),
                  rows=tuple(rows), numeric=(6,), wide=(3,))
    return Section("evidence", "Evidence", (intro, table))


def _source(s: Scenario, source_id: str) -> tuple[str, str, str]:
    try:
        src = s.source(source_id)
    except KeyError:
        return source_id, "—", "—"
    return src.title, src.outlet or "—", src.published or "—"


def predictions(d: ReportData) -> Section | None:
    """The predictions of the scenario's case made by its date: how they resolved, their
    scores by forecaster, and a calibration chart of the resolved probabilities."""
    items = list(d.predictions)
    if not items:
        return None
    rows: list[tuple[CellValue, ...]] = []
    for c in items:
        p = c.prediction
        by = name_sources(p.by, c.scenario) or "—"
        where = source_label(c.scenario, p.source)
        brier = c.brier
        rows.append((
            Cell(p.statement, note=f"“{p.quote}”" if p.quote else None),
            Cell(by, note=where),
            p.made, p.resolves or "—",
            "—" if p.probability is None else f"{p.probability:.2f}",
            Cell(outcome_text(c), note=name_sources(resolution_note(c), c.scenario)),
            "—" if brier is None else f"{brier:.3f}"))
    overall = group_score("all", items)
    groups = score_groups(items, key=lambda c: name_sources(c.prediction.by, c.scenario)
                          or "unknown")
    score_rows: list[tuple[CellValue, ...]] = []
    for g in [x for x in groups if x.resolved] + [overall]:
        score_rows.append((g.group if g is not overall else "all forecasters",
                           str(g.forecasts), str(g.resolved),
                           "—" if g.brier is None else f"{g.brier:.3f}",
                           "—" if g.log_score is None else f"{g.log_score:.3f}",
                           f"{g.came_true} of {g.statements}" if g.statements else "—"))
    blocks: list[Block] = [Paragraph(
        f"{count(len(items), 'prediction')}, {overall.resolved} resolved. Brier score: the mean of "
        "(p − o)², 0 is perfect and always saying 50 % scores 0.25. Log score: the mean log "
        "of the probability given to what happened, 0 is perfect and 50 % scores −0.693. "
        "See docs/store.md.")]
    blocks.append(Table(
        headers=("Forecaster", "Predictions", "Resolved", "Brier", "Log score", "Claims true"),
        rows=tuple(score_rows), numeric=(1, 2, 3, 4), caption="Scores by forecaster (those "
        "with something resolved), then all together."))
    bins = calibration(items, 10)
    if any(b.count for b in bins):
        blocks.append(Chart(
            "calibration", lambda: calibration_figure(bins, "Calibration of the predictions"),
            alt="Calibration: for each band of forecast probability, the share of the "
                "resolved predictions that came true.",
            caption="A well-calibrated forecaster's 70 % predictions come true about 70 % "
                    "of the time: points on the diagonal. Marker area: number of predictions."))
    blocks.append(Table(
        headers=("Prediction", "By", "Made", "Resolves", "p", "Outcome", "Brier"),
        rows=tuple(rows), numeric=(2, 3, 4, 6), wide=(0,)))
    return Section("predictions", "Predictions and how they fared", tuple(blocks))


def sources(d: ReportData) -> Section | None:
    """The sources the scenario cites."""
    s = d.scenario
    if not s.sources:
        return None
    rows: list[tuple[CellValue, ...]] = []
    for src in s.sources:
        rows.append((src.id, Cell(src.title, note=src.note), src.outlet or "—",
                     src.author or "—", src.published or "—",
                     Cell(src.url, link=src.url) if src.url else "—"))
    return Section("sources", "Sources", (Table(
        headers=("Id", "Title", "Outlet", "Author", "Published", "Address"),
        rows=tuple(rows)),))
