"""Opening a zone: every equally small set of concessions, described as ranges.

:func:`accord.bargaining.concessions.minimal_concessions` returns one plan; when several plans
are equally small (any split of a gap between two actors) it is one vertex of many, and it can
list red lines that do not move. The analyst's question is rather "who must move, at least how
far, and who may take a share". Steps (MODELS.md section 4, docs/bargaining.md "Leverage"):

1. the least total movement C* of binding red lines that opens a package zone (each point
   weighted 1, or by the actor's salience on the issue with ``weighted``), over the red lines of
   the actors allowed to move (every actor by default): the linear program of
   :mod:`accord.bargaining.concessions`, with the movement of every other red line held at 0,
   re-solved with the fall of no-deal utilities linearised at the previous plan until it stops
   improving (the convex-concave procedure, as there);
2. the optimal face: the same program with the total held at C* (to a relative 1e-9);
3. for every movable red line, the least and the most it moves on that face (two linear
   programs each): ``least`` > 0 means it must move in every minimal plan, ``least`` = 0 <
   ``most`` that it may take a share; red lines whose ``most`` is 0 are not listed.

The ranges describe each red line on its own: not every combination of values inside them is
minimal (a gap split between two actors is shared: their moves add up to it). Where the fall of
no-deal utilities is linearised (red lines that measure no deal, step 1), each extreme of step
3 is re-linearised at the point found until it stops improving; every point on the way lies on
the exact face, so the ranges are inside the true ones and, in the cases tested, equal to them;
elsewhere (linear loss, red lines alone binding) they are exact at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from accord.bargaining.concessions import CCP_ROUNDS, MOVE_TOL
from accord.bargaining.problem import Problem
from accord.bargaining.region import Move, Region, build_region, solve_region
from accord.errors import UsageError

Anchor = dict[tuple[int, int, str], float]
FACE_TOL = 1e-9
"""Relative slack of the total on the optimal face (step 2)."""


@dataclass(frozen=True)
class ConcessionRange:
    """How far one red line moves over every minimal plan (0-100 points and issue scale)."""

    actor: str
    issue: str
    side: str                # 'min' (moves down) or 'max' (moves up)
    start: float             # the stated red line, on the issue's scale
    least: float             # points it moves in every minimal plan
    most: float              # points it moves in some minimal plan
    least_to: float          # where it stands after moving ``least`` (issue scale)
    most_to: float
    weight: float            # cost per point of this red line

    @property
    def required(self) -> bool:
        """It must move (in every minimal plan)."""
        return self.least > MOVE_TOL


@dataclass(frozen=True)
class ConcessionSet:
    """Every minimal plan that opens a zone, as ranges; ``possible=False``: none does."""

    possible: bool
    total: float = 0.0                       # C*, the minimised (weighted) total
    ranges: tuple[ConcessionRange, ...] = ()
    weighted: bool = False
    movers: tuple[str, ...] = ()             # the actors allowed to move

    @property
    def unique(self) -> bool:
        """Only one minimal plan: every range is a single value."""
        return all(r.most - r.least <= 1e-6 for r in self.ranges)

    @property
    def required(self) -> tuple[ConcessionRange, ...]:
        return tuple(r for r in self.ranges if r.required)


def concession_ranges(problem: Problem, weighted: bool = False,
                      actors: Collection[str] | None = None) -> ConcessionSet:
    """Steps 1-3 of the module docstring; ``actors`` limits who may move (default: all)."""
    allowed = _allowed(problem, actors)
    movers = tuple(problem.actors[i] for i in sorted(allowed))
    best = least_total(problem, weighted, allowed)
    if best is None:
        return ConcessionSet(False, weighted=weighted, movers=movers)
    total, anchor = best
    region, weight = _program(problem, weighted, allowed, anchor)
    _face(region, weight, allowed, total)
    moves = [m for m in region.moves if m.actor in allowed]
    out = []
    for m in moves:
        low = _extreme(problem, weighted, allowed, anchor, total, region, m, 1.0)
        high = _extreme(problem, weighted, allowed, anchor, total, region, m, -1.0)
        if high is None or low is None or high <= MOVE_TOL:
            continue
        low = 0.0 if low <= MOVE_TOL else low

        def to(points: float, m_value: float = m.value, side: str = m.side,
               j: int = m.issue) -> float:
            end = m_value - points if side == "min" else m_value + points
            return problem.to_issue_scale(j, float(np.clip(end, 0.0, 100.0)))

        out.append(ConcessionRange(
            actor=problem.actors[m.actor], issue=problem.issues[m.issue], side=m.side,
            start=problem.to_issue_scale(m.issue, m.value), least=low, most=high,
            least_to=to(low), most_to=to(high), weight=weight[m.var]))
    return ConcessionSet(True, total, tuple(out), weighted, movers)


def least_total(problem: Problem, weighted: bool, allowed: Collection[int]
                ) -> tuple[float, Anchor] | None:
    """Step 1: the least (weighted) total movement of the ``allowed`` actors' red lines that
    opens a zone, and the plan (the anchor of the last linearisation); None if none does."""
    best: tuple[float, Anchor] | None = None
    starts: list[Anchor] = [{}]
    first = _solve(problem, weighted, allowed, {}, participation=False)
    if first is not None:
        starts.append(first[1])
    for start in starts:
        anchor, current = start, None
        for _ in range(CCP_ROUNDS):
            found = _solve(problem, weighted, allowed, anchor)
            if found is None or (current is not None and found[0] >= current[0] - 1e-9):
                break
            current = found
            anchor = found[1]
        if current is not None and (best is None or current[0] < best[0] - 1e-9):
            best = current
    return best


def _allowed(problem: Problem, actors: Collection[str] | None) -> set[int]:
    if actors is None:
        return set(range(problem.n))
    unknown = sorted(set(actors) - set(problem.actors))
    if unknown:
        raise UsageError(f"unknown actor{'s' * (len(unknown) > 1)} {', '.join(unknown)} "
                         f"(actors: {', '.join(problem.actors)})")
    return {problem.actors.index(a) for a in actors}


def _program(problem: Problem, weighted: bool, allowed: Collection[int], anchor: Anchor,
             participation: bool = True) -> tuple[Region, dict[int, float]]:
    region = build_region(problem, concede=True, anchor=anchor, participation=participation)
    assert region is not None  # with concessions the program always has its variables
    weight = {m.var: (float(problem.salience[m.actor, m.issue]) if weighted else 1.0)
              for m in region.moves}
    for m in region.moves:
        if m.actor not in allowed:
            region.lp.le([(m.var, 1.0)], 0.0)
    region.lp.set_cost({m.var: weight[m.var] for m in region.moves if m.actor in allowed})
    return region, weight


def _solve(problem: Problem, weighted: bool, allowed: Collection[int], anchor: Anchor,
           participation: bool = True) -> tuple[float, Anchor] | None:
    region, weight = _program(problem, weighted, allowed, anchor, participation)
    v = solve_region(region)
    if v is None:
        return None
    total = float(sum(weight[m.var] * v[m.var] for m in region.moves if m.actor in allowed))
    return total, {(m.actor, m.issue, m.side): float(v[m.var]) for m in region.moves}


def _face(region: Region, weight: dict[int, float], allowed: Collection[int],
          total: float) -> None:
    """Step 2: hold the allowed actors' (weighted) total movement at C*."""
    moves = [m for m in region.moves if m.actor in allowed]
    if moves:
        region.lp.le([(m.var, weight[m.var]) for m in moves],
                     total * (1.0 + FACE_TOL) + FACE_TOL)


def _extreme(problem: Problem, weighted: bool, allowed: Collection[int], anchor: Anchor,
             total: float, region: Region, move: Move, sign: float) -> float | None:
    """min (sign 1) or max (sign -1) of one movement over the optimal face.

    Where no-deal utilities fall with the movements (``region.extra``), the face is linearised
    at ``anchor``; the extreme is then improved as in step 1, re-linearising at each extreme
    point found until it stops improving (each point on the way lies on the exact face), so
    that a ``least`` is not over-stated merely because of where the first tangent was taken.
    """
    key = (move.actor, move.issue, move.side)
    best: float | None = None
    for _ in range(CCP_ROUNDS):
        var = next(m.var for m in region.moves if (m.actor, m.issue, m.side) == key)
        region.lp.set_cost({var: sign})
        v = solve_region(region)
        if v is None:
            break
        value = float(v[var])
        if best is not None and sign * value >= sign * best - 1e-9:
            break
        best = value
        if not region.extra:
            break   # nothing linearised: the face is exact
        anchor = {(m.actor, m.issue, m.side): float(v[m.var]) for m in region.moves}
        region, weight = _program(problem, weighted, allowed, anchor)
        _face(region, weight, allowed, total)
    return best
