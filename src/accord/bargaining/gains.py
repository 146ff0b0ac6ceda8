"""Who gains, who loses and who would walk away from a given package.

A package is one outcome per issue: a model's forecast, the Nash solution, the zone's best
deal. Each actor's view of it uses the definitions of :mod:`accord.bargaining.problem`
(docs/bargaining.md), on the 0-100 scale:

1. utility u_i(y) = -sum_d s_id |y_d - x_id|^p (p = 1 linear, 2 quadratic loss), issue by
   issue: the term of issue d is -s_id |y_d - x_id|^p;
2. no-deal utility d_i, issue by issue the term -s_id dist_id^p of the problem's
   disagreement rule (the distance to the farthest outcome the actor's red line accepts, else
   to the status quo, else to the far end of the scale); an explicit no-deal utility of the
   actor (``BargainOptions.no_deal_utility``) replaces the total (its issue terms are then the
   rule's, for information);
3. gain = u_i(y) - d_i, also divided by the actor's largest possible loss R_i (comparable
   across actors, the ``margin`` unit of ``accord bargain``);
4. a package **crosses** an actor's red line on an issue where it lies outside what the red line
   accepts (binding there when the actor has a veto on the issue);
5. an actor **would walk away** when it is a player (a veto player, or every actor when nobody
   has a veto) and the package gives it less than no deal, or crosses one of its binding red
   lines.

Issues the package leaves open (``None``, e.g. a model without a forecast there) count in
neither the utility nor the no-deal utility, and are listed as ``open``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.problem import Problem
from accord.bargaining.region import scale
from accord.errors import UsageError

F = NDArray[np.float64]

GAIN_TOL = 1e-9
"""Gains smaller than this (0-100 units) count as indifference."""


@dataclass(frozen=True)
class IssueGain:
    """One actor's view of one issue of the package (utilities in 0-100 units)."""

    issue: str
    outcome: float           # on the issue's own scale
    utility: float
    no_deal: float
    crosses: bool            # outside what its red line accepts
    binding: bool            # that red line binds (a veto on the issue)

    @property
    def gain(self) -> float:
        return self.utility - self.no_deal


@dataclass(frozen=True)
class ActorGain:
    """One actor's utility of a package against its no-deal utility."""

    actor: str
    player: bool
    utility: float
    no_deal: float
    gain: float
    relative: float          # gain / R_i (largest possible loss)
    issues: tuple[IssueGain, ...]
    open: tuple[str, ...]    # issues the package leaves open
    walks_away: bool

    @property
    def verdict(self) -> str:
        """``gains``, ``loses`` or ``indifferent``."""
        if self.gain > GAIN_TOL:
            return "gains"
        return "loses" if self.gain < -GAIN_TOL else "indifferent"

    @property
    def crossed(self) -> tuple[str, ...]:
        """Issues where the package crosses one of its binding red lines."""
        return tuple(g.issue for g in self.issues if g.crosses and g.binding)


def no_deal_terms(problem: Problem) -> F:
    """(n, m) per actor and issue, the term -s_id dist_id^p of the no-deal utility (step 2)."""
    x = np.where(np.isnan(problem.position), 0.0, problem.position)
    dist = np.where(problem.from_red_line, problem.red_line_distance(),
                    np.abs(x - problem.reference))
    dist = np.where(np.isnan(dist), 0.0, dist)
    return np.asarray(-(problem.salience * dist ** problem.exponent), dtype=float)


def package_of(problem: Problem, y: F) -> dict[str, float]:
    """A package on 0-100 (e.g. ``NashSolution.package``) as issue id -> value on the issue's
    own scale: what :func:`actor_gains` takes."""
    return {issue: problem.to_issue_scale(j, float(y[j])) for j, issue in enumerate(problem.issues)}


def actor_gains(problem: Problem, package: Mapping[str, float | None]) -> list[ActorGain]:
    """Every actor's gain from ``package`` (issue id -> outcome on the issue's own scale;
    issues missing or ``None`` are left open), in the problem's actor order."""
    unknown = sorted(set(package) - set(problem.issues))
    if unknown:
        raise UsageError(f"package names unknown issue{'s' * (len(unknown) > 1)} "
                         f"{', '.join(unknown)} "
                         f"(issues: {', '.join(problem.issues)})")
    y = np.full(problem.m, np.nan)
    for j, issue in enumerate(problem.issues):
        value = package.get(issue)
        if value is not None:
            y[j] = 100.0 * (float(value) - problem.low[j]) / (problem.high[j] - problem.low[j])
    decided = ~np.isnan(y)
    x = problem.position
    here = ~np.isnan(x)
    gap = np.abs(np.where(here & decided[None, :], x - np.nan_to_num(y)[None, :], 0.0))
    utility = -(problem.salience * gap ** problem.exponent)
    no_deal = np.where(decided[None, :], no_deal_terms(problem), 0.0)
    fixed = problem.fixed
    r = scale(problem)
    with np.errstate(invalid="ignore"):
        crosses = ((y[None, :] < problem.lower - 1e-9) | (y[None, :] > problem.upper + 1e-9))
    out = []
    for i, actor in enumerate(problem.actors):
        u = float(utility[i].sum())
        d = float(no_deal[i].sum()) if np.isnan(fixed[i]) else float(fixed[i])
        issues = tuple(
            IssueGain(issue, float(problem.to_issue_scale(j, float(y[j]))),
                      float(utility[i, j]), float(no_deal[i, j]), bool(crosses[i, j]),
                      bool(problem.binding[i, j]))
            for j, issue in enumerate(problem.issues) if decided[j] and here[i, j])
        gain = u - d
        player = bool(problem.player[i])
        walks = player and (gain < -GAIN_TOL or any(g.crosses and g.binding for g in issues))
        out.append(ActorGain(actor, player, u, d, gain, gain / float(r[i]), issues,
                             tuple(problem.issues[j] for j in np.flatnonzero(~decided)),
                             walks))
    return out
