"""The bargain an initiator proposes to its target (KTAB SMP, README section 3.7).

With p the estimate that the initiator i prevails over the receiver j, each dimension d gets
new coordinates for both sides (``InterVecBrgn``); ``BargnModel`` decides which bargains enter
the queues.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import GRID, NUDGE, InterVecBrgnName

F = NDArray[np.float64]
Ix = NDArray[np.intp]


@dataclass(frozen=True)
class Bargains:
    """Proposed bargains: initiator, receiver and the two new positions (B, D)."""

    init: Ix
    rcvr: Ix
    y_init: F
    y_rcvr: F

    def __len__(self) -> int:
        return len(self.init)


def round_half_up(v: F) -> F:
    """``floor(10^4 v + 1/2) / 10^4``: KTAB rounds bargained coordinates on [0, 1]."""
    return np.asarray(np.floor(GRID * v + 0.5) / GRID)


def interpolate(x_i: F, x_j: F, s_i: F, s_j: F, p: F, rule: InterVecBrgnName) -> tuple[F, F]:
    """New coordinates of initiator and receiver (rows: bargains; columns: dimensions).

    ``S2P2``: weights ``a = s_id^2 p^2``, ``b = s_jd^2 (1 - p)^2``;
    ``y_i = rnd(((a + e) x_i + b x_j)/(a + b + e))``, ``y_j = rnd((a x_i + (b + e) x_j)/(a + b
    + e))``, e = 1e-6 (avoids 0/0; it also keeps the sides up to a few rounding units apart,
    as in KTAB, whose outputs need exactly this). ``S1P1``: the same with ``a = s_id p``,
    ``b = s_jd (1 - p)``. ``S2PMax``: only the underdog moves, by
    ``f = g s_other^2 / (g s_other^2 + 1e-6 + (1 - g) s_own^2)`` with ``g = |2p - 1|``, not
    rounded.
    """
    p = p[:, None]
    if rule == "S2PMax":
        q = 1.0 - p
        g_i = q - p          # i is the underdog when 1 - p > p
        f_i = g_i * s_j**2 / (g_i * s_j**2 + NUDGE + (1.0 - g_i) * s_i**2)
        g_j = p - q
        f_j = g_j * s_i**2 / (g_j * s_i**2 + NUDGE + (1.0 - g_j) * s_j**2)
        y_i = np.where(q > p, x_i + f_i * (x_j - x_i), x_i)
        y_j = np.where(p > q, x_j + f_j * (x_i - x_j), x_j)
        return np.asarray(y_i), np.asarray(y_j)
    if rule == "S2P2":
        a = s_i**2 * p**2
        b = s_j**2 * (1.0 - p) ** 2
    else:
        a = s_i * p
        b = s_j * (1.0 - p)
    denom = a + b + NUDGE
    y_i = round_half_up(((a + NUDGE) * x_i + b * x_j) / denom)
    y_j = round_half_up((a * x_i + (b + NUDGE) * x_j) / denom)
    return y_i, y_j


def propose(position: F, salience: F, init: Ix, rcvr: Ix, p: F,
            rule: InterVecBrgnName) -> Bargains:
    """The bargains of initiators ``init`` with receivers ``rcvr`` at estimates ``p``."""
    y_i, y_j = interpolate(position[init], position[rcvr], salience[init], salience[rcvr], p,
                           rule)
    return Bargains(init, rcvr, y_i, y_j)


def weighted_average(first: Bargains, second: Bargains, w_init: F, w_rcvr: F) -> Bargains:
    """One bargain from two (``PWCompInterp``): the average, weighted by W_i and W_j.

    KTAB weighs both sides with the initiator's capability (``c_i S_i`` and ``c_i S_j``);
    the evident intent, used here, is each side's own ``W = c S``.
    """
    total = (w_init + w_rcvr)[:, None]
    safe = np.where(total > 0, total, 1.0)
    wi = np.where(total > 0, w_init[:, None] / safe, 0.5)
    wj = 1.0 - wi
    return Bargains(first.init, first.rcvr,
                    np.asarray(wi * first.y_init + wj * second.y_init),
                    np.asarray(wi * first.y_rcvr + wj * second.y_rcvr))
