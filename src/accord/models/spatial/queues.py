"""Queue resolution: each actor picks its new position (KTAB SMP, README section 3.8).

Actor k's queue holds a status-quo entry, k's own proposals, then the proposals made to k in
initiator order. Every actor a values an entry by its own average utility over all N
positions after the bargain; a PCE over the entries (voters weighted by capability c_a)
gives each entry a probability. ``Deterministic`` takes the most probable entry (the first in
queue order on ties), ``Stochastic`` draws one with the given generator. Queues are resolved
independently, from the state at the start of the turn.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.bargain import Bargains
from accord.models.spatial.options import (
    PCEModelName,
    StateTransitionsName,
    VictoryProbModelName,
    VotingRuleName,
)
from accord.models.spatial.pce import pce
from accord.models.spatial.utility import distances, utility

F = NDArray[np.float64]
Ix = NDArray[np.intp]

# Probabilities this close (relative) count as a tie, so summation order never decides.
TIE = 1e-12


def queues(n: int, bargains: Bargains) -> list[list[int]]:
    """Bargain indices in each actor's queue (status quo not listed): own, then received."""
    own: dict[int, list[int]] = defaultdict(list)
    received: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for b, (i, j) in enumerate(zip(bargains.init.tolist(), bargains.rcvr.tolist(),
                                   strict=True)):
        own[i].append(b)
        received[j].append((i, b))
    return [own[k] + [b for _, b in sorted(received[k], key=lambda t: t[0])]
            for k in range(n)]


def entry_values(ideal: F, salience: F, risk: F, own_util: F, bargains: Bargains) -> F:
    """``V[a, e]``: actor a's average own utility over all positions after entry e.

    Entry 0 is the status quo, ``(1/N) sum_n U^a(a, n)``; entry 1 + b is bargain b, which
    replaces the initiator's and receiver's positions by the bargain's.
    """
    n = own_util.shape[0]
    total = own_util.sum(axis=1)
    out = np.empty((n, 1 + len(bargains)))
    out[:, 0] = total / n
    if len(bargains):
        u_i = utility(distances(ideal, salience, bargains.y_init), risk[:, None])
        u_j = utility(distances(ideal, salience, bargains.y_rcvr), risk[:, None])
        out[:, 1:] = (total[:, None] - own_util[:, bargains.init] - own_util[:, bargains.rcvr]
                      + u_i + u_j) / n
    return out


def resolve(position: F, ideal: F, salience: F, capability: F, risk: F, own_util: F,
            bargains: Bargains, rule: VotingRuleName, vpm: VictoryProbModelName,
            model: PCEModelName, transitions: StateTransitionsName,
            rng: np.random.Generator) -> tuple[F, int]:
    """New positions of every actor, and how many Markov PCEs hit their iteration cap.

    Queues of the same length are resolved together (one batched PCE per length).
    """
    n = position.shape[0]
    lists = queues(n, bargains)
    values = entry_values(ideal, salience, risk, own_util, bargains)
    new = position.copy()
    by_len: dict[int, list[int]] = defaultdict(list)
    for k, entries in enumerate(lists):
        if entries:
            by_len[len(entries) + 1].append(k)
    capped = 0
    probs: dict[int, F] = {}
    picks: dict[int, int] = {}
    for length in sorted(by_len):
        members = by_len[length]
        cols = np.array([[0] + [1 + b for b in lists[k]] for k in members])   # (G, M)
        util = np.moveaxis(values[:, cols], 0, 1)                              # (G, N, M)
        prob, c = pce(rule, vpm, model, capability, util)
        capped += c
        if transitions == "Stochastic":
            probs.update(zip(members, prob, strict=True))
        else:       # the most probable entry; the first in queue order on (near) ties
            top = prob.max(axis=1, keepdims=True)
            picks.update(zip(members, np.argmax(prob >= top * (1.0 - TIE), axis=1).tolist(),
                             strict=True))
    for k in sorted(probs):                    # draws happen in actor order
        picks[k] = _draw(probs[k], rng)
    for k, pick in picks.items():
        if pick == 0:
            continue
        b = lists[k][pick - 1]
        new[k] = bargains.y_init[b] if bargains.init[b] == k else bargains.y_rcvr[b]
    return new, capped


def _draw(prob: F, rng: np.random.Generator) -> int:
    """One entry drawn with probabilities ``prob``."""
    return int(min(np.searchsorted(np.cumsum(prob), rng.random() * prob.sum(), side="right"),
                   len(prob) - 1))
