"""Accuracy of point forecasts against observed outcomes, with bootstrap intervals.

All figures are on the 0-100 scale of the issue (the DEU convention; other scales are mapped
onto 0-100 first, see :mod:`accord.validation.outcomes`):

* absolute error |forecast - observed| per issue;
* MAE (mean absolute error), median absolute error, and the share of issues forecast within
  10 points (``|error| <= 10``).

Bootstrap intervals (percentile method, Efron & Tibshirani 1993, ch. 13):

1. the resampling unit is the *proposal* (the group of issues decided together), not the
   single issue: issues of one proposal share actors, negotiations and coders, so their errors
   are correlated and resampling issues alone would give intervals that are too narrow;
2. draw as many groups as there are, with replacement, from an explicit seeded
   ``numpy.random.Generator``; the statistic is computed on all issues of the drawn groups
   (a group drawn twice counts twice);
3. repeat B times; the 95% interval is the 2.5th and 97.5th percentile of the B statistics.

With every issue its own group this is the ordinary issue bootstrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]

WITHIN = 10.0
"""The "forecast within 10 points" threshold of the DEU literature (0-100 scale)."""


@dataclass(frozen=True)
class Interval:
    """A two-sided interval (bootstrap percentile interval)."""

    low: float
    high: float

    def contains(self, value: float, tol: float = 1e-12) -> bool:
        return self.low - tol <= value <= self.high + tol


@dataclass(frozen=True)
class Scores:
    """Accuracy over ``n`` issues; intervals are ``None`` when no bootstrap was asked for."""

    n: int
    mae: float
    median_ae: float
    within10: float
    mae_ci: Interval | None = None
    median_ae_ci: Interval | None = None
    within10_ci: Interval | None = None


def absolute_errors(forecast: Sequence[float] | F, observed: Sequence[float] | F) -> F:
    """|forecast - observed| element by element (equal lengths, finite values)."""
    f = np.asarray(forecast, dtype=float)
    o = np.asarray(observed, dtype=float)
    if f.shape != o.shape:
        raise ValueError(f"forecast and observed differ in shape: {f.shape} vs {o.shape}")
    if not (np.all(np.isfinite(f)) and np.all(np.isfinite(o))):
        raise ValueError("forecasts and outcomes must be finite numbers")
    return np.asarray(np.abs(f - o))


def _stats(errors: F) -> F:
    """MAE, median AE and share within 10 over the last axis (NaN-free input)."""
    return np.stack([errors.mean(axis=-1), np.median(errors, axis=-1),
                     (errors <= WITHIN + 1e-9).mean(axis=-1)], axis=-1)


def score(errors: Sequence[float] | F) -> Scores:
    """Point scores of a vector of absolute errors (at least one)."""
    e = np.asarray(errors, dtype=float)
    if e.ndim != 1 or e.size == 0:
        raise ValueError("score needs a non-empty vector of absolute errors")
    mae, med, within = _stats(e)
    return Scores(n=int(e.size), mae=float(mae), median_ae=float(med), within10=float(within))


def bootstrap_scores(errors: Sequence[float] | F, groups: Sequence[str] | None,
                     rng: np.random.Generator, draws: int = 2000,
                     level: float = 0.95) -> Scores:
    """Point scores plus percentile bootstrap intervals, resampling whole groups.

    ``groups`` names each issue's proposal (``None``: every issue is its own group). Same
    ``rng`` state, same intervals.
    """
    e = np.asarray(errors, dtype=float)
    point = score(e)
    if draws <= 0:
        return point
    labels = list(range(e.size)) if groups is None else list(groups)
    if len(labels) != e.size:
        raise ValueError("one group label per error is needed")
    _, codes = np.unique(np.asarray(labels, dtype=object).astype(str), return_inverse=True)
    n_groups = int(codes.max()) + 1
    picks = rng.integers(0, n_groups, size=(draws, n_groups))
    counts = np.zeros((draws, n_groups), dtype=np.int64)
    np.add.at(counts, (np.arange(draws)[:, None], picks), 1)
    # Each issue counts as often as its group was drawn: MAE, share and median are weighted.
    order = np.argsort(e, kind="stable")
    weights = counts[:, codes[order]]                      # (draws, issues), sorted by error
    total = weights.sum(axis=1)
    mae = (weights * e[order]).sum(axis=1) / total
    within = (weights * (e[order] <= WITHIN + 1e-9)).sum(axis=1) / total
    cum = np.cumsum(weights, axis=1)
    sorted_e = e[order]
    lower = sorted_e[np.argmax(cum > ((total - 1) // 2)[:, None], axis=1)]
    upper = sorted_e[np.argmax(cum > (total // 2)[:, None], axis=1)]
    median = (lower + upper) / 2
    q = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]

    def interval(values: F) -> Interval:
        lo, hi = np.percentile(values, q)
        return Interval(float(lo), float(hi))

    return Scores(n=point.n, mae=point.mae, median_ae=point.median_ae, within10=point.within10,
                  mae_ci=interval(mae), median_ae_ci=interval(median),
                  within10_ci=interval(within))
