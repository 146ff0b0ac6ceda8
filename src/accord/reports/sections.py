"""The analysis sections of a report: summary, issues, model comparison, rounds, timeline.

Each builder takes the :class:`~accord.workflows.report_data.ReportData` and returns a
:class:`~accord.reports.document.Section` (or None when it has nothing to show). The summary's
sentences are those of ``accord bargain`` (:func:`accord.reports.bargain_view.summary`), so the
report and the terminal say the same thing.
"""

from __future__ import annotations

import functools

from accord.reports.bargain_view import (
    Namer,
    concession_rows,
    timeline_rows,
    timeline_title,
    zone_text,
)
from accord.reports.bargain_view import summary as bargain_summary
from accord.reports.document import (
    Block,
    Bullets,
    Cell,
    CellValue,
    Chart,
    Facts,
    Heading,
    Paragraph,
    Section,
    Table,
    slug,
)
from accord.reports.formatting import count
from accord.reports.issue_chart import issue_figure
from accord.reports.issue_chart import zone_text as chart_zone_text
from accord.reports.model_charts import comparison_figure, trajectory_figure
from accord.reports.robustness_view import depends_on
from accord.reports.source_names import name_sources
from accord.reports.timeline_chart import timeline_figure
from accord.reports.timeline_view import (
    VERDICT_HEADERS,
    snapshot_headers,
    verdict_rows,
    zone_cell,
)
from accord.scenario.schema import Issue
from accord.workflows.reconcile import ModelForecast
from accord.workflows.report_data import ReportData


def _nearest(issue: Issue, value: float | None) -> str:
    if value is None:
        return "—"
    near = issue.nearest_label(value)
    return "—" if near is None else f"{near[0]:g}: {near[1]}"


def _headline_forecast(d: ReportData, issue: str) -> ModelForecast | None:
    if d.reconciliation is None or d.headline is None:
        return None
    rec = d.reconciliation.of(issue)
    return next((f for f in rec.forecasts if f.label.split(":")[0] == d.headline.model),
                None)


def _forecast_cell(d: ReportData, issue: str, value: float | None) -> CellValue:
    if value is None:
        return "—"
    n = Namer(d.scenario)
    f = _headline_forecast(d, issue)
    if f is None or (f.inside_zone is not False and not f.rejected_by):
        return n.value(issue, value)
    note = (f"nearest point every veto player accepts: {n.value(issue, f.constrained)}"
            if f.constrained is not None else
            f"no point every veto player accepts; rejected by {', '.join(f.rejected_by)}")
    return Cell(n.value(issue, value), marks=("outside the zone",), note=note)


def _interval(d: ReportData, issue: str) -> str:
    f = _headline_forecast(d, issue)
    if f is None or f.interval is None:
        return "—"
    n = Namer(d.scenario)
    return f"{n.value(issue, f.interval.low)}–{n.value(issue, f.interval.high)}"


def summary(d: ReportData) -> Section:
    """What a reader takes away in 30 seconds: the verdict, what would open a deal and when,
    and the forecast of every issue with the nearest labelled point of its scale."""
    s, doc = d.scenario, d.document
    n = Namer(s)
    sentences = bargain_summary(s, doc)
    facts = [("Verdict", sentences[0])]
    lead = depends_on(d.robustness) if d.robustness is not None else None
    if lead:
        facts.append(("How firm it is", lead))
    if len(sentences) > 1:
        facts.append(("What would open a deal, and when", " ".join(sentences[1:])))
    head = d.headline
    blocks: list[Block] = [Facts(tuple(facts))]
    if head is not None:
        rows: list[tuple[CellValue, ...]] = []
        for issue in s.issues:
            value = head.outcome.get(issue.id)
            values = [v for r in d.results if (v := r.outcome.get(issue.id)) is not None]
            spread = (f"{n.value(issue.id, min(values))}–{n.value(issue.id, max(values))}"
                      if values else "—")
            if values and len(values) < len(d.results):  # some models made no forecast
                spread += f" ({len(values)} of {len(d.results)} models)"
            rows.append((issue.name, _forecast_cell(d, issue.id, value), _interval(d, issue.id),
                         _nearest(issue, value), spread, zone_text(n, issue.id, doc)))
        blocks.append(Table(
            headers=("Issue", f"Forecast ({head.model})", "80% interval",
                     "Nearest point on the scale", "Range of the models' forecasts",
                     "Zone of agreement"),
            rows=tuple(rows), numeric=(1, 2),
            caption=f"Forecasts of the {head.model} model on each issue's own scale, with "
                    "an 80% prediction interval calibrated on EU decisions with known "
                    "outcomes (docs/validation.md); the zone of agreement is the range every "
                    "veto player's red line accepts. A forecast outside it is not an outcome "
                    "the veto players would sign: the nearest point they all accept is shown "
                    "under it. The range runs from the lowest to the highest forecast of the "
                    f"{count(len(d.results), 'model')}, or of those that made one where not "
                    "all did."))
    conc = concession_rows(s, doc)
    if conc:
        blocks.append(Table(headers=("Actor", "Issue", "Red line from", "To", "By"),
                            rows=tuple(tuple(r) for r in conc), numeric=(2, 3, 4),
                            caption="The smallest concessions that open a zone of agreement."))
    moved = timeline_rows(s, doc)
    if moved and doc.timeline.months != 0:
        blocks.append(Table(headers=("Actor", "Issue", "Side", "Stated", "Then"),
                            rows=tuple(tuple(r) for r in moved), numeric=(3, 4),
                            caption=timeline_title(doc) + " under the stated costs of no "
                                                          "deal."))
    return Section("summary", "Summary", tuple(blocks))


def issues(d: ReportData) -> Section:
    """One chart per issue on its labelled scale, with the scale's points written out."""
    s = d.scenario
    blocks: list[Block] = []
    for issue in s.issues:
        blocks.append(Heading(issue.name, anchor=f"issue-{slug(issue.id)}"))
        zone = chart_zone_text(s, issue, d.bargaining) or ""
        blocks.append(Chart(
            key=f"issue-{slug(issue.id)}",
            draw=functools.partial(issue_figure, s, issue.id, d.results, d.bargaining),
            alt=f"{issue.name}: each actor's position, red line and the side it accepts, and "
                f"each model's forecast. {zone}".strip()))
        if issue.labels:
            blocks.append(Facts(tuple((f"{k:g}", v) for k, v in sorted(issue.labels.items())),
                                compact=True))
        if issue.description:
            blocks.append(Paragraph(name_sources(issue.description, s) or "", muted=True))
    intro = Paragraph(
        "Each row is an actor: the dot is its position (its area shows how much the actor "
        "cares), the bar its red line and the pale band the outcomes that red line accepts. "
        "Names in bold hold a veto on the issue. Green shading is the zone of agreement every "
        "veto player accepts; red hatching the gap between the two red lines furthest apart. "
        "The rows below the line are the models' forecasts.")
    return Section("issues", "Issue by issue", (intro, *blocks))


def comparison(d: ReportData) -> Section | None:
    """Every model's forecast per issue: a chart and the numbers."""
    if not d.results:
        return None
    s = d.scenario
    n = Namer(s)
    rows = []
    for issue in s.issues:
        cells: list[CellValue] = [issue.name]
        for r in d.results:
            value = r.outcome.get(issue.id)
            cells.append("—" if value is None else n.value(issue.id, value))
        rows.append(tuple(cells))
    table = Table(headers=("Issue", *(r.model for r in d.results)), rows=tuple(rows),
                  numeric=tuple(range(1, len(d.results) + 1)), matrix=True,
                  caption="— : the model makes no forecast (no stances on the issue, or, for "
                          "nash, no zone of agreement).")
    chart = Chart("models", lambda: comparison_figure(s, d.results, d.bargaining),
                  alt="Every model's forecast on every issue, on a shared axis running from "
                      "each issue's low end to its high end, with the zone of agreement.")
    blocks: list[Block] = [chart, table]
    rec = d.reconciliation
    if rec is not None:
        if rec.warnings:
            blocks.append(Paragraph(" ".join(rec.warnings), lead="Warning."))
        for item in rec.issues:
            said = [r.sentence for r in item.reasons]
            if not said:
                continue
            spread = ("" if item.spread is None
                      else f" (the models span {n.amount(item.issue, item.spread)})")
            blocks += [Heading(f"Why the models differ on {n.issue_in_text(item.issue)}"
                               f"{spread}"), Bullets(tuple(said))]
    return Section("models", "How the models compare", tuple(blocks))


def trajectories(d: ReportData) -> Section | None:
    """The expected-utility model's rounds: who moves, toward whom, how fast."""
    eum = d.result("eum")
    if eum is None or not eum.trajectory:
        return None
    s = d.scenario
    text = Paragraph(
        "In Bueno de Mesquita's expected-utility model each actor challenges, compromises "
        "with or gives in to the others round by round; the lines are the actors' positions "
        "after each round and the dotted line the model's forecast (the weighted median of "
        "the final positions). See docs/models-eum.md.")
    chart = Chart("eum-rounds", lambda: trajectory_figure(s, eum),
                  alt="Each actor's position on each issue, round by round, in the "
                      "expected-utility model.")
    return Section("rounds", "Round by round: the expected-utility model", (text, chart))


def timeline(d: ReportData) -> Section | None:
    """The case's snapshots: verdicts, forecasts and zones over time."""
    t = d.timeline
    if t is None:
        return None
    here = d.scenario.id
    verdicts: list[tuple[CellValue, ...]] = []
    for row in verdict_rows(t):
        cells: list[CellValue] = list(row)
        if row[1] == here:
            cells[1] = Cell(row[1], marks=("this report",))
        verdicts.append(tuple(cells))
    model = next((m for m in ("compromise", "weighted-median") if m in t.models), t.models[0])
    rows: list[tuple[CellValue, ...]] = []
    for it in t.issues:
        cells = [it.issue.name]
        for k, p in enumerate(it.points):
            value = p.forecasts.get(model) if p.on_table else None
            shown = "—" if value is None else Namer(t.runs[k].scenario).value(it.id, value)
            cells.append(Cell(shown, note=f"zone: {zone_cell(it, k)}"))
        rows.append(tuple(cells))
    heads = snapshot_headers(t)
    intro = Paragraph(
        f"The case '{t.case}' has {count(len(t.runs), 'snapshot')}, each written from the "
        "sources of its date. The same models and the same bargaining analysis are run on "
        "each; the last column of the first table is the first month a zone of agreement was "
        "expected to open under the costs of no deal that snapshot states.")
    chart = Chart("timeline", lambda: timeline_figure(t, highlight=here),
                  alt="For each issue, the models' forecasts and the zone of agreement (or the "
                      "gap between red lines) at each snapshot of the case.")
    return Section("timeline", "Over time", (
        intro,
        Table(headers=tuple(VERDICT_HEADERS), rows=tuple(verdicts), numeric=(4,)),
        chart,
        Table(headers=("Issue", *heads), rows=tuple(rows), matrix=True,
              caption=f"Forecast of the {model} model and the zone of agreement at each "
                      "snapshot.")))
