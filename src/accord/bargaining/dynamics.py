"""Time: red lines drift with the cost of no deal; when does a zone first open?

MODELS.md section 5. The scenario's ``costs`` section gives, per actor (and optionally per
issue), a drift in the issue's units per month and optionally a floor that the red line never
moves past, from an optional start month (docs/file-format.md).

1. A cost entry applies to the actor's binding red lines on its issue, or on every issue when
   it names none; an issue-specific entry replaces the general ones for that issue, and entries
   at the same level add their drifts.
2. Month k counts from the scenario's ``as_of`` (k = 0: as stated). An entry moves the red
   line by drift * (k - start) once its start month has passed (the stated red line already
   reflects everything before ``as_of``): a minimum moves down, a maximum up.
3. The red line stops at the entry's floor (the most restrictive one when several apply) and
   at the end of the scale; a floor behind the stated red line means it does not move.
4. Red lines only ever loosen, so the zone, once open, stays open: the first open month is
   found by bisection over 0..horizon with the package check of
   :func:`accord.bargaining.package.check_package`. If the zone is still closed when every
   moving red line has reached its floor, it never opens under the stated costs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.package import check_package
from accord.bargaining.problem import Problem
from accord.scenario.dates import month_index, month_label
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario

F = NDArray[np.float64]


@dataclass(frozen=True)
class Drift:
    """Per actor x issue: movement terms (points per month, start month) and limits, 0-100."""

    terms: tuple[tuple[int, int, float, int], ...]   # (actor, issue, rate, start offset)
    lower_limit: F     # (n, m) lowest a minimum may go
    upper_limit: F     # (n, m) highest a maximum may go
    base: int | None   # month index of as_of, None without a date

    @property
    def moves(self) -> bool:
        return any(rate > 0 for _, _, rate, _ in self.terms)


@dataclass(frozen=True)
class Opening:
    """When the zone opens: month offset and YYYY-MM, or None (with ``never`` if it cannot)."""

    month: int | None
    label: str | None
    never: bool
    horizon: int
    at: Problem        # red lines at the opening month (or at the horizon)


def drift_from_costs(scenario: Scenario, problem: Problem) -> Drift:
    """The drift of every binding red line implied by the scenario's costs section."""
    a_index = {a: k for k, a in enumerate(problem.actors)}
    i_index = {i: k for k, i in enumerate(problem.issues)}
    base = month_index(scenario.as_of) if scenario.as_of else None
    specific = {(c.actor, c.issue) for c in scenario.costs if c.issue is not None}
    lower_limit = np.where(np.isnan(problem.lower), np.nan, 0.0)
    upper_limit = np.where(np.isnan(problem.upper), np.nan, 100.0)
    floors: dict[tuple[int, int], list[float]] = {}
    terms: list[tuple[int, int, float, int]] = []
    for cost in scenario.costs:
        i = a_index[cost.actor]
        targets = ([i_index[cost.issue]] if cost.issue is not None else
                   [j for j, issue in enumerate(problem.issues)
                    if (cost.actor, issue) not in specific])
        start = 0
        if cost.start is not None and base is not None:
            start = max(0, month_index(cost.start) - base)
        for j in targets:
            if np.isnan(problem.lower[i, j]) and np.isnan(problem.upper[i, j]):
                continue
            rate = max(0.0, float(point(cost.drift))) / problem.span(j)
            terms.append((i, j, rate, start))
            if cost.floor is not None:
                floors.setdefault((i, j), []).append(
                    100.0 * (cost.floor - problem.low[j]) / (problem.high[j] - problem.low[j]))
    for (i, j), values in floors.items():
        if not np.isnan(problem.lower[i, j]):
            lower_limit[i, j] = min(problem.lower[i, j], max(values))
        if not np.isnan(problem.upper[i, j]):
            upper_limit[i, j] = max(problem.upper[i, j], min(values))
    return Drift(tuple(terms), np.asarray(lower_limit), np.asarray(upper_limit), base)


def red_lines_at(problem: Problem, drift: Drift, month: float) -> Problem:
    """The problem with every red line moved as it stands ``month`` months after as_of."""
    moved = np.zeros((problem.n, problem.m))
    for i, j, rate, start in drift.terms:
        moved[i, j] += rate * max(0.0, month - start)
    with np.errstate(invalid="ignore"):
        lower = np.maximum(problem.lower - moved, drift.lower_limit)
        upper = np.minimum(problem.upper + moved, drift.upper_limit)
    lower = np.where(np.isnan(problem.lower), np.nan, lower)
    upper = np.where(np.isnan(problem.upper), np.nan, upper)
    return problem.with_bounds(np.asarray(lower), np.asarray(upper))


Feasible = Callable[[Problem], bool]
"""Whether a problem has a package every player accepts: ``check_package(p).feasible``, or a
faster equivalent (:class:`accord.bargaining.certificates.Feasibility`)."""


def package_feasible(problem: Problem) -> bool:
    return check_package(problem).feasible


def first_opening(problem: Problem, drift: Drift, horizon: int,
                  feasible: Feasible = package_feasible,
                  open_now: bool | None = None) -> Opening:
    """The first month (0..horizon) at which a package every player accepts exists.

    ``open_now`` is the answer at month 0 when the caller has it already."""
    def label(k: int) -> str | None:
        return month_label(drift.base + k) if drift.base is not None else None

    def is_open(k: float) -> bool:
        return feasible(red_lines_at(problem, drift, k))

    if open_now if open_now is not None else is_open(0):
        return Opening(0, label(0), False, horizon, problem)
    never = not drift.moves or not is_open_limit(problem, drift, feasible)
    if never or horizon == 0 or not is_open(horizon):
        return Opening(None, None, never, horizon, red_lines_at(problem, drift, horizon))
    hi = first_open_month(is_open, horizon)
    return Opening(hi, label(hi), False, horizon, red_lines_at(problem, drift, hi))


def first_open_month(is_open: Callable[[float], bool], horizon: int) -> int:
    """The first month in 1..horizon at which ``is_open`` holds, by bisection, given that it
    does not hold at 0 and holds at ``horizon`` (red lines only loosen, so it stays open)."""
    lo, hi = 0, horizon          # closed at lo, open at hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if is_open(mid):
            hi = mid
        else:
            lo = mid
    return hi


def is_open_limit(problem: Problem, drift: Drift,
                  feasible: Feasible = package_feasible) -> bool:
    """Whether the zone is open once every drifting red line has reached its limit."""
    latest = max((start for _, _, rate, start in drift.terms if rate > 0), default=0)
    slowest = min((rate for _, _, rate, _ in drift.terms if rate > 0), default=1.0)
    far = latest + 100.0 / slowest + 1.0
    return feasible(red_lines_at(problem, drift, far))
