"""Property tests of the baseline models' mathematics (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.models.baselines import compromise, weighted_median

N = st.integers(min_value=1, max_value=25)
FINITE = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
WEIGHT = st.floats(min_value=0.01, max_value=1e3, allow_nan=False, allow_infinity=False)


@st.composite
def actors(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(N)
    x = draw(arrays(np.float64, n, elements=FINITE))
    w = draw(arrays(np.float64, n, elements=WEIGHT))
    return x, w


@settings(max_examples=300)
@given(actors(), FINITE, st.floats(min_value=0.01, max_value=1e3))
def test_compromise_ignores_zero_weight_and_scale(data: tuple[np.ndarray, np.ndarray],
                                                  extra: float, scale: float) -> None:
    x, w = data
    base = compromise(x, w)
    assert compromise(np.append(x, extra), np.append(w, 0.0)) == np.float64(base) or np.isclose(
        compromise(np.append(x, extra), np.append(w, 0.0)), base, rtol=1e-12, atol=1e-9)
    assert np.isclose(compromise(x, w * scale), base, rtol=1e-12, atol=1e-9)
    assert x.min() - 1e-9 <= base <= x.max() + 1e-9


@settings(max_examples=300)
@given(actors(), st.floats(min_value=-1e3, max_value=1e3))
def test_compromise_moves_with_the_scale(data: tuple[np.ndarray, np.ndarray],
                                         shift: float) -> None:
    x, w = data
    assert np.isclose(compromise(x + shift, w), compromise(x, w) + shift, atol=1e-8)


@settings(max_examples=300)
@given(actors())
def test_weighted_median_minimises_weighted_distance(data: tuple[np.ndarray,
                                                                 np.ndarray]) -> None:
    x, w = data
    m = weighted_median(x, w)
    assert m in x
    cost = lambda y: float(np.sum(w * np.abs(x - y)))  # noqa: E731
    best = min(cost(y) for y in x)
    assert cost(m) <= best * (1 + 1e-9) + 1e-9


@settings(max_examples=300)
@given(actors(), st.floats(min_value=0.01, max_value=1e3), FINITE)
def test_weighted_median_scale_free_and_ignores_zero_weight(
        data: tuple[np.ndarray, np.ndarray], scale: float, extra: float) -> None:
    x, w = data
    m = weighted_median(x, w)
    assert weighted_median(x, w * scale) == m
    assert weighted_median(np.append(x, extra), np.append(w, 0.0)) == m


@settings(max_examples=100)
@given(st.integers(1, 8), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_batched_equals_one_by_one(batch: int, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, (batch, n))
    w = rng.uniform(0, 5, (batch, n))
    for fn in (compromise, weighted_median):
        together = fn(x, w)
        assert together.shape == (batch,)
        for b in range(batch):
            assert together[b] == fn(x[b], w[b])


def test_all_zero_weights_fall_back_to_unweighted() -> None:
    x = np.array([10.0, 20.0, 60.0])
    assert compromise(x, np.zeros(3)) == 30.0
    assert weighted_median(x, np.zeros(3)) == 20.0
