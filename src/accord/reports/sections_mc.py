"""The report's uncertainty section: a Monte Carlo run's spread, verdict odds and drivers.

``accord report --draws N`` runs the Monte Carlo analysis (:mod:`accord.uncertainty`) and
:func:`uncertainty` shows its document: per issue each model's median and 90% interval, the
probability of a deal and of a zone having opened by each month, the inputs that move the
results most (Spearman rank correlations, as a tornado chart), and the distributions. The
sentences and rows are those of ``accord mc`` (:mod:`accord.reports.mc`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.reports.document import Block, Chart, Paragraph, Section, Table
from accord.reports.mc import (
    bargain_lines,
    driver_rows,
    headline,
    outcome_rows,
    tornado_output,
)

if TYPE_CHECKING:
    from accord.reports.report import ReportInput


def uncertainty(d: ReportInput) -> Section | None:
    """The section, or None when the report ran no Monte Carlo analysis."""
    doc = d.mc
    if doc is None:
        return None
    from accord.reports.mc_charts import distribution_figure, opening_figure, tornado_figure

    s = d.scenario
    blocks: list[Block] = [Paragraph(headline(doc) + " Each draw takes every uncertain input "
                                     "from its distribution; the tables and charts below "
                                     "summarise the draws.")]
    lines = bargain_lines(doc)
    if lines:
        blocks.append(Paragraph(" ".join(lines), lead="Is there a deal?"))
    headers, rows = outcome_rows(s, doc)
    if doc["models"]:
        blocks.append(Table(
            headers=tuple(headers), rows=tuple(tuple(r) for r in rows),
            numeric=tuple(range(1, len(headers))),
            caption="Median [5th–95th percentile] of each model's forecast over the draws, on "
                    "each issue's own scale"
                    + ("; the last column is the share of draws in which every veto player's "
                       "red line accepts some outcome of the issue." if doc.get("bargain")
                       else ".")))
    if doc.get("bargain"):
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
                    f"falls. Rank correlations over the first {doc['sensitivity']['sample']:,} "
                    "draws."))
    drivers = driver_rows(doc)
    if drivers:
        blocks.append(Table(headers=("Output", "Strongest inputs (Spearman rho)"),
                            rows=tuple(tuple(r) for r in drivers), wide=(1,),
                            caption="What drives each output of the first model and the "
                                    "opening month."))
    if doc["models"]:
        names = {i.id: i.name for i in s.issues}
        blocks.append(Chart(
            key="mc-distributions", draw=lambda: distribution_figure(doc, names=names),
            alt=f"Distributions of the {doc['models'][0]['label']} forecast per issue",
            caption="Shaded: the 90% interval; solid line: the median; dashed: the forecast at "
                    "the point values."))
    blocks.append(Paragraph(f"Seeding: {doc['seeding']}.", muted=True))
    return Section(key="uncertainty", title="Uncertainty (Monte Carlo)", blocks=tuple(blocks))
