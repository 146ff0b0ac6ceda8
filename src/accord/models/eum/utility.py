"""Utilities, expected utility of a challenge, and risk exponents (MODELS.md §2 steps 3-5).

Bueno de Mesquita (1994, 2002) as written by Scholz, Calbert & Smith (2011). For a challenger
a with risk exponent r against a target b (distances in units of R, mu the weighted median):

1. utilities, each 2 - 4 * base ** r:
   U^s base 1/2 - d_ab/2 (a wins), U^f base 1/2 + d_ab/2 (a loses), U^sq base 1/2 (nothing
   changes), U^b base 1/2 - (|x_a - mu| + |x_a - x_b|)/(4R) and U^w base 1/2 + (...)/(4R)
   (no challenge, things get better / worse);
2. EU(a -> b) = s_b [P_ab U^s + (1 - P_ab) U^f] + (1 - s_b) U^s
                - {Q U^sq + (1 - Q) [T U^b + (1 - T) U^w]};
3. risk (with every r = 1): exposure S_i = sum_{j != i} EU(j -> i),
   R_i = (2 S_i - S_max - S_min) / (S_max - S_min), r_i = (1 - R_i/3) / (1 + R_i/3), which
   lies in [1/2, 2]. When S_max = S_min there is no risk signal: r_i = 1 and the run stops.

Arrays carry a leading batch axis: matrices (B, n, n) indexed [batch, challenger, target].
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]
Bool = NDArray[np.bool_]

# Exposures closer than this (relative to their size) count as equal: no risk signal.
EQUAL_EXPOSURE = 1e-12


def _utility(base: F, r: F | None) -> F:
    """2 - 4 * base ** r, with bases clipped at 0 (rounding can leave -1e-17)."""
    base = np.maximum(base, 0.0)
    return np.asarray(2.0 - 4.0 * (base if r is None else base ** r))


def challenge_utilities(distance: F, r: F | None) -> tuple[F, F, F]:
    """(U^s, U^f, U^sq) for every pair; ``r`` broadcasts against ``distance`` (None: r = 1)."""
    success = _utility(0.5 - 0.5 * distance, r)
    failure = _utility(0.5 + 0.5 * distance, r)
    status_quo = _utility(np.full_like(distance[..., :1], 0.5), r)
    return success, failure, status_quo


def expected_utility(p: F, target_salience: F, success: F, failure: F, status_quo: F,
                     spread: F | None, r: F | None, q: float, t: float) -> F:
    """EU(a -> b) of step 2 from the pair's probability and utilities.

    ``spread`` is (|x_a - mu| + |x_a - x_b|)/R, needed only when q < 1.
    """
    eu = target_salience * (p * success + (1.0 - p) * failure) \
        + (1.0 - target_salience) * success
    if q >= 1.0 or spread is None:
        return np.asarray(eu - status_quo)
    better = _utility(0.5 - 0.25 * spread, r)
    worse = _utility(0.5 + 0.25 * spread, r)
    return np.asarray(eu - (q * status_quo + (1.0 - q) * (t * better + (1.0 - t) * worse)))


def exposure(eu: F) -> F:
    """S_i = sum_{j != i} EU(j -> i): column sums of [challenger, target] without the diagonal."""
    n = eu.shape[-1]
    off = np.where(np.eye(n, dtype=bool), 0.0, eu)
    return np.asarray(off.sum(axis=-2))


def risk_exponents(s: F) -> tuple[F, Bool]:
    """r_i from the exposures S (B, n) (step 3); also whether the exposures were all equal."""
    hi = s.max(axis=-1, keepdims=True)
    lo = s.min(axis=-1, keepdims=True)
    width = hi - lo
    flat = width <= EQUAL_EXPOSURE * np.maximum(np.maximum(np.abs(hi), np.abs(lo)), 1e-300)
    safe = np.where(flat, 1.0, width)
    big_r = np.clip((2.0 * s - hi - lo) / safe, -1.0, 1.0)
    r = (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
    return np.asarray(np.where(flat, 1.0, r)), np.asarray(flat[..., 0])
