"""Who challenges whom: h's estimate of i's chance and gain when i challenges j.

KTAB SMP, README section 3.6. Every evaluation uses perspective h's perceived utilities
``U^h(n, m) = u(delta[n, m]; est[h, n])``: the two principals seed the coalitions, every third
party joins the side it expects to serve it best (``ThirdPartyCommit``), and
``phi = A / (A + B)`` is h's estimate that i prevails. The affected actor is always the
initiator i (the only case the model needs; KTAB's extra evaluations feed only its logging).

Cost: one evaluation is O(N) (the third parties); :func:`evaluate` does a batch of P
evaluations as (P, N) arrays in chunks, so all N(N-1) of a turn cost O(N^3) time and a
bounded amount of memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import (
    CHALLENGE_FLOOR,
    MIN_GAIN,
    ThirdPartyCommitName,
    VotingRuleName,
)
from accord.models.spatial.utility import utility
from accord.models.spatial.votes import response, vote

F = NDArray[np.float64]
Ix = NDArray[np.intp]

CHUNK = 64_000   # numbers per (pairs x third parties) block: 512 KB arrays stay in cache


@dataclass(frozen=True)
class Perceptions:
    """What the challenge step reads from the state at the start of a turn."""

    delta: F            # (N, N): distance from n's ideal to m's position, n's saliences
    est_risk: F         # (N, N): est[h, n], h's estimate of n's risk attitude
    weight: F           # (N,): capability x total salience, W = c S
    total_salience: F   # (N,): S

    @cached_property
    def one_minus_t(self) -> F:
        """``(1 - delta).T``: the risk-neutral part of u(delta[n, m]), indexed [m, n]."""
        return np.asarray((1.0 - self.delta).T.copy())

    @cached_property
    def slope_t(self) -> F:
        """``((1 - delta) delta).T``: u(delta; r) = (1 - delta) + r (1 - delta) delta."""
        return np.asarray(((1.0 - self.delta) * np.minimum(self.delta, 1.0)).T.copy())


def evaluate(per: Perceptions, h: Ix, i: Ix, j: Ix, rule: VotingRuleName,
             commit: ThirdPartyCommitName) -> tuple[F, F]:
    """h's estimates of ``phi`` (i prevails) and of i's expected gain, for each (h, i, j).

    ``h``, ``i``, ``j`` are index arrays that broadcast together (e.g. (N, 1), (N, 1), (1, N)
    for every pair from the initiator's own view); the results have the broadcast shape.
    Steps (README 3.6; ``U = U^h``, ``W_n = c_n S_n``):

    1. Principals: ``v_i = vote(W_i, U(i,i) - U(i,j))``, ``v_j = vote(W_j, U(j,i) - U(j,j))``;
       ``A0 = 1e-10 + max(0, v_i) + max(0, v_j)``, ``B0 = 1e-10 + max(0, -v_i) + max(0, -v_j)``.
    2. Third party n: direct vote ``v = vote(W_n, U(n,i) - U(n,j))``; little-contest estimate
       ``pi = (A0 + max(0, v)) / (A0 + B0 + |v|)``; n's vote is
       ``vote(W_n, E[join i] - E[join j])`` over the sums of the three utilities after the
       contest, added to A if positive, to B if negative. Under ``SemiCommit`` both
       expectations use ``pi`` (KTAB). KTAB uses the same ``pi`` for ``NoCommit`` and
       ``FullCommit`` too, which makes every third-party vote exactly 0 and the two options
       identical; here they take the evident intent: n's side changes the odds,
       ``pi+ = (A0 + |v|)/(A0 + B0 + |v|)`` if n joins i, ``pi- = A0/(A0 + B0 + |v|)`` if
       it joins j.
    3. ``phi = A / (A + B)``.
    4. Gain of i: status quo ``U(i,i) + U(i,j)``; i prevails ``2 U(i,i)``; contest
       ``phi 2U(i,i) + (1 - phi) 2U(i,j)``; challenge ``(1 - S_j)[prevails] + S_j [contest]``;
       gain = challenge - status quo.
    """
    h, i, j = (np.asarray(a, dtype=np.intp) for a in (h, i, j))
    shape = np.broadcast_shapes(h.shape, i.shape, j.shape)
    if not shape:
        phi, gain = evaluate(per, h[None], i[None], j[None], rule, commit)
        return phi[0], gain[0]
    phi = np.empty(shape)
    gain = np.empty(shape)
    n_act = per.delta.shape[0]
    per_row = int(np.prod(shape[1:], dtype=np.int64)) * n_act
    block = max(1, CHUNK // max(1, per_row))
    for start in range(0, shape[0], block):
        sl = slice(start, start + block)
        hh, ii, jj = (a[sl] if a.ndim == len(shape) and a.shape[0] > 1 else a
                      for a in (h, i, j))
        phi[sl], gain[sl] = _evaluate_block(per, hh, ii, jj, rule, commit)
    return phi, gain


def _evaluate_block(per: Perceptions, h: Ix, i: Ix, j: Ix, rule: VotingRuleName,
                    commit: ThirdPartyCommitName) -> tuple[F, F]:
    delta, est, w = per.delta, per.est_risk, per.weight
    # Principals (README 3.6 step 1), from h's estimates of their attitudes.
    u_ii = utility(delta[i, i], est[h, i])
    u_ij = utility(delta[i, j], est[h, i])
    u_ji = utility(delta[j, i], est[h, j])
    u_jj = utility(delta[j, j], est[h, j])
    v_i = vote(rule, w[i], u_ii - u_ij)
    v_j = vote(rule, w[j], u_ji - u_jj)
    a0 = CHALLENGE_FLOOR + np.maximum(0.0, v_i) + np.maximum(0.0, v_j)
    b0 = CHALLENGE_FLOOR + np.maximum(0.0, -v_i) + np.maximum(0.0, -v_j)
    # Third parties n on the last axis (step 2): U(n,i), U(n,j), U(n,n) as h sees them.
    # The big arrays have the broadcast shape of (h, i, j) plus N; they are updated in place.
    est_h = est[h]
    u_ni = utility(delta.T[i], est_h)
    u_nn = utility(np.diagonal(delta), est_h)
    u_nj = est_h * per.slope_t[j]
    u_nj += per.one_minus_t[j]                     # = u(delta[n, j]; est[h, n])
    a0x, b0x = a0[..., None], b0[..., None]
    direct = np.subtract(u_ni, u_nj)
    direct = vote(rule, w, direct)                 # n's own vote between x_i and x_j
    if commit == "SemiCommit":
        # pi = (A0 + max(0, v)) / (A0 + B0 + |v|);
        # E[join i] - E[join j] = pi (U(n,n) - U(n,i)) + (1 - pi)(U(n,j) - U(n,n)).
        denom = np.abs(direct)
        denom += a0x + b0x
        pi = np.maximum(direct, 0.0, out=direct)
        pi += a0x
        pi /= denom
        diff = np.subtract(u_nj, u_nn, out=u_nj)
        diff *= np.subtract(1.0, pi, out=denom)
        pi *= u_nn - u_ni
        diff += pi
    else:
        # E[join i] - E[join j] = (pi+ - pi-)(win_i - win_j), pi+ - pi- = |v|/(A0 + B0 + |v|);
        # the sum of utilities when i wins minus when j wins is 2(U(n,i) - U(n,j)) if n never
        # moves (NoCommit), 3(U(n,i) - U(n,j)) if n ends at the winner's position (FullCommit).
        size = np.abs(direct)
        edge = size / (size + (a0x + b0x))
        factor = 2.0 if commit == "NoCommit" else 3.0
        diff = np.subtract(u_ni, u_nj, out=u_nj)
        diff *= factor * edge
    third = response(rule, diff)                   # n's vote is w_n * third
    _zero_at(third, i)
    _zero_at(third, j)
    up = np.maximum(third, 0.0)
    down = np.minimum(third, 0.0, out=third)
    a = a0 + up @ w
    b = b0 - down @ w
    phi = a / (a + b)
    s_j = per.total_salience[j]
    prevail = u_ii + u_ii
    contest = phi * (u_ii + u_ii) + (1.0 - phi) * (u_ij + u_ij)
    gain = ((1.0 - s_j) * prevail + s_j * contest) - (u_ii + u_ij)
    return np.asarray(phi), np.asarray(gain)


def _zero_at(values: F, index: Ix) -> None:
    """Set ``values[..., index[...]] = 0`` (the principals are not third parties)."""
    idx = np.broadcast_to(index, values.shape[:-1])[..., None]
    np.put_along_axis(values, idx, 0.0, axis=-1)


def best_targets(per: Perceptions, rule: VotingRuleName,
                 commit: ThirdPartyCommitName) -> tuple[Ix, F]:
    """Each actor's target (-1 for none) and its own estimate ``phi`` of prevailing there.

    Actor i evaluates every j != i from its own view (h = i) and picks the largest gain
    strictly above 1e-5; ties go to the lowest index (README 3.6 step 5).
    """
    n = per.delta.shape[0]
    every = np.arange(n, dtype=np.intp)
    phis, gains = evaluate(per, every[:, None], every[:, None], every[None, :], rule, commit)
    np.fill_diagonal(gains, -np.inf)
    target = np.argmax(gains, axis=1)          # first (lowest j) of equal maxima
    best = gains[np.arange(n), target]
    target = np.where(best > MIN_GAIN, target, -1)
    chosen_phi = np.where(target >= 0, phis[np.arange(n), np.maximum(target, 0)], 0.0)
    return target.astype(np.intp), chosen_phi
