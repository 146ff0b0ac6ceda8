"""What ``accord mc`` prints: tables for the terminal and Markdown, from the run's document.

The sentences and rows are :mod:`accord.reports.mc` (shared with the report and the dashboard;
re-exported here), so a stored run renders the same way as a fresh one.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accord.reports.mc import MIN_RHO as MIN_RHO
from accord.reports.mc import TOP_DRIVERS as TOP_DRIVERS
from accord.reports.mc import bargain_lines as bargain_lines
from accord.reports.mc import driver_rows as driver_rows
from accord.reports.mc import headline as headline
from accord.reports.mc import outcome_rows as outcome_rows
from accord.reports.mc import percent as percent
from accord.reports.runs import markdown_table
from accord.scenario.schema import Scenario


def print_tables(console: Console, scn: Scenario, doc: dict[str, Any]) -> None:
    """The terminal report."""
    title = scn.title + (f" (as of {scn.as_of})" if scn.as_of else "")
    console.print(Text(title, style="bold"))
    console.print(headline(doc), soft_wrap=False)
    headers, rows = outcome_rows(scn, doc)
    table = Table(*headers, title="Forecast: median [90% interval]", title_justify="left")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    for line in bargain_lines(doc):
        console.print(line)
    drivers = driver_rows(doc)
    if drivers:
        s = doc["sensitivity"]
        table = Table("Output", "Strongest inputs (Spearman rho)",
                      title=f"What drives the results (first {s['sample']:,} draws)",
                      title_justify="left")
        for row in drivers:
            table.add_row(*row)
        console.print(table)


def mc_markdown(scn: Scenario, doc: dict[str, Any]) -> str:
    """``accord mc --format markdown``."""
    parts = [f"## {scn.title}: Monte Carlo", ""]
    if scn.as_of:
        parts.append(f"As of {scn.as_of}. " + headline(doc))
    else:
        parts.append(headline(doc))
    parts += ["", "### Forecast: median [90% interval]", ""]
    headers, rows = outcome_rows(scn, doc)
    parts += [markdown_table(headers, rows), ""]
    lines = bargain_lines(doc)
    if lines:
        parts += ["### Is there a deal?", "", " ".join(lines), ""]
    drivers = driver_rows(doc)
    if drivers:
        parts += [f"### What drives the results (first {doc['sensitivity']['sample']:,} draws)",
                  "", markdown_table(["Output", "Strongest inputs (Spearman rho)"], drivers), ""]
    parts += [f"Seeding: {doc['seeding']}.", ""]
    return "\n".join(parts)
