"""Votes and the probability that i beats j in the expected-utility model, vectorised.

Bueno de Mesquita (1994, 2002) as read by Scholz, Calbert & Smith (2011), MODELS.md §2
steps 1-2. Voter k's vote for i against j is

    v_k(i, j) = w_k [f_k(x_j) - f_k(x_i)],   f_k(y) = (|x_k - y| / R) ** e_k,

with w_k = c_k s_k and e_k = 1 (linear votes) or the voter's risk exponent r_k (scholz-code).
Because f_k grows with the distance from x_k, voter k supports i exactly when x_k lies on i's
side of the midpoint of x_i and x_j, whatever e_k is. Hence, with voters sorted by position,

    N_ij = sum_k max(0, v_k(i, j)) = sum over the voters on i's side of w_k [f_k(x_j) - f_k(x_i)]

is a difference of two prefix sums of the columns j and i of G[k, y] = w_k f_k(x_y). Steps:

1. sort the voters by position (ties by weight and exponent, so that the sums do not depend on
   the order of the actors);
2. G (voters x actors) and its prefix sums down the voters, C[t, y] = sum_{k < t} G[k, y];
3. for every pair, count the voters strictly below / at or below the midpoint (a binary
   search: O(n^2 log n) in all);
4. N_ij = C[t, j] - C[t, i] when x_i < x_j (t voters below the midpoint), the same over the
   voters above the midpoint when x_i > x_j, and 0 when x_i = x_j.

The probability forms (option ``probability``):

* ``published``: P_ij = N_ij / (N_ij + N_ji) (i's share of the votes cast in the pair);
* ``net``: P_ij = max(0, N_ij - N_ji) / (N_ij + N_ji) (Masad 2014);
* ``all-pairs``: P_ij = N_ij / D, D = sum_k sum_(a,b) |v_k(a, b)| over every ordered pair.
  For one voter, sum_(a,b) |f(a) - f(b)| = 2 sum_t f_(t) (2t - n + 1) over the values sorted
  ascending (t from 0), so D costs one sort per voter instead of an O(n^3) loop per pair.

Everything works on a leading batch axis: positions (B, n), matrices (B, n, n) indexed
[batch, i, j]. P_ij = 0 when x_i = x_j; a pair without any vote gets P = 1/2 (published, net).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]
I = NDArray[np.intp]  # noqa: E741
Bool = NDArray[np.bool_]


def batched_searchsorted(sorted_rows: F, values: F, side: str) -> I:
    """``np.searchsorted`` row by row: ``sorted_rows`` (B, n), ``values`` (B, ...).

    The rows are joined into one sorted array of complex keys ``b + 1j*x`` (complex numbers
    sort by real part, then imaginary part), so one exact binary search serves every row.
    """
    b, n = sorted_rows.shape
    offset = np.arange(b, dtype=float).reshape((b,) + (1,) * (values.ndim - 1))
    keys = (np.arange(b, dtype=float)[:, None] + 1j * sorted_rows).ravel()
    found = np.searchsorted(keys, (offset + 1j * values).ravel(),
                            side="left" if side == "left" else "right")
    rows = np.repeat(np.arange(b) * n, values.size // b) if b else found
    return np.asarray((found - rows).reshape(values.shape), dtype=np.intp)


@dataclass(frozen=True)
class Geometry:
    """One round's positions prepared for vote sums (B scenarios of n actors).

    ``scale`` is R (1 where the range is 0, when all distances are 0 anyway).
    """

    x: F          # (B, n)
    scale: F      # (B,)

    @cached_property
    def n(self) -> int:
        return int(self.x.shape[-1])

    @cached_property
    def distance(self) -> F:
        """d_ij = |x_i - x_j| / R, (B, n, n)."""
        return np.asarray(np.abs(self.x[:, :, None] - self.x[:, None, :])
                          / self.scale[:, None, None])

    @cached_property
    def xs(self) -> F:
        return np.sort(self.x, axis=-1)

    @cached_property
    def below(self) -> Bool:
        """x_i < x_j."""
        return np.asarray(self.x[:, :, None] < self.x[:, None, :])

    @cached_property
    def above(self) -> Bool:
        """x_i > x_j."""
        return np.asarray(self.x[:, :, None] > self.x[:, None, :])

    @cached_property
    def cut(self) -> I:
        """Per pair: voters strictly below the midpoint if x_i < x_j, else at or below it."""
        mid = 0.5 * (self.x[:, :, None] + self.x[:, None, :])
        left = batched_searchsorted(self.xs, mid, "left")
        right = batched_searchsorted(self.xs, mid, "right")
        return np.asarray(np.where(self.below, left, right), dtype=np.intp)

    @cached_property
    def sorted_distance(self) -> F:
        """|x_k - x_a| / R for every voter k (rows), sorted ascending along a."""
        return np.sort(self.distance, axis=-1)


def _power(base: F, exponent: F | None) -> F:
    """base ** exponent, exponent broadcast over the last axis (None means 1)."""
    if exponent is None:
        return base
    return np.asarray(base ** exponent[..., None])


def vote_sums(geom: Geometry, weight: F, exponent: F | None) -> F:
    """N[b, i, j] = sum_k max(0, v_k(i, j)) (steps 1-4 of the module docstring)."""
    b, n = geom.x.shape
    keys = (weight,) if exponent is None else (exponent, weight)
    order = np.lexsort((*keys, geom.x), axis=-1)
    xs = np.take_along_axis(geom.x, order, axis=-1)
    ws = np.take_along_axis(weight, order, axis=-1)
    es = None if exponent is None else np.take_along_axis(exponent, order, axis=-1)
    dist = np.abs(xs[:, :, None] - geom.x[:, None, :]) / geom.scale[:, None, None]
    g = ws[:, :, None] * _power(dist, es)
    prefix = np.zeros((b, n + 1, n))
    np.cumsum(g, axis=1, out=prefix[:, 1:, :])
    flat = prefix.reshape(b, (n + 1) * n)
    cut = geom.cut.reshape(b, n * n)
    cols = np.broadcast_to(np.arange(n), (n, n)).ravel()
    at_j = np.take_along_axis(flat, cut * n + cols, axis=1).reshape(b, n, n)
    at_i = np.take_along_axis(flat, cut * n + np.repeat(np.arange(n), n), axis=1)
    at_i = at_i.reshape(b, n, n)
    total = prefix[:, n, :]
    upper = (total[:, None, :] - at_j) - (total[:, :, None] - at_i)
    sums = np.where(geom.below, at_j - at_i, np.where(geom.above, upper, 0.0))
    # Differences of prefix sums can leave -1e-17 where the exact sum is 0.
    return np.asarray(np.maximum(sums, 0.0))


def all_pairs_denominator(geom: Geometry, weight: F, exponent: F | None) -> F:
    """D[b] = sum_k sum over ordered pairs (a, b) of |v_k(a, b)| (one scalar per voter)."""
    n = geom.n
    coeff = 2.0 * (2.0 * np.arange(n) - n + 1.0)
    per_voter = (_power(geom.sorted_distance, exponent) * coeff).sum(axis=-1)
    return np.asarray((weight * per_voter).sum(axis=-1))


def win_probability(geom: Geometry, weight: F, exponent: F | None, form: str) -> F:
    """P[b, i, j]: the probability that i beats j (forms in the module docstring)."""
    sums = vote_sums(geom, weight, exponent)
    same = ~(geom.below | geom.above)
    if form == "all-pairs":
        denom = all_pairs_denominator(geom, weight, exponent)[:, None, None]
        safe = np.where(denom > 0, denom, 1.0)
        p = np.where(denom > 0, sums / safe, 0.0)
    else:
        back = np.swapaxes(sums, -1, -2)
        cast = sums + back
        safe = np.where(cast > 0, cast, 1.0)
        favour = sums if form == "published" else np.maximum(sums - back, 0.0)
        p = np.where(cast > 0, favour / safe, 0.5)
    return np.asarray(np.where(same, 0.0, np.clip(p, 0.0, 1.0)))
