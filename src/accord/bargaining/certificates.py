"""Package feasibility with certificates: most checks decided without a linear program.

:func:`accord.bargaining.package.check_package` answers "is there a package every player
accepts?" with a linear program (MODELS.md section 4). Monte Carlo asks it for thousands of
drawn scenarios and for many months of each, and most answers are known without a program:

1. A problem whose red lines leave no box on some issue is closed (``check_package`` returns at
   once there too).
2. It is closed when some player, even at the package best for it inside the box (its own
   position clipped to the box: utilities are separable by issue), is short of its no-deal
   utility by a margin (:data:`CERTIFICATE_MARGIN`, well above the solver's tolerance).
3. It is open when some package inside the red-line box gives every player at least its
   no-deal utility with that margin: the box's centre, the capability x salience weighted mean
   of the players' positions clipped to the box, or the package of a recent linear program
   clipped to the box.
4. Otherwise the linear program of ``check_package`` decides.

A test compares :class:`Feasibility` with ``check_package`` on many drawn scenarios.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.package import check_package
from accord.bargaining.problem import Problem, utilities
from accord.bargaining.region import BOX_TOL, red_line_box, scale

F = NDArray[np.float64]

CERTIFICATE_MARGIN = 1e-6
"""Normalised gain beyond which a candidate package proves a problem open (every player at
least this much above its no-deal utility), or a player's best package proves it closed (this
much below)."""
REMEMBER = 6
"""Packages of recent linear programs kept as candidates."""


class Feasibility:
    """``check_package(problem).feasible`` with the shortcuts of the module docstring.

    One instance serves many problems: it remembers the packages of its last linear programs
    (:data:`REMEMBER`), which are good candidates for the next ones (the next month, the next
    draw).
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
