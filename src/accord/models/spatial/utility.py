"""Distance, utility and derived risk attitudes of the spatial model (KTAB SMP).

Source: Wise et al., KTAB's ``smpc``; reading in shared/reference/ktab/README.md sections 3.1-3.2.
Everything works on positions in [0, 1]^D.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import OWN_WEIGHT, BigRAdjustName, BigRRangeName

F = NDArray[np.float64]


def distances(ideal: F, salience: F, position: F) -> F:
    """Salience-weighted, normalised Euclidean distance from each ideal to each position.

    1. ``delta[i, j] = sqrt(sum_d s_id^2 (q_id - x_jd)^2 / sum_d s_id^2)`` (README 3.1), in
       [0, 1] for positions in [0, 1]; weighted by the *evaluating* actor's saliences.
    2. An actor whose saliences are all 0 cares about nothing: its distances are 0 (KTAB
       divides 0 by 0 there).

    ``ideal`` and ``salience`` are (n, D); ``position`` is (m, D); the result is (n, m).
    """
    s2 = salience * salience
    total = s2.sum(axis=1)
    diff = ideal[:, None, :] - position[None, :, :]
    num = (s2[:, None, :] * (diff * diff)).sum(axis=2)
    safe = np.where(total > 0, total, 1.0)
    return np.asarray(np.sqrt(num / safe[:, None]) * (total > 0)[:, None])


def utility(delta: F, risk: F | float) -> F:
    """``u(delta; R) = (1 - delta)(1 + R delta)``, R in [-1, 1] (README 3.1; arrays broadcast).

    R = 0 is linear in distance, R = 1 gives 1 - delta^2 (risk averse), R = -1 gives
    (1 - delta)^2 (risk acceptant). Distances above 1 cannot occur on [0, 1]^D; KTAB's
    ``(1 - delta)(1 + R)`` for them is kept.
    """
    scaled = np.minimum(delta, 1.0)
    return np.asarray((1.0 - delta) * (1.0 + risk * scaled))


def risk_from_probability(prob: F, big_r_range: BigRRangeName) -> F:
    """Risk attitudes from the probability that each actor's position prevails (README 3.2).

    1. ``p_min``, ``p_max``: the smallest and largest probabilities.
    2. ``Min``: (p - p_min)/(p_max - p_min) in [0, 1]; ``Mid``: (3p - p_max - 2 p_min) /
       (2 (p_max - p_min)) in [-1/2, 1]; ``Max``: (2p - p_max - p_min)/(p_max - p_min) in
       [-1, 1]. Likely winners become risk averse, long shots risk acceptant.
    3. When every probability is the same there is no signal (KTAB computes 0/0): every actor
       is risk neutral, R = 0.
    """
    lo, hi = float(prob.min()), float(prob.max())
    spread = hi - lo
    if not spread > 0:
        return np.zeros_like(prob)
    if big_r_range == "Min":
        return np.asarray((prob - lo) / spread)
    if big_r_range == "Mid":
        return np.asarray((3 * prob - (hi + 2 * lo)) / (2 * spread))
    return np.asarray((2 * prob - (hi + lo)) / spread)


def perceived_risk(risk: F, big_r_adjust: BigRAdjustName) -> F:
    """``est[h, i]``: actor h's estimate of actor i's risk attitude (README 3.2 step 4).

    ``None``: r_h; ``OneThird``: (2 r_h + r_i)/3; ``Half``: (r_h + r_i)/2; ``TwoThirds``:
    (r_h + 2 r_i)/3; ``Full``: r_i. The diagonal is each actor's own attitude.
    (KTAB's ``Full`` always stops on a sanity check that compares the perceived matrices with
    the true one; here it is what its name says: every actor knows every attitude.)
    """
    own = OWN_WEIGHT[big_r_adjust]
    if big_r_adjust == "OneThird":
        est = (2.0 * risk[:, None] + risk[None, :]) / 3.0
    elif big_r_adjust == "TwoThirds":
        est = (risk[:, None] + 2.0 * risk[None, :]) / 3.0
    elif big_r_adjust == "Half":
        est = (risk[:, None] + risk[None, :]) / 2
    else:
        est = own * risk[:, None] + (1.0 - own) * risk[None, :]
    np.fill_diagonal(est, risk)
    return np.asarray(est)
