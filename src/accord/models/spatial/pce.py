"""Probabilistic Condorcet elections: from pairwise contests to a distribution over options.

KTAB SMP (README sections 3.4-3.5; B. Wise, "Markov voting with incentives in KTAB"). Every
function takes the victory matrix ``V[a, b] = P[a > b]`` (and the coalitions for the
incentive model) of one set of options; :func:`pce` also takes a batch ``(..., m, m)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import (
    MARKOV_INCENTIVE_SELF,
    MARKOV_INCENTIVE_TOL,
    MARKOV_MAX_ITER,
    MARKOV_UNIFORM_TOL,
    PCEModelName,
    VictoryProbModelName,
    VotingRuleName,
)
from accord.models.spatial.votes import coalitions, victory_matrix

F = NDArray[np.float64]


def conditional(vic: F) -> F:
    """``P(a)`` proportional to ``prod_b V(a, b)``: the chance that a wins every contest.

    Works on a batch ``(..., m, m)``. Where every product underflows to 0 the same is done
    with logarithms.
    """
    prod = np.prod(vic, axis=-1)
    total = prod.sum(axis=-1, keepdims=True)
    if np.all(total > 0):
        return np.asarray(prod / total)
    logs = np.log(np.maximum(vic, np.finfo(float).tiny)).sum(axis=-1)
    logs -= logs.max(axis=-1, keepdims=True)
    prod = np.exp(logs)
    return np.asarray(prod / prod.sum(axis=-1, keepdims=True))


def markov_uniform(vic: F) -> tuple[F, bool]:
    """Markov chain with uniform challenges (README 3.5).

    1. Start from the uniform distribution.
    2. ``P'(a) = (1/M) sum_b V(a, b) (P(a) + P(b))``; stop when the largest ``|P' - P|`` is
       below 1e-6, else damp ``P <- (P + P')/2`` and repeat.
    3. At most 1000 iterations (KTAB checks its cap only after the loop, so a case that does
       not converge would never stop); returns whether it converged.
    """
    m = vic.shape[0]
    p = np.full(m, 1.0 / m)
    for _ in range(MARKOV_MAX_ITER):
        q = (vic * (p[:, None] + p[None, :])).sum(axis=1) / m
        change = float(np.abs(q - p).max())
        p = (p + q) / 2.0
        if not change > MARKOV_UNIFORM_TOL:
            return p, True
    return p, False


def markov_incentive(coal: F, vic: F) -> tuple[F, bool]:
    """Markov chain where challenges follow incentives (README 3.5; Wise's note).

    1. Incentive to propose a against the favourite b: ``n[a->b] = C(a:b) V(a, b)`` (plus
       1e-10 when a = b); the chance that a challenges given b is the favourite:
       ``n[a->b] / sum_alpha n[alpha->b]``.
    2. ``T(a, b) = P(a) Prob[b challenges a | a]``;
       ``P'(a) = sum_b V(a, b) (T(a, b) + T(b, a))``.
    3. Damp ``P <- (P + P')/2`` until the largest change is below 1e-8 (at most 1000
       iterations; returns whether it converged).
    """
    m = vic.shape[0]
    incentive = coal * vic + np.eye(m) * MARKOV_INCENTIVE_SELF
    chlg = incentive / incentive.sum(axis=0, keepdims=True)
    p = np.full(m, 1.0 / m)
    for _ in range(MARKOV_MAX_ITER):
        t = p[:, None] * chlg.T
        q = (vic * (t + t.T)).sum(axis=1)
        change = float(np.abs(q - p).max())
        p = (p + q) / 2.0
        if not change > MARKOV_INCENTIVE_TOL:
            return p, True
    return p, False


def pce(rule: VotingRuleName, vpm: VictoryProbModelName, model: PCEModelName,
        weight: F, util: F) -> tuple[F, int]:
    """Probability of each option from voters' utilities (README 3.3-3.5).

    ``util`` is (..., voters, options), ``weight`` (voters,). Returns the probabilities
    (..., options) and how many Markov chains stopped at the iteration cap.
    """
    coal = coalitions(rule, weight, util)
    vic = victory_matrix(coal, vpm)
    if model == "Conditional":
        return conditional(vic), 0
    m = vic.shape[-1]
    flat_c, flat_v = coal.reshape(-1, m, m), vic.reshape(-1, m, m)
    out = np.empty((flat_v.shape[0], m))
    capped = 0
    for g in range(flat_v.shape[0]):
        if model == "MarkovUniform":
            out[g], ok = markov_uniform(flat_v[g])
        else:
            out[g], ok = markov_incentive(flat_c[g], flat_v[g])
        capped += not ok
    return out.reshape(vic.shape[:-1]), capped
