"""Per-issue zones of possible agreement and the red lines that block them.

For each issue the zone is the interval every binding red line allows: from the highest
minimum to the lowest maximum (MODELS.md section 4). A minimum above a maximum is a conflict:
the two actors are *blocking* each other, ``gap`` apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.bargaining.problem import Problem
from accord.bargaining.region import BOX_TOL, red_line_box


@dataclass(frozen=True)
class RedLine:
    """A binding red line: actor ``actor`` accepts nothing below (min) or above (max) ``value``."""

    actor: str
    issue: str
    side: str          # "min" or "max"
    value: float       # on the issue's own scale
    unit_value: float  # on 0-100
    binding: bool      # the actor has a veto on the issue


@dataclass(frozen=True)
class Blocking:
    """Two red lines that cross on one issue: ``minimum`` (of actors[0]) > ``maximum``."""

    actors: tuple[str, str]
    issue: str
    minimum: float
    maximum: float
    gap: float         # minimum - maximum, on the issue's own scale


def red_lines(problem: Problem) -> list[RedLine]:
    """Every stated red line, issue by issue, in file order (``binding`` where vetoed)."""
    # (issue, actor, side) in that order: minimum before maximum of the same actor
    stated = np.stack([problem.lower.T, problem.upper.T], axis=-1)   # (m, n, 2)
    js, is_, sides = np.nonzero(~np.isnan(stated))
    values = stated[js, is_, sides]
    scaled = problem.low[js] + values * (problem.high[js] - problem.low[js]) / 100.0
    binding = problem.binding[is_, js]
    actors, issues = problem.actors, problem.issues
    return [RedLine(actors[i], issues[j], "max" if side else "min", s, v, b)
            for i, j, side, s, v, b in zip(is_.tolist(), js.tolist(), sides.tolist(),
                                            scaled.tolist(), values.tolist(),
                                            binding.tolist(), strict=True)]


def issue_zones(problem: Problem) -> list[tuple[float, float] | None]:
    """Per issue, the zone [low, high] on the issue's own scale, or None where lines cross."""
    lo, hi = red_line_box(problem)
    out: list[tuple[float, float] | None] = []
    for j in range(problem.m):
        if lo[j] > hi[j] + BOX_TOL:
            out.append(None)
        else:
            a = min(lo[j], hi[j])
            out.append((problem.to_issue_scale(j, a), problem.to_issue_scale(j, hi[j])))
    return out


def blocking_pairs(problem: Problem) -> list[Blocking]:
    """Every pair of crossing red lines, largest gap first (ties in file order)."""
    out = []
    lower, upper = problem.box_lower, problem.box_upper
    actors = problem.actors
    for j, issue in enumerate(problem.issues):
        mins = np.flatnonzero(~np.isnan(lower[:, j]))
        maxs = np.flatnonzero(~np.isnan(upper[:, j]))
        if not len(mins) or not len(maxs):
            continue
        low, high = lower[mins, j], upper[maxs, j]
        a, b = np.nonzero(low[:, None] > high[None, :] + BOX_TOL)   # (min, max) in file order
        if not len(a):
            continue
        low, high = low[a], high[b]
        span = (problem.high[j] - problem.low[j]) / 100.0
        scale_low = problem.low[j] + low * (problem.high[j] - problem.low[j]) / 100.0
        scale_high = problem.low[j] + high * (problem.high[j] - problem.low[j]) / 100.0
        gap = (low - high) * span
        out += [Blocking(actors=(actors[x], actors[y]), issue=issue, minimum=lo, maximum=hi,
                         gap=g)
                for x, y, lo, hi, g in zip(mins[a].tolist(), maxs[b].tolist(),
                                           scale_low.tolist(), scale_high.tolist(),
                                           gap.tolist(), strict=True)]
    order = sorted(range(len(out)), key=lambda k: (-round(out[k].gap, 9), k))
    return [out[k] for k in order]
