"""The bargaining analysis of a scenario, in stages: zones, verdict, concessions, Nash, timing.

:func:`analyse` runs the steps of MODELS.md sections 4-5 in order and returns a frozen
:class:`BargainAnalysis`:

1. **zones**: the problem on 0-100, each issue's zone, the red lines and the pairs that block;
2. **verdict**: whether some package gives every veto player what it expects from no deal;
3. **concessions**: the smallest movement of red lines that opens a zone (and who holds out);
4. **nash**: the Nash bargaining solution (after the concessions when there is no zone);
5. **opening**: the first month a zone opens as the costs of no deal move red lines.

:class:`Stages` says which of 3-5 to run (1 and 2 always run): ``accord bargain`` runs them
all, a timeline skips Nash, a Monte Carlo draw keeps only the verdict, the zones and the
opening month. ``feasible`` replaces the package check of step 2 and 5 by a faster equivalent
(:class:`accord.bargaining.certificates.Feasibility`). :func:`analysis_document` is the JSON
of ``accord bargain`` (docs/bargaining.md). Nothing here prints or formats sentences:
:mod:`accord.reports.bargain_view` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord._version import __version__
from accord.bargaining.concessions import ConcessionPlan, apply_concessions, minimal_concessions
from accord.bargaining.doc_types import BargainDocument
from accord.bargaining.drift import (
    Drift,
    Feasible,
    Opening,
    drift_from_costs,
    first_opening,
    package_feasible,
    red_lines_at,
)
from accord.bargaining.limits import check_size
from accord.bargaining.nash import NashSolution, nash_solution
from accord.bargaining.package import Holdout, PackageCheck, check_package, holdouts
from accord.bargaining.problem import BargainOptions, Problem, build_problem
from accord.bargaining.zopa import Blocking, RedLine, blocking_pairs, issue_zones, red_lines
from accord.jsonable import round6 as _r
from accord.scenario.schema import Scenario

F = NDArray[np.float64]

DEAL = "deal possible"
NO_DEAL = "no deal"


@dataclass(frozen=True)
class Stages:
    """Which optional stages of the analysis run (zones and the verdict always do)."""

    concessions: bool = True
    """The smallest concessions that open a zone, and the holdouts."""
    nash: bool = True
    """The Nash solution (and the one after the concessions, when they run)."""
    opening: bool = True
    """The first month a zone opens under the costs of no deal."""


EVERY_STAGE = Stages()
"""``accord bargain``, the dashboard, reports."""
TIMELINE_STAGES = Stages(nash=False)
"""A timeline shows no Nash solution (a third of the analysis's time)."""
DRAW_STAGES = Stages(concessions=False, nash=False)
"""A Monte Carlo draw: the verdict, the zones and the opening month."""


@dataclass(frozen=True)
class BargainAnalysis:
    """What the stages that ran found for one scenario (None: the stage did not run)."""

    scenario: Scenario
    options: BargainOptions
    stages: Stages
    problem: Problem
    zones: tuple[tuple[float, float] | None, ...]
    feasible: bool
    """Some package gives every veto player at least what it expects from no deal."""
    check: PackageCheck | None
    """The package check in full (None when a faster ``feasible`` decided the verdict)."""
    holdouts: tuple[Holdout, ...] | None
    """Players whose no-deal utility keeps the zone closed when the red lines do not."""
    nash: NashSolution | None
    plan: ConcessionPlan | None
    nash_after: NashSolution | None
    """The Nash solution once the minimal concessions are made (None if there is no plan)."""
    opening: Opening | None
    drift: Drift
    drifting: bool
    """Whether the scenario states any cost that moves a binding red line."""

    @cached_property
    def red_lines(self) -> tuple[RedLine, ...]:
        """Every stated red line (listed when asked for: a Monte Carlo draw or a tipping-point
        evaluation needs only the verdict)."""
        return tuple(red_lines(self.problem))

    @cached_property
    def blocking(self) -> tuple[Blocking, ...]:
        """Every pair of red lines that cross, largest gap first (listed when asked for)."""
        return tuple(blocking_pairs(self.problem))

    @property
    def verdict(self) -> str:
        return DEAL if self.feasible else NO_DEAL

    @property
    def digest(self) -> str:
        return self.scenario.digest()


def analyse(scenario: Scenario, options: BargainOptions | None = None,
            stages: Stages = EVERY_STAGE, feasible: Feasible | None = None
            ) -> BargainAnalysis:
    """Run the bargaining analysis (see the module docstring); distributions are taken at
    their point values. A scenario beyond the limits of :mod:`accord.bargaining.limits` is
    refused (UsageError) before any work."""
    options = options or BargainOptions()
    check_size(scenario)  # before any heavy work: a clear refusal beyond the stated limits
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    problem = build_problem(point, options)
    return analyse_problem(scenario, problem, drift_from_costs(point, problem), options,
                           stages, feasible)


def analyse_problem(scenario: Scenario, problem: Problem, drift: Drift,
                    options: BargainOptions, stages: Stages = EVERY_STAGE,
                    feasible: Feasible | None = None) -> BargainAnalysis:
    """The stages of :func:`analyse` on a problem already built (the tipping-point search
    moves one number of the problem at a time and analyses it again)."""
    check = None
    if feasible is None:
        check = check_package(problem)
        deal = check.feasible
    else:
        deal = feasible(problem)
    nash = plan = nash_after = None
    if stages.nash and deal:
        nash = nash_solution(problem, check if check is not None else check_package(problem))
    if stages.concessions:
        plan = minimal_concessions(problem, weighted=options.weighted)
        if stages.nash and not deal and plan.possible:
            nash_after = nash_solution(apply_concessions(problem, plan))
    opening = None
    if stages.opening:
        opening = first_opening(problem, drift, options.horizon,
                                feasible or package_feasible, open_now=deal)
    return BargainAnalysis(
        scenario=scenario, options=options, stages=stages, problem=problem,
        zones=tuple(issue_zones(problem)), feasible=deal, check=check,
        holdouts=tuple(holdouts(problem)) if stages.concessions else None, nash=nash,
        plan=plan, nash_after=nash_after, opening=opening, drift=drift,
        drifting=drift.moves,
    )


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


def analysis_document(a: BargainAnalysis) -> BargainDocument:
    """The document of ``accord bargain`` (docs/bargaining.md); needs every stage."""
    if a.check is None or a.plan is None or a.opening is None or a.holdouts is None:
        raise ValueError("the document of accord bargain needs every stage of the analysis")
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
    return BargainDocument.model_validate({
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
    })


def _blocking(b: Blocking) -> dict[str, Any]:
    return {"actors": list(b.actors), "issue": b.issue, "gap": _r(b.gap),
            "minimum": _r(b.minimum), "maximum": _r(b.maximum)}


__all__ = ["DEAL", "NO_DEAL", "BargainAnalysis", "analyse", "analysis_document",
           "red_lines_at"]
