"""The forecast of a state: the probability that each distinct position is the outcome.

KTAB SMP, README section 3.10. Positions closer than 1e-3 on [0, 1] (0.1 on a 0-100 scale)
count as one; a probabilistic Condorcet election among the distinct positions, with every
actor voting by its own risk-aware utilities and capability, gives each its probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.dynamics import Actors
from accord.models.spatial.options import SAME_POSITION, SpatialParams
from accord.models.spatial.pce import pce
from accord.models.spatial.utility import distances, utility

F = NDArray[np.float64]
Ix = NDArray[np.intp]


@dataclass(frozen=True)
class Outlook:
    """The probability over the distinct positions of a state."""

    representatives: Ix     # actor index of each distinct position, in merge order
    probability: F          # per distinct position
    actor_probability: F    # per actor: the probability of its position
    member_of: Ix           # per actor: which distinct position it holds
    capped_pces: int


def merge(position: F, order: Ix) -> tuple[Ix, Ix]:
    """Distinct positions and each actor's one (README 3.10 steps 2 and 4).

    Going through the actors in ``order``, keep an actor as a representative unless it is
    within 1e-3 (plain Euclidean on [0, 1]) of one already kept; each actor then belongs to
    the representative within 1e-3 of it that was kept last. The result depends on the order
    when near-equal positions form chains; KTAB uses the input order.
    """
    reps: list[int] = []
    for k in order.tolist():
        if not reps or np.linalg.norm(position[reps] - position[k], axis=1).min() >= \
                SAME_POSITION:
            reps.append(k)
    rep = np.array(reps, dtype=np.intp)
    near = np.linalg.norm(position[:, None, :] - position[rep][None, :, :], axis=2) \
        < SAME_POSITION
    member = (near.shape[1] - 1 - np.argmax(near[:, ::-1], axis=1)).astype(np.intp)
    return rep, member


def outlook(actors: Actors, position: F, ideal: F, risk: F, params: SpatialParams,
            order: Ix | None = None) -> Outlook:
    """Probability that each distinct position of a state is the outcome (README 3.10).

    1. ``risk``: the state's risk attitudes (3.2); own risk-aware utilities
       ``u(delta_ij; r_i)``.
    2. Distinct positions by :func:`merge` in ``order`` (default: the model's actor order).
    3. One PCE over the representatives, all actors voting with weights c.
    4. Each actor gets the probability of its representative.
    """
    n = position.shape[0]
    rep, member = merge(position, np.arange(n, dtype=np.intp) if order is None else order)
    util = utility(distances(ideal, actors.salience, position[rep]), risk[:, None])
    prob, capped = pce(params.VotingRule, params.VictoryProbModel, params.PCEModel,
                       actors.capability, util)
    return Outlook(rep, prob, prob[member], member, capped)
