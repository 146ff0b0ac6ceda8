"""The report's uncertainty section: a Monte Carlo run's spread, verdict odds and drivers.

``accord report --draws N`` runs the Monte Carlo analysis (:mod:`accord.uncertainty`) and
:func:`uncertainty` shows its document: per issue each model's median and 90% interval, the
probability of a deal and of a zone having opened by each month, the inputs that move the
results most (Spearman rank correlations, as a tornado chart), and the distributions. The
sentences and rows are those of ``accord mc`` (:mod:`accord.reports.mc_view`).
"""

from __future__ import annotations

from accord.reports.document import Block, Chart, Paragraph, Section, Table
from accord.reports.mc_charts import distribution_figure, opening_figure, tornado_figure
from accord.reports.mc_view import (
    bargain_lines,
    driver_table,
    headline,
    outcome_table,
    tornado_output,
)
from accord.workflows.report_data import ReportData


def uncertainty(d: ReportData) -> Section | None:
    """The section, or None when the report ran no Monte Carlo analysis."""
    doc = d.mc
    if doc is None:
        return None
    s = d.scenario
    blocks: list[Block] = [Paragraph(headline(doc) + " Each draw takes every uncertain input "
                                     "from its distribution; the tables and charts below "
                                     "summarise the draws.")]
    lines = bargain_lines(doc)
    if lines:
        blocks.append(Paragraph(" ".join(lines), lead="Is there a deal?"))
    if doc.models:
        blocks.append(outcome_table(
            s, doc, caption="Median [5th–95th percentile] of each model's forecast over the "
                            "draws, on each issue's own scale"
                            + ("; the last column is the share of draws in which every veto "
                               "player's red line accepts some outcome of the issue."
                               if doc.bargain else ".")))
    if doc.bargain:
        blocks.append(Chart(
            key="mc-opening", draw=lambda: opening_figure(doc),
            alt="The share of draws in which a zone of agreement has opened, month by month",
            caption="The dashed line is the month the zone opens at the point values."))
    chosen = tornado_output(doc)
    if chosen is not None:
        output, what = chosen
        blocks.append(Chart(
            key="mc-tornado", draw=lambda: tornado_figure(doc, output),
            alt=f"The inputs that move {what} most (rank correlations)",
            caption="Bars to the right: the output rises with the input; to the left: it "
                    f"falls. Rank correlations over the first {doc.sensitivity.sample:,} "
                    "draws."))
    drivers = driver_table(s, doc)
    if drivers is not None:
        blocks.append(Table(headers=drivers.headers, rows=drivers.rows, wide=(1,),
                            caption="What drives each output of the first model and the "
                                    "opening month."))
    if doc.models:
        names = {i.id: i.name for i in s.issues}
        blocks.append(Chart(
            key="mc-distributions", draw=lambda: distribution_figure(doc, names=names),
            alt=f"Distributions of the {doc.models[0].label} forecast per issue",
            caption="Shaded: the 90% interval; solid line: the median; dashed: the forecast at "
                    "the point values."))
    blocks.append(Paragraph(f"Seeding: {doc.seeding}.", muted=True))
    return Section(key="uncertainty", title="Uncertainty (Monte Carlo)", blocks=tuple(blocks))
