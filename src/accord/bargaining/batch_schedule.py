"""Red lines at any month for many draws at once: the schedule the opening-month search reads.

MODELS.md section 5 and :mod:`accord.bargaining.drift` (its rules, draw by draw). A
:class:`Schedule` says where every player's red line stands at a given month, and how much
moved no-deal outcomes are worth to each player, for a set of draws each at its own month.
:class:`CostDrift` is the scenario's costs section and moving no-deal outcomes
(:func:`~accord.bargaining.drift.drift_from_costs` and :func:`~accord.bargaining.drift.red_lines_at`
with the same operations, each draw with its drawn drifts). Per draw a schedule also says which
search is exact (:meth:`Schedule.kinds`, the branches of
:func:`~accord.bargaining.drift.opening_month`): nothing moves or every red line only hardens
(``STILL``: a closed zone stays closed), every red line only loosens (``LOOSENS``: once open, a
zone stays open), or anything else (``MIXED``). The search itself is
:mod:`accord.bargaining.batch_timing`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import BatchProblem
from accord.bargaining.batch_feasible import every_draw
from accord.bargaining.drift import MAX_SCAN, stop_month
from accord.bargaining.region import BOX_TOL
from accord.scenario.dates import month_index
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741
Kinds = NDArray[np.int8]

STILL, LOOSENS, MIXED = 0, 1, 2
"""What a draw's schedule does (see the module docstring)."""

@dataclass(frozen=True)
class MonthState:
    """The players' red lines of some draws at some months, and what moved no-deal outcomes
    add to their no-deal utilities (None: nothing moved)."""

    lower: F                    # (P, m, k) the players' red lines (draws last)
    upper: F                    # (P, m, k)
    shift: F | None = None      # (P, k)


class Schedule(ABC):
    """Where the red lines stand at a month (see the module docstring)."""

    @abstractmethod
    def at(self, rows: I, months: F) -> MonthState:
        """The players' state in draws ``rows`` (k,) at ``months`` (k,) after the scenario's
        date; ``rows`` may repeat a draw."""

    @abstractmethod
    def kinds(self) -> Kinds:
        """(B,) ``STILL``, ``LOOSENS`` or ``MIXED`` per draw."""

    @abstractmethod
    def limit(self, rows: I) -> F:
        """(k,) a month by which every loosening line of ``LOOSENS`` draws ``rows`` has
        reached its limit."""

    @abstractmethod
    def settle(self, rows: I) -> NDArray[np.int64]:
        """(k,) a whole month after which nothing moves in draws ``rows``."""

    def box(self, rows: I, months: F) -> tuple[Bool, F] | None:
        """(k,) whether the binding red lines leave a box (the package check's first step,
        cheaper than :meth:`at`) and, where they do not, for how many months after
        ``months`` they provably still do not; None when the schedule cannot tell."""
        return None

    def always_crossed(self, rows: I) -> Bool | None:
        """(k,) whether the binding red lines of draws ``rows`` stay crossed at every month
        (no box ever, so no zone ever opens); None when the schedule cannot tell."""
        return None


class CostDrift(Schedule):
    """The scenario's costs section and moving no-deal outcomes with drawn drifts
    (:mod:`accord.bargaining.drift`)."""

    def __init__(self, scenario: Scenario, bp: BatchProblem, drift: F,
                 no_deal_drift: F | None = None) -> None:
        """``drift`` (B, C): each cost entry's drift in its issue's units per month;
        ``no_deal_drift`` (B, m): each issue's no-deal drift in its units per month (NaN or
        None: the scenario's point value).

        Every red line with a cost entry counts for :meth:`kinds` (as in
        :class:`~accord.bargaining.drift.Drift`); only players' lines are moved by
        :meth:`at` and count for :meth:`settle`, since no other line enters a package
        check. Floors and start months are the scenario's (Monte Carlo draws drifts only).
        """
        fr = bp.frame
        a_index = {a: k for k, a in enumerate(fr.actors)}
        i_index = {i: k for k, i in enumerate(fr.issues)}
        base = month_index(scenario.as_of) if scenario.as_of else None
        specific = {(c.actor, c.issue) for c in scenario.costs if c.issue is not None}
        terms: list[tuple[int, int, int, int]] = []
        floors: dict[tuple[int, int], list[float]] = {}
        hard_floors: dict[tuple[int, int], list[float]] = {}
        sign = np.array([-1.0 if c.direction == "harden" else 1.0 for c in scenario.costs])
        for k, cost in enumerate(scenario.costs):
            i = a_index[cost.actor]
            targets = ([i_index[cost.issue]] if cost.issue is not None else
                       [j for j, issue in enumerate(fr.issues)
                        if (cost.actor, issue) not in specific])
            start = _offset(cost.start, base)
            for j in targets:
                terms.append((i, j, k, start))
                if cost.floor is not None:
                    (hard_floors if sign[k] < 0 else floors).setdefault((i, j), []).append(
                        100.0 * (cost.floor - bp.low[j]) / (bp.high[j] - bp.low[j]))
        self.bp = bp
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
        rate = np.where(has_line, sign[tk] * np.maximum(0.0, drift[:, tk]) / span[tj], 0.0)
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
        self.lower_cap: F | None = None
        self.upper_cap: F | None = None
        if (sign < 0).any():  # hardening lines stop at the position or a hardening floor
            x = np.ascontiguousarray(bp.position[:, p].reshape(size, n_p * m).T)
            self.lower_cap = np.where(np.isnan(self.lower0), np.nan, np.fmax(x, self.lower0))
            self.upper_cap = np.where(np.isnan(self.upper0), np.nan, np.fmin(x, self.upper0))
            for (i, j), values in hard_floors.items():
                if i in slot:
                    cell = slot[i] * m + j
                    self.lower_cap[cell] = np.minimum(
                        self.lower_cap[cell], np.maximum(self.lower0[cell], min(values)))
                    self.upper_cap[cell] = np.maximum(
                        self.upper_cap[cell], np.minimum(self.upper0[cell], max(values)))
        self.shape = (n_p, m)
        self.no_deal = _NoDeal(scenario, bp, base, no_deal_drift)
        self._cells = tuple(sorted({int(c) for _, cells in self.layers for c in cells}))
        # The cells that move, and the layers in their numbering: at() works on them only.
        moving = np.array(self._cells, dtype=np.intp)
        index = {c: k for k, c in enumerate(self._cells)}
        self.moving = moving
        self.moving_layers = tuple((terms, np.array([index[int(c)] for c in cells],
                                                    dtype=np.intp))
                                   for terms, cells in self.layers)
        self.terms_used = np.unique(np.concatenate([t for t, _ in self.layers])) \
            if self.layers else np.zeros(0, dtype=np.intp)

        def part(a: F | None) -> F | None:
            return None if a is None else np.ascontiguousarray(a[moving])

        self.m_lower0, self.m_upper0 = part(self.lower0), part(self.upper0)
        self.m_lower_limit, self.m_upper_limit = part(self.lower_limit), part(self.upper_limit)
        self.m_lower_cap, self.m_upper_cap = part(self.lower_cap), part(self.upper_cap)
        # The red-line box (Feasibility's step 1) of the lines that do not move, per issue
        # and draw, and which moving lines bind: box_open() needs nothing else.
        bind = np.ascontiguousarray(bp.binding[:, p].reshape(size, n_p * m).T)
        still = np.ones(n_p * m, dtype=bool)
        still[moving] = False
        lo_ok = bind & ~np.isnan(self.lower0) & still[:, None]
        hi_ok = bind & ~np.isnan(self.upper0) & still[:, None]
        self.still_lo = np.where(lo_ok, self.lower0, 0.0).reshape(n_p, m, size).max(
            axis=0, initial=0.0)
        self.still_hi = np.where(hi_ok, self.upper0, 100.0).reshape(n_p, m, size).min(
            axis=0, initial=100.0)
        self.m_bind_lo = np.ascontiguousarray((bind & ~np.isnan(self.lower0))[moving])
        self.m_bind_hi = np.ascontiguousarray((bind & ~np.isnan(self.upper0))[moving])
        # How fast each issue's box can shrink its crossing, per draw: the fastest binding
        # minimum plus the fastest binding maximum, a line moving at most the sum of its
        # entries' rates (clamps only slow it).
        speed = np.zeros((moving.size, size))
        for layer, cells in self.moving_layers:
            speed[cells] += np.abs(self.rate[layer])
        fast_lo, fast_hi = np.zeros((m, size)), np.zeros((m, size))
        for k, cell in enumerate(moving.tolist()):
            j = cell % m
            fast_lo[j] = np.maximum(fast_lo[j], np.where(self.m_bind_lo[k], speed[k], 0.0))
            fast_hi[j] = np.maximum(fast_hi[j], np.where(self.m_bind_hi[k], speed[k], 0.0))
        self.speed = fast_lo + fast_hi                                   # (m, B)

    def _moved(self, rows: I, months: F, every: bool) -> tuple[F, F]:
        """The moving cells' red lines (M, k): the same operations as red_lines_at."""
        def cols(a: F) -> F:
            return a if every else np.asarray(np.take(a, rows, axis=1))

        step = np.zeros((self.rate.shape[0], len(rows)))
        used = self.terms_used
        step[used] = cols(self.rate[used]) * np.maximum(0.0, months - self.start[used, None])
        moved = np.zeros((self.moving.size, len(rows)))
        for terms, cells in self.moving_layers:
            moved[cells] += step[terms]
        assert self.m_lower0 is not None and self.m_upper0 is not None
        assert self.m_lower_limit is not None and self.m_upper_limit is not None
        # NaN (no red line) propagates: the limits are NaN exactly there.
        low = np.maximum(cols(self.m_lower0) - moved, cols(self.m_lower_limit))
        high = np.minimum(cols(self.m_upper0) + moved, cols(self.m_upper_limit))
        if self.m_lower_cap is not None and self.m_upper_cap is not None:
            low = np.minimum(low, cols(self.m_lower_cap))
            high = np.maximum(high, cols(self.m_upper_cap))
        return low, high

    def box(self, rows: I, months: F) -> tuple[Bool, F]:
        """Feasibility's first step on the binding lines alone; a crossing of ``gap`` points
        that closes at most ``speed`` points a month lasts at least gap / speed months."""
        every = every_draw(rows, self.rate.shape[1])

        def cols(a: NDArray[Any]) -> NDArray[Any]:
            return a if every else np.asarray(np.take(a, rows, axis=1))

        lo, hi = cols(self.still_lo).copy(), cols(self.still_hi).copy()     # (m, k)
        if self.moving.size:
            low, high = self._moved(rows, months, every)
            self._bind(lo, hi, low, high, cols(self.m_bind_lo), cols(self.m_bind_hi))
        crossed = lo > hi + BOX_TOL
        with np.errstate(divide="ignore", invalid="ignore"):
            lasts = np.where(crossed, (lo - hi - BOX_TOL) / cols(self.speed), 0.0)
        return np.asarray(~np.any(crossed, axis=0)), np.asarray(lasts.max(axis=0))

    def always_crossed(self, rows: I) -> Bool:
        """A moving line without a loosening entry never gives way past where it stands; one
        with a loosening entry never past its limit (its floor, or 0 and 100) nor, if it also
        hardens, its cap (the clamps of :meth:`_moved`). The box of the lines at those bounds
        contains every month's box: if it is crossed, every month's is."""
        lo, hi = np.take(self.still_lo, rows, axis=1), np.take(self.still_hi, rows, axis=1)
        if self.moving.size:
            assert self.m_lower0 is not None and self.m_upper0 is not None
            assert self.m_lower_limit is not None and self.m_upper_limit is not None
            loosens = np.zeros((self.moving.size, len(rows)), dtype=bool)
            for terms, cells in self.moving_layers:
                loosens[cells] |= np.take(self.rate[terms], rows, axis=1) > 0
            low = np.take(self.m_lower_limit, rows, axis=1)
            high = np.take(self.m_upper_limit, rows, axis=1)
            if self.m_lower_cap is not None and self.m_upper_cap is not None:
                low = np.minimum(low, np.take(self.m_lower_cap, rows, axis=1))
                high = np.maximum(high, np.take(self.m_upper_cap, rows, axis=1))
            low = np.where(loosens, low, np.take(self.m_lower0, rows, axis=1))
            high = np.where(loosens, high, np.take(self.m_upper0, rows, axis=1))
            self._bind(lo, hi, low, high, np.take(self.m_bind_lo, rows, axis=1),
                       np.take(self.m_bind_hi, rows, axis=1))
        return np.asarray(np.any(lo > hi + BOX_TOL, axis=0))

    def _bind(self, lo: F, hi: F, low: F, high: F, bind_lo: Bool, bind_hi: Bool) -> None:
        """Tighten each issue's box ``lo``/``hi`` (m, k) in place with the moving cells' lines
        ``low``/``high`` (M, k) where they bind."""
        m = self.shape[1]
        for k, cell in enumerate(self.moving.tolist()):
            j = cell % m
            lo[j] = np.maximum(lo[j], np.where(bind_lo[k], low[k], 0.0))
            hi[j] = np.minimum(hi[j], np.where(bind_hi[k], high[k], 100.0))

    def at(self, rows: I, months: F) -> MonthState:
        every = every_draw(rows, self.rate.shape[1])

        def cols(a: F) -> F:
            return a.copy() if every else np.asarray(np.take(a, rows, axis=1))

        lower, upper = cols(self.lower0), cols(self.upper0)                # (P * m, k)
        if self.moving.size:
            # only the cells with cost entries move
            lower[self.moving], upper[self.moving] = self._moved(rows, months, every)
        shape = (*self.shape, len(rows))
        return MonthState(lower.reshape(shape), upper.reshape(shape),
                          self.no_deal.shift(rows, months))

    def kinds(self) -> Kinds:
        rate, nd = self.rate, self.no_deal.rate                    # (T, B), (N, B)
        still = np.all(nd == 0, axis=0)
        moves = np.any(rate != 0, axis=0) | ~still
        loosens = np.all(rate >= 0, axis=0) & still
        hardens = np.all(rate <= 0, axis=0) & still
        return np.asarray(np.where(~moves | hardens, STILL,
                                   np.where(loosens, LOOSENS, MIXED)), dtype=np.int8)

    def limit(self, rows: I) -> F:
        rate = np.take(self.rate, rows, axis=1)
        going = rate > 0
        latest = np.where(going, self.start[:, None], 0.0).max(axis=0, initial=0.0)
        slowest = np.where(going, rate, np.inf).min(axis=0, initial=np.inf)
        slowest = np.where(np.isinf(slowest), 1.0, slowest)
        return np.asarray(latest + 100.0 / slowest + 1.0)

    def settle(self, rows: I) -> NDArray[np.int64]:
        """:func:`accord.bargaining.drift.settle_month` draw by draw (its point 6)."""
        ends = [self.no_deal.stops(rows)]
        if self._cells:
            cells = np.array(self._cells, dtype=np.intp)
            rate = np.take(self.rate, rows, axis=1)
            latest = np.zeros(self.lower0.shape[0])
            for terms, where in self.layers:
                latest[where] = np.maximum(latest[where], self.start[terms])
            slope = np.zeros((self.lower0.shape[0], len(rows)))
            moved = np.zeros_like(slope)
            for terms, where in self.layers:  # term after term, as drift._settle sums them
                slope[where] += rate[terms]
                moved[where] += rate[terms] * (latest[where] - self.start[terms])[:, None]
            lat = latest[cells][:, None]
            sl, mv = slope[cells], moved[cells]

            def pick(a: F | None, fill: float) -> F:
                return np.full((len(cells), len(rows)), fill) if a is None else \
                    np.take(a[cells], rows, axis=1)

            lo0, hi0 = pick(self.lower0, np.nan), pick(self.upper0, np.nan)
            ends.append(stop_month(lat, lo0 - mv, -sl, pick(self.lower_limit, np.nan),
                                   pick(self.lower_cap, np.inf)))
            ends.append(stop_month(lat, hi0 + mv, sl, pick(self.upper_cap, -np.inf),
                                   pick(self.upper_limit, np.nan)))
        stacked = np.concatenate([np.asarray(e).reshape(-1, len(rows)) for e in ends])
        end = np.fmax.reduce(stacked, axis=0, initial=0.0) if stacked.size else \
            np.zeros(len(rows))
        with np.errstate(invalid="ignore"):
            return np.asarray(np.where(np.isfinite(end), np.ceil(end) + 1, 2 * MAX_SCAN),
                              dtype=np.int64)


class _NoDeal:
    """Moving no-deal outcomes of a scenario's issues, draw by draw
    (:class:`~accord.bargaining.drift.NoDealTerm`, :meth:`Problem.with_no_deal`)."""

    def __init__(self, scenario: Scenario, bp: BatchProblem, base: int | None,
                 drawn: F | None) -> None:
        fr = bp.frame
        issues, q0, start, low, high, rates = [], [], [], [], [], []
        for j, issue in enumerate(scenario.issues):
            sqd = issue.status_quo_drift
            if sqd is None or np.isnan(fr.status_quo[j]):
                continue
            span = float((bp.high[j] - bp.low[j]) / 100.0)
            value = np.full(bp.size, point(sqd.drift))
            if drawn is not None:
                value = np.where(np.isnan(drawn[:, j]), value, drawn[:, j])
            rates.append(value / span)
            q = float(fr.status_quo[j])
            lo, hi = 0.0, 100.0
            if sqd.limit is not None:
                limit = 100.0 * (sqd.limit - bp.low[j]) / (bp.high[j] - bp.low[j])
                lo, hi = min(q, limit), max(q, limit)
            issues.append(j)
            q0.append(q)
            start.append(_offset(sqd.start, base))
            low.append(lo)
            high.append(hi)
        self.issues = np.array(issues, dtype=np.intp)
        self.rate = np.array(rates, dtype=float).reshape(len(issues), bp.size)   # (N, B)
        self.q0 = np.array(q0, dtype=float)[:, None]
        self.start = np.array(start, dtype=float)[:, None]
        self.low = np.array(low, dtype=float)[:, None]
        self.high = np.array(high, dtype=float)[:, None]
        self.exponent = bp.exponent
        # The players' positions and saliences on the moving issues, (N, P, B) (draws last),
        # for what a move is worth.
        x = bp.position[:, :, self.issues]
        self.x = np.ascontiguousarray(np.where(np.isnan(x), 0.0, x).transpose(2, 1, 0))
        self.s = np.ascontiguousarray(bp.salience[:, :, self.issues].transpose(2, 1, 0))

    def shift(self, rows: I, months: F) -> F | None:
        """(P, k) what the moved no-deal outcomes are worth to each player, added to d_i
        (:meth:`Problem.with_no_deal`: the same element-wise operations, summed over the
        moving issues in order; the single analysis sums zeros for the other issues too,
        which changes nothing when one issue's outcome moves)."""
        if self.issues.size == 0:
            return None
        rate = np.take(self.rate, rows, axis=1)                           # (N, k)
        q = np.minimum(np.maximum(self.q0 + rate * np.maximum(0.0, months - self.start),
                                  self.low), self.high)                   # NoDealTerm.at
        p = self.exponent
        total = np.zeros((self.x.shape[1], len(rows)))
        for n in range(self.issues.size):
            x = np.take(self.x[n], rows, axis=1)                          # (P, k)
            s = np.take(self.s[n], rows, axis=1)
            total = total + s * (np.abs(x - self.q0[n]) ** p - np.abs(x - q[n]) ** p)
        return total

    def stops(self, rows: I) -> F:
        """(N, k) the month each moving no-deal outcome stops."""
        if self.issues.size == 0:
            return np.zeros((0, len(rows)))
        rate = np.take(self.rate, rows, axis=1)
        return stop_month(self.start, self.q0, rate, self.low, self.high)


def _offset(start: str | None, base: int | None) -> int:
    if start is None or base is None:
        return 0
    return max(0, month_index(start) - base)
