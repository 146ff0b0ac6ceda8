"""Monte Carlo results in words and tables, from the JSON document of an ``accord mc`` run.

Everything here reads the document of :func:`accord.uncertainty.mc_document` (also what the
store keeps for an ``mc`` run), so a stored run reads the same way as a fresh one. The command
line (:mod:`accord.cli.mc_render`), the report (:mod:`accord.reports.sections_mc`) and the
dashboard share these sentences and rows.
"""

from __future__ import annotations

from typing import Any

from accord.reports.formatting import decimals_for, fmt
from accord.scenario.schema import Scenario

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


def headline(doc: dict[str, Any]) -> str:
    inputs = doc["inputs"]
    added = sum(1 for i in inputs if i["source"] == "option")
    text = (f"Monte Carlo: {doc['draws']:,} draws, seed {doc['seed']}, {len(inputs)} uncertain "
            f"input(s)")
    if added:
        text += f" ({added} made uncertain by --position-sd/--salience-sd)"
    return text + "."


def outcome_rows(scn: Scenario, doc: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Per issue: each model's median [5th-95th percentile], and P(zone open)."""
    models = doc["models"]
    bargain = doc.get("bargain")
    headers = ["Issue", *(m["label"] for m in models)]
    if bargain:
        headers.append("Zone open")
    rows = []
    for issue in scn.issues:
        places = decimals_for(issue.low, issue.high)
        row = [issue.name]
        for m in models:
            s = m["issues"].get(issue.id, {})
            if not s.get("n"):
                row.append("—")
                continue
            low, high = s["interval90"]
            row.append(f"{fmt(s['median'], places)} [{fmt(low, places)}–{fmt(high, places)}]")
        if bargain:
            row.append(percent(bargain["zones"].get(issue.id)))
        rows.append(row)
    return headers, rows


def bargain_lines(doc: dict[str, Any]) -> list[str]:
    """Sentences on the verdict and when a zone opens."""
    b = doc.get("bargain")
    if not b:
        return []
    point = b.get("point") or {}
    out = [f"A deal is possible as stated in {percent(b['p_deal'])} of draws (at the point "
           f"values: {point.get('verdict', '—')}"
           + (f", a zone opens in {point['opens']}" if point.get("opens") else "") + ")."]
    deal_by = b["deal_by"]
    labels = list(deal_by)
    opening = b["opening"]
    horizon = opening["horizon"]
    marks = [k for k in range(12, horizon, 12)] + [horizon]
    parts = [f"by {labels[k]} in {percent(deal_by[labels[k]])}" for k in marks if k > 0]
    if parts:
        out.append("A zone has opened " + ", ".join(parts) + " of draws"
                   + (f" (median {opening['median']})" if opening["median"] else "") + ".")
    out.append(f"It never opens under the drawn costs in {percent(opening['never'])} of "
               "draws.")
    return out


def driver_rows(doc: dict[str, Any]) -> list[list[str]]:
    """The strongest rank correlations of the first model's outcomes and the opening month."""
    labels = {i["id"]: i["label"] for i in doc["inputs"]}
    first = doc["models"][0]["label"] if doc["models"] else None
    rows = []
    for out in doc["sensitivity"]["outputs"]:
        if out["model"] not in (None, first):
            continue
        top = [f"{labels.get(x['input'], x['input'])} {x['rho']:+.2f}"
               for x in out["inputs"][:TOP_DRIVERS] if abs(x["rho"]) >= MIN_RHO]
        if not top:
            continue
        name = "opening month" if out["output"] == "opening" else out["output"]
        rows.append([name, "; ".join(top)])
    return rows


def tornado_output(doc: dict[str, Any]) -> tuple[str, str] | None:
    """The output a tornado chart shows by default, and its caption: the opening month when
    the run has the bargaining analysis, else the output with the strongest driver (the
    report and the dashboard choose alike)."""
    outputs = doc["sensitivity"]["outputs"]
    if not outputs:
        return None
    for out in outputs:
        if out["output"] == "opening" and out["inputs"]:
            return "opening", "the month a zone of agreement first opens"
    ranked = [o for o in outputs if o["inputs"]]
    if not ranked:
        return None
    best = max(ranked, key=lambda o: abs(o["inputs"][0]["rho"]))
    return str(best["output"]), f"the {best['output']} forecast"
