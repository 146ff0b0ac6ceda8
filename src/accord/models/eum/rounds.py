"""The rounds of the expected-utility model on a batch of scenarios: ``eum_rounds``.

Bueno de Mesquita (1994, 2002) as read by Scholz, Calbert & Smith (2011); MODELS.md §2 and
docs/models-eum.md. One round, for B scenarios of n actors at once (no loop over actors or
pairs):

1. R (option ``range``) and the weighted median mu of the current positions;
2. with every r = 1: P, every EU(j -> i), the exposures S and the risk exponents r
   (equal exposures: r = 1 and the scenario stops);
3. with the new r: P again (only if votes carry the voter's exponent), E_i = EU_i(i -> j) and
   i's view of EU_j(j -> i) (option ``perspective``);
4. offers, the one offer each actor takes, and all moves at once;
5. stop rule: ``converged`` stops a scenario (without applying the round) when no actor
   would move more than ``tolerance`` x R; ``rounds`` always runs the round limit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.models.baselines import compromise as weighted_mean
from accord.models.baselines import weighted_median
from accord.models.eum.kernel import MAX_ACTORS, play_round_t
from accord.models.eum.offers import choose_moves
from accord.models.eum.options import EumParams
from accord.models.eum.probability import Geometry, win_probability
from accord.models.eum.utility import (
    challenge_utilities,
    expected_utility,
    exposure,
    risk_exponents,
)

F = NDArray[np.float64]

STOP_REASONS = ("round-limit", "converged", "equal-exposures")
"""``EumTrajectory.stop`` codes: why each scenario stopped."""


@dataclass(frozen=True)
class EumTrajectory:
    """What :func:`eum_rounds` returns (B scenarios, n actors, ``rounds`` the round limit).

    After a scenario stops its positions are held, so every array has the full length;
    ``rounds_run[b]`` says how many rounds scenario b actually played.
    """

    positions: F              # (B, rounds + 1, n): row 0 the initial positions
    median: F                 # (B, rounds + 1): weighted (c x s) median each round
    mean: F                   # (B, rounds + 1): weighted (c x s) mean each round
    risk: F                   # (B, rounds, n): the r_i of each round (NaN after a stop)
    moves: NDArray[np.int8]   # (B, rounds, n): kind of offer taken (offers.KINDS), 0 unplayed
    rounds_run: NDArray[np.intp]   # (B,)
    stop: NDArray[np.intp]         # (B,): index into STOP_REASONS

    @property
    def final(self) -> F:
        """(B, n) final positions."""
        return np.asarray(self.positions[:, -1, :])

    @property
    def outcome(self) -> F:
        """(B,) the forecast: weighted median of the final positions."""
        return np.asarray(self.median[:, -1])


def _as_batch(value: ArrayLike, name: str) -> F:
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be shaped (B, n) or (n,), got {arr.shape}")
    return arr


def _range(x: F, rule: str, initial: F, scale: F | None) -> F:
    if rule == "initial":
        width = initial
    elif rule == "current":
        width = x.max(axis=-1) - x.min(axis=-1)
    else:
        if scale is None:
            raise ValueError("range='scale' needs the issue scale (scale=)")
        width = scale
    return np.asarray(np.where(width > 0, width, 1.0))


def play_round(x: F, capability: F, salience: F, params: EumParams,
               width: F) -> tuple[F, F, NDArray[np.int8], NDArray[np.bool_]]:
    """One round (steps 1-4) for a batch: new positions, r, move kinds, equal-exposure flags.

    The actors are sorted by position (ties by capability, then salience) for the vote sums,
    and the results are returned in the input order.
    """
    order = np.lexsort((salience, capability, x), axis=-1)
    rows = np.arange(x.shape[0])[:, None]
    x, salience = x[rows, order], salience[rows, order]
    w = capability[rows, order] * salience
    geom = Geometry(x=x, scale=width)
    d = geom.distance
    differ = geom.below | geom.above
    spread = None
    if params.q < 1.0:
        mu = weighted_median(x, w)
        # (|x_a - mu| + |x_a - x_b|)/R for challenger a (rows) and target b (columns)
        spread = (np.abs(x - mu[:, None]) / width[:, None])[:, :, None] + d

    # Step 2: everything with r = 1 (linear votes and utilities), exposures, new r.
    p1 = win_probability(geom, w, None, params.probability)
    us, uf, usq = challenge_utilities(d, None)
    eu1 = expected_utility(p1, salience[:, None, :], us, uf, usq, spread, None,
                           params.q, params.t)
    r, flat = risk_exponents(exposure(eu1))

    # Step 3: with each actor's r.
    p = p1 if params.vote_exponent == "none" else win_probability(geom, w, r,
                                                                  params.probability)
    r_row = r[:, :, None]
    us, uf, usq = challenge_utilities(d, r_row)
    e_own = expected_utility(p, salience[:, None, :], us, uf, usq, spread, r_row,
                             params.q, params.t)
    if params.perspective == "target":
        e_other = np.swapaxes(e_own, -1, -2)
    else:
        # EU(j -> i) with i's exponent: the same utilities, P_ji, the target's (i's) salience,
        # and j's distance to the median.
        spread_t = None if spread is None else np.swapaxes(spread, -1, -2)
        e_other = expected_utility(np.swapaxes(p, -1, -2), salience[:, :, None], us, uf, usq,
                                   spread_t, r_row, params.q, params.t)

    # Step 4: offers and moves.
    new, kind = choose_moves(x, e_own, e_other, differ, capitulation=params.capitulation,
                             compromise=params.compromise, offer_choice=params.offer_choice)
    new = np.where(flat[:, None], x, new)
    kind = np.where(flat[:, None], 0, kind).astype(np.int8)
    out_new, out_r, out_kind = np.empty_like(new), np.empty_like(r), np.empty_like(kind)
    out_new[rows, order], out_r[rows, order], out_kind[rows, order] = new, r, kind
    return out_new, out_r, out_kind, flat


BLOCK_PAIRS = 50_000
"""Scenarios are played in blocks of about this many actor pairs (B n^2), so that a round's
temporaries stay in the processor's cache; rows are independent, so blocks change nothing."""


def eum_rounds(position: ArrayLike, capability: ArrayLike, salience: ArrayLike,
               options: EumParams, rounds: int | None = None, *,
               scale: ArrayLike | None = None) -> EumTrajectory:
    """Run the expected-utility model on B scenarios of the same shape at once.

    Contract:

    * ``position``, ``capability``, ``salience``: arrays shaped (B, n) (or (n,) for one
      scenario, B = 1); positions in the issue's own units, capability > 0 (only ratios
      matter), salience in [0, 1]. Row b is an independent scenario; actors are columns.
    * ``options``: an :class:`EumParams` (e.g. ``EumParams(**PRESETS["scholz-code"])``).
    * ``rounds``: the round limit (default ``options.rounds``).
    * ``scale``: (B,) or scalar issue widths (high - low), needed only for range="scale".
    * Returns an :class:`EumTrajectory` with the full (B, rounds + 1, n) trajectory.
    * Pure and deterministic: no randomness, inputs are not modified; results for a row do not
      depend on the other rows (batch results equal one-by-one results exactly). Degenerate
      rows (one actor, everyone at one position, a zero range, zero salience, equal exposures)
      give finite results, never NaN.
    * Cost per round O(B n^2 log n) time and O(B n^2) memory; at n = 1,000 one round needs
      about 20 matrices of 8 MB, so batch sizes should keep B n^2 below ~10^7.
    """
    x = _as_batch(position, "position")
    cap = np.broadcast_to(_as_batch(capability, "capability"), x.shape).astype(float)
    sal = np.broadcast_to(_as_batch(salience, "salience"), x.shape).astype(float)
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(cap)) and np.all(np.isfinite(sal))):
        raise ValueError("positions, capabilities and saliences must be finite")
    if np.any(cap < 0) or np.any(sal < 0) or np.any(sal > 1):
        raise ValueError("capabilities must be >= 0 and saliences in [0, 1]")
    limit = options.rounds if rounds is None else int(rounds)
    if limit < 0:
        raise ValueError("rounds must be >= 0")
    b, n = x.shape
    widths = None if scale is None else np.broadcast_to(
        np.asarray(scale, dtype=float), (b,)).copy()
    block = max(1, BLOCK_PAIRS // max(1, n * n))
    if b > block:
        parts = [_play(x[k:k + block], cap[k:k + block], sal[k:k + block], options, limit,
                       None if widths is None else widths[k:k + block])
                 for k in range(0, b, block)]
        return EumTrajectory(*(np.concatenate([getattr(p, f) for p in parts])
                               for f in ("positions", "median", "mean", "risk", "moves",
                                         "rounds_run", "stop")))
    return _play(x, cap, sal, options, limit, widths)


def _play(x: F, cap: F, sal: F, options: EumParams, limit: int,
          widths: F | None) -> EumTrajectory:
    """:func:`eum_rounds` on checked arrays (one block)."""
    b, n = x.shape
    initial = x.max(axis=-1) - x.min(axis=-1) if n else np.zeros(b)
    w = cap * sal

    positions = np.empty((b, limit + 1, n))
    risk = np.full((b, limit, n), np.nan)
    moves = np.zeros((b, limit, n), dtype=np.int8)
    positions[:, 0] = x
    rounds_run = np.zeros(b, dtype=np.intp)
    stop = np.zeros(b, dtype=np.intp)
    active = np.ones(b, dtype=bool) if n > 0 else np.zeros(b, dtype=bool)
    current = x.copy()
    for t in range(limit):
        rows = np.flatnonzero(active)
        if rows.size == 0:
            positions[:, t + 1:] = current[:, None, :]
            break
        xa = current[rows]
        width = _range(xa, options.range, initial[rows],
                       None if widths is None else widths[rows])
        play = play_round_t if n <= MAX_ACTORS else play_round
        new, r, kind, flat = play(xa, cap[rows], sal[rows], options, width)
        risk[rows, t] = r
        still = ~flat
        if options.stop == "converged":
            still &= np.abs(new - xa).max(axis=-1) > options.tolerance * width
            stop[rows[~still & ~flat]] = STOP_REASONS.index("converged")
        stop[rows[flat]] = STOP_REASONS.index("equal-exposures")
        played = rows[still]
        moves[played, t] = kind[still]
        current[played] = new[still]
        rounds_run[played] += 1
        active[rows[~still]] = False
        positions[:, t + 1] = current
    median = weighted_median(positions, w[:, None, :]) if n else np.full((b, limit + 1), np.nan)
    mean = weighted_mean(positions, w[:, None, :]) if n else np.full((b, limit + 1), np.nan)
    return EumTrajectory(positions=positions, median=np.asarray(median),
                         mean=np.asarray(mean), risk=risk, moves=moves,
                         rounds_run=rounds_run, stop=stop)
