"""Inverse CDFs: bounds respected, moments right, degenerate distributions exact."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from accord.scenario.numbers import Normal, Triangular, Uniform
from accord.uncertainty.distributions import inverse_cdf, moments
from accord.uncertainty.seeds import child_uniforms

N = 40_000
U = child_uniforms(2024, 0, N, 1)[:, 0]

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)
sds = st.floats(min_value=0.01, max_value=8.0)


def _check(dist: Normal | Uniform | Triangular, low: float, high: float) -> None:
    x = inverse_cdf(dist, U)
    assert np.all(np.isfinite(x))
    assert x.min() >= low and x.max() <= high
    mean, sd = moments(dist)
    if sd == 0:
        assert np.all(x == dist.point)
        return
    # the mean within 5 standard errors, the sd within 5%
    assert abs(x.mean() - mean) <= 5 * sd / math.sqrt(N) + 1e-9 * max(1.0, abs(mean))
    assert abs(x.std() - sd) <= 0.05 * sd


@settings(max_examples=40, deadline=None)
@given(mean=finite, sd=positive, below=st.one_of(st.none(), sds), above=st.one_of(st.none(), sds))
def test_truncated_normal(mean: float, sd: float, below: float | None,
                          above: float | None) -> None:
    # bounds 0.01 to 8 sd from the mean (scipy's reference moments lose their digits for
    # bounds much closer than that)
    low = None if below is None else mean - below * sd
    high = None if above is None else mean + above * sd
    dist = Normal(dist="normal", mean=mean, sd=sd, low=low, high=high)
    _check(dist, -math.inf if low is None else low, math.inf if high is None else high)


@settings(max_examples=40, deadline=None)
@given(low=finite, width=positive)
def test_uniform(low: float, width: float) -> None:
    _check(Uniform(dist="uniform", low=low, high=low + width), low, low + width)


@settings(max_examples=40, deadline=None)
@given(low=finite, width=positive, at=st.floats(min_value=0, max_value=1))
def test_triangular(low: float, width: float, at: float) -> None:
    mode = min(low + at * width, low + width)
    _check(Triangular(dist="triangular", low=low, mode=mode, high=low + width), low,
           low + width)


def test_normal_matches_scipy_quantiles() -> None:
    u = np.array([1e-12, 0.001, 0.2, 0.5, 0.7, 0.999, 1 - 1e-12])
    dist = Normal(dist="normal", mean=70, sd=8, low=50, high=90)
    want = stats.truncnorm.ppf(u, (50 - 70) / 8, (90 - 70) / 8, loc=70, scale=8)
    assert np.allclose(inverse_cdf(dist, u), want, rtol=0, atol=1e-9)
    free = Normal(dist="normal", mean=3, sd=2)
    assert np.allclose(inverse_cdf(free, u), stats.norm.ppf(u, 3, 2), rtol=1e-12, atol=1e-9)


def test_triangular_and_uniform_match_scipy() -> None:
    u = np.linspace(0.01, 0.99, 9)
    tri = Triangular(dist="triangular", low=60, mode=70, high=90)
    want = stats.triang.ppf(u, (70 - 60) / 30, loc=60, scale=30)
    assert np.allclose(inverse_cdf(tri, u), want, atol=1e-9)
    assert np.allclose(inverse_cdf(Uniform(dist="uniform", low=60, high=80), u), 60 + 20 * u)


def test_draws_grow_with_the_uniform() -> None:
    u = np.sort(U[:500])
    for dist in (Normal(dist="normal", mean=0, sd=1, low=-1, high=3),
                 Uniform(dist="uniform", low=2, high=3),
                 Triangular(dist="triangular", low=0, mode=0, high=5)):
        assert np.all(np.diff(inverse_cdf(dist, u)) >= 0)


@pytest.mark.parametrize("dist", [
    Normal(dist="normal", mean=42.5, sd=0),
    Normal(dist="normal", mean=42.5, sd=0, low=0, high=100),
    Normal(dist="normal", mean=42.5, sd=3, low=42.5, high=42.5),
    Uniform(dist="uniform", low=42.5, high=42.5),
    Triangular(dist="triangular", low=42.5, mode=42.5, high=42.5),
])
def test_zero_width_gives_the_point_exactly(dist: Normal | Uniform | Triangular) -> None:
    assert np.all(inverse_cdf(dist, U[:100]) == 42.5)
