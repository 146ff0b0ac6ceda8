"""Draws as plain scenarios and as stacked arrays, for the batch bargaining tests.

Each draw is a plain scenario (no distributions) whose numbers are row b of the arrays, so
the single analysis (:func:`accord.bargaining.analyse`) and the batch one see exactly the
same inputs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from accord.bargaining import BargainOptions, analyse
from accord.bargaining.batch import BatchVerdict, analyse_draws, frame
from accord.bargaining.zopa import blocking_pairs
from accord.scenario.arrays import scenario_arrays
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario


def stack(draws: Sequence[Scenario]) -> tuple[np.ndarray, ...]:
    """capability (B, n), position, salience, reservation (B, n, m), drift (B, C), no-deal
    drift (B, m; NaN where the no-deal outcome does not move)."""
    arrays = [scenario_arrays(s) for s in draws]
    drift = np.array([[point(c.drift) for c in s.costs] for s in draws], dtype=float)
    no_deal = np.array([[np.nan if i.status_quo_drift is None else point(i.status_quo_drift.drift)
                         for i in s.issues] for s in draws], dtype=float)
    return (np.stack([a.capability for a in arrays]), np.stack([a.position for a in arrays]),
            np.stack([a.salience for a in arrays]), np.stack([a.reservation for a in arrays]),
            drift.reshape(len(draws), -1), no_deal.reshape(len(draws), -1))


def batch(draws: Sequence[Scenario], options: BargainOptions, block: int = 2048
          ) -> BatchVerdict:
    return analyse_draws(frame(draws[0], options), *stack(draws), block=block)


def check_against_single(draws: Sequence[Scenario], options: BargainOptions,
                         block: int = 2048) -> BatchVerdict:
    """Every per-draw output of the batch analysis equals ``analyse`` on that draw."""
    got = batch(draws, options, block)
    for b, scn in enumerate(draws):
        a = analyse(scn, options)
        assert bool(got.deal[b]) == a.check.feasible, (b, "verdict")
        assert got.opening[b] == (-1 if a.opening.month is None else a.opening.month), \
            (b, "opening", got.opening[b], a.opening.month)
        assert bool(got.never[b]) == a.opening.never, (b, "never")
        for j, zone in enumerate(a.zones):
            assert bool(got.zones.open[b, j]) == (zone is not None), (b, j, "zone")
            if zone is not None:
                assert (got.zones.low[b, j], got.zones.high[b, j]) == zone, (b, j)
    return got


def blocking_sets(draws: Sequence[Scenario], options: BargainOptions
                  ) -> list[tuple[set[tuple[str, str, str, float]], ...]]:
    """Per draw: the crossing pairs of the batch and of ``blocking_pairs`` (gaps rounded)."""
    from accord.bargaining.batch import batch_problem, blocking
    from accord.bargaining.problem import build_problem

    fr = frame(draws[0], options)
    cap, pos, sal, res, *_ = stack(draws)
    bp = batch_problem(fr, cap, pos, sal, res, every=True)
    gaps = blocking(bp)
    out = []
    for b, scn in enumerate(draws):
        mine = {(fr.actors[a], fr.actors[c], fr.issues[j], round(float(gaps[b, a, c, j]), 9))
                for a, c, j in zip(*np.nonzero(~np.isnan(gaps[b])), strict=True)}
        theirs = {(p.actors[0], p.actors[1], p.issue, round(p.gap, 9))
                  for p in blocking_pairs(build_problem(scn, options))}
        out.append((mine, theirs))
    return out
