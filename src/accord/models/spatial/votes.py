"""Votes, coalitions and victory probabilities (KTAB SMP; README sections 3.3-3.4).

An actor with weight w choosing between options a and b, with utility difference
``du = u(a) - u(b)``, casts a signed vote (positive: for a). The coalition for a against b is
``C(a:b) = 1e-8 + sum_k max(0, v_k(a, b))``, and the probability that a beats b follows from
the two coalitions (``VictoryProbModel``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import (
    ASYM_GAIN,
    BINARY_RAMP,
    BINARY_VP_FLOOR,
    BINARY_VP_THRESHOLD,
    PCE_FLOOR,
    PROPBIN_MIX,
    PROPCBC_MIX,
    VP_EXPONENT,
    VictoryProbModelName,
    VotingRuleName,
)

F = NDArray[np.float64]

# Votes on at most this many numbers at once (chunks keep memory flat at any size).
CHUNK = 400_000


def response(rule: VotingRuleName, du: F) -> F:
    """The vote of a unit weight, ``f(du)``; a voter with weight w >= 0 casts ``w f(du)``.

    ``Binary``: clip(du / 1e-8, -1, 1) (a steep ramp, in effect the sign); ``PropBin``:
    0.8 du + 0.2 binary; ``Prop``: du; ``PropCbc``: (du + du^3)/2; ``Cubic``: du^3;
    ``ASymProsp``: du for losses, 2/3 du for gains (README 3.3).
    """
    if rule == "Prop":
        return du
    if rule == "Cubic":
        return np.asarray(du * du * du)
    if rule == "PropCbc":
        return np.asarray((1 - PROPCBC_MIX) * du + PROPCBC_MIX * (du * du * du))
    if rule == "ASymProsp":
        return np.asarray(np.where(du > 0, ASYM_GAIN * du, du))
    binary = np.clip(du / BINARY_RAMP, -1.0, 1.0)
    if rule == "Binary":
        return np.asarray(binary)
    return np.asarray((1 - PROPBIN_MIX) * du + PROPBIN_MIX * binary)


def vote(rule: VotingRuleName, weight: F | float, du: F) -> F:
    """Signed votes ``w f(du)`` (README 3.3; arrays broadcast; see :func:`response`).

    A zero weight (an actor that cares about nothing) casts no vote; KTAB stops there.
    """
    return np.asarray(weight * response(rule, du))


def coalitions(rule: VotingRuleName, weight: F, util: F) -> F:
    """Coalition strengths ``C[..., a, b]`` of every option a against every option b.

    ``util`` is (..., voters, options) and ``weight`` (voters,), all >= 0. Steps
    (README 3.4):

    1. ``v_k(a, b) = vote(w_k, u_k(a) - u_k(b))``; ``C(a:b) = 1e-8 + sum_k max(0, v_k(a, b))
       = 1e-8 + sum_k w_k max(0, f(u_k(a) - u_k(b)))``; the diagonal is 1e-8.
    2. KTAB computes each pair once, for the later option a > b, and takes ``C(b:a)`` from the
       negative votes. Only ``ASymProsp``, whose votes are not antisymmetric, depends on that
       convention: its 2/3 discount of gains applies to the later option of each pair.
    """
    util = np.asarray(util, dtype=float)
    *lead, n_voters, m = util.shape
    flat_u = util.reshape(-1, n_voters, m)
    groups = flat_u.shape[0]
    sym_rule: VotingRuleName = "Prop" if rule == "ASymProsp" else rule
    if groups * n_voters * m * m <= CHUNK:      # many small sets of options: all at once
        du = flat_u[:, :, :, None] - flat_u[:, :, None, :]     # (groups, voters, a, b)
        f = response(sym_rule, du)
        np.maximum(f, 0.0, out=f)
        out = np.einsum("k,gkab->gab", weight, f).reshape(*lead, m, m)
    else:
        out = np.empty((*lead, m, m))
        flat_out = out.reshape(-1, m, m)
        per_block = max(1, CHUNK // max(1, n_voters * m))
        for g in range(groups):
            u = flat_u[g]
            for start in range(0, m, per_block):
                rows = slice(start, min(m, start + per_block))
                du = u[:, rows, None] - u[:, None, :]           # (voters, rows, options)
                f = response(sym_rule, du)
                np.maximum(f, 0.0, out=f)
                flat_out[g, rows, :] = np.tensordot(weight, f, axes=1)
    if rule == "ASymProsp":
        out *= np.where(np.tri(m, k=-1, dtype=bool), ASYM_GAIN, 1.0)
    out += PCE_FLOOR
    idx = np.arange(m)
    out[..., idx, idx] = PCE_FLOOR
    return np.asarray(out, dtype=float)


def victory(c_ab: F, c_ba: F, model: VictoryProbModelName) -> F:
    """P[a > b] from the coalitions for and against a (README 3.4; arrays broadcast).

    ``Linear``, ``Square``, ``Quartic``, ``Octic``: C(a:b)^nu / (C(a:b)^nu + C(b:a)^nu).
    ``Binary``: a side at least 1.10 times as strong wins with probability 1/(1 + 1e-6); in
    between, linear in r = C(a:b)/(C(a:b) + C(b:a)): P = (2.1 r - 1)/0.1.
    """
    if model == "Binary":
        r = c_ab / (c_ab + c_ba)
        mid = (r * (BINARY_VP_THRESHOLD + 1.0) - 1.0) / (BINARY_VP_THRESHOLD - 1.0)
        x1 = np.where(c_ab >= BINARY_VP_THRESHOLD * c_ba, 1.0,
                      np.where(c_ba >= BINARY_VP_THRESHOLD * c_ab, BINARY_VP_FLOOR, mid))
        x2 = np.where(c_ab >= BINARY_VP_THRESHOLD * c_ba, BINARY_VP_FLOOR,
                      np.where(c_ba >= BINARY_VP_THRESHOLD * c_ab, 1.0, 1.0 - mid))
        return np.asarray(x1 / (x1 + x2))
    nu = VP_EXPONENT[model]
    x1, x2 = c_ab ** nu, c_ba ** nu
    return np.asarray(x1 / (x1 + x2))


def victory_matrix(coal: F, model: VictoryProbModelName) -> F:
    """``V[..., a, b] = P[a > b]`` from coalition strengths, with P[a > a] = 1/2."""
    v = victory(coal, np.swapaxes(coal, -1, -2), model)
    m = coal.shape[-1]
    idx = np.arange(m)
    v[..., idx, idx] = 0.5
    return v
