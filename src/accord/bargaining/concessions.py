"""Minimal concessions: the least movement of red lines that opens a zone of agreement.

MODELS.md section 4. A linear program over the package y, one movement delta_k >= 0 per
binding red line (a minimum moves down, a maximum up) and the participation constraints of
:mod:`accord.bargaining.region`:

1. minimise sum_k w_k delta_k, w_k = 1 (total points moved) or the actor's salience on the
   issue (``weighted``: moving a red line costs what the actor cares about it), subject to
   y_d >= min_k - delta_k, y_d <= max_k + delta_k, y in [0, 100]^m and u_i(y) >= d_i for
   every player;
2. among the optimal plans, minimise the largest single movement (several plans are often
   equally small, e.g. any split of a gap between two actors; this spreads it evenly).

Red lines only move: a floor stated in the costs section does not limit the plan (this is
what it would take, not what the actors say they would do). When participation alone has no
solution, no movement of red lines opens a zone and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.bargaining.problem import Problem
from accord.bargaining.region import Move, build_region, solve_region

MOVE_TOL = 1e-7
"""Movements smaller than this (0-100 points) are not reported."""


@dataclass(frozen=True)
class Concession:
    """One red line moved: actor, issue, side ('min'/'max'), from and to on the issue's scale."""

    actor: str
    issue: str
    side: str
    start: float
    end: float
    points: float      # movement on 0-100
    weight: float

    @property
    def amount(self) -> float:
        return abs(self.end - self.start)


@dataclass(frozen=True)
class ConcessionPlan:
    """The minimal concessions, or ``possible=False`` if no movement of red lines opens a zone."""

    possible: bool
    moves: tuple[Concession, ...] = ()
    total: float = 0.0            # sum of movements, 0-100 points
    weighted_total: float = 0.0   # the minimised objective


CCP_ROUNDS = 30


def minimal_concessions(problem: Problem, weighted: bool = False) -> ConcessionPlan:
    """The least (optionally salience-weighted) movement of red lines that opens a zone.

    The fall of no-deal utilities measured at moving red lines (convex in the movements) is
    linearised at the previous plan and the program re-solved until the plan stops improving
    (the convex-concave procedure [Lipp & Boyd 2016]); every plan on the way is acceptable.
    """
    best: ConcessionPlan | None = None
    # Start the procedure from no movement and from the plan that the red lines alone call
    # for (where participation follows from the red lines, that plan is already optimal).
    _, first = _solve(problem, weighted, {}, participation=False)
    for start in ({}, first):
        plan = _ccp(problem, weighted, start)
        better = plan.possible and (best is None or not best.possible
                                    or plan.weighted_total < best.weighted_total - 1e-9)
        if best is None or better:
            best = plan
    assert best is not None
    return best


def _ccp(problem: Problem, weighted: bool,
         anchor: dict[tuple[int, int, str], float]) -> ConcessionPlan:
    best: ConcessionPlan | None = None
    for _ in range(CCP_ROUNDS):
        plan, anchor = _solve(problem, weighted, anchor)
        if best is not None and (not plan.possible
                                 or plan.weighted_total >= best.weighted_total - 1e-9):
            break
        best = plan
        if not plan.possible:
            break
    assert best is not None
    return best


def _solve(problem: Problem, weighted: bool, anchor: dict[tuple[int, int, str], float],
           participation: bool = True
           ) -> tuple[ConcessionPlan, dict[tuple[int, int, str], float]]:
    region = build_region(problem, concede=True, anchor=anchor, participation=participation)
    assert region is not None
    moves = region.moves
    weight = {m.var: (float(problem.salience[m.actor, m.issue]) if weighted else 1.0)
              for m in moves}
    region.lp.set_cost(weight)
    v = solve_region(region)
    if v is None:
        return ConcessionPlan(possible=False), anchor
    best = float(sum(weight[m.var] * v[m.var] for m in moves))
    if moves and best > MOVE_TOL:
        top = region.lp.var(0.0, None)
        region.lp.le([(m.var, weight[m.var]) for m in moves],
                     best + 1e-9 * max(1.0, best))
        for m in moves:
            region.lp.le([(m.var, 1.0), (top, -1.0)], 0.0)
        region.lp.set_cost({top: 1.0})
        spread = solve_region(region)
        if spread is not None:
            v = spread
    out = [_concession(problem, m, float(v[m.var]), weight[m.var]) for m in moves
           if v[m.var] > MOVE_TOL]
    plan = ConcessionPlan(
        possible=True, moves=tuple(out),
        total=float(sum(c.points for c in out)),
        weighted_total=float(sum(c.points * c.weight for c in out)),
    )
    return plan, {(m.actor, m.issue, m.side): float(v[m.var]) for m in moves}


def apply_concessions(problem: Problem, plan: ConcessionPlan) -> Problem:
    """The problem with the plan's red lines moved (to check that it opens a zone)."""
    lower, upper = problem.lower.copy(), problem.upper.copy()
    a_index = {a: k for k, a in enumerate(problem.actors)}
    i_index = {i: k for k, i in enumerate(problem.issues)}
    for c in plan.moves:
        i, j = a_index[c.actor], i_index[c.issue]
        if c.side == "min":
            lower[i, j] -= c.points
        else:
            upper[i, j] += c.points
    return problem.with_bounds(lower, upper)


def _concession(problem: Problem, move: Move, delta: float, weight: float) -> Concession:
    end = move.value - delta if move.side == "min" else move.value + delta
    end = float(np.clip(end, 0.0, 100.0))
    return Concession(
        actor=problem.actors[move.actor], issue=problem.issues[move.issue], side=move.side,
        start=problem.to_issue_scale(move.issue, move.value),
        end=problem.to_issue_scale(move.issue, end),
        points=abs(end - move.value), weight=weight,
    )
