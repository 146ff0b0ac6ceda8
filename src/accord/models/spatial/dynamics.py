"""The turn loop of KTAB's Spatial Model of Politics, on positions in [0, 1]^D.

Wise et al., KTAB ``smpc``; reading in shared/reference/ktab/README.md sections 3.2-3.10. A
turn, computed entirely from the state at its start:

1. risk attitudes from a risk-neutral PCE over the N current positions (3.2);
2. every actor picks the target whose challenge gains it most (3.6);
3. each initiator proposes a bargain to its target (3.7);
4. every actor's queue is resolved by a PCE, giving its new position (3.8);
5. ideals move towards the new positions by the accommodation matrix (3.8);
6. stop when the step moved less than 2% of the first step (from step 2 on), or at the step
   limit (3.9).

The result is the position history; :mod:`accord.models.spatial.outcome` gives the probability
over the distinct final positions (3.10).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial import bargain
from accord.models.spatial.challenge import Perceptions, best_targets, evaluate
from accord.models.spatial.options import MIN_STEPS, STOP_GUARD, STOP_RATIO, SpatialParams
from accord.models.spatial.pce import pce
from accord.models.spatial.queues import resolve
from accord.models.spatial.utility import (
    distances,
    perceived_risk,
    risk_from_probability,
    utility,
)

F = NDArray[np.float64]
Ix = NDArray[np.intp]


@dataclass(frozen=True)
class Actors:
    """The fixed inputs, in the model's actor order: c (N,), s (N, D), A (N, N) or None."""

    capability: F
    salience: F
    accommodation: F | None     # None: identity (the ideal is the position)

    @property
    def total_salience(self) -> F:
        return np.asarray(self.salience.sum(axis=1))

    @property
    def weight(self) -> F:
        return np.asarray(self.capability * self.total_salience)


@dataclass
class Run:
    """Positions and ideals per state, and counters."""

    positions: list[F]
    ideals: list[F]
    stop_ratios: list[float] = field(default_factory=list)
    capped_pces: int = 0
    converged: bool = False


def risk_attitudes(actors: Actors, delta: F, params: SpatialParams) -> tuple[F, int]:
    """Risk attitudes of a state from its distances ``delta`` (README 3.2 steps 1-3).

    Risk-neutral utilities ``1 - delta``; a PCE over all N positions (duplicates kept) with
    voter weights c; each actor's attitude rescales its position's probability.
    """
    neutral = 1.0 - delta
    prob, capped = pce(params.VotingRule, params.VictoryProbModel, params.PCEModel,
                       actors.capability, neutral)
    return risk_from_probability(prob, params.BigRRange), capped


def step(actors: Actors, position: F, ideal: F, params: SpatialParams,
         rng: np.random.Generator) -> tuple[F, F, int]:
    """One turn: the new positions, the new ideals, and how many Markov PCEs were capped."""
    delta = distances(ideal, actors.salience, position)
    risk, capped = risk_attitudes(actors, delta, params)
    per = Perceptions(delta=delta, est_risk=perceived_risk(risk, params.BigRAdjust),
                      weight=actors.weight, total_salience=actors.total_salience)
    target, phi = best_targets(per, params.VotingRule, params.ThirdPartyCommit)
    init = np.flatnonzero(target >= 0).astype(np.intp)
    rcvr = target[init]
    offers = _bargains(actors, position, per, init, rcvr, phi[init], params)
    own_util = utility(delta, risk[:, None])
    new, c = resolve(position, ideal, actors.salience, actors.capability, risk, own_util,
                     offers, params.VotingRule, params.VictoryProbModel, params.PCEModel,
                     params.StateTransitions, rng)
    return new, _ideals(actors, ideal, new), capped + c


def _bargains(actors: Actors, position: F, per: Perceptions, init: Ix, rcvr: Ix, p_init: F,
              params: SpatialParams) -> bargain.Bargains:
    """The queued bargains of the initiators (``BargnModel``, README 3.7).

    ``InitOnlyInterp``: the bargain at the initiator's estimate. ``InitRcvrInterp``: also one
    at the receiver's estimate of the initiator's chance (KTAB passes the receiver's estimate
    of the initiator's *gain* there, not a probability; the intent, the probability ``phi``
    from the receiver's view, is used). ``PWCompInterp``: the W-weighted average of the two.
    """
    rule = params.InterVecBrgn
    first = bargain.propose(position, actors.salience, init, rcvr, p_init, rule)
    if params.BargnModel == "InitOnlyInterp" or len(init) == 0:
        return first
    p_rcvr, _ = evaluate(per, rcvr, init, rcvr, params.VotingRule, params.ThirdPartyCommit)
    second = bargain.propose(position, actors.salience, init, rcvr, p_rcvr, rule)
    if params.BargnModel == "PWCompInterp":
        w = actors.weight
        return bargain.weighted_average(first, second, w[init], w[rcvr])
    order = np.argsort(np.concatenate([2 * np.arange(len(init)), 2 * np.arange(len(init)) + 1]))
    cat = bargain.Bargains(np.concatenate([first.init, second.init])[order],
                           np.concatenate([first.rcvr, second.rcvr])[order],
                           np.concatenate([first.y_init, second.y_init])[order],
                           np.concatenate([first.y_rcvr, second.y_rcvr])[order])
    return cat


def _ideals(actors: Actors, ideal: F, new: F) -> F:
    """``q <- A x_new + (1 - sum_j A_ij) q`` (README 3.8); identity: the ideal is x_new."""
    if actors.accommodation is None:
        return new.copy()
    a = actors.accommodation
    return np.asarray(a @ new + (1.0 - a.sum(axis=1))[:, None] * ideal)


def simulate(actors: Actors, position: F, params: SpatialParams,
             rng: np.random.Generator) -> Run:
    """Run turns until KTAB's stopping rule holds (README 3.9).

    ``Delta_t = sum_i ||x_i(t) - x_i(t-1)||``; stop after step t when ``t >= rounds``, or when
    ``t >= 2`` and ``Delta_t / (Delta_1 + 1e-4) < 0.02``.
    """
    run = Run(positions=[position.copy()], ideals=[position.copy()])
    first = 0.0
    t = 0
    while t < params.rounds:
        t += 1
        new, ideal, capped = step(actors, run.positions[-1], run.ideals[-1], params, rng)
        run.capped_pces += capped
        moved = float(np.linalg.norm(new - run.positions[-1], axis=1).sum())
        run.positions.append(new)
        run.ideals.append(ideal)
        if t == 1:
            first = moved
        ratio = moved / (first + STOP_GUARD)
        run.stop_ratios.append(ratio)
        if t >= MIN_STEPS and ratio < STOP_RATIO:
            run.converged = True
            break
    return run
