"""Package feasibility for many draws at once: exact certificates, a linear program where
they cannot decide.

A month of a draw is *open* when some package inside the binding red lines gives every player
at least its no-deal utility (:func:`accord.bargaining.package.check_package`: the largest
smallest normalised gain t over the red-line box is at least ``-TOL``). Utilities are separable
by issue and concave, which gives certificates that decide most draws without a program (the
same as :class:`accord.uncertainty.bargain.Feasibility`, here as array operations over draws):

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
4. Otherwise (a margin within 1e-6 of zero, or no candidate good enough) the linear program of
   ``check_package`` decides, draw by draw, on exactly the problem the single analysis builds.

``MARGIN`` is ten times the program's tolerance, so a certificate never disagrees with the
program.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import BatchProblem, disagreement
from accord.bargaining.package import check_package
from accord.bargaining.region import BOX_TOL

F = NDArray[np.float64]
Bool = NDArray[np.bool_]
I = NDArray[np.intp]  # noqa: E741

MARGIN = 1e-6
"""Normalised gain beyond which a certificate decides (see the module docstring)."""
REMEMBER = 8
"""Packages of recent linear programs kept as candidates."""


def _utility(x: F, s: F, y: F, exponent: int) -> F:
    """u = -sum_d s_d |y_d - x_d|^p over the last axis (x is 0 where there is no stance,
    where s is 0 too)."""
    gap = np.abs(x - y)
    if exponent != 1:
        gap = gap ** exponent
    return np.asarray(-(s * gap).sum(axis=-1))


class Feasibility:
    """``check_package(problem).feasible`` for draws of a :class:`BatchProblem` at any red
    lines; counts the linear programs it had to solve (``programs``).

    Only the players matter (binding red lines are players'; participation is the players'),
    so every array here is over the players: (draws, P, m).
    """

    def __init__(self, bp: BatchProblem) -> None:
        self.bp = bp
        self.programs = 0
        self.recent: list[F] = []
        p = bp.players
        self.who = p
        self.position = bp.position[:, p]                             # (B, P, m), NaN
        self.x = np.where(np.isnan(self.position), 0.0, self.position)
        self.s = bp.salience[:, p]
        # Which red lines bind (a schedule moves red lines, never adds or removes one).
        binding = bp.binding[:, p]
        self.bind_lo = binding & ~np.isnan(bp.lower[:, p])
        self.bind_hi = binding & ~np.isnan(bp.upper[:, p])
        self.from_red_line = bp.from_red_line[:, p]
        self.reference = bp.reference[:, p]
        self.fixed = bp.fixed[p]
        r = self.s.sum(axis=-1) * 100.0 ** bp.exponent
        self.r = np.where(r > 0, r, 1.0)                              # (B, P)
        w = bp.capability[:, p, None] * self.s
        total = w.sum(axis=1)                                         # (B, m)
        safe = np.where(total > 0, total, 1.0)
        self.mean = np.where(total > 0, (w * self.x).sum(axis=1) / safe, np.nan)

    def __call__(self, rows: I, lower: F, upper: F, reference: F | None = None) -> Bool:
        """Whether draws ``rows`` (k,) are open with the players' red lines ``lower``/
        ``upper`` and, if given, no-deal outcomes ``reference`` (k, P, m each)."""
        lo = np.where(self.bind_lo[rows], lower, 0.0).max(axis=1, initial=0.0)
        hi = np.where(self.bind_hi[rows], upper, 100.0).min(axis=1, initial=100.0)
        out: Bool = np.asarray(~np.any(lo > hi + BOX_TOL, axis=1))      # step 1
        if len(self.who) == 0 or not out.any():
            return out
        live = np.flatnonzero(out)
        if live.size < len(rows):
            rows, lower, upper, lo, hi = (rows[live], lower[live], upper[live], lo[live],
                                          hi[live])
            reference = None if reference is None else reference[live]
        low = np.minimum(lo, hi)
        d = disagreement(self.position[rows], self.s[rows], lower, upper,
                         self.from_red_line[rows],
                         self.reference[rows] if reference is None else reference,
                         self.fixed, self.bp.exponent)
        x, s, r = self.x[rows], self.s[rows], self.r[rows]
        best = np.clip(x, low[:, None, :], hi[:, None, :])                  # (k', P, m)
        own = (_utility(x, s, best, self.bp.exponent) - d) / r              # step 2
        result = np.zeros(len(rows), dtype=bool)
        todo = np.flatnonzero(~np.any(own < -MARGIN, axis=1))
        if todo.size:                                                       # step 3
            centre = (low[todo] + hi[todo]) / 2
            mean = self.mean[rows[todo]]
            pool = [centre, np.clip(np.where(np.isnan(mean), centre, mean), low[todo],
                                    hi[todo])]
            todo = self._certify(todo, x, s, d, r, np.stack(pool, axis=1), result)
        if todo.size:
            pool = [best[todo]]
            if self.recent:
                pool.append(np.clip(np.stack(self.recent)[None, :, :], low[todo, None, :],
                                    hi[todo, None, :]))
            todo = self._certify(todo, x, s, d, r, np.concatenate(pool, axis=1), result)
        for q in todo:                                                      # step 4
            result[q] = self._program(int(rows[q]), lower[q], upper[q],
                                      None if reference is None else reference[q])
        out[live] = result
        return out

    def _certify(self, todo: I, x: F, s: F, d: F, r: F, packages: F, result: Bool) -> I:
        """Mark open the rows ``todo`` where some package (|todo|, C, m) gives every player
        a gain of ``MARGIN``; return the rows left undecided."""
        u = _utility(x[todo][:, None, :, :], s[todo][:, None, :, :], packages[:, :, None, :],
                     self.bp.exponent)                                      # (t, C, P)
        worst = ((u - d[todo][:, None, :]) / r[todo][:, None, :]).min(axis=2)
        ok = np.any(worst >= MARGIN, axis=1)
        result[todo[ok]] = True
        return np.asarray(todo[~ok], dtype=np.intp)

    def _program(self, row: int, lower: F, upper: F, reference: F | None) -> bool:
        """The linear program of ``check_package`` on draw ``row`` with the players' red
        lines (and no-deal outcomes) replaced."""
        bp, p = self.bp, self.who
        full_lower, full_upper = bp.lower[row].copy(), bp.upper[row].copy()
        full_lower[p], full_upper[p] = lower, upper
        full_reference = None
        if reference is not None:
            full_reference = bp.reference[row].copy()
            full_reference[p] = reference
        check = check_package(bp.problem(row, full_lower, full_upper, full_reference))
        self.programs += 1
        if check.package is not None:
            self.recent = [check.package, *self.recent[:REMEMBER - 1]]
        return check.feasible
