"""Streaming aggregates merge to the whole, and rank correlations equal scipy's."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from accord.uncertainty.aggregate import BINS, BargainCounts, SeriesStats
from accord.uncertainty.sensitivity import _ranks, ranked, spearman


def test_chunks_merged_in_order_equal_the_whole() -> None:
    rng = np.random.default_rng(1)
    values = np.column_stack([rng.uniform(0, 100, 5000), rng.normal(7, 0.5, 5000),
                              np.full(5000, np.nan), np.full(5000, 42.0)])
    values[::7, 1] = np.nan
    low, high = np.array([0, 4, 0, 0.0]), np.array([100, 10, 100, 100.0])
    whole = SeriesStats.of(values, low, high)
    merged = SeriesStats.empty(low, high)
    for start in range(0, 5000, 900):
        merged = merged.merge(SeriesStats.of(values[start:start + 900], low, high))
    assert np.array_equal(merged.counts, whole.counts) and np.array_equal(merged.n, whole.n)
    assert np.allclose(merged.mean, whole.mean, rtol=1e-13)
    assert np.allclose(merged.sd(), whole.sd(), rtol=1e-11)
    finite = values[:, 1][np.isfinite(values[:, 1])]
    assert merged.n[1] == finite.size and abs(merged.sd()[1] - finite.std(ddof=1)) < 1e-12
    assert merged.quantile(2, 50) is None and merged.n[2] == 0
    assert merged.quantile(3, 5) == merged.quantile(3, 95) == 42.0
    assert merged.chart_counts(0) == [int(c) for c in whole.counts[0].reshape(100, -1).sum(1)]
    assert sum(merged.chart_counts(0)) == 5000 and merged.counts.shape == (4, BINS)


def test_values_at_the_ends_of_the_range_are_counted() -> None:
    s = SeriesStats.of(np.array([[0.0], [100.0], [100.0]]), np.array([0.0]), np.array([100.0]))
    assert s.counts[0, 0] == 1 and s.counts[0, -1] == 2
    low, high = s.quantile(0, 5), s.quantile(0, 95)
    assert low is not None and high is not None
    assert 0 <= low <= 100 / BINS and 100 - 100 / BINS <= high <= 100


def test_bargain_counts() -> None:
    deal = np.array([True, False, False, False])
    zones = np.array([[True, False], [True, True], [False, False], [True, False]])
    opening = np.array([0, 5, -1, -1])
    never = np.array([False, False, True, False])
    c = BargainCounts.of(deal, zones, opening, never, 6)
    assert (c.draws, c.deal, c.beyond, c.never) == (4, 1, 2, 1)
    assert c.zones.tolist() == [3, 1] and c.opening.tolist() == [1, 0, 0, 0, 0, 1, 0]
    both = c.merge(c)
    assert both.draws == 8 and both.opening.tolist() == [2, 0, 0, 0, 0, 2, 0]


def test_ranks_equal_scipy_rankdata_with_ties_and_nan() -> None:
    rng = np.random.default_rng(5)
    x = rng.random((300, 6))
    x[:, ::2] = np.round(x[:, ::2] * 3)              # many ties
    x[7, 5] = np.nan                                 # a column with a NaN: NaN throughout
    for values in (x, x[:1], x[:2, :0]):
        assert np.array_equal(_ranks(values), stats.rankdata(values, axis=0, method="average"),
                              equal_nan=True)


def test_spearman_equals_scipy_and_handles_gaps() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(400, 3))
    x[:, 2] = np.round(x[:, 2])                      # ties
    y = np.column_stack([x[:, 0] ** 3 + 0.1 * rng.normal(size=400), -x[:, 1],
                         np.ones(400), x[:, 2] + x[:, 0]])
    y[::5, 3] = np.nan
    rho = spearman(x, y)
    for i in range(3):
        for k in (0, 1):
            assert abs(rho[i, k] - stats.spearmanr(x[:, i], y[:, k])[0]) < 1e-12
        rows = np.isfinite(y[:, 3])
        assert abs(rho[i, 3] - stats.spearmanr(x[rows, i], y[rows, 3])[0]) < 1e-12
    assert np.all(np.isnan(rho[:, 2]))               # a constant output has no correlation
    assert rho[1, 1] == pytest.approx(-1.0, abs=1e-12)
    names = ["a", "b", "c"]
    top = ranked(rho[:, 0], names)
    assert next(t["input"] for t in top) == "a" and len(ranked(rho[:, 2], names)) == 0
