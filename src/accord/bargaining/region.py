"""The zone of possible agreement as linear programs (exact for linear loss, cuts for quadratic).

The packages every player accepts (MODELS.md section 4) form a convex set:

1. y_d in [0, 100] and inside every binding red line on issue d (a box); with concessions,
   each red line may move by a variable delta >= 0 toward concession.
2. Participation: g_i(y) = (u_i(y) - d_i) / R_i >= 0 for every player, R_i the actor's largest
   possible loss (so g is comparable across actors). Optionally g_i(y) >= t for some players,
   with t a variable to maximise (the Chebyshev or "max-min gain" program).

With linear loss, |y_d - x_id| <= a_id is exact with two rows per (actor, issue). With
quadratic loss u_i is concave, so its tangent planes over-estimate it; Kelley's cutting-plane
method [Kelley 1960] solves the linear relaxation, adds the tangent of every violated player at
the solution and repeats until each constraint holds within ``TOL``. The relaxation's optimum
bounds the true one, so a relaxation that is infeasible proves the true program infeasible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.lp import LinearProgram
from accord.bargaining.problem import Problem

F = NDArray[np.float64]

TOL = 1e-7
"""Tolerance of participation constraints, in units of each actor's largest possible loss."""
BOX_TOL = 1e-9
"""Red lines closer than this (0-100 points) count as touching, not crossing."""
MAX_CUT_ROUNDS = 400


@dataclass
class Move:
    """A red line that may move: ``side`` is 'min' (moves down) or 'max' (moves up)."""

    actor: int
    issue: int
    side: str
    value: float
    var: int


@dataclass
class Region:
    """A linear program over packages with its variable indices."""

    lp: LinearProgram
    problem: Problem
    y: list[int]
    t: int | None = None
    gain_players: tuple[int, ...] = ()
    moves: list[Move] = field(default_factory=list)

    def package(self, v: F) -> F:
        return np.asarray(v[self.y], dtype=float)


def scale(problem: Problem) -> F:
    """R_i: each actor's largest possible loss (1 for an actor that cares about nothing)."""
    r = problem.max_loss()
    return np.where(r > 0, r, 1.0)


def gains(problem: Problem, y: F) -> F:
    """g_i(y) = (u_i(y) - d_i) / R_i for every actor."""
    return np.asarray((problem.utility(y) - problem.disagreement) / scale(problem))


def red_line_box(problem: Problem) -> tuple[F, F]:
    """Per issue, the highest binding minimum and the lowest binding maximum (within 0-100)."""
    lo = np.nanmax(np.vstack([np.zeros(problem.m), problem.lower]), axis=0)
    hi = np.nanmin(np.vstack([np.full(problem.m, 100.0), problem.upper]), axis=0)
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def build_region(problem: Problem, *, concede: bool = False,
                 gain_players: Sequence[int] = ()) -> Region | None:
    """The program of the zone (None if the fixed red lines already leave no package)."""
    lp = LinearProgram()
    if concede:
        y = [lp.var(0.0, 100.0) for _ in range(problem.m)]
    else:
        lo, hi = red_line_box(problem)
        if np.any(lo > hi + BOX_TOL):
            return None
        mid = np.minimum(lo, hi)
        y = [lp.var(float(mid[j]), float(max(hi[j], mid[j]))) for j in range(problem.m)]
    region = Region(lp=lp, problem=problem, y=y, gain_players=tuple(gain_players))
    if concede:
        for i in range(problem.n):
            for j in range(problem.m):
                if not np.isnan(problem.lower[i, j]):
                    v = lp.var(0.0, None)
                    lp.le([(y[j], -1.0), (v, -1.0)], -problem.lower[i, j])
                    region.moves.append(Move(i, j, "min", float(problem.lower[i, j]), v))
                if not np.isnan(problem.upper[i, j]):
                    v = lp.var(0.0, None)
                    lp.le([(y[j], 1.0), (v, -1.0)], problem.upper[i, j])
                    region.moves.append(Move(i, j, "max", float(problem.upper[i, j]), v))
    if gain_players:
        r = scale(problem)
        top = min(float(-problem.disagreement[i] / r[i]) for i in gain_players)
        region.t = lp.var(None, top)
    if problem.exponent == 1:
        _exact_participation(region)
    else:
        ideal = np.where(np.isnan(problem.position), 50.0, problem.position)
        _cuts(region, np.full(problem.m, 50.0), problem.players)
        for i in problem.players:
            _cuts(region, ideal[i], (i,))
    return region


def _exact_participation(region: Region) -> None:
    problem, lp, y = region.problem, region.lp, region.y
    r = scale(problem)
    for i in problem.players:
        terms: list[tuple[int, float]] = []
        for j in range(problem.m):
            s = problem.salience[i, j]
            if s <= 0:
                continue
            x = problem.position[i, j]
            a = lp.var(0.0, None)
            lp.le([(a, -1.0), (y[j], 1.0)], x)
            lp.le([(a, -1.0), (y[j], -1.0)], -x)
            terms.append((a, s / r[i]))
        if region.t is not None and i in region.gain_players:
            terms.append((region.t, 1.0))
        lp.le(terms, -problem.disagreement[i] / r[i])


def _cuts(region: Region, at: F, players: Sequence[int]) -> None:
    """Tangent planes of g_i at ``at``: g_i(at) + grad . (y - at) >= 0 (or >= t)."""
    problem = region.problem
    r = scale(problem)
    x = np.where(np.isnan(problem.position), 0.0, problem.position)
    u = problem.utility(at)
    for i in players:
        grad = -2.0 * problem.salience[i] * (at - x[i]) / r[i]
        g0 = (u[i] - problem.disagreement[i]) / r[i]
        terms = [(region.y[j], -float(grad[j])) for j in range(problem.m) if grad[j] != 0]
        if region.t is not None and i in region.gain_players:
            terms.append((region.t, 1.0))
        region.lp.le(terms, float(g0 - grad @ at))


def solve_region(region: Region) -> F | None:
    """The optimum of the region's program (None if infeasible); see the module docstring."""
    problem = region.problem
    if problem.exponent == 1:
        return region.lp.solve()
    for _ in range(MAX_CUT_ROUNDS):
        v = region.lp.solve()
        if v is None:
            return None
        y = region.package(v)
        g = gains(problem, y)
        need = np.zeros(problem.n)
        if region.t is not None:
            need[list(region.gain_players)] = v[region.t]
        short = [i for i in problem.players if need[i] - g[i] > TOL]
        if not short:
            return v
        _cuts(region, y, short)
    return v
