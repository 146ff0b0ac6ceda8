"""What ``accord run`` says: its JSON document, and its table of forecasts (terminal and
Markdown, from the same blocks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord._version import __version__
from accord.models.result import Result
from accord.reports.document import Block, Page, Paragraph, Table
from accord.reports.formatting import decimals_for, fmt, short_label
from accord.scenario.schema import Scenario
from accord.validation.conformal import half_width
from accord.workflows.reasons import warnings as model_warnings
from accord.workflows.registry import DEFAULT_MODELS, MODELS


def run_document(scenario: Scenario, results: Sequence[Result]) -> dict[str, Any]:
    """The JSON document of ``accord run`` for one scenario (docs/cli.md)."""
    return {
        "accord": __version__,
        "scenario": {"id": scenario.id, "digest": scenario.digest()},
        "results": [r.to_dict() for r in results],
    }


def model_label(result: Result) -> str:
    return result.model + (f" ({result.preset})" if result.preset else "")


def outcome_rows(scenario: Scenario, results: Sequence[Result],
                 label_width: int | None = None) -> list[tuple[str, str, str, str]]:
    """One row per issue and model: the issue (on its first row), the model, the outcome and
    the nearest labelled point of the scale. ``label_width`` shortens labels to their main
    clause for narrow terminal tables."""
    rows = []
    for issue in scenario.issues:
        places = decimals_for(issue.low, issue.high)
        for k, result in enumerate(results):
            value = result.outcome.get(issue.id)
            near = issue.nearest_label(value) if value is not None else None
            rows.append((
                issue.name if k == 0 else "", model_label(result), fmt(value, places),
                "" if near is None else (
                    f"{near[0]:g}: " + (short_label(near[1], label_width) if label_width
                                         else near[1]))))
    return rows


def title_of(scenario: Scenario) -> str:
    return scenario.title + (f" (as of {scenario.as_of})" if scenario.as_of else "")


def interval_text(scenario: Scenario, result: Result, issue_id: str) -> str:
    """The model's 80% prediction interval on the issue ('—' where it is not calibrated)."""
    value = result.outcome.get(issue_id)
    width = half_width(result.model, result.preset)
    if value is None or width is None:
        return "—"
    issue = scenario.issue(issue_id)
    step = (issue.high - issue.low) / 100.0
    low, high = max(issue.low, value - width * step), min(issue.high, value + width * step)
    places = decimals_for(issue.low, issue.high)
    return f"{fmt(low, places)}–{fmt(high, places)}"


def run_page(scenario: Scenario, results: Sequence[Result],
             label_width: int | None = None) -> Page:
    """``accord run`` on one scenario: each model's forecast, its 80% interval and the
    nearest labelled point; warnings of models that did not converge."""
    pairs = [(issue.id, result) for issue in scenario.issues for result in results]
    with_interval = [(name, model, outcome, interval_text(scenario, result, issue_id), near)
                     for (name, model, outcome, near), (issue_id, result)
                     in zip(outcome_rows(scenario, results, label_width), pairs, strict=True)]
    blocks: list[Block] = [Paragraph(f"Scenario {scenario.id} (digest "
                                     f"{scenario.digest()[:12]}).", muted=True)]
    said = model_warnings(scenario, {model_label(r): r for r in results})
    if said:
        blocks.append(Paragraph(" ".join(said), lead="Warning."))
    blocks.append(Table(headers=("Issue", "Model", "Outcome", "80% interval",
                                 "Nearest point on the scale"),
                        rows=tuple(with_interval), numeric=(2, 3),
                        caption="80% interval: where 80% of outcomes fell around this "
                                "model's forecasts on EU decisions with known outcomes "
                                "(split-conformal, docs/validation.md); models without a "
                                "calibration show none."))
    blocks.append(Paragraph(models_note(results), muted=True))
    return Page(title_of(scenario), tuple(blocks))


def models_note(results: Sequence[Result]) -> str:
    """Which models ``accord run`` runs by default and which of the others did not run."""
    ran = {r.model for r in results}
    others = [name for name in MODELS if name not in ran]
    text = f"Models run by default: {', '.join(DEFAULT_MODELS)}."
    if others:
        text += (f" Not run: {', '.join(others)}; add any with --model NAME (repeatable; "
                 "`accord models` describes them).")
    return text


def collection_page(name: str, runs: Sequence[tuple[Scenario, Sequence[Result]]],
                    models: Sequence[str]) -> Page:
    """``accord run`` on a collection of one-issue scenarios (a DEU file): one row each."""
    rows = []
    for scn, results in runs:
        issue = scn.issues[0]
        values = [r.outcome.get(issue.id) for r in results]
        rows.append((scn.id, issue.name,
                     *["—" if v is None else f"{v:.1f}" for v in values]))
    table = Table(headers=("Scenario", "Issue", *models), rows=tuple(rows),
                  numeric=tuple(range(2, 2 + len(models))))
    return Page(f"{name}: {len(runs)} scenarios", (table,))
