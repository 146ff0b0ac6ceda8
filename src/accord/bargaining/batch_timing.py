"""When does a zone first open, for many draws at once: the search over months.

MODELS.md section 5 and :mod:`accord.bargaining.drift` (its rules, draw by draw). Where every
red line stands at a month, and which search is exact for a draw, is the
:class:`~accord.bargaining.batch_schedule.Schedule`'s (:mod:`accord.bargaining.batch_schedule`).
:func:`opening_months` finds the first open month of every draw: for ``LOOSENS`` draws a
bisection vectorised across draws (open once every line has reached its limit, else never;
open at the horizon? then bisect 0..horizon, every draw still searching evaluated at its own
midpoint in one call); for ``MIXED`` draws a scan of months 1..horizon and, to tell "never"
from "after the horizon", on to the month after which nothing moves (:meth:`Schedule.settle`).
The scan evaluates many months of many draws in one call.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_feasible import OPEN, SHUT, UNDECIDED, Feasibility
from accord.bargaining.batch_schedule import LOOSENS, MIXED, STILL, Schedule
from accord.bargaining.drift import MAX_SCAN

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741

SCAN_COLUMNS = 4096
"""About this many draw-months are checked in one call of a scan."""
CERTIFY_DEPTH = 2
"""Months inside the box certified per draw in its first round; a draw whose certified
months were all shut certifies twice as many in the next (a draw usually opens at once or
stays shut for long: certifying many months after an open one is wasted work, certifying
few months of a long shut stretch costs rounds)."""

def _open(feasible: Feasibility, schedule: Schedule, rows: I, months: F) -> Bool:
    """Whether draws ``rows`` are open at ``months`` (the full check only where the
    schedule's box leaves room)."""
    box = schedule.box(rows, months)
    if box is None:
        state = schedule.at(rows, months)
        return feasible(rows, state.lower, state.upper, state.shift)
    out = np.zeros(len(rows), dtype=bool)
    where = np.flatnonzero(box[0])
    if where.size:
        state = schedule.at(rows[where], months[where])
        out[where] = feasible(rows[where], state.lower, state.upper, state.shift)
    return out


def opening_months(feasible: Feasibility, schedule: Schedule, horizon: int,
                   open_now: Bool) -> tuple[NDArray[np.int64], Bool]:
    """First open month (0..horizon, -1 if none) and ``never`` of every draw, by the rules of
    :func:`accord.bargaining.drift.opening_month` (see the module docstring).

    ``open_now`` (B,): the verdict as stated (month 0).
    """
    size = len(open_now)
    opening = np.where(open_now, 0, -1).astype(np.int64)
    never = np.zeros(size, dtype=bool)
    closed = np.flatnonzero(~open_now).astype(np.intp)
    if closed.size == 0:
        return opening, never
    kinds = schedule.kinds()[closed]
    never[closed[kinds == STILL]] = True
    _bisect(feasible, schedule, horizon, closed[kinds == LOOSENS], opening, never)
    _scan(feasible, schedule, horizon, closed[kinds == MIXED], opening, never)
    return opening, never


def _bisect(feasible: Feasibility, schedule: Schedule, horizon: int, rows: I,
            opening: NDArray[np.int64], never: Bool) -> None:
    """Red lines that only loosen: never if closed at the limit, else bisect 0..horizon."""
    if rows.size == 0:
        return
    never[rows] = ~_open(feasible, schedule, rows, schedule.limit(rows))
    hunt = rows[~never[rows]]
    if horizon == 0 or hunt.size == 0:
        return
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


def _scan(feasible: Feasibility, schedule: Schedule, horizon: int, rows: I,
          opening: NDArray[np.int64], never: Bool) -> None:
    """Anything else: months 1..min(horizon, settle) in turn; then, for the draws still
    closed, never if nothing moves after the horizon, unknown (not never) if things move for
    more than MAX_SCAN months, else never unless some month up to the settle month opens.
    Draws whose red lines stay crossed at every month (:meth:`Schedule.always_crossed`) skip
    the scan: they never open, with the same rule for "unknown"."""
    if rows.size == 0:
        return
    settle = schedule.settle(rows)
    crossed = schedule.always_crossed(rows)
    if crossed is not None and crossed.any():
        # no month opens: never, unless things move for more than MAX_SCAN months (unknown)
        never[rows[crossed]] = settle[crossed] <= MAX_SCAN
        rows, settle = rows[~crossed], settle[~crossed]
        if rows.size == 0:
            return
    first = _first_open(feasible, schedule, rows, 1, np.minimum(horizon, settle))
    opening[rows] = np.where(first >= 0, first, opening[rows])
    left = first < 0
    never[rows[left & (settle <= horizon)]] = True
    later = left & (settle > horizon) & (settle <= MAX_SCAN)
    if later.any():
        found = _first_open(feasible, schedule, rows[later], horizon + 1, settle[later])
        never[rows[later]] = found < 0


def _first_open(feasible: Feasibility, schedule: Schedule, rows: I, first: int,
                last: NDArray[np.int64]) -> NDArray[np.int64]:
    """(k,) the first month in ``first``..``last`` (per draw) at which draws ``rows`` are
    open, -1 if none.

    Each round looks at every draw still closed at a few consecutive months from its next
    one (more when few draws are left: about :data:`SCAN_COLUMNS` draw-months a round), all
    in one call: the red-line box first (:meth:`Schedule.box`), then the certificates
    (:meth:`Feasibility.certify`) at the months with a box (at most about SCAN_COLUMNS of
    them a round, each draw's earliest first), and a linear program only at each draw's
    earliest month the certificates leave undecided, as a month-by-month scan would. Where
    the box proves the red lines stay crossed for some months after a month looked at, the
    draw skips them (a shade fewer, so that rounding never skips a month that opens).
    """
    found = np.full(len(rows), -1, dtype=np.int64)
    month = np.full(len(rows), first, dtype=np.int64)
    span = np.full(len(rows), CERTIFY_DEPTH, dtype=np.int64)
    left = np.flatnonzero(last >= first)
    while left.size:
        # months looked at per draw: a share of SCAN_COLUMNS, or as many as it certifies
        width = np.maximum(max(1, SCAN_COLUMNS // left.size), span[left])
        who = np.repeat(left, width)
        ends = np.cumsum(width)
        when = month[who] + np.arange(ends[-1], dtype=np.int64) - np.repeat(ends - width, width)
        keep = when <= last[who]
        who, when = who[keep], when[keep]
        box = schedule.box(rows[who], when.astype(float))
        if box is None:
            inside, lasts = np.ones(len(who), dtype=bool), np.zeros(len(who))
        else:
            inside, lasts = box
        # where a draw goes on next round, if it does not open in this one (-1: past the
        # block or what the box proves)
        nxt = np.full(len(rows), -1, dtype=np.int64)
        at = np.flatnonzero(inside)      # who and when ascend: each draw's months in order
        if at.size:
            _, start, count = np.unique(who[at], return_index=True, return_counts=True)
            drawn = who[at[start]]
            depth = np.minimum(span[drawn], max(1, SCAN_COLUMNS // start.size))
            rank = np.arange(at.size) - np.repeat(start, count)
            within = rank < np.repeat(depth, count)
            check, beyond = at[within], at[~within]
            state = schedule.at(rows[who[check]], when[check].astype(float))
            verdict = feasible.certify(rows[who[check]], state.lower, state.upper, state.shift)
            # each draw's earliest month that is open or undecided; a program decides the
            # undecided ones
            deciding = np.flatnonzero(verdict != SHUT)
            _, earliest = np.unique(who[check[deciding]], return_index=True)
            pick = deciding[earliest]
            unsure = pick[verdict[pick] == UNDECIDED]
            if unsure.size:
                verdict[unsure] = np.where(feasible.programs_at(
                    unsure, rows[who[check]], state.lower, state.upper, state.shift),
                    OPEN, SHUT)
            opened = pick[verdict[pick] == OPEN]
            found[who[check[opened]]] = when[check[opened]]
            # a draw goes on from the month after a program that shut, else from the first
            # month it did not check
            if beyond.size:
                late, first_late = np.unique(who[beyond], return_index=True)
                nxt[late] = when[beyond][first_late]
            shut = pick[verdict[pick] == SHUT]
            nxt[who[check[shut]]] = when[check[shut]] + 1
            # draws whose certified months were all shut look twice as far next time
            longer = np.setdiff1d(drawn, who[check[pick]], assume_unique=True)
            span[longer] = np.minimum(2 * span[longer], SCAN_COLUMNS)
        # the next month not proven closed: past the block, or past what the box proves
        skip = np.maximum(1, np.floor(np.minimum(lasts, 1e9) * (1.0 - 1e-9))).astype(np.int64)
        closed = ~inside
        reach = np.zeros(len(rows), dtype=np.int64)
        np.maximum.at(reach, who[closed], when[closed] + skip[closed])
        wide = np.zeros(len(rows), dtype=np.int64)
        wide[left] = width
        step = np.where(nxt >= 0, nxt, np.maximum(month + wide, reach))
        month[left] = np.minimum(step[left], last[left] + 1)
        left = left[(found[left] < 0) & (month[left] <= last[left])]
    return found
