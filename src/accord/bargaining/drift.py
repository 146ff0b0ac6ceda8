"""Time: red lines and no-deal outcomes move with the cost of no deal; when is a zone open?

MODELS.md section 5 and docs/bargaining.md. The scenario's ``costs`` section gives, per actor
(and optionally per issue), a drift in the issue's units per month, a direction and optionally
a floor that the red line never moves past, from an optional start month; an issue's
``status_quo_drift`` moves its no-deal outcome (docs/file-format.md).

1. A cost entry applies to the actor's red lines on its issue, or on every issue when it names
   none; an issue-specific entry replaces the general ones for that issue, and entries at the
   same level add their drifts (a hardening entry counts negative).
2. Month k counts from the scenario's ``as_of`` (k = 0: as stated). An entry moves the red
   line by drift * (k - start) once its start month has passed (the stated red line already
   reflects everything before ``as_of``). ``direction: loosen`` (the default) moves it away from
   the actor's position (a minimum down, a maximum up), ``harden`` toward it.
3. A loosening red line stops at the floor of its loosening entries (the most restrictive one
   when several apply) and at the end of the scale; a hardening one at the floor of its
   hardening entries and at the actor's own position. A floor behind the stated red line means
   it does not move that way. The red line is the stated one moved by the sum of its entries,
   kept between those limits.
4. An issue's no-deal outcome moves from its status quo by its drift a month (negative: toward
   the low end), from the later of ``as_of`` and its ``start``, up to its ``limit`` or the end of
   the scale; the players' no-deal utilities move with it
   (:meth:`accord.bargaining.problem.Problem.with_no_deal`).
5. When every entry loosens and no no-deal outcome moves, the zone, once open, stays open: the
   first open month is found by bisection over 0..horizon with the package check of
   :func:`accord.bargaining.package.check_package`, and if the zone is still closed when every
   moving red line has reached its limit it never opens. When every entry hardens and no
   no-deal outcome moves, a zone closed now never opens. Otherwise (red lines that harden and
   loosen, or a moving no-deal outcome) a zone can open and close again, so the months are
   scanned one by one, up to the horizon and, to tell "never" from "after the horizon", on to
   the month after which nothing moves any more (at most :data:`MAX_SCAN` months).
6. That month (:func:`settle_month`) is exact: after the last start month of its entries a
   red line moves linearly, net of its loosening and hardening entries, until the clamp it
   moves toward (its floor, the end of the scale, or for a hardening line its cap); a moving
   no-deal outcome likewise until its limit. Only the players' red lines count (no other
   line enters a package check).
"""

from __future__ import annotations

import math
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

MAX_SCAN = 1200
"""Months (100 years) a scan looks ahead to decide that a zone that can open and close never
opens; beyond it the answer is "not within the horizon" rather than "never"."""


@dataclass(frozen=True)
class NoDealTerm:
    """An issue's moving no-deal outcome on 0-100: from ``start_value`` by ``rate`` a month
    (signed) after month ``start``, kept inside [``low``, ``high``]."""

    issue: int
    start_value: float
    rate: float
    start: int
    low: float
    high: float

    def at(self, month: float) -> float:
        value = self.start_value + self.rate * max(0.0, month - self.start)
        return float(min(max(value, self.low), self.high))


@dataclass(frozen=True)
class Drift:
    """Per actor x issue: movement terms (points per month, start month) and limits, 0-100."""

    terms: tuple[tuple[int, int, float, int], ...]   # (actor, issue, rate, start offset);
    #                                                   rate < 0: the red line hardens
    lower_limit: F     # (n, m) lowest a minimum may go
    upper_limit: F     # (n, m) highest a maximum may go
    base: int | None   # month index of as_of, None without a date
    lower_cap: F | None = None
    """(n, m) highest a hardening minimum may rise (None: no red line hardens)."""
    upper_cap: F | None = None
    """(n, m) lowest a hardening maximum may fall."""
    no_deal: tuple[NoDealTerm, ...] = ()
    """Moving no-deal outcomes, one per issue that has one."""
    settle: int = 1
    """A whole month after which no player's red line and no no-deal outcome moves
    (module docstring, point 6)."""

    @property
    def moves(self) -> bool:
        return (any(rate != 0 for _, _, rate, _ in self.terms)
                or any(t.rate != 0 for t in self.no_deal))

    @property
    def loosens_only(self) -> bool:
        """Every red line only loosens and no no-deal outcome moves: the zone, once open,
        stays open (bisection is exact)."""
        return (all(rate >= 0 for _, _, rate, _ in self.terms)
                and all(t.rate == 0 for t in self.no_deal))

    @property
    def hardens_only(self) -> bool:
        """Every red line only hardens and no no-deal outcome moves: a closed zone stays
        closed."""
        return (all(rate <= 0 for _, _, rate, _ in self.terms)
                and all(t.rate == 0 for t in self.no_deal))


@dataclass(frozen=True)
class Opening:
    """When the zone opens: month offset and YYYY-MM, or None (with ``never`` if it cannot)."""

    month: int | None
    label: str | None
    never: bool
    horizon: int
    at: Problem        # red lines at the opening month (or at the horizon)


def drift_from_costs(scenario: Scenario, problem: Problem) -> Drift:
    """The movement of every red line and no-deal outcome implied by the scenario."""
    # the indices only where costs name actors (O(actors) a call, many calls in a search)
    a_index = {a: k for k, a in enumerate(problem.actors)} if scenario.costs else {}
    i_index = {i: k for k, i in enumerate(problem.issues)} if scenario.costs else {}
    base = month_index(scenario.as_of) if scenario.as_of else None
    specific = {(c.actor, c.issue) for c in scenario.costs if c.issue is not None}
    lower_limit = np.where(np.isnan(problem.lower), np.nan, 0.0)
    upper_limit = np.where(np.isnan(problem.upper), np.nan, 100.0)
    floors: dict[tuple[int, int], list[float]] = {}
    hard_floors: dict[tuple[int, int], list[float]] = {}
    terms: list[tuple[int, int, float, int]] = []
    for cost in scenario.costs:
        i = a_index[cost.actor]
        targets = ([i_index[cost.issue]] if cost.issue is not None else
                   [j for j, issue in enumerate(problem.issues)
                    if (cost.actor, issue) not in specific])
        start = _offset(cost.start, base)
        sign = -1.0 if cost.direction == "harden" else 1.0
        for j in targets:
            if np.isnan(problem.lower[i, j]) and np.isnan(problem.upper[i, j]):
                continue
            rate = sign * max(0.0, float(point(cost.drift))) / problem.span(j)
            terms.append((i, j, rate, start))
            if cost.floor is not None:
                (hard_floors if sign < 0 else floors).setdefault((i, j), []).append(
                    100.0 * (cost.floor - problem.low[j]) / (problem.high[j] - problem.low[j]))
    for (i, j), values in floors.items():
        if not np.isnan(problem.lower[i, j]):
            lower_limit[i, j] = min(problem.lower[i, j], max(values))
        if not np.isnan(problem.upper[i, j]):
            upper_limit[i, j] = max(problem.upper[i, j], min(values))
    lower_cap = upper_cap = None
    if any(rate < 0 for _, _, rate, _ in terms):
        lower_cap, upper_cap = _hardening_caps(problem, hard_floors)
    no_deal = _no_deal_terms(scenario, problem, base)
    settle = _settle(problem, terms, np.asarray(lower_limit), np.asarray(upper_limit),
                     lower_cap, upper_cap, no_deal)
    return Drift(tuple(terms), np.asarray(lower_limit), np.asarray(upper_limit), base,
                 lower_cap, upper_cap, no_deal, settle)


def stop_month(latest: F | float, value: F | float, velocity: F | float, low: F | float,
               high: F | float) -> F:
    """When a line that is ``value`` at month ``latest`` and then moves ``velocity`` a month
    (0-100 points) stops at its clamp [``low``, ``high``]: ``latest`` if it does not move or
    already sits at the clamp it moves toward (element-wise; inf if that clamp is infinite)."""
    v = np.asarray(velocity, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = (np.asarray(high, dtype=float) - value) / v
        down = (np.asarray(low, dtype=float) - value) / v
    ahead = np.where(v > 0, up, np.where(v < 0, down, 0.0))
    return np.asarray(latest + np.maximum(ahead, 0.0), dtype=float)


def settle_of(ends: F) -> int:
    """:attr:`Drift.settle` from the stop months of everything that moves (NaN: nothing
    there); past :data:`MAX_SCAN` when something never stops."""
    end = float(np.nanmax(ends, initial=0.0)) if ends.size else 0.0
    return MAX_SCAN * 2 if not math.isfinite(end) else math.ceil(end) + 1


def _settle(problem: Problem, terms: list[tuple[int, int, float, int]], lower_limit: F,
            upper_limit: F, lower_cap: F | None, upper_cap: F | None,
            no_deal: tuple[NoDealTerm, ...]) -> int:
    """Module docstring, point 6."""
    cells: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for i, j, rate, start in terms:
        if problem.player[i]:
            cells.setdefault((i, j), []).append((rate, start))
    ends: list[float] = []
    for (i, j), entries in cells.items():
        latest = max(start for _, start in entries)
        slope = sum(rate for rate, _ in entries)
        moved = sum(rate * (latest - start) for rate, start in entries)
        if not np.isnan(problem.lower[i, j]):
            cap = np.inf if lower_cap is None else lower_cap[i, j]
            ends.append(float(stop_month(latest, problem.lower[i, j] - moved, -slope,
                                         lower_limit[i, j], cap)))
        if not np.isnan(problem.upper[i, j]):
            cap = -np.inf if upper_cap is None else upper_cap[i, j]
            ends.append(float(stop_month(latest, problem.upper[i, j] + moved, slope, cap,
                                         upper_limit[i, j])))
    for t in no_deal:
        ends.append(float(stop_month(t.start, t.start_value, t.rate, t.low, t.high)))
    return settle_of(np.array(ends, dtype=float))


def _offset(start: str | None, base: int | None) -> int:
    if start is None or base is None:
        return 0
    return max(0, month_index(start) - base)


def _hardening_caps(problem: Problem, floors: dict[tuple[int, int], list[float]]
                    ) -> tuple[F, F]:
    """How far hardening red lines may go: to the actor's position, or a hardening floor."""
    x = problem.position
    lower_cap = np.where(np.isnan(problem.lower), np.nan, np.fmax(x, problem.lower))
    upper_cap = np.where(np.isnan(problem.upper), np.nan, np.fmin(x, problem.upper))
    for (i, j), values in floors.items():
        if not np.isnan(problem.lower[i, j]):
            lower_cap[i, j] = min(lower_cap[i, j], max(problem.lower[i, j], min(values)))
        if not np.isnan(problem.upper[i, j]):
            upper_cap[i, j] = max(upper_cap[i, j], min(problem.upper[i, j], max(values)))
    return np.asarray(lower_cap, dtype=float), np.asarray(upper_cap, dtype=float)


def _no_deal_terms(scenario: Scenario, problem: Problem, base: int | None
                   ) -> tuple[NoDealTerm, ...]:
    if problem.status_quo is None:
        return ()
    out = []
    for j, issue in enumerate(scenario.issues):
        sqd = issue.status_quo_drift
        q0 = problem.status_quo[j]
        if sqd is None or np.isnan(q0):
            continue
        rate = float(point(sqd.drift)) / problem.span(j)
        low, high = 0.0, 100.0
        if sqd.limit is not None:
            limit = 100.0 * (sqd.limit - problem.low[j]) / (problem.high[j] - problem.low[j])
            low, high = min(q0, limit), max(q0, limit)
        out.append(NoDealTerm(j, float(q0), rate, _offset(sqd.start, base), low, high))
    return tuple(out)


def no_deal_at(drift: Drift, m: int, month: float) -> F:
    """(m,) each issue's no-deal outcome (0-100) ``month`` months after as_of (NaN: fixed)."""
    out = np.full(m, np.nan)
    for t in drift.no_deal:
        out[t.issue] = t.at(month)
    return out


def red_lines_at(problem: Problem, drift: Drift, month: float) -> Problem:
    """The problem as it stands ``month`` months after as_of: every red line moved and, where
    a no-deal outcome moves, the players' no-deal utilities with it."""
    moved = np.zeros((problem.n, problem.m))
    for i, j, rate, start in drift.terms:
        moved[i, j] += rate * max(0.0, month - start)
    with np.errstate(invalid="ignore"):
        lower = np.maximum(problem.lower - moved, drift.lower_limit)
        upper = np.minimum(problem.upper + moved, drift.upper_limit)
        if drift.lower_cap is not None and drift.upper_cap is not None:
            lower = np.minimum(lower, drift.lower_cap)
            upper = np.maximum(upper, drift.upper_cap)
    lower = np.where(np.isnan(problem.lower), np.nan, lower)
    upper = np.where(np.isnan(problem.upper), np.nan, upper)
    out = problem.with_bounds(np.asarray(lower), np.asarray(upper))
    if drift.no_deal:
        out = out.with_no_deal(no_deal_at(drift, problem.m, month))
    return out


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

    month, never = opening_month(is_open, drift, horizon, open_now)
    if month == 0:
        return Opening(0, label(0), False, horizon, problem)
    if month is None:
        return Opening(None, None, never, horizon, red_lines_at(problem, drift, horizon))
    return Opening(month, label(month), False, horizon, red_lines_at(problem, drift, month))


def opening_month(is_open: Callable[[float], bool], drift: Drift, horizon: int,
                  open_now: bool | None = None) -> tuple[int | None, bool]:
    """The first month in 0..horizon at which ``is_open`` holds (None if none) and whether it
    never holds (module docstring, point 5). ``open_now``: month 0's answer, if known."""
    if open_now if open_now is not None else is_open(0):
        return 0, False
    if not drift.moves or drift.hardens_only:
        return None, True
    if drift.loosens_only:
        never = not is_open(_loosening_limit(drift))
        if never or horizon == 0 or not is_open(horizon):
            return None, never
        return first_open_month(is_open, horizon), False
    settle = settle_month(drift)
    last = min(horizon, settle)
    for k in range(1, last + 1):
        if is_open(k):
            return k, False
    if settle <= horizon:
        return None, True
    if settle > MAX_SCAN:
        return None, False
    return None, not any(is_open(k) for k in range(horizon + 1, settle + 1))


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


def _loosening_limit(drift: Drift) -> float:
    """A month by which every loosening red line has reached its limit."""
    latest = max((start for _, _, rate, start in drift.terms if rate > 0), default=0)
    slowest = min((rate for _, _, rate, _ in drift.terms if rate > 0), default=1.0)
    return latest + 100.0 / slowest + 1.0


def settle_month(drift: Drift) -> int:
    """A whole month after which no player's red line and no no-deal outcome moves any more
    (module docstring, point 6)."""
    return drift.settle


def is_open_limit(problem: Problem, drift: Drift,
                  feasible: Feasible = package_feasible) -> bool:
    """Whether the zone is open once every drifting red line (and no-deal outcome) has
    reached its limit."""
    far = _loosening_limit(drift) if drift.loosens_only else float(settle_month(drift))
    return feasible(red_lines_at(problem, drift, far))
