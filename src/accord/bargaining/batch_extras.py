"""Minimal concessions and Nash solutions for chosen draws of a batch (``--concessions``).

These need a linear program (concessions,
:func:`~accord.bargaining.concessions.minimal_concessions`) or a convex program (the
asymmetric Nash solution, :func:`~accord.bargaining.nash.nash_solution`) per draw, so they
are computed only when asked and only for the draws asked for, on exactly the problem the
single analysis builds for each draw (:meth:`BatchProblem.problem`). The results come back
as arrays over the chosen draws, the layout Monte Carlo aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import BatchProblem
from accord.bargaining.concessions import apply_concessions, minimal_concessions
from accord.bargaining.nash import nash_solution
from accord.bargaining.package import check_package

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741


@dataclass(frozen=True)
class BatchExtras:
    """Per chosen draw (k of them, in the order asked)."""

    rows: I                 # (k,) draw indices
    possible: Bool          # (k,) some movement of red lines opens a zone
    total: F                # (k,) points moved in all (0-100 scale), NaN if impossible
    weighted: F             # (k,) the minimised objective, NaN if impossible
    moved: F                # (k, n, m) movement of each minimum (negative: down) or maximum
                            # (positive: up), 0-100 points; 0 where none
    nash: F                 # (k, m) Nash package on each issue's own scale (NaN: no deal)
    nash_after: F           # (k, m) Nash package once the concessions are made (NaN: none)


def extras(bp: BatchProblem, rows: I, weighted: bool = False) -> BatchExtras:
    """Minimal concessions and Nash solutions (before and after concessions) of draws ``rows``.

    As :func:`accord.bargaining.analyse` computes them: the Nash solution where the zone is
    open as stated, else the minimal concessions and the Nash solution once they are made.
    """
    fr = bp.frame
    n, m = len(fr.actors), len(fr.issues)
    k = len(rows)
    possible = np.zeros(k, dtype=bool)
    total = np.full(k, np.nan)
    objective = np.full(k, np.nan)
    moved = np.zeros((k, n, m))
    nash = np.full((k, m), np.nan)
    after = np.full((k, m), np.nan)
    index = {a: q for q, a in enumerate(fr.actors)}
    issue = {i: q for q, i in enumerate(fr.issues)}
    width = fr.high - fr.low
    for q, row in enumerate(np.asarray(rows, dtype=np.intp).tolist()):
        problem = bp.problem(row)
        check = check_package(problem)
        if check.feasible:
            sol = nash_solution(problem, check)
            if sol is not None:
                nash[q] = fr.low + sol.package * width / 100.0
        plan = minimal_concessions(problem, weighted=weighted)
        if not plan.possible:
            continue
        possible[q], total[q], objective[q] = True, plan.total, plan.weighted_total
        for c in plan.moves:
            sign = -1.0 if c.side == "min" else 1.0
            moved[q, index[c.actor], issue[c.issue]] += sign * c.points
        if not check.feasible:
            sol = nash_solution(apply_concessions(problem, plan))
            if sol is not None:
                after[q] = fr.low + sol.package * width / 100.0
    return BatchExtras(rows=np.asarray(rows, dtype=np.intp), possible=possible, total=total,
                       weighted=objective, moved=moved, nash=nash, nash_after=after)
