"""The whole bargaining analysis of a scenario: zones, verdict, concessions, Nash, timing.

:func:`analyse` runs every step of MODELS.md sections 4-5 and returns a frozen
:class:`BargainAnalysis`; :func:`analysis_document` is the JSON of ``accord bargain``
(docs/bargaining.md). Nothing here prints or formats sentences: :mod:`accord.reports.bargain`
does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord._version import __version__
from accord.bargaining.concessions import ConcessionPlan, apply_concessions, minimal_concessions
from accord.bargaining.dynamics import (
    Drift,
    Opening,
    drift_from_costs,
    first_opening,
    red_lines_at,
)
from accord.bargaining.nash import NashSolution, nash_solution
from accord.bargaining.package import Holdout, PackageCheck, check_package, holdouts
from accord.bargaining.problem import BargainOptions, Problem, build_problem
from accord.bargaining.zopa import Blocking, RedLine, blocking_pairs, issue_zones, red_lines
from accord.scenario.schema import Scenario

F = NDArray[np.float64]

DEAL = "deal possible"
NO_DEAL = "no deal"


@dataclass(frozen=True)
class BargainAnalysis:
    """Everything ``accord bargain`` reports for one scenario."""

    scenario: Scenario
    options: BargainOptions
    problem: Problem
    red_lines: tuple[RedLine, ...]
    zones: tuple[tuple[float, float] | None, ...]
    blocking: tuple[Blocking, ...]
    check: PackageCheck
    holdouts: tuple[Holdout, ...]
    """Players whose no-deal utility keeps the zone closed when the red lines do not."""
    nash: NashSolution | None
    plan: ConcessionPlan
    nash_after: NashSolution | None
    """The Nash solution once the minimal concessions are made (None if there is no plan)."""
    opening: Opening
    drift: Drift
    drifting: bool
    """Whether the scenario states any cost that moves a binding red line."""

    @property
    def verdict(self) -> str:
        return DEAL if self.check.feasible else NO_DEAL

    @property
    def digest(self) -> str:
        return self.scenario.digest()


def analyse(scenario: Scenario, options: BargainOptions | None = None) -> BargainAnalysis:
    """Run the bargaining analysis (distributions are taken at their point values)."""
    options = options or BargainOptions()
    problem = build_problem(scenario, options)
    check = check_package(problem)
    nash = nash_solution(problem, check) if check.feasible else None
    plan = minimal_concessions(problem, weighted=options.weighted)
    nash_after = None
    if not check.feasible and plan.possible:
        nash_after = nash_solution(apply_concessions(problem, plan))
    drift = drift_from_costs(scenario.with_point_values() if scenario.is_uncertain()
                             else scenario, problem)
    opening = first_opening(problem, drift, options.horizon)
    return BargainAnalysis(
        scenario=scenario, options=options, problem=problem,
        red_lines=tuple(red_lines(problem)), zones=tuple(issue_zones(problem)),
        blocking=tuple(blocking_pairs(problem)), check=check,
        holdouts=tuple(holdouts(problem)), nash=nash, plan=plan,
        nash_after=nash_after, opening=opening, drift=drift, drifting=drift.moves,
    )


def _r(value: float) -> float:
    """Round for JSON: 6 decimals, no negative zero."""
    out = round(float(value), 6)
    return 0.0 if out == 0 else out


def _package(problem: Problem, y: F | None) -> dict[str, float] | None:
    if y is None:
        return None
    return {issue: _r(problem.to_issue_scale(j, float(y[j])))
            for j, issue in enumerate(problem.issues)}


def moved_red_lines(a: BargainAnalysis, at: Problem) -> list[dict[str, Any]]:
    """Red lines that differ between the stated problem and ``at`` (from, to on issue scale)."""
    p = a.problem
    out = []
    for j, issue in enumerate(p.issues):
        for i, actor in enumerate(p.actors):
            for side, before, after in (("min", p.lower, at.lower), ("max", p.upper, at.upper)):
                if np.isnan(before[i, j]) or abs(after[i, j] - before[i, j]) < 1e-9:
                    continue
                out.append({"actor": actor, "issue": issue, "side": side,
                            "from": _r(p.to_issue_scale(j, before[i, j])),
                            "to": _r(p.to_issue_scale(j, after[i, j]))})
    return out


def analysis_document(a: BargainAnalysis) -> dict[str, Any]:
    """The JSON document of ``accord bargain`` (docs/bargaining.md)."""
    p, s, o = a.problem, a.scenario, a.options
    issues: dict[str, Any] = {}
    for j, issue in enumerate(s.issues):
        zone = a.zones[j]
        issues[issue.id] = {
            "name": issue.name,
            "zopa": None if zone is None else [_r(zone[0]), _r(zone[1])],
            "blocking": [_blocking(b) for b in a.blocking if b.issue == issue.id],
            "red_lines": [{"actor": r.actor, "side": r.side, "value": _r(r.value),
                           "binding": r.binding}
                          for r in a.red_lines if r.issue == issue.id],
        }
    players = [p.actors[i] for i in p.players]
    nash = a.nash
    utilities = {actor: {"no_deal": _r(p.disagreement[i]),
                         "nash": None if nash is None else _r(nash.utilities[i])}
                 for i, actor in enumerate(p.actors) if i in p.players}
    opening = a.opening
    horizon_at = opening.at
    last: list[dict[str, Any]] = []
    if opening.month:  # what still blocked the month before the zone opened
        before = red_lines_at(p, a.drift, opening.month - 1)
        last = [_blocking(b) for b in blocking_pairs(before)]
        last += [{"actors": [h.actor], "issue": None, "gap": None} for h in holdouts(before)]
    return {
        "accord": __version__,
        "scenario": {"id": s.id, "digest": a.digest, "title": s.title, "as_of": s.as_of},
        "options": {"loss": o.loss, "disagreement": o.disagreement, "power": o.power,
                    "weighted": o.weighted, "horizon": o.horizon,
                    "no_deal": {k: _r(v) for k, v in o.no_deal.items()}},
        "verdict": a.verdict,
        "issues": issues,
        "blocking": [_blocking(b) for b in a.blocking],
        "package": {
            "feasible": a.check.feasible,
            "red_lines_compatible": a.check.red_lines_ok,
            "margin": None if a.check.margin is None else _r(a.check.margin),
            "short": list(a.check.short),
            "holdouts": [{"actor": h.actor, "alone": h.alone, "best_gain": _r(h.best_gain)}
                         for h in a.holdouts],
            "players": players,
            "nash": _package(p, None if nash is None else nash.package),
            "pinned": [] if nash is None else list(nash.pinned),
            "utilities": utilities,
        },
        "concessions": None if not a.plan.possible else [
            {"actor": c.actor, "issue": c.issue, "side": c.side, "from": _r(c.start),
             "to": _r(c.end), "by": _r(c.amount)} for c in a.plan.moves],
        "concession_total": None if not a.plan.possible else {
            "points": _r(a.plan.total), "weighted": _r(a.plan.weighted_total)},
        "after_concessions": None if a.nash_after is None else {
            "nash": _package(p, a.nash_after.package)},
        "opens": opening.label,
        "timeline": {
            "opens": opening.label,
            "months": opening.month,
            "horizon": opening.horizon,
            "never": opening.never,
            "costs": a.drifting,
            "moved": moved_red_lines(a, horizon_at),
            "last_blocking": last,
        },
    }


def _blocking(b: Blocking) -> dict[str, Any]:
    return {"actors": list(b.actors), "issue": b.issue, "gap": _r(b.gap),
            "minimum": _r(b.minimum), "maximum": _r(b.maximum)}


__all__ = ["DEAL", "NO_DEAL", "BargainAnalysis", "analyse", "analysis_document",
           "red_lines_at"]
