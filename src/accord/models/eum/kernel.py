"""One round of the expected-utility model with the scenarios on the last axis (few actors).

The same round as :func:`accord.models.eum.rounds.play_round` (MODELS.md section 2; modules
:mod:`.probability`, :mod:`.utility`, :mod:`.offers`), with the same floating-point operations
in the same order, so the results are equal bit for bit (a test checks every option on random
inputs with ties). Only the memory layout differs: pair matrices are (n, n, B) indexed
[i, j, scenario] instead of (B, n, n). With few actors that matters a great deal:

* a reduction over an actor axis becomes n element-wise operations over contiguous rows of B
  numbers (numpy reduces a short last axis one row at a time, some 20 times slower);
* masks that follow the sorted order (x_i < x_j) are the same along a row of scenarios, so
  selections by them run without mispredicted branches;
* with at most :data:`MAX_ACTORS` actors, the voters below each midpoint are counted by
  comparison (n^3 cheap operations) instead of a binary search.

Where the reference sums over a short last axis (the all-pairs denominator), :func:`pairwise`
repeats numpy's pairwise summation order, so that those sums too are identical.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.baselines import weighted_median
from accord.models.eum.offers import CAPITULATION, COMPROMISE, CONFRONTATION, NONE, TIE
from accord.models.eum.options import EumParams
from accord.models.eum.utility import EQUAL_EXPOSURE

F = NDArray[np.float64]
I = NDArray[np.intp]  # noqa: E741
Bool = NDArray[np.bool_]

MAX_ACTORS = 16
"""The round runs here up to this many actors; above, the (B, n, n) round is faster."""


def pairwise(a: F) -> F:
    """Sum over the first axis in the order numpy sums a contiguous last axis (pairwise
    summation with eight accumulators, blocks of 128)."""
    n = a.shape[0]
    if n < 8:
        res = a[0].copy()
        for i in range(1, n):
            res = res + a[i]
        return np.asarray(res)
    if n <= 128:
        r = [a[k].copy() for k in range(8)]
        i = 8
        while i < n - (n % 8):
            for k in range(8):
                r[k] += a[i + k]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res = res + a[i]
            i += 1
        return np.asarray(res)
    half = n // 2
    half -= half % 8
    return np.asarray(pairwise(a[:half]) + pairwise(a[half:]))


def _prefix(values: F) -> F:
    """Prefix sums down the first axis with a leading row of zeros."""
    out = np.zeros((values.shape[0] + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=out[1:])
    return out


def _take(table: F, index: I) -> F:
    """table[index[..., b], b] for a (m, B) table and an index (..., B)."""
    b = table.shape[-1]
    return np.asarray(table.ravel().take(index * b + np.arange(b)))


class _Pairs:
    """The round's geometry (sorted positions, (n, B); pairs (n, n, B))."""

    def __init__(self, x: F, width: F) -> None:
        n = x.shape[0]
        self.x = x
        self.u = (x - x[:1]) / width
        self.distance = np.abs(self.u[:, None, :] - self.u[None, :, :])
        self.below = x[:, None, :] < x[None, :, :]
        self.above = x[:, None, :] > x[None, :, :]
        mid = 0.5 * (x[:, None, :] + x[None, :, :])
        cut = np.zeros(mid.shape, dtype=np.int8 if n < 127 else np.intp)
        for k in range(n):                   # voters strictly below each midpoint
            cut += x[k] < mid
        self.cut = cut.astype(np.intp)
        self.first = np.count_nonzero(x[None, :, :] < x[:, None, :], axis=1)
        self.past = np.count_nonzero(x[None, :, :] <= x[:, None, :], axis=1)


def _linear_sums(g: _Pairs, weight: F) -> F:
    u = g.u
    pw, pwu = _prefix(weight), _prefix(weight * u)
    total = pw[-1]
    w_cut, wu_cut = _take(pw, g.cut), _take(pwu, g.cut)
    ui, uj = u[:, None, :], u[None, :, :]
    both = ui + uj
    w_in, wu_in = _take(pw, g.past)[:, None, :], _take(pwu, g.past)[:, None, :]
    left = w_in * (uj - ui) + both * (w_cut - w_in) - 2.0 * (wu_cut - wu_in)
    w_out, wu_out = _take(pw, g.first)[:, None, :], _take(pwu, g.first)[:, None, :]
    right = (total - w_out) * (ui - uj) + 2.0 * (wu_out - wu_cut) - both * (w_out - w_cut)
    return np.asarray(np.where(g.below, left, np.where(g.above, right, 0.0)))


def _general_sums(g: _Pairs, weight: F, exponent: F) -> F:
    n, b = g.x.shape
    gk = weight[:, None, :] * g.distance ** exponent[:, None, :]        # [voter, actor, b]
    prefix = _prefix(gk)                                                 # (n + 1, n, B)
    flat = prefix.reshape((n + 1) * n, b)
    at_j = _take(flat, g.cut * n + np.arange(n)[None, :, None])
    at_i = _take(flat, g.cut * n + np.arange(n)[:, None, None])
    total = prefix[n]
    right = (total[None, :, :] - at_j) - (total[:, None, :] - at_i)
    return np.asarray(np.where(g.below, at_j - at_i, np.where(g.above, right, 0.0)))


def _probability(g: _Pairs, weight: F, exponent: F | None, form: str) -> F:
    sums = _linear_sums(g, weight) if exponent is None else _general_sums(g, weight, exponent)
    sums = np.maximum(sums, 0.0)
    if form == "all-pairs":
        n = g.x.shape[0]
        coeff = 2.0 * (2.0 * np.arange(n) - n + 1.0)
        f = np.sort(g.distance, axis=1)                          # [voter, sorted a, b]
        if exponent is not None:
            f = f ** exponent[:, None, :]
        per_voter = pairwise(np.moveaxis(f * coeff[None, :, None], 1, 0))   # (n, B)
        denom = pairwise(weight * per_voter)
        safe = np.where(denom > 0, denom, 1.0)
        p = np.where(denom > 0, sums / safe, 0.0)
    else:
        back = sums.transpose(1, 0, 2)
        cast = sums + back
        safe = np.where(cast > 0, cast, 1.0)
        favour = sums if form == "published" else np.maximum(sums - back, 0.0)
        p = np.where(cast > 0, favour / safe, 0.5)
    same = ~(g.below | g.above)
    return np.asarray(np.where(same, 0.0, np.clip(p, 0.0, 1.0)))


def _utility(base: F, r: F | None) -> F:
    base = np.maximum(base, 0.0)
    return np.asarray(2.0 - 4.0 * (base if r is None else base ** r))


def _expected(p: F, target_salience: F, success: F, failure: F, status_quo: F,
              spread: F | None, r: F | None, q: float, t: float) -> F:
    eu = target_salience * (p * success + (1.0 - p) * failure) \
        + (1.0 - target_salience) * success
    if q >= 1.0 or spread is None:
        return np.asarray(eu - status_quo)
    better = _utility(0.5 - 0.25 * spread, r)
    worse = _utility(0.5 + 0.25 * spread, r)
    return np.asarray(eu - (q * status_quo + (1.0 - q) * (t * better + (1.0 - t) * worse)))


def _risk(eu: F) -> tuple[F, Bool]:
    n = eu.shape[0]
    off = eu.copy()
    off[np.arange(n), np.arange(n)] = 0.0
    s = off[0].copy()
    for a in range(1, n):                  # column sums over challengers, in order
        s = s + off[a]
    hi, lo = s.max(axis=0), s.min(axis=0)
    width = hi - lo
    flat = width <= EQUAL_EXPOSURE * np.maximum(np.maximum(np.abs(hi), np.abs(lo)), 1e-300)
    safe = np.where(flat, 1.0, width)
    big_r = np.clip((2.0 * s - hi - lo) / safe, -1.0, 1.0)
    r = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
    return np.asarray(np.where(flat, 1.0, r)), np.asarray(flat)


def _barrier(mask: Bool) -> F:
    """-inf where ``mask``, +inf elsewhere (np.maximum(key, it) keeps a finite key where
    ``mask`` and gives +inf elsewhere: np.where(mask, key, inf) without a branch per number)."""
    return np.asarray((0.5 - mask.astype(float)) * np.inf)


def _select(mask: Bool, a: F, b: F) -> F:
    """np.where(mask, a, b) for finite a and b (bit for bit, signed zeros included)."""
    keep = _barrier(mask)
    return np.asarray(np.minimum(np.maximum(a, keep), np.maximum(b, -keep)))


def _pick(candidates: Bool, keys: list[F]) -> tuple[I, Bool]:
    """Per receiver i the sender j minimising ``keys`` lexicographically (first j on ties).

    Keys are finite."""
    mask = candidates.copy()
    for key in keys:
        values = np.maximum(key, _barrier(mask))
        best = values.min(axis=1)[:, None, :]
        mask &= values <= best + TIE * np.abs(np.where(np.isfinite(best), best, 0.0))
    n = mask.shape[1]
    chosen = np.zeros(mask[:, 0].shape, dtype=np.intp)
    for j in range(n - 1, -1, -1):
        chosen[mask[:, j]] = j
    return chosen, np.asarray(mask.any(axis=1))


def _moves(x: F, e_own: F, e_other: F, differ: Bool, params: EumParams) -> tuple[F, I]:
    offer = differ & (e_other > 0)
    # The three kinds exclude each other (signs of e_own, and -e_own < or > e_other).
    kind = (offer & (e_own > 0) & (e_other > e_own)).view(np.int8) * np.int8(CONFRONTATION)
    kind += (offer & (e_own < 0) & (-e_own < e_other)).view(np.int8) * np.int8(COMPROMISE)
    if params.capitulation:
        kind += (offer & (e_own < 0) & (-e_own > e_other)).view(np.int8) \
            * np.int8(CAPITULATION)
    xi = np.broadcast_to(x[:, None, :], e_own.shape)
    xj = np.broadcast_to(x[None, :, :], e_own.shape)
    a, b = np.abs(e_own), np.abs(e_other)
    if params.compromise == "fractional":
        safe_b = np.where(b > 0, b, 1.0)
        part = xi + (xj - xi) * np.minimum(a / safe_b, 1.0)
    else:
        total = np.where(a + b > 0, a + b, 1.0)
        part = (a * xi + b * xj) / total
    # Where there is no offer the target is never used (masked in the choice, and a choice
    # that resolves to no offer keeps x), so only compromises differ from x_j.
    target = _select(kind == COMPROMISE, part, xj)
    step = np.abs(target - xi)
    moving = kind != NONE
    choice = params.offer_choice
    if choice == "least-move-then-max-eu":
        j, has = _pick(moving, [step, -e_other, target])
    elif choice == "type-then-least-move":
        j, has = _pick(moving, [kind.astype(float), step, target])
    elif choice == "type-then-lowest-point":
        total = np.where(a + b > 0, a + b, 1.0)
        lowest = (a * xi + b * xj) / total
        rank = np.where(kind == COMPROMISE, lowest, step)
        j, has = _pick(moving, [kind.astype(float), rank, target])
    elif choice == "max-eu-then-least-move":
        j, has = _pick(offer, [-e_other, np.abs(xj - xi), xj])
    else:
        raise ValueError(f"unknown offer_choice {choice!r}")
    taken = np.take_along_axis(kind, j[:, None, :], axis=1)[:, 0, :]
    taken = np.where(has, taken, NONE).astype(np.int8)
    new = np.take_along_axis(target, j[:, None, :], axis=1)[:, 0, :]
    return np.asarray(np.where(taken != NONE, new, x)), np.asarray(taken, dtype=np.intp)


def play_round_t(x: F, capability: F, salience: F, params: EumParams,
                 width: F) -> tuple[F, F, NDArray[np.int8], Bool]:
    """:func:`accord.models.eum.rounds.play_round` (same arguments, (B, n) in and out)."""
    order = np.lexsort((salience, capability, x), axis=-1)
    rows = np.arange(x.shape[0])[:, None]
    xs, ss = x[rows, order], salience[rows, order]
    ws = capability[rows, order] * ss
    xt, st, wt = (np.ascontiguousarray(v.T) for v in (xs, ss, ws))
    g = _Pairs(xt, width)
    d = g.distance
    differ = g.below | g.above
    spread = None
    if params.q < 1.0:
        mu = weighted_median(xs, ws)
        spread = (np.abs(xs - mu[:, None]) / width[:, None]).T[:, None, :] + d

    p1 = _probability(g, wt, None, params.probability)
    us = _utility(0.5 - 0.5 * d, None)
    uf = _utility(0.5 + 0.5 * d, None)
    usq = _utility(np.full_like(d[:1, :1], 0.5), None)
    eu1 = _expected(p1, st[None, :, :], us, uf, usq, spread, None, params.q, params.t)
    r, flat = _risk(eu1)

    p = p1 if params.vote_exponent == "none" else _probability(g, wt, r, params.probability)
    r_row = r[:, None, :]
    us = _utility(0.5 - 0.5 * d, r_row)
    uf = _utility(0.5 + 0.5 * d, r_row)
    usq = _utility(np.full_like(d[:1, :1], 0.5), r_row)
    e_own = _expected(p, st[None, :, :], us, uf, usq, spread, r_row, params.q, params.t)
    if params.perspective == "target":
        e_other = e_own.transpose(1, 0, 2)
    else:
        spread_t = None if spread is None else spread.transpose(1, 0, 2)
        e_other = _expected(p.transpose(1, 0, 2), st[:, None, :], us, uf, usq, spread_t,
                            r_row, params.q, params.t)

    new, kind = _moves(xt, e_own, e_other, differ, params)
    new = np.where(flat[None, :], xt, new)
    kind = np.where(flat[None, :], 0, kind)
    out_new, out_r = np.empty_like(xs), np.empty_like(xs)
    out_kind = np.empty(xs.shape, dtype=np.int8)
    out_new[rows, order], out_r[rows, order], out_kind[rows, order] = new.T, r.T, kind.T
    return out_new, out_r, out_kind, flat
