"""Tables of model results: what ``accord run`` prints (terminal, Markdown and JSON)."""

from __future__ import annotations

from typing import Any

from accord._version import __version__
from accord.models.result import Result
from accord.reports.formatting import decimals_for, fmt, short_label
from accord.scenario.schema import Scenario


def run_document(scenario: Scenario, results: list[Result]) -> dict[str, Any]:
    """The JSON document of ``accord run`` for one scenario (docs/cli.md)."""
    return {
        "accord": __version__,
        "scenario": {"id": scenario.id, "digest": scenario.digest()},
        "results": [r.to_dict() for r in results],
    }


def outcome_rows(scenario: Scenario, results: list[Result],
                 label_width: int | None = None) -> list[dict[str, str]]:
    """One row per issue and model: the outcome and the nearest labelled point of the scale.

    ``label_width`` shortens labels to their main clause for narrow terminal tables.
    """
    rows = []
    for issue in scenario.issues:
        places = decimals_for(issue.low, issue.high)
        for k, result in enumerate(results):
            value = result.outcome.get(issue.id)
            near = issue.nearest_label(value) if value is not None else None
            model = result.model + (f" ({result.preset})" if result.preset else "")
            rows.append({
                "issue": issue.name if k == 0 else "",
                "model": model,
                "outcome": fmt(value, places),
                "nearest": "" if near is None else (
                    f"{near[0]:g}: " + (short_label(near[1], label_width) if label_width
                                         else near[1])),
            })
    return rows


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped)."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def run_markdown(scenario: Scenario, results: list[Result]) -> str:
    """``accord run --format markdown``."""
    head = f"## {scenario.title}\n\n"
    if scenario.as_of:
        head += f"As of {scenario.as_of}. "
    head += f"Scenario `{scenario.id}` (digest `{scenario.digest()[:12]}`).\n\n"
    rows = [[r["issue"], r["model"], r["outcome"], r["nearest"]]
            for r in outcome_rows(scenario, results)]
    return head + markdown_table(["Issue", "Model", "Outcome", "Nearest point on the scale"],
                                 rows) + "\n"
