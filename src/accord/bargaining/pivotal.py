"""Pivotal actors: whose veto alone closes a zone, whose move alone would open one.

For a scenario whose zone is closed (docs/bargaining.md), per issue and for the package:

1. **issue, veto**: on an issue without a zone, an actor whose binding red lines there are the
   only obstacle: with them lifted (everyone else's kept) the issue has a zone. Its
   ``distance`` is how far its red line must move alone to meet the others' (issue scale):
   from its minimum down to the lowest maximum of the others, or from its maximum up to the
   highest minimum of the others;
2. **package, veto**: a player without whom (neither its binding red lines nor its
   participation constraint) a package every other player accepts exists;
3. **package, move**: a player whose red lines alone can move far enough to open a zone,
   everyone else's held: the least total movement
   (:func:`accord.bargaining.concession_ranges.least_total`, restricted to that actor); the movement
   lowers its own no-deal utility where that is measured at its red lines (as for every
   concession), so it may also have to accept a package it rates below its stated no deal.

With an open zone nobody is pivotal (the result is empty): the question is what would close
it, which :mod:`accord.workflows.tipping` answers number by number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.concession_ranges import least_total
from accord.bargaining.package import check_package
from accord.bargaining.problem import Problem
from accord.bargaining.region import BOX_TOL

F = NDArray[np.float64]


@dataclass(frozen=True)
class Pivot:
    """One pivotal actor: ``scope`` is an issue id or ``package``; ``kind`` ``veto`` or
    ``move``; ``distance`` how far it must move alone: on the issue's scale for an issue, the
    total of 0-100 points for a package move, None for a package veto)."""

    actor: str
    scope: str
    kind: str
    distance: float | None


def pivotal_actors(problem: Problem, weighted: bool = False) -> list[Pivot]:
    """Every pivot of steps 1-3 (issues in file order, then the package)."""
    if check_package(problem).feasible:
        return []
    out: list[Pivot] = []
    lower, upper = problem.box_lower, problem.box_upper
    for j, issue in enumerate(problem.issues):
        low_j, high_j = lower[:, j], upper[:, j]
        if not _crosses(low_j, high_j):
            continue
        for i, actor in enumerate(problem.actors):
            if np.isnan(low_j[i]) and np.isnan(high_j[i]):
                continue
            others_low = np.delete(low_j, i)
            others_high = np.delete(high_j, i)
            if _crosses(others_low, others_high):
                continue
            top = float(np.nanmax(np.append(others_low, 0.0)))
            bottom = float(np.nanmin(np.append(others_high, 100.0)))
            need = 0.0
            if not np.isnan(low_j[i]):
                need = max(need, float(low_j[i]) - bottom)
            if not np.isnan(high_j[i]):
                need = max(need, top - float(high_j[i]))
            out.append(Pivot(actor, issue, "veto", need * problem.span(j)))
    for i in problem.players:
        others = problem.player.copy()
        others[i] = False
        binding = problem.binding.copy()
        binding[i, :] = False
        if others.any() and check_package(replace(problem, player=others,
                                                  binding=binding)).feasible:
            out.append(Pivot(problem.actors[i], "package", "veto", None))
        alone = least_total(problem, weighted, {i})
        if alone is not None:
            total = sum(v for (a, _, _), v in alone[1].items() if a == i)
            out.append(Pivot(problem.actors[i], "package", "move", float(total)))
    return out


def _crosses(low: F, high: F) -> bool:
    lo = np.nanmax(np.append(low, 0.0))
    hi = np.nanmin(np.append(high, 100.0))
    return bool(lo > hi + BOX_TOL)

