"""Package feasibility for many draws at once: exact certificates, a linear program where
they cannot decide.

A month of a draw is *open* when some package inside the binding red lines gives every player
at least its no-deal utility (:func:`accord.bargaining.package.check_package`: the largest
smallest normalised gain t over the red-line box is at least ``-TOL``). Utilities are separable
by issue and concave, which gives certificates that decide most draws without a program (the
same as :class:`accord.bargaining.certificates.Feasibility`, here as array operations over draws):

1. **Crossed red lines.** Some issue's highest binding minimum is above its lowest binding
   maximum by more than ``BOX_TOL``: closed (``check_package`` returns at once there too).
2. **A player short at its own best.** The package best for player i inside the box is its own
   position clipped to the box, issue by issue; if i's normalised gain there is below
   ``-MARGIN``, t <= that gain < ``-TOL``: closed.
3. **A package every player accepts.** If some candidate package inside the box gives every
   player a normalised gain of at least ``MARGIN``, t >= ``MARGIN``: open. Candidates: the
   box's centre, the capability x salience weighted mean of the players' positions clipped to
   the box, each player's best package, and the packages of the last linear programs solved
   (:data:`REMEMBER`), clipped to the box.
4. **Dual bounds.** For the linear and quadratic losses, a few dozen steps of mirror descent on
   the players' weights (:func:`accord.bargaining.batch_dual.bounds`) give a package whose
   smallest gain is a lower bound on t and, by weak duality, an upper bound on t: open when the
   lower bound is at least ``MARGIN``, closed when the upper bound is below ``-MARGIN``.
5. Otherwise (a margin within 1e-6 of zero, or bounds that do not separate) the linear program
   of ``check_package`` decides, on exactly the problem the single analysis builds for the draw;
   the programs of one call are solved together
   (:func:`~accord.bargaining.package.check_packages`).

``MARGIN`` is ten times the program's tolerance, so a certificate never disagrees with the
program.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import BatchProblem, disagreement
from accord.bargaining.batch_dual import bounds
from accord.bargaining.package import check_packages
from accord.bargaining.region import BOX_TOL

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741

MARGIN = 1e-6
"""Normalised gain beyond which a certificate decides (see the module docstring)."""
REMEMBER = 8
"""Packages of recent linear programs kept as candidates."""
SHUT, OPEN, UNDECIDED = 0, 1, -1
"""What :meth:`Feasibility.certify` says of a draw-month."""


def _utility(x: F, s: F, y: F, exponent: int) -> F:
    """u = -sum_d s_d |y_d - x_d|^p over the issue axis (-2; draws last). x is 0 where there
    is no stance, where s is 0 too."""
    gap = np.abs(x - y)
    if exponent != 1:
        gap = gap ** exponent
    return np.asarray(-(s * gap).sum(axis=-2))


def every_draw(rows: I, size: int) -> bool:
    """Whether ``rows`` is every draw 0..size-1 in order (no copy of the arrays needed)."""
    return len(rows) == size and (size == 0 or (int(rows[0]) == 0 and int(rows[-1]) == size - 1
                                                and bool(np.all(np.diff(rows) == 1))))


def players_last(values: NDArray[Any], players: I) -> NDArray[Any]:
    """(B, n, m) -> the players' (P, m, B), contiguous (draws last)."""
    return np.ascontiguousarray(values[:, players].transpose(1, 2, 0))


class Feasibility:
    """``check_package(problem).feasible`` for draws of a :class:`BatchProblem` at any red
    lines; counts the linear programs it had to solve (``programs``).

    Only the players matter (binding red lines are players'; participation is the players'),
    so every array here is over the players, with the draws on the last axis: (P, m, draws).
    Every reduction over players or issues is then a sum of rows of draws, and selecting the
    draws still undecided is a selection of columns.
    """

    def __init__(self, bp: BatchProblem) -> None:
        self.bp = bp
        self.programs = 0
        self.recent: list[F] = []
        p = bp.players
        self.who = p
        self.position = players_last(bp.position, p)                  # (P, m, B), NaN
        self.x = np.where(np.isnan(self.position), 0.0, self.position)
        self.s = players_last(bp.salience, p)
        # Which red lines bind (a schedule moves red lines, never adds or removes one).
        binding = players_last(bp.binding, p)
        self.bind_lo = binding & ~np.isnan(players_last(bp.lower, p))
        self.bind_hi = binding & ~np.isnan(players_last(bp.upper, p))
        self.from_red_line = players_last(bp.from_red_line, p)
        self.reference = players_last(bp.reference, p)
        self.fixed = bp.fixed[p][:, None]                             # (P, 1)
        r = self.s.sum(axis=1) * 100.0 ** bp.exponent
        self.r = np.where(r > 0, r, 1.0)                              # (P, B)
        w = bp.capability.T[p][:, None, :] * self.s
        total = w.sum(axis=0)                                         # (m, B)
        safe = np.where(total > 0, total, 1.0)
        self.mean = np.where(total > 0, (w * self.x).sum(axis=0) / safe, np.nan)

    def stated(self) -> tuple[F, F]:
        """The players' red lines as stated, (P, m, B) each."""
        p = self.who
        return (np.asarray(players_last(self.bp.lower, p)),
                np.asarray(players_last(self.bp.upper, p)))

    def __call__(self, rows: I, lower: F, upper: F, shift: F | None = None) -> Bool:
        """Whether draws ``rows`` (k,) are open with the players' red lines ``lower``/
        ``upper`` ((P, m, k) each) and, if given, ``shift`` (P, k) added to their no-deal
        utilities (moved no-deal outcomes). ``rows`` may repeat a draw (several months of
        it)."""
        verdict = self.certify(rows, lower, upper, shift)
        todo = np.flatnonzero(verdict == UNDECIDED)
        if todo.size:                                                       # step 5
            verdict[todo] = self.programs_at(todo, rows, lower, upper, shift)
        return np.asarray(verdict == OPEN)

    def programs_at(self, at: I, rows: I, lower: F, upper: F, shift: F | None) -> Bool:
        """Step 5 for the columns ``at`` of a :meth:`certify` call's arguments."""
        return self._programs(rows[at], lower[:, :, at], upper[:, :, at],
                              None if shift is None else shift[:, at])

    def certify(self, rows: I, lower: F, upper: F, shift: F | None = None) -> NDArray[np.int8]:
        """Steps 1-4 for draws ``rows`` at red lines ``lower``/``upper`` (as for a call):
        :data:`OPEN`, :data:`SHUT` or :data:`UNDECIDED` (a linear program decides)."""
        size = self.x.shape[-1]
        every = every_draw(rows, size)

        def cols(a: NDArray[Any], at: I) -> NDArray[Any]:
            """The draws ``at`` of ``a`` (all of them, in order: ``a`` itself)."""
            whole = every if at is rows else len(at) == a.shape[-1]
            return a if whole else np.take(a, at, axis=-1)

        lo = np.where(cols(self.bind_lo, rows), lower, 0.0).max(axis=0, initial=0.0)
        hi = np.where(cols(self.bind_hi, rows), upper, 100.0).min(axis=0, initial=100.0)
        box: Bool = np.asarray(~np.any(lo > hi + BOX_TOL, axis=0))      # step 1
        verdict = np.where(box, OPEN, SHUT).astype(np.int8)
        if len(self.who) == 0 or not box.any():
            return verdict
        live = np.flatnonzero(box)
        if live.size < len(rows):
            rows, lower, upper, lo, hi = (rows[live], cols(lower, live), cols(upper, live),
                                          cols(lo, live), cols(hi, live))
            shift = None if shift is None else cols(shift, live)
            every = False
        low = np.minimum(lo, hi)
        d = disagreement(cols(self.position, rows), cols(self.s, rows), lower, upper,
                         cols(self.from_red_line, rows), cols(self.reference, rows),
                         self.fixed, self.bp.exponent, axis=1, shift=shift)   # (P, k')
        x, s, r = cols(self.x, rows), cols(self.s, rows), cols(self.r, rows)
        best = np.clip(x, low, hi)                                            # (P, m, k')
        own = (_utility(x, s, best, self.bp.exponent) - d) / r              # step 2
        result = np.zeros(len(rows), dtype=bool)
        todo = np.flatnonzero(~np.any(own < -MARGIN, axis=0))
        if todo.size:                                                       # step 3
            lt, ht = cols(low, todo), cols(hi, todo)
            centre = (lt + ht) / 2
            mean = cols(self.mean, rows[todo])
            first = np.stack([centre, np.clip(np.where(np.isnan(mean), centre, mean), lt, ht)])
            todo = self._certify(todo, x, s, d, r, first, result)
        if todo.size:
            pool = [cols(best, todo)]
            if self.recent:
                pool.append(np.clip(np.stack(self.recent)[:, :, None], cols(low, todo),
                                    cols(hi, todo)))
            todo = self._certify(todo, x, s, d, r, np.concatenate(pool), result)
        inner = np.where(result, OPEN, SHUT).astype(np.int8)
        if todo.size:                                                       # step 4
            def take(a: F) -> F:
                return np.asarray(np.take(a, todo, axis=-1))

            primal, dual = bounds(take(x), take(s), take(d), take(r), take(low), take(hi),
                                  self.bp.exponent, MARGIN)
            inner[todo[primal >= MARGIN]] = OPEN
            todo = todo[(primal < MARGIN) & (dual >= -MARGIN)]
        inner[todo] = UNDECIDED
        verdict[live] = inner
        return verdict

    def _certify(self, todo: I, x: F, s: F, d: F, r: F, packages: F, result: Bool) -> I:
        """Mark open the draws ``todo`` where some package (packages (C, m, |todo|)) gives
        every player a gain of ``MARGIN``; return the draws left undecided."""
        def cols(a: F) -> F:
            return np.asarray(np.take(a, todo, axis=-1))

        u = _utility(cols(x)[None], cols(s)[None], packages[:, None], self.bp.exponent)
        worst = ((u - cols(d)[None]) / cols(r)[None]).min(axis=1)           # (C, t)
        ok = np.any(worst >= MARGIN, axis=0)
        result[todo[ok]] = True
        return np.asarray(todo[~ok], dtype=np.intp)

    def _programs(self, rows: I, lower: F, upper: F, shift: F | None) -> Bool:
        """The linear programs of ``check_package`` on draws ``rows`` (k,) with the players'
        red lines ((P, m, k) each) replaced and their no-deal utilities shifted (P, k),
        solved together (:func:`~accord.bargaining.package.check_packages`)."""
        bp, p = self.bp, self.who
        problems = []
        for q, row in enumerate(rows.tolist()):
            full_lower, full_upper = bp.lower[row].copy(), bp.upper[row].copy()
            full_lower[p], full_upper[p] = lower[:, :, q], upper[:, :, q]
            full_shift = None
            if shift is not None:
                full_shift = np.zeros(len(bp.who))
                full_shift[p] = shift[:, q]
            problems.append(bp.problem(row, full_lower, full_upper, full_shift))
        checks = check_packages(problems)
        self.programs += len(checks)
        for check in checks[-REMEMBER:]:
            if check.package is not None:
                self.recent = [check.package, *self.recent[:REMEMBER - 1]]
        return np.array([c.feasible for c in checks], dtype=bool)
