"""Voting power per issue: Shapley-Shubik and Banzhaf indices with veto players.

The game of issue j (a *simple game*, Shapley & Shubik 1954; Banzhaf 1965; Felsenthal &
Machover 1998 ch. 2-3):

* the players are the actors with a stance on j; actor i weighs w_i = c_i s_ij (capability x
  salience, the weight of the compromise model), or 1 each when every weight is 0;
* a coalition S **wins** when it holds every actor with a veto on j
  (``scenario.has_veto``) and more than ``quota`` (default 1/2) of the total weight:
  sum_{i in S} w_i > quota * sum_i w_i;
* i is a **swing** in S (i not in S) when S + i wins and S loses.

Indices:

1. Shapley-Shubik: phi_i = sum over S in which i swings of |S|! (n - |S| - 1)! / n!, the share
   of orderings of the players in which i's arrival makes the coalition win. They add up to 1
   (the grand coalition always wins when the weights are positive).
2. Banzhaf: beta_i = (swings of i) / 2^(n-1) (the absolute index: the probability that i is
   decisive when every other player votes yes or no at random) and the normalised index
   swings_i / sum_k swings_k, which adds up to 1.

Exact enumeration of all 2^n coalitions for n <= ``EXACT_LIMIT`` (20: a million coalitions);
above it, Monte Carlo with an explicit generator: ``samples`` random orderings for
Shapley-Shubik and as many random coalitions for Banzhaf (``exact=False`` in the result).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]

EXACT_LIMIT = 20
"""Players up to which every coalition is enumerated."""


@dataclass(frozen=True)
class PlayerPower:
    """One actor's power on one issue."""

    actor: str
    weight: float
    veto: bool
    shapley_shubik: float
    banzhaf: float              # absolute index, swings / 2^(n-1)
    banzhaf_normalised: float   # swings / all swings


@dataclass(frozen=True)
class IssuePower:
    """The voting game of one issue and every player's indices."""

    issue: str
    quota: float
    players: tuple[PlayerPower, ...]
    exact: bool

    def of(self, actor: str) -> PlayerPower:
        for p in self.players:
            if p.actor == actor:
                return p
        raise KeyError(actor)


def voting_power(scenario: Scenario, quota: float = 0.5, *, samples: int = 20_000,
                 rng: np.random.Generator | None = None) -> list[IssuePower]:
    """The indices of every issue (see the module docstring), in file order.

    ``rng`` is needed only when an issue has more than ``EXACT_LIMIT`` players.
    """
    if not 0.0 <= quota < 1.0:
        raise UsageError(f"the quota must lie in [0, 1), got {quota:g}")
    out = []
    for issue in scenario.issues:
        stances = [s for s in scenario.stances if s.issue == issue.id]
        actors = [s.actor for s in stances]
        weight = np.array([point(scenario.actor(s.actor).capability) * point(s.salience)
                           for s in stances], dtype=float)
        veto = np.array([scenario.has_veto(a, issue.id) for a in actors], dtype=bool)
        out.append(issue_power(issue.id, actors, weight, veto, quota, samples=samples,
                               rng=rng))
    return out


def issue_power(issue: str, actors: list[str], weight: F, veto: B, quota: float = 0.5, *,
                samples: int = 20_000, rng: np.random.Generator | None = None) -> IssuePower:
    """The indices of one weighted voting game with veto players."""
    n = len(actors)
    if n == 0:
        return IssuePower(issue, quota, (), True)
    w = np.asarray(weight, dtype=float)
    if not np.any(w > 0):
        w = np.ones(n)
    need = quota * float(w.sum())
    if n <= EXACT_LIMIT:
        ss, swings, exact = _exact(w, np.asarray(veto, dtype=bool), need)
        absolute = swings / 2.0 ** (n - 1)
    else:
        if rng is None:
            raise UsageError(f"issue '{issue}' has {n} players: more than {EXACT_LIMIT} need "
                             "sampling, with an explicit random generator")
        ss, absolute, exact = _sampled(w, np.asarray(veto, dtype=bool), need, samples, rng)
        swings = absolute
    total = float(swings.sum())
    norm = swings / total if total > 0 else np.zeros(n)
    players = tuple(PlayerPower(a, float(w[k]), bool(veto[k]), float(ss[k]),
                                float(absolute[k]), float(norm[k]))
                    for k, a in enumerate(actors))
    return IssuePower(issue, quota, players, exact)


TIE = 1e-12
"""Relative tolerance of "more than the quota": a coalition at exactly the quota loses."""


def _exact(w: F, veto: B, need: float) -> tuple[F, F, bool]:
    """Every coalition as a bit mask; weights and sizes built by doubling (2^n values each)."""
    n = len(w)
    sums, size = np.zeros(1), np.zeros(1, dtype=np.int64)
    for i in range(n):
        sums = np.concatenate([sums, sums + w[i]])
        size = np.concatenate([size, size + 1])
    masks = np.arange(2 ** n, dtype=np.int64)
    vmask = int(sum(1 << i for i in np.flatnonzero(veto)))
    wins = ((masks & vmask) == vmask) & (sums > need + TIE * float(w.sum()))
    # |S|! (n - |S| - 1)! / n! for a coalition S of each size (the swinger not in S)
    factor = np.array([math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n)
                       for k in range(n)])
    ss, swings = np.zeros(n), np.zeros(n)
    for i in range(n):
        without = (masks >> i) & 1 == 0
        swing = without & ~wins & wins[masks | (1 << i)]
        swings[i] = float(swing.sum())
        ss[i] = float(factor[size[swing]].sum())
    return ss, swings, True


def _sampled(w: F, veto: B, need: float, samples: int,
             rng: np.random.Generator) -> tuple[F, F, bool]:
    """Random orderings (Shapley-Shubik) and random coalitions (absolute Banzhaf)."""
    n = len(w)
    limit = need + TIE * float(w.sum())
    orders = np.argsort(rng.random((samples, n)), axis=1)
    rows = np.arange(samples)[:, None]
    cumulative = np.cumsum(w[orders], axis=1)
    if veto.any():
        place = np.argsort(orders, axis=1)            # place[s, actor] = its position
        last_veto = place[:, veto].max(axis=1)
    else:
        last_veto = np.zeros(samples, dtype=np.int64)
    ready = (cumulative > limit) & (np.arange(n)[None, :] >= last_veto[:, None])
    pivot = orders[rows[:, 0], np.argmax(ready, axis=1)]
    ss = np.bincount(pivot, minlength=n) / samples
    members = rng.random((samples, n)) < 0.5
    base = members @ w
    vetoes_in = members[:, veto].sum(axis=1) if veto.any() else np.zeros(samples)
    n_veto = int(veto.sum())
    absolute = np.zeros(n)
    for i in range(n):
        mine = members[:, i]
        with_sum = base + np.where(mine, 0.0, w[i])
        without_sum = base - np.where(mine, w[i], 0.0)
        v_with = vetoes_in + (veto[i] & ~mine)
        v_without = vetoes_in - (veto[i] & mine)
        wins_with = (v_with == n_veto) & (with_sum > limit)
        wins_without = (v_without == n_veto) & (without_sum > limit)
        absolute[i] = float(np.mean(wins_with & ~wins_without))
    return np.asarray(ss, dtype=float), absolute, False
