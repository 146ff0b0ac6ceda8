"""The zone of possible agreement as linear programs (exact for linear loss, cuts for quadratic).

The packages every player accepts (MODELS.md section 4) form a convex set:

1. y_d in [0, 100] and inside every binding red line on issue d (a box); with concessions,
   each binding red line may move by a variable delta >= 0 (a minimum down, a maximum up, at
   most to the end of the scale).
2. Participation: g_i(y) = (u_i(y) - d_i) / R_i >= 0 for every player, R_i the actor's largest
   possible loss (so g is comparable across actors). Optionally g_i(y) >= t for some players,
   with t a variable to maximise (the Chebyshev or "max-min gain" program). Where d_i is
   measured at a one-sided red line (:mod:`accord.bargaining.problem`), moving that line by
   delta lowers d_i by s_id * ((dist + delta)^p - dist^p): exactly linear for linear loss,
   linearised at an anchor for quadratic loss (a tangent under-estimates a convex function, so
   the constraint is conservative: the plan found is always acceptable).

With linear loss, |y_d - x_id| <= a_id is exact with two rows per (actor, issue). With
quadratic loss u_i is concave, so its tangent planes over-estimate it; Kelley's cutting-plane
method [Kelley 1960] solves the linear relaxation, adds the tangent of every violated player at
the solution and repeats until each constraint holds within ``TOL``. The relaxation's optimum
bounds the true one, so a relaxation that is infeasible proves the true program infeasible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    """A binding red line that may move: ``side`` 'min' (moves down) or 'max' (moves up)."""

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
    extra: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    """Per player: terms added to each participation row (moving no-deal utility)."""
    shift: dict[int, float] = field(default_factory=dict)
    """Per player: added to each participation row's right-hand side."""
    participation: bool = True
    """False: red lines only (no participation constraints)."""

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
    lo = np.nanmax(np.vstack([np.zeros(problem.m), problem.box_lower]), axis=0)
    hi = np.nanmin(np.vstack([np.full(problem.m, 100.0), problem.box_upper]), axis=0)
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def build_region(problem: Problem, *, concede: bool = False,
                 gain_players: Sequence[int] = (),
                 anchor: Mapping[tuple[int, int, str], float] | None = None,
                 participation: bool = True) -> Region | None:
    """The program of the zone (None if the fixed red lines already leave no package).

    ``concede`` adds one movement variable per binding red line; ``anchor`` gives the
    movements at which falling no-deal utilities are linearised (default 0);
    ``participation=False`` keeps the red lines only.
    """
    lp = LinearProgram()
    if concede:
        y = [lp.var(0.0, 100.0) for _ in range(problem.m)]
    else:
        lo, hi = red_line_box(problem)
        if np.any(lo > hi + BOX_TOL):
            return None
        mid = np.minimum(lo, hi)
        y = [lp.var(float(mid[j]), float(max(hi[j], mid[j]))) for j in range(problem.m)]
    region = Region(lp=lp, problem=problem, y=y, gain_players=tuple(gain_players),
                    participation=participation)
    if concede:
        _moves(region, anchor or {})
    if not participation:
        return region
    if gain_players:
        r = scale(problem)
        d = problem.disagreement
        top = min(float(-d[i] / r[i]) for i in gain_players)
        region.t = lp.var(None, top)
    if problem.exponent == 1:
        _exact_participation(region)
    else:
        ideal = np.where(np.isnan(problem.position), 50.0, problem.position)
        _cuts(region, np.full(problem.m, 50.0), problem.players)
        for i in problem.players:
            _cuts(region, ideal[i], (i,))
    return region


def _moves(region: Region, anchor: Mapping[tuple[int, int, str], float]) -> None:
    """Movement variables of binding red lines, and the fall of d_i they cause.

    Where d_i is measured at the actor's red lines, its term on issue j is
    s * max(x - L + delta_L, U - x + delta_U)^p (L, U the accepted interval); the terms are
    linearised at the anchor (a subgradient: a tangent of a convex function under-estimates
    it, so the linear constraint is conservative).
    """
    problem, lp, y = region.problem, region.lp, region.y
    r = scale(problem)
    p = problem.exponent
    lower, upper = problem.box_lower, problem.box_upper
    # only actors with a binding red line have anything to move (in file order)
    for i in np.flatnonzero(~(np.isnan(lower) & np.isnan(upper)).all(axis=1)).tolist():
        for j in range(problem.m):
            var: dict[str, int] = {}
            for side, value in (("min", lower[i, j]), ("max", upper[i, j])):
                if np.isnan(value):
                    continue
                room = value if side == "min" else 100.0 - value
                v = lp.var(0.0, float(max(room, 0.0)))
                sign = -1.0 if side == "min" else 1.0
                lp.le([(y[j], sign), (v, -1.0)], sign * value)
                region.moves.append(Move(i, j, side, float(value), v))
                var[side] = v
            if (var and region.participation and problem.from_red_line[i, j] and problem.player[i]
                    and np.isnan(problem.fixed[i])):
                _falling_no_deal(region, i, j, var, anchor, r[i], p)


def _falling_no_deal(region: Region, i: int, j: int, var: dict[str, int],
                     anchor: Mapping[tuple[int, int, str], float], r: float, p: int) -> None:
    problem = region.problem
    x, s = problem.position[i, j], problem.salience[i, j]
    lo = 0.0 if np.isnan(problem.lower[i, j]) else problem.lower[i, j]
    hi = 100.0 if np.isnan(problem.upper[i, j]) else problem.upper[i, j]
    at = {side: anchor.get((i, j, side), 0.0) for side in var}
    below = x - lo + at.get("min", 0.0)
    above = hi - x + at.get("max", 0.0)
    base = max(x - lo, hi - x)
    top = max(below, above)
    slope = p * s * top ** (p - 1)
    share = {"min": 1.0 if below > above else 0.0, "max": 1.0 if above > below else 0.0}
    if below == above:
        both = [side for side in var]
        share = {side: 1.0 / len(both) for side in both}
    moved = 0.0
    for side, v in var.items():
        c = slope * share.get(side, 0.0)
        if c:
            region.extra.setdefault(i, []).append((v, -c / r))
            moved += c * at[side]
    gap = s * (top ** p - base ** p) - moved
    region.shift[i] = region.shift.get(i, 0.0) + gap / r


def _exact_participation(region: Region) -> None:
    problem, lp, y = region.problem, region.lp, region.y
    r = scale(problem)
    d = problem.disagreement
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
        terms += region.extra.get(i, [])
        lp.le(terms, -d[i] / r[i] + region.shift.get(i, 0.0))


def _cuts(region: Region, at: F, players: Sequence[int]) -> None:
    """Tangent planes of g_i at ``at``: g_i(at) + grad . (y - at) >= 0 (or >= t)."""
    problem = region.problem
    r = scale(problem)
    x = np.where(np.isnan(problem.position), 0.0, problem.position)
    u = problem.utility(at)
    d = problem.disagreement
    for i in players:
        grad = -2.0 * problem.salience[i] * (at - x[i]) / r[i]
        g0 = (u[i] - d[i]) / r[i]
        terms = [(region.y[j], -float(grad[j])) for j in range(problem.m) if grad[j] != 0]
        if region.t is not None and i in region.gain_players:
            terms.append((region.t, 1.0))
        terms += region.extra.get(i, [])
        region.lp.le(terms, float(g0 - grad @ at) + region.shift.get(i, 0.0))


def solve_region(region: Region) -> F | None:
    """The optimum of the region's program (None if infeasible); see the module docstring."""
    problem = region.problem
    if problem.exponent == 1 or not region.participation:
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
        for i, terms in region.extra.items():  # the linearised fall of d_i with concessions
            need[i] += sum(c * v[k] for k, c in terms) - region.shift.get(i, 0.0)
        short = [i for i in problem.players if need[i] - g[i] > TOL]
        if not short:
            return v
        _cuts(region, y, short)
    return v
