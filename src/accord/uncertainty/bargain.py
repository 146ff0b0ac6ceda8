"""The bargaining verdict of one draw: deal or not, which zones are open, when one opens.

For each draw this computes what :func:`accord.bargaining.analyse` reports as ``verdict``,
``zones`` and ``opening`` (MODELS.md sections 4-5), without the parts Monte Carlo does not
summarise (minimal concessions, Nash solution, holdouts). It calls the same functions
(:func:`~accord.bargaining.problem.build_problem`,
:func:`~accord.bargaining.dynamics.drift_from_costs`, :func:`~accord.bargaining.zopa.issue_zones`,
:func:`~accord.bargaining.dynamics.red_lines_at`, :func:`~accord.bargaining.package.check_package`)
and follows :func:`~accord.bargaining.dynamics.opening_month` (bisection or scan), so
the answers are the same; it only avoids linear programs whose answer is known:

1. A month whose red lines leave no box on some issue is closed (``check_package`` returns at
   once there too).
2. A month is closed when some player, even at the package best for it inside the box (its
   own position clipped to the box: utilities are separable by issue), is short of its no-deal
   utility by a margin (:data:`CERTIFICATE_MARGIN`, well above the solver's tolerance).
3. A month is open when some package inside the red-line box gives every player at least its
   no-deal utility with that margin: the box's centre, the capability x salience weighted mean
   of the players' positions clipped to the box, or the package of a recent linear program
   clipped to the box.
4. Otherwise the linear program of ``check_package`` decides.

A test compares this function with ``analyse`` on many drawn scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.dynamics import (
    Drift,
    drift_from_costs,
    opening_month,
    red_lines_at,
)
from accord.bargaining.package import check_package
from accord.bargaining.problem import BargainOptions, Problem, build_problem, utilities
from accord.bargaining.region import BOX_TOL, red_line_box, scale
from accord.bargaining.zopa import issue_zones
from accord.scenario.schema import Scenario

F = NDArray[np.float64]

CERTIFICATE_MARGIN = 1e-6
"""Normalised gain beyond which a candidate package proves a month open (every player at
least this much above its no-deal utility), or a player's best package proves it closed (this
much below)."""
REMEMBER = 6
"""Packages of recent linear programs kept as candidates."""


@dataclass(frozen=True)
class DrawVerdict:
    """What one draw's bargaining analysis says."""

    deal: bool                     # a zone is open as stated (month 0)
    zones: tuple[bool, ...]        # per issue: the red lines leave a zone
    opening: int | None            # first month (0..horizon) a zone is open, None if not
    never: bool                    # it never opens under the drawn costs


class Feasibility:
    """``check_package(problem).feasible`` with the shortcuts of the module docstring.

    One instance serves many draws: it remembers the packages of its last linear programs
    (:data:`REMEMBER`), which are good candidates for the next draws.
    """

    def __init__(self) -> None:
        self.recent: list[F] = []
        self.programs = 0

    def __call__(self, problem: Problem) -> bool:
        lo, hi = red_line_box(problem)
        if np.any(lo > hi + BOX_TOL):
            return False
        players = list(problem.players)
        if players:
            low = np.minimum(lo, hi)
            d, r = problem.disagreement[players], scale(problem)[players]

            def worst(packages: F) -> F:
                u = utilities(problem.position[players], problem.salience[players],
                              packages[:, None, :], problem.exponent)
                return np.asarray((u - d) / r)

            x = np.where(np.isnan(problem.position[players]), 0.0, problem.position[players])
            best = np.diagonal(worst(np.clip(x, low, hi)))
            if np.any(best < -CERTIFICATE_MARGIN):  # a player short even at its own best
                return False
            candidates = np.array(self._candidates(problem, players, low, hi))
            if np.any(worst(candidates).min(axis=1) >= CERTIFICATE_MARGIN):
                return True
        self.programs += 1
        check = check_package(problem)
        if check.package is not None:
            self.recent = [check.package, *self.recent[:REMEMBER - 1]]
        return check.feasible

    def _candidates(self, problem: Problem, players: list[int], low: F, high: F) -> list[F]:
        out = [(low + high) / 2]
        weight = problem.capability[players, None] * problem.salience[players]
        position = np.where(np.isnan(problem.position[players]), 0.0,
                            problem.position[players])
        total = weight.sum(axis=0)
        if np.all(total > 0):
            out.append(np.clip((weight * position).sum(axis=0) / total, low, high))
        out += [np.clip(y, low, high) for y in self.recent]
        return out


def bargain_draw(scenario: Scenario, options: BargainOptions,
                 feasible: Feasibility | None = None) -> DrawVerdict:
    """The verdict, zones and opening month of one plain (distribution-free) scenario.

    Pass the same ``feasible`` for the draws of a chunk to reuse its remembered packages.
    """
    problem = build_problem(scenario, options)
    drift = drift_from_costs(scenario, problem)
    zones = tuple(z is not None for z in issue_zones(problem))
    feasible = feasible or Feasibility()
    deal = feasible(problem)
    opening, never = _first_opening(problem, drift, options.horizon, feasible, deal)
    return DrawVerdict(deal=deal, zones=zones, opening=opening, never=never)


def _first_opening(problem: Problem, drift: Drift, horizon: int, feasible: Feasibility,
                   open_now: bool) -> tuple[int | None, bool]:
    """:func:`accord.bargaining.dynamics.first_opening`'s steps, with ``feasible``."""
    def is_open(k: float) -> bool:
        return feasible(red_lines_at(problem, drift, k))

    return opening_month(is_open, drift, horizon, open_now)
