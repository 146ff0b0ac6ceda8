"""When does a zone first open, for many draws at once: red lines at any month, and the search.

MODELS.md section 5 and :mod:`accord.bargaining.drift`. Two separate pieces:

1. A :class:`Schedule` says where every red line (and, optionally, every no-deal outcome)
   stands at a given month, for a set of draws each at its own month. :class:`CostDrift` is
   the costs section of the scenario (:func:`~accord.bargaining.drift.drift_from_costs` and
   :func:`~accord.bargaining.drift.red_lines_at` with the same operations, each draw with
   its drawn drifts): red lines only loosen, so it is *monotone* (once open, a zone stays
   open) and every moving line reaches its limit by :meth:`Schedule.limit`.
2. :func:`opening_months` finds the first open month of every draw with any schedule:
   for a monotone one, the steps of :func:`~accord.bargaining.drift.first_opening` as a
   vectorised bisection (open now? open once every line has reached its limit, else it never
   opens; open at the horizon? then bisect 0..horizon, every draw still searching evaluated
   at its own midpoint in one call); for one that is not monotone (red lines that can
   harden, a no-deal outcome that moves), a scan of months 0..horizon over the draws not yet
   open.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import BatchProblem
from accord.bargaining.batch_feasible import Feasibility
from accord.scenario.dates import month_index
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741


@dataclass(frozen=True)
class MonthState:
    """Red lines (and no-deal outcomes, None: as stated) of some draws at some months."""

    lower: F                    # (P, m, k) the players' red lines (draws last)
    upper: F                    # (P, m, k)
    reference: F | None = None  # (P, m, k) the players' no-deal outcomes


class Schedule(ABC):
    """Where the red lines stand at a month (see the module docstring)."""

    monotone: bool = True
    """Red lines only loosen: a zone once open stays open (bisection is exact)."""

    @abstractmethod
    def at(self, rows: I, months: F) -> MonthState:
        """The players' state in draws ``rows`` (k,) at ``months`` (k,) after the scenario's
        date (only players' red lines and no-deal outcomes decide whether a zone is open)."""

    @abstractmethod
    def moves(self) -> Bool:
        """(B,) whether anything moves in each draw."""

    @abstractmethod
    def limit(self, rows: I) -> F:
        """(k,) a month by which everything that moves in draws ``rows`` has stopped."""


class CostDrift(Schedule):
    """The scenario's costs section with drawn drifts (:mod:`accord.bargaining.drift`)."""

    monotone = True

    def __init__(self, scenario: Scenario, bp: BatchProblem, drift: F) -> None:
        """``drift`` (B, C): each cost entry's drift in its issue's units per month.

        Every red line with a drift counts for :meth:`moves` and :meth:`limit` (as in
        :class:`~accord.bargaining.drift.Drift`); only players' lines are moved by
        :meth:`at`, since no other line binds. Floors and start months are the scenario's
        (Monte Carlo draws the drifts only).
        """
        fr = bp.frame
        a_index = {a: k for k, a in enumerate(fr.actors)}
        i_index = {i: k for k, i in enumerate(fr.issues)}
        base = month_index(scenario.as_of) if scenario.as_of else None
        specific = {(c.actor, c.issue) for c in scenario.costs if c.issue is not None}
        terms: list[tuple[int, int, int, int]] = []
        floors: dict[tuple[int, int], list[float]] = {}
        for k, cost in enumerate(scenario.costs):
            i = a_index[cost.actor]
            targets = ([i_index[cost.issue]] if cost.issue is not None else
                       [j for j, issue in enumerate(fr.issues)
                        if (cost.actor, issue) not in specific])
            start = 0
            if cost.start is not None and base is not None:
                start = max(0, month_index(cost.start) - base)
            for j in targets:
                terms.append((i, j, k, start))
                if cost.floor is not None:
                    floors.setdefault((i, j), []).append(
                        100.0 * (cost.floor - bp.low[j]) / (bp.high[j] - bp.low[j]))
        self.bp = bp
        self.base = base
        slot = {int(bp.who[q]): int(q) for q in bp.players}
        m = len(fr.issues)
        # The players' terms in layers: within a layer each cell (player, issue) appears at
        # most once, and a cell's terms keep their order across layers (sums as in
        # red_lines_at, term after term).
        layers: list[list[tuple[int, int]]] = []
        depth: dict[int, int] = {}
        for t, (i, j, _, _) in enumerate(terms):
            if i in slot:
                cell = slot[i] * m + j
                level = depth.get(cell, 0)
                depth[cell] = level + 1
                if level == len(layers):
                    layers.append([])
                layers[level].append((t, cell))
        self.layers = tuple((np.array([t for t, _ in layer], dtype=np.intp),
                             np.array([c for _, c in layer], dtype=np.intp))
                            for layer in layers)
        drift = np.asarray(drift, dtype=float).reshape(bp.size, len(scenario.costs))
        ti = np.array([i for i, _, _, _ in terms], dtype=np.intp)
        tj = np.array([j for _, j, _, _ in terms], dtype=np.intp)
        tk = np.array([k for _, _, k, _ in terms], dtype=np.intp)
        span = (bp.high - bp.low) / 100.0          # Problem.span, issue by issue
        # Drift.terms list red lines of every actor (a red line: a stance with a reservation)
        _, position, _, reservation = bp.inputs
        has_line = (fr.present[ti, tj] & ~np.isnan(position[:, ti, tj])
                    & ~np.isnan(reservation[:, ti, tj]))
        rate = np.where(has_line, np.maximum(0.0, drift[:, tk]) / span[tj], 0.0)
        self.rate = np.ascontiguousarray(rate.T)                           # (T, B)
        self.start = np.array([s for _, _, _, s in terms], dtype=float)    # (T,)
        p = bp.players
        size, n_p = bp.size, len(p)
        # The players' red lines and their limits as (P * m, B): cell q * m + j, draws last.
        self.lower0 = np.ascontiguousarray(bp.lower[:, p].reshape(size, n_p * m).T)
        self.upper0 = np.ascontiguousarray(bp.upper[:, p].reshape(size, n_p * m).T)
        # NaN (no red line) stays NaN through minimum/maximum.
        self.lower_limit = np.where(np.isnan(self.lower0), np.nan, 0.0)
        self.upper_limit = np.where(np.isnan(self.upper0), np.nan, 100.0)
        for (i, j), values in floors.items():
            if i in slot:
                cell = slot[i] * m + j
                self.lower_limit[cell] = np.minimum(self.lower0[cell], max(values))
                self.upper_limit[cell] = np.maximum(self.upper0[cell], min(values))
        self.shape = (n_p, m)

    def at(self, rows: I, months: F) -> MonthState:
        every = len(rows) == self.rate.shape[1]         # rows are distinct draw indices

        def cols(a: F) -> F:
            return a if every else np.asarray(np.take(a, rows, axis=1))

        lower0, upper0 = cols(self.lower0), cols(self.upper0)
        step = cols(self.rate) * np.maximum(0.0, months - self.start[:, None])  # (T, k)
        moved = np.zeros(lower0.shape)                                     # (P * m, k)
        for terms, cells in self.layers:
            moved[cells] += step[terms]
        # NaN (no red line) propagates through both: the limits are NaN exactly there.
        lower = np.maximum(lower0 - moved, cols(self.lower_limit))
        upper = np.minimum(upper0 + moved, cols(self.upper_limit))
        shape = (*self.shape, len(rows))
        return MonthState(lower.reshape(shape), upper.reshape(shape))

    def moves(self) -> Bool:
        return np.asarray(np.any(self.rate > 0, axis=0))

    def limit(self, rows: I) -> F:
        rate = np.take(self.rate, rows, axis=1)
        going = rate > 0
        latest = np.where(going, self.start[:, None], 0.0).max(axis=0, initial=0.0)
        slowest = np.where(going, rate, np.inf).min(axis=0, initial=np.inf)
        slowest = np.where(np.isinf(slowest), 1.0, slowest)
        return np.asarray(latest + 100.0 / slowest + 1.0)


def _open(feasible: Feasibility, schedule: Schedule, rows: I, months: F) -> Bool:
    state = schedule.at(rows, months)
    return feasible(rows, state.lower, state.upper, state.reference)


def opening_months(feasible: Feasibility, schedule: Schedule, horizon: int,
                   open_now: Bool) -> tuple[NDArray[np.int64], Bool]:
    """First open month (0..horizon, -1 if none) and ``never`` of every draw.

    ``open_now`` (B,): the verdict as stated (month 0). Monotone schedules: ``never`` when
    nothing moves or the zone is still closed once everything has stopped (as
    :func:`~accord.bargaining.drift.first_opening`). Other schedules: ``never`` when the
    zone is closed at every month 0..horizon and at :meth:`Schedule.limit`.
    """
    size = len(open_now)
    opening = np.where(open_now, 0, -1).astype(np.int64)
    never = np.zeros(size, dtype=bool)
    closed = np.flatnonzero(~open_now).astype(np.intp)
    if closed.size == 0:
        return opening, never
    if not schedule.monotone:
        return _scan(feasible, schedule, horizon, closed, opening, never)
    moving = closed[schedule.moves()[closed]]
    never[closed] = True
    if moving.size:
        never[moving] = ~_open(feasible, schedule, moving, schedule.limit(moving))
    hunt = closed[~never[closed]]
    if horizon == 0 or hunt.size == 0:
        return opening, never
    hunt = hunt[_open(feasible, schedule, hunt, np.full(hunt.size, float(horizon)))]
    lo = np.zeros(hunt.size, dtype=np.int64)
    hi = np.full(hunt.size, horizon, dtype=np.int64)
    while True:
        active = np.flatnonzero(hi - lo > 1)
        if active.size == 0:
            break
        mid = (lo[active] + hi[active]) // 2
        ok = _open(feasible, schedule, hunt[active], mid.astype(float))
        hi[active] = np.where(ok, mid, hi[active])
        lo[active] = np.where(ok, lo[active], mid)
    opening[hunt] = hi
    return opening, never


def _scan(feasible: Feasibility, schedule: Schedule, horizon: int, closed: I,
          opening: NDArray[np.int64], never: Bool) -> tuple[NDArray[np.int64], Bool]:
    """Months 1..horizon in turn for the draws not yet open (any schedule)."""
    left = closed
    for month in range(1, horizon + 1):
        if left.size == 0:
            break
        ok = _open(feasible, schedule, left, np.full(left.size, float(month)))
        opening[left[ok]] = month
        left = left[~ok]
    if left.size:
        never[left] = ~_open(feasible, schedule, left, schedule.limit(left))
    return opening, never
