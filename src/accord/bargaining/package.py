"""Whole-package feasibility: is there a package every player accepts?

A package y is acceptable when it respects every binding red line and gives every player at
least its no-deal utility (MODELS.md section 4). The check maximises the smallest normalised
gain t = min_i (u_i(y) - d_i) / R_i over the red-line box (a Chebyshev program, see
:mod:`accord.bargaining.region`): a zone exists iff the red lines leave a box and t >= 0.
The maximising package also shows who is short of its no-deal utility when t < 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.lp import solve_together
from accord.bargaining.problem import Problem
from accord.bargaining.region import TOL, Region, build_region, gains, solve_region

F = NDArray[np.float64]


@dataclass(frozen=True)
class PackageCheck:
    """The outcome of the feasibility check."""

    red_lines_ok: bool
    """Every issue has a non-empty zone."""
    feasible: bool
    """Some package respects the red lines and every player's no-deal utility."""
    margin: float | None
    """max over packages of min over players of the normalised gain (None if lines cross)."""
    package: F | None
    """A package (0-100) attaining ``margin``."""
    short: tuple[str, ...] = ()
    """Players below their no-deal utility at that package (when not feasible)."""


def check_package(problem: Problem) -> PackageCheck:
    """Feasibility of the whole package (see the module docstring)."""
    players = problem.players
    region = build_region(problem, gain_players=players)
    if region is None:
        return PackageCheck(red_lines_ok=False, feasible=False, margin=None, package=None)
    if region.t is None:  # no player at all: every package in the box is acceptable
        v = solve_region(region)
        assert v is not None
        return PackageCheck(True, True, 0.0, region.package(v))
    region.lp.set_cost({region.t: -1.0})
    v = solve_region(region)
    if v is None:  # pragma: no cover - the box is non-empty and t is free below
        return PackageCheck(True, False, None, None)
    y = region.package(v)
    g = gains(problem, y)
    margin = float(min(g[i] for i in players))
    feasible = margin >= -TOL
    short = () if feasible else tuple(problem.actors[i] for i in players if g[i] < -TOL)
    return PackageCheck(True, feasible, margin, y, short)


AMBIGUOUS = 10 * TOL
"""A margin this close to -TOL is decided by the program of that problem alone."""


def check_packages(problems: list[Problem]) -> list[PackageCheck]:
    """:func:`check_package` of many problems, the linear-loss programs solved as one.

    Each problem's answer is :func:`check_package`'s: the joint program gives every block its
    own optimum, and a margin within ``AMBIGUOUS`` of the tolerance, where the solver's own
    tolerances could tip the answer, is checked again by :func:`check_package` alone.
    """
    out: list[PackageCheck | None] = [None] * len(problems)
    joint: list[tuple[int, Region]] = []
    for k, problem in enumerate(problems):
        region = build_region(problem, gain_players=problem.players)
        if region is None or region.t is None or problem.exponent != 1:
            out[k] = check_package(problem)
            continue
        region.lp.set_cost({region.t: -1.0})
        joint.append((k, region))
    if len(joint) == 1:
        k, _ = joint[0]
        out[k] = check_package(problems[k])
    elif joint:
        solved = solve_together([region.lp for _, region in joint])
        for (k, region), v in zip(joint, solved, strict=True):
            problem = problems[k]
            y = region.package(v)
            g = gains(problem, y)
            margin = float(min(g[i] for i in problem.players))
            if abs(margin + TOL) <= AMBIGUOUS:
                out[k] = check_package(problem)
                continue
            feasible = margin >= -TOL
            short = () if feasible else tuple(problem.actors[i] for i in problem.players
                                              if g[i] < -TOL)
            out[k] = PackageCheck(True, feasible, margin, y, short)
    return [c for c in out if c is not None]


@dataclass(frozen=True)
class Holdout:
    """A player whose participation the package cannot meet: alone or jointly with others."""

    actor: str
    alone: bool
    """Even the package best for this player (inside the red lines) is worse than no deal."""
    best_gain: float
    """Its largest normalised gain over the red-line box (negative when ``alone``)."""


def holdouts(problem: Problem) -> list[Holdout]:
    """The players that keep the zone closed once the red lines leave a box.

    A player is a holdout *alone* if no package inside the red lines gives it its no-deal
    utility; otherwise it is a holdout if dropping its participation constraint alone opens the
    zone (it is pivotal). Empty when the zone is open or the red lines already cross.
    """
    region = build_region(problem)
    if region is None or check_package(problem).feasible:
        return []
    out: list[Holdout] = []
    for i in problem.players:
        others = problem.player.copy()
        others[i] = False
        best = _best_gain(problem, i)
        if best < -TOL:
            out.append(Holdout(problem.actors[i], True, best))
            continue
        relaxed = replace(problem, player=others)
        if others.any() and check_package(relaxed).feasible:
            out.append(Holdout(problem.actors[i], False, best))
    return out


def _best_gain(problem: Problem, i: int) -> float:
    """max over the red-line box of player i's normalised gain (others unconstrained)."""
    alone = np.zeros(problem.n, dtype=bool)
    alone[i] = True
    single = replace(problem, player=alone)
    region = build_region(single, gain_players=(i,))
    assert region is not None and region.t is not None
    region.lp.set_cost({region.t: -1.0})
    v = solve_region(region)
    assert v is not None
    return float(gains(single, region.package(v))[i])
