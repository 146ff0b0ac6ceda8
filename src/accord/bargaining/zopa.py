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
    out = []
    for j, issue in enumerate(problem.issues):
        for i, actor in enumerate(problem.actors):
            for side, table in (("min", problem.lower), ("max", problem.upper)):
                value = table[i, j]
                if not np.isnan(value):
                    out.append(RedLine(actor, issue, side, problem.to_issue_scale(j, value),
                                       float(value), bool(problem.binding[i, j])))
    return out


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
    for j, issue in enumerate(problem.issues):
        for a in range(problem.n):
            low = lower[a, j]
            if np.isnan(low):
                continue
            for b in range(problem.n):
                high = upper[b, j]
                if np.isnan(high) or low <= high + BOX_TOL:
                    continue
                out.append(Blocking(
                    actors=(problem.actors[a], problem.actors[b]), issue=issue,
                    minimum=problem.to_issue_scale(j, low),
                    maximum=problem.to_issue_scale(j, high),
                    gap=float((low - high) * problem.span(j)),
                ))
    order = sorted(range(len(out)), key=lambda k: (-round(out[k].gap, 9), k))
    return [out[k] for k in order]
