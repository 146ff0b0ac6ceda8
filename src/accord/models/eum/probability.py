"""Votes and the probability that i beats j in the expected-utility model, vectorised.

Bueno de Mesquita (1994, 2002) as read by Scholz, Calbert & Smith (2011), MODELS.md §2
steps 1-2. Voter k's vote for i against j is

    v_k(i, j) = w_k [f_k(x_j) - f_k(x_i)],   f_k(y) = (|x_k - y| / R) ** e_k,

with w_k = c_k s_k and e_k = 1 (linear votes) or the voter's risk exponent r_k (scholz-code).
Because f_k grows with the distance from x_k, voter k supports i exactly when x_k lies on i's
side of the midpoint of x_i and x_j, whatever e_k is (a voter on the midpoint votes 0). With
the actors sorted by position (the caller sorts them),

    N_ij = sum_k max(0, v_k(i, j)) = sum over the voters on i's side of w_k [f_k(x_j) - f_k(x_i)].

Steps:

1. for every pair, the number of voters strictly below the midpoint of x_i and x_j (a binary
   search in the sorted positions: O(n^2 log n) in all);
2. general exponents: prefix sums down the voters of G[k, y] = w_k f_k(x_y); N_ij is
   C[t, j] - C[t, i] (t voters below the midpoint) when x_i < x_j, the same over the voters
   above it when x_i > x_j, 0 when x_i = x_j;
3. linear votes (e_k = 1): the sums have a closed form from the prefix sums of w and w x
   alone: for x_i < x_j, a voter at or left of x_i gives w_k (x_j - x_i) and one between x_i
   and the midpoint w_k (x_i + x_j - 2 x_k) (mirrored for x_i > x_j), so N costs O(1) a pair.

The probability forms (option ``probability``):

* ``published``: P_ij = N_ij / (N_ij + N_ji) (i's share of the votes cast in the pair);
* ``net``: P_ij = max(0, N_ij - N_ji) / (N_ij + N_ji) (Masad 2014);
* ``all-pairs``: P_ij = N_ij / D, D = sum_k sum_(a,b) |v_k(a, b)| over every ordered pair.
  For one voter, sum_(a,b) |f(a) - f(b)| = 2 sum_t f_(t) (2t - n + 1) over the values sorted
  ascending (t from 0), so D costs one sort per voter instead of an O(n^3) loop per pair.

Everything works on a leading batch axis: positions (B, n) sorted ascending along the last
axis, matrices (B, n, n) indexed [batch, i, j]. P_ij = 0 when x_i = x_j; a pair without any
vote gets P = 1/2 (published, net), and P = 0 when nobody votes at all (all-pairs).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]
I = NDArray[np.intp]  # noqa: E741
Bool = NDArray[np.bool_]


COUNT_BELOW = 16
"""Up to this many actors, :func:`batched_searchsorted` counts instead of searching."""


def batched_searchsorted(sorted_rows: F, values: F,
                         side: Literal["left", "right"] = "left") -> I:
    """``np.searchsorted`` row by row: ``sorted_rows`` (B, n), ``values`` (B, ...).

    With few actors (n <= :data:`COUNT_BELOW`) and at most n values per row, the positions
    below each value are counted directly (cheaper than a search at that size); with several
    rows
    and more actors, the rows are joined into one sorted array of complex keys ``b + 1j*x``
    (complex numbers sort by real part, then imaginary part): one exact binary search. All
    three give the same integers.
    """
    b, n = sorted_rows.shape
    if n <= COUNT_BELOW and values.size <= b * n:
        rows = sorted_rows.reshape((b,) + (1,) * (values.ndim - 1) + (n,))
        hit = rows < values[..., None] if side == "left" else rows <= values[..., None]
        return np.asarray(np.count_nonzero(hit, axis=-1), dtype=np.intp)
    if b == 1:
        return np.asarray(np.searchsorted(sorted_rows[0], values, side=side), dtype=np.intp)
    offset = np.arange(b, dtype=float).reshape((b,) + (1,) * (values.ndim - 1))
    keys = (np.arange(b, dtype=float)[:, None] + 1j * sorted_rows).ravel()
    found = np.searchsorted(keys, (offset + 1j * values).ravel(), side=side)
    rows = np.repeat(np.arange(b) * n, values.size // b)
    return np.asarray((found - rows).reshape(values.shape), dtype=np.intp)


def _gather(table: F, index: I) -> F:
    """table[b, index[b, ...]] for a (B, m) table (one flat ``take``: cheap for small n)."""
    b, m = table.shape
    if b == 1:
        return np.asarray(table[0].take(index))
    offset = (np.arange(b) * m).reshape((b,) + (1,) * (index.ndim - 1))
    return np.asarray(table.ravel().take(index + offset))


class Geometry:
    """One round's positions, sorted ascending per row, prepared for the vote sums.

    ``scale`` is R (> 0; the caller uses 1 where the range is 0, all distances being 0).
    Everything but the sorted distances (only the all-pairs form needs them) is computed at
    once: a round uses all of it, and plain attributes cost less than cached properties.
    """

    __slots__ = ("_sorted_distance", "above", "below", "cut", "distance", "first", "past",
                 "scale", "u", "x")

    def __init__(self, x: F, scale: F) -> None:
        self.x = x                                   # (B, n), sorted along the last axis
        self.scale = scale                           # (B,)
        # positions in units of R from the leftmost actor (keeps sums well conditioned)
        self.u: F = np.asarray((x - x[:, :1]) / scale[:, None])
        self.distance: F = np.abs(self.u[:, :, None] - self.u[:, None, :])  # |x_i - x_j|/R
        self.below: Bool = x[:, :, None] < x[:, None, :]     # x_i < x_j
        self.above: Bool = x[:, :, None] > x[:, None, :]     # x_i > x_j
        # per pair: the number of voters strictly below the midpoint of x_i and x_j
        self.cut: I = batched_searchsorted(x, 0.5 * (x[:, :, None] + x[:, None, :]))
        # per actor: voters strictly left of it / at or left of it
        self.first: I = batched_searchsorted(x, x, "left")
        self.past: I = batched_searchsorted(x, x, "right")
        self._sorted_distance: F | None = None

    @property
    def sorted_distance(self) -> F:
        """|x_k - x_a| / R for every voter k (rows), sorted ascending along a."""
        if self._sorted_distance is None:
            self._sorted_distance = np.sort(self.distance, axis=-1)
        return self._sorted_distance


def _prefix(values: F) -> F:
    """Prefix sums along the last axis with a leading 0: out[..., t] = sum of values[..., :t]."""
    out = np.zeros((*values.shape[:-1], values.shape[-1] + 1))
    np.cumsum(values, axis=-1, out=out[..., 1:])
    return out


def _linear_vote_sums(geom: Geometry, weight: F) -> F:
    """N for linear votes from prefix sums of w and w u (step 3)."""
    u = geom.u
    pw, pwu = _prefix(weight), _prefix(weight * u)
    total = pw[:, -1][:, None, None]
    w_cut, wu_cut = _gather(pw, geom.cut), _gather(pwu, geom.cut)
    ui, uj = u[:, :, None], u[:, None, :]
    both = ui + uj
    # x_i < x_j: voters at or left of x_i, then those between x_i and the midpoint.
    w_in = _gather(pw, geom.past)[:, :, None]
    wu_in = _gather(pwu, geom.past)[:, :, None]
    left = w_in * (uj - ui) + both * (w_cut - w_in) - 2.0 * (wu_cut - wu_in)
    # x_i > x_j: voters at or right of x_i, then those between the midpoint and x_i.
    w_out = _gather(pw, geom.first)[:, :, None]
    wu_out = _gather(pwu, geom.first)[:, :, None]
    right = (total - w_out) * (ui - uj) + 2.0 * (wu_out - wu_cut) - both * (w_out - w_cut)
    return np.asarray(np.where(geom.below, left, np.where(geom.above, right, 0.0)))


def _general_vote_sums(geom: Geometry, weight: F, exponent: F) -> F:
    """N for votes with per-voter exponents from column prefix sums of G (step 2)."""
    b, n = geom.x.shape
    g = weight[:, :, None] * geom.distance ** exponent[:, :, None]
    prefix = np.zeros((b, n + 1, n))
    np.cumsum(g, axis=1, out=prefix[:, 1:, :])
    flat = prefix.reshape(b, (n + 1) * n)
    cut = geom.cut
    at_j = _gather(flat, cut * n + np.arange(n))
    at_i = _gather(flat, cut * n + np.arange(n)[:, None])
    total = prefix[:, n, :]
    right = (total[:, None, :] - at_j) - (total[:, :, None] - at_i)
    return np.asarray(np.where(geom.below, at_j - at_i, np.where(geom.above, right, 0.0)))


def vote_sums(geom: Geometry, weight: F, exponent: F | None) -> F:
    """N[b, i, j] = sum_k max(0, v_k(i, j)); ``exponent`` None means linear votes."""
    sums = (_linear_vote_sums(geom, weight) if exponent is None
            else _general_vote_sums(geom, weight, exponent))
    # Differences of prefix sums can leave -1e-17 where the exact sum is 0.
    return np.asarray(np.maximum(sums, 0.0))


def all_pairs_denominator(geom: Geometry, weight: F, exponent: F | None) -> F:
    """D[b] = sum_k sum over ordered pairs (a, b) of |v_k(a, b)| (one scalar per voter)."""
    n = geom.x.shape[-1]
    coeff = 2.0 * (2.0 * np.arange(n) - n + 1.0)
    f = geom.sorted_distance if exponent is None else geom.sorted_distance ** exponent[..., None]
    return np.asarray((weight * (f * coeff).sum(axis=-1)).sum(axis=-1))


def win_probability(geom: Geometry, weight: F, exponent: F | None, form: str) -> F:
    """P[b, i, j]: the probability that i beats j (forms in the module docstring)."""
    sums = vote_sums(geom, weight, exponent)
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
    same = ~(geom.below | geom.above)
    return np.asarray(np.where(same, 0.0, np.clip(p, 0.0, 1.0)))
