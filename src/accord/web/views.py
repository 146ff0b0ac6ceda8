"""What the templates show, prepared from library objects: rows and cells, no model logic.

Numbers are formatted with the issue's own decimals (:func:`accord.reports.formatting.
decimals_for`) and the nearest labelled point of its scale, as ``accord run`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accord.bargaining.doc_types import BargainDocument
from accord.models.result import Result
from accord.reports.bargain_view import (
    concession_rows,
    issue_rows,
    nash_header,
    summary,
    timeline_rows,
    timeline_title,
)
from accord.reports.formatting import decimals_for, fmt
from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario, Stance

MAX_ROUNDS_SHOWN = 12
"""A trajectory with more rounds shows the first ones and the last."""


def scale_value(issue: Issue, value: float | None) -> str:
    return fmt(value, decimals_for(issue.low, issue.high))


def nearest(issue: Issue, value: float | None) -> str:
    """``'70: label'`` of the labelled point nearest ``value`` ('' without labels)."""
    if value is None:
        return ""
    near = issue.nearest_label(value)
    return "" if near is None else f"{near[0]:g}: {near[1]}"


def scale_points(issue: Issue) -> list[tuple[str, str]]:
    """The labelled points of an issue's scale, low to high."""
    return [(f"{k:g}", v) for k, v in sorted(issue.labels.items())]


@dataclass(frozen=True)
class EvidenceView:
    source_id: str
    source_title: str
    quote: str
    note: str | None


@dataclass(frozen=True)
class StanceView:
    """One stance as the scenario page shows it."""

    actor_id: str
    actor_name: str
    issue_id: str
    stance: Stance
    nearest: str
    veto: bool
    evidence: tuple[EvidenceView, ...]


def stance_view(scenario: Scenario, stance: Stance) -> StanceView:
    titles = {s.id: s.title for s in scenario.sources}
    issue = scenario.issue(stance.issue)
    return StanceView(
        actor_id=stance.actor, actor_name=scenario.actor(stance.actor).name,
        issue_id=stance.issue, stance=stance,
        nearest=nearest(issue, point(stance.position)),
        veto=scenario.has_veto(stance.actor, stance.issue),
        evidence=tuple(EvidenceView(e.source, titles.get(e.source, e.source), e.quote, e.note)
                       for e in stance.evidence))


def stances_by_issue(scenario: Scenario) -> list[tuple[Issue, list[StanceView]]]:
    """Each issue with the views of its stances, in the scenario's order."""
    return [(issue, [stance_view(scenario, s) for s in scenario.stances if s.issue == issue.id])
            for issue in scenario.issues]


@dataclass(frozen=True)
class OutcomeCell:
    text: str
    nearest: str


def outcome_matrix(scenario: Scenario, results: tuple[Result, ...]
                   ) -> list[tuple[Issue, list[OutcomeCell]]]:
    """Per issue, each model's outcome on the issue's scale with its nearest labelled point."""
    rows = []
    for issue in scenario.issues:
        cells = []
        for result in results:
            value = result.outcome.get(issue.id)
            cells.append(OutcomeCell(scale_value(issue, value), nearest(issue, value)))
        rows.append((issue, cells))
    return rows


@dataclass(frozen=True)
class Trajectory:
    """One issue's positions per round of an iterating model, actors as rows."""

    issue: Issue
    rounds: list[str]
    rows: list[tuple[str, list[str]]]


def trajectories(scenario: Scenario, result: Result) -> list[Trajectory]:
    """The result's per-round positions as compact tables (first rounds and the last)."""
    out = []
    for issue in scenario.issues:
        rounds = (result.trajectory or {}).get(issue.id)
        if not rounds:
            continue
        shown = list(range(len(rounds)))
        if len(shown) > MAX_ROUNDS_SHOWN:
            shown = [*shown[: MAX_ROUNDS_SHOWN - 1], len(rounds) - 1]
        header = []
        for k, r in enumerate(shown):
            if k and r != shown[k - 1] + 1:
                header.append("…")
            header.append(str(r))
        rows = []
        for a, actor in enumerate(result.actors):
            values = [rounds[r][a] for r in shown]
            if all(v is None for v in values):
                continue
            cells = []
            for k, (r, v) in enumerate(zip(shown, values, strict=True)):
                if k and r != shown[k - 1] + 1:
                    cells.append("")
                cells.append(scale_value(issue, v))
            rows.append((actor, cells))
        out.append(Trajectory(issue, header, rows))
    return out


def bargain_tables(scenario: Scenario, doc: BargainDocument) -> dict[str, Any]:
    """The bargaining section: the analyst's sentences and the tables of ``accord bargain``
    (from :mod:`accord.reports.bargain_view`, so the page and the terminal cannot disagree)."""
    timeline = doc.timeline
    return {
        "verdict": doc.verdict,
        "summary": summary(scenario, doc),
        "nash_header": nash_header(doc),
        "issues": issue_rows(scenario, doc),
        "concessions": concession_rows(scenario, doc),
        "moved": timeline_rows(scenario, doc) if timeline.months != 0 else [],
        "moved_title": timeline_title(doc),
        "opens": timeline.opens,
        "months": timeline.months,
        "horizon": timeline.horizon,
        "never": timeline.never,
        "costs": timeline.costs,
    }
