"""The report's "What if" section: each of the scenario's named variants against the scenario.

A scenario file may carry ``variants:`` (docs/file-format.md), each a what-if question argued
like a stance. :func:`accord.workflows.compare.variant_comparisons` analyses every variant
with the report's own settings; this section gives one row per variant, compact enough to
read at a glance: its verdict and opening month against the scenario's, the headline model's
forecasts that moved, and the veto players whose gain changed sign, with the variant's
rationale under its name. ``accord compare SCENARIO@VARIANT`` prints the whole comparison.
"""

from __future__ import annotations

from accord.reports.compare_words import Names, opening_text
from accord.reports.document import Cell, CellValue, Paragraph, Section, Table
from accord.workflows.compare import Comparison
from accord.workflows.compare_sides import result_key
from accord.workflows.report_data import ReportData


def _verdict(c: Comparison) -> str:
    a, b = c.a.verdict or "—", c.b.verdict or "—"
    return f"{a} → {b}" if c.verdict_changed else f"{b} (same)"


def _opening(c: Comparison) -> str:
    a, b = opening_text(c.a.timeline), opening_text(c.b.timeline)
    return f"{a} → {b}" if c.opening_changed else f"{b} (same)"


def _moved(n: Names, c: Comparison, model: str | None) -> str:
    """The headline model's forecasts that moved, as shown (a move hidden by rounding is not
    a move)."""
    parts = []
    for f in c.forecasts:
        if f.model != model or not f.changed:
            continue
        old, new = n.value(f.issue, f.a), n.value(f.issue, f.b)
        if old != new:
            parts.append(f"{n.issue(f.issue)} {old} → {new}")
    return "; ".join(parts) or "none"


def _signs(n: Names, c: Comparison) -> str:
    parts = [f"{n.actor(g.actor)} {g.a.verdict} → {g.b.verdict}" for g in c.gains
             if g.sign_changed and g.a is not None and g.b is not None]
    return "; ".join(parts) or "none"


def _name(c: Comparison) -> CellValue:
    v = c.b.variant
    if v is None:
        return c.b.label
    note = v.rationale + (f" ({v.inference})" if v.inference else "")
    return Cell(v.title or v.id, marks=(v.id,) if v.title else (), note=note)


def whatif(d: ReportData) -> Section | None:
    """One row per variant of the scenario (None when it has none)."""
    if not d.whatif:
        return None
    head = d.headline
    shown = None if head is None else result_key(head)
    rows = []
    for c in d.whatif:
        n = Names(c.a.scenario, c.b.scenario)
        rows.append((_name(c), _verdict(c), _opening(c), _moved(n, c, shown), _signs(n, c)))
    count = len(d.whatif)
    intro = Paragraph(
        f"The scenario names {count} what-if variant{'s' if count > 1 else ''}: edits of its "
        "numbers, each argued like a stance. Each is analysed with the same models and "
        "bargaining options as the scenario and compared with it; `accord compare "
        "SCENARIO@VARIANT` prints the whole comparison: the inputs that differ, every model's "
        "forecasts, the zones, the blocking red lines and the concessions.")
    table = Table(headers=("Variant", "Verdict", "Zone opens",
                           f"Forecasts that moved ({shown or 'no model'})",
                           "Gains that changed sign"),
                  rows=tuple(rows), wide=(0, 3),
                  caption="Each cell reads scenario → variant. A gain is a veto player's "
                          "utility of the package the bargaining shows minus its utility of "
                          "no deal.")
    return Section("whatif", "What if", (intro, table))
