"""Bounds on the package program's value without solving it, for many draws at once.

The package check (:mod:`accord.bargaining.package`) asks for t* = max over packages y in the
red-line box of min over players i of g_i(y) = (u_i(y) - d_i) / R_i, with
u_i(y) = -sum_d s_id |y_d - x_id|^p concave and separable by issue. Two bounds decide it:

* any package y gives t* >= min_i g_i(y) (a *primal* bound: open if it is at least MARGIN);
* any weights lambda on the players (lambda >= 0, summing to 1) give
  t* <= max_y sum_i lambda_i g_i(y) (min <= any weighted mean), and that maximum is separable:
  on each issue the weighted median (p = 1) or mean (p = 2) of the players' positions, weights
  lambda_i s_id / R_i, clipped to the box, is a maximiser. A *dual* bound below -MARGIN proves
  the zone shut. By the minimax theorem the best weights make the bound equal t*.

:func:`bounds` runs a fixed number of mirror-descent steps on the weights (each step a
best-response package per draw; the weights of players with a low gain there go up) and keeps
the best bound of each kind; the mean of the best responses is a primal candidate too. Every
operation is over arrays of draws, so a block of draws the first certificates left undecided
costs a few hundred numpy calls instead of one linear program each. Only p = 1 and p = 2 have
the closed-form best response; other exponents are left to the program.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]

STEPS = 60
"""Mirror-descent steps on the players' weights."""
RATE = 8.0
"""Step size of the first step (normalised gains are at most 1 in size); it falls as 1/sqrt(t)."""
PHASE = 10
"""Steps between looks at which draws are decided."""


def gains(x: F, s: F, d: F, r: F, y: F, exponent: int) -> F:
    """(P, k) normalised gains of the players at packages y (m, k); x, s (P, m, k)."""
    gap = np.abs(x - y[None])
    if exponent != 1:
        gap = gap ** exponent
    return np.asarray((-(s * gap).sum(axis=1) - d) / r)


class Issues:
    """The players' positions on every issue of k draws, sorted once for the weighted
    medians of :meth:`best_response`."""

    def __init__(self, x: F, scale: F, exponent: int) -> None:
        k = x.shape[2]
        self.exponent = exponent
        self.x, self.scale = x, scale                        # (P, m, k) each
        order = np.argsort(x, axis=0)
        self.sorted_x = np.take_along_axis(x, order, axis=0)
        self.sorted_scale = np.take_along_axis(scale, order, axis=0)
        # where each sorted entry's player weight lives in a (P, k) array, flattened
        self.player_at = order * k + np.arange(k)

    def best_response(self, lam: F, low: F, high: F) -> F:
        """(m, k) a package maximising sum_i lam_i u_i over the box [low, high] (m, k): per
        issue the weighted median (p = 1) or mean (p = 2) of the positions, weights lam_i
        s_id / R_i, clipped. An issue nobody weighs gets the box's centre."""
        if self.exponent == 2:
            weight = lam[:, None, :] * self.scale
            total = weight.sum(axis=0)                                   # (m, k)
            safe = np.where(total > 0, total, 1.0)
            centre = np.where(total > 0, (weight * self.x).sum(axis=0) / safe,
                              (low + high) / 2)
        else:
            cum = np.cumsum(np.take(lam, self.player_at) * self.sorted_scale, axis=0)
            total = cum[-1]
            half = cum >= total / 2
            first = half.copy()
            first[1:] &= ~half[:-1]                          # the first entry at half the weight
            centre = np.where(total > 0, (self.sorted_x * first).sum(axis=0), (low + high) / 2)
        return np.asarray(np.clip(centre, low, high))


def bounds(x: F, s: F, d: F, r: F, low: F, high: F, exponent: int,
           margin: float) -> tuple[F, F]:
    """(primal, dual) bounds on t* per draw, (k,) each: primal <= t* <= dual. A draw drops
    out of the steps once its primal bound is at least ``margin`` or its dual bound below
    ``-margin`` (looked at every :data:`PHASE` steps).

    x, s (P, m, k) the players' positions (0 where none) and saliences (0 where none); d, r
    (P, k) their no-deal utilities and normalisers; low, high (m, k) the red-line box."""
    players, _, k = x.shape
    primal = np.full(k, -np.inf)
    dual = np.full(k, np.inf)
    if exponent not in (1, 2) or players == 0 or k == 0:
        return primal, dual
    live = np.arange(k)
    lam = np.full((players, k), 1.0 / players)
    mean_y = np.zeros_like(low)
    for phase in range(0, STEPS, PHASE):
        issues = Issues(x, s / r[:, None, :], exponent)
        best, upper = np.full(live.size, -np.inf), np.full(live.size, np.inf)
        for step in range(phase, phase + PHASE):
            y = issues.best_response(lam, low, high)
            g = gains(x, s, d, r, y, exponent)                           # (P, k')
            upper = np.minimum(upper, (lam * g).sum(axis=0))
            best = np.maximum(best, g.min(axis=0))
            mean_y += (y - mean_y) / (step + 1)
            lam = lam * np.exp(-RATE / np.sqrt(step + 1) * (g - g.min(axis=0)))
            lam /= lam.sum(axis=0)
        best = np.maximum(best, gains(x, s, d, r, mean_y, exponent).min(axis=0))
        primal[live] = np.maximum(primal[live], best)
        dual[live] = np.minimum(dual[live], upper)
        going = np.flatnonzero((best < margin) & (upper >= -margin))
        if going.size == 0:
            break
        live = live[going]
        x, s, d, r, lam = x[..., going], s[..., going], d[:, going], r[:, going], lam[:, going]
        low, high, mean_y = low[:, going], high[:, going], mean_y[:, going]
    return primal, dual
