"""Small scenarios for the chart and report tests, written in code so each test shows its data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.scenario.schema import Scenario

DATA = Path(__file__).resolve().parents[2] / "data"
HOSTILE = DATA / "reports" / "hostile.yaml"
TALKS = [DATA / "store" / "talks-2024.yaml", DATA / "store" / "talks-2025.yaml"]


def scenario(stances: list[dict[str, Any]], *, issues: list[dict[str, Any]] | None = None,
             ident: str = "s", as_of: str | None = "2026-01", case: str | None = None,
             **extra: Any) -> Scenario:
    """Two veto players A and B and a third actor C on the given issues (default: one
    0-100 issue 'x' labelled at 0, 50 and 100)."""
    return Scenario.model_validate({
        "id": ident, "title": f"Scenario {ident}", "as_of": as_of, "case": case,
        "actors": [{"id": "A", "name": "Atlantis", "capability": 50, "veto": True},
                   {"id": "B", "name": "Borduria", "capability": 40, "veto": True},
                   {"id": "C", "name": "Carpathia", "capability": 10}],
        "issues": issues or [{"id": "x", "name": "Issue x",
                              "labels": {0: "nothing", 50: "half", 100: "everything"}}],
        "stances": stances, **extra})


def svg_of(fig: Any) -> str:
    from accord.reports.chartkit import figure_svg

    return figure_svg(fig, prefix="t")
