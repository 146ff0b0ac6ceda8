"""Uniforms -> draws: the inverse CDF of each distribution a scenario number may be.

Inverse-transform sampling [Devroye 1986, ch. II.2]: a uniform u in (0, 1) maps to F^-1(u), so
draw k of an input depends only on draw k's own uniform (see :mod:`accord.uncertainty.seeds`),
and the mapping is monotone (a larger u gives a larger value: rank correlations with the
inputs are rank correlations with the uniforms).

* Normal(mean, sd) truncated to [low, high] (either bound optional):
  z = Phi^-1(Phi(a) + u (Phi(b) - Phi(a))), a = (low - mean)/sd, b = (high - mean)/sd, and
  x = mean + sd z; the upper half of u uses the mirrored formula on the upper tail, so both
  tails keep their digits. sd = 0 gives the mean exactly.
* Uniform(low, high): low + u (high - low).
* Triangular(low, mode, high): low + sqrt(u (high - low)(mode - low)) below
  F(mode) = (mode - low)/(high - low), else high - sqrt((1 - u)(high - low)(high - mode)).

A degenerate distribution (sd 0, low = high) returns its point value exactly, so a run with
only such distributions reproduces the deterministic result.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from accord.scenario.numbers import Normal, Triangular, Uniform

F = NDArray[np.float64]
Distribution = Normal | Uniform | Triangular


def inverse_cdf(dist: Distribution, u: F) -> F:
    """Draws of ``dist`` for uniforms ``u`` (any shape, values in (0, 1))."""
    u = np.asarray(u, dtype=float)
    if isinstance(dist, Normal):
        return truncated_normal(dist.mean, dist.sd, dist.low, dist.high, u)
    if isinstance(dist, Uniform):
        if dist.low == dist.high:
            return np.full(u.shape, dist.low)
        return np.asarray(dist.low + u * (dist.high - dist.low))
    return triangular(dist.low, dist.mode, dist.high, u)


def truncated_normal(mean: float, sd: float, low: float | None, high: float | None,
                     u: F) -> F:
    """Inverse CDF of a normal truncated to [low, high] (None: unbounded on that side)."""
    if sd == 0:
        return np.full(u.shape, float(mean))
    from scipy.special import ndtr, ndtri  # scipy loads only when a normal is drawn

    a = -math.inf if low is None else (low - mean) / sd
    b = math.inf if high is None else (high - mean) / sd
    lower_a, lower_b = float(ndtr(a)), float(ndtr(b))      # P(Z < a), P(Z < b)
    upper_a, upper_b = float(ndtr(-a)), float(ndtr(-b))    # P(Z > a), P(Z > b)
    below = u < 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        z_low = ndtri(lower_a + u * (lower_b - lower_a))
        z_high = -ndtri(upper_b + (1.0 - u) * (upper_a - upper_b))
    z = np.where(below, z_low, z_high)
    x = mean + sd * z
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    return np.asarray(np.clip(x, lo, hi))


def triangular(low: float, mode: float, high: float, u: F) -> F:
    """Inverse CDF of the triangular distribution on [low, high] peaking at ``mode``."""
    width = high - low
    if width == 0:
        return np.full(u.shape, float(low))
    cut = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.asarray(np.where(u < cut, left, right))


def moments(dist: Distribution) -> tuple[float, float]:
    """Mean and standard deviation of ``dist`` (for tests and notes)."""
    if isinstance(dist, Uniform):
        return (dist.low + dist.high) / 2, (dist.high - dist.low) / math.sqrt(12)
    if isinstance(dist, Triangular):
        a, c, b = dist.low, dist.mode, dist.high
        var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        return (a + b + c) / 3, math.sqrt(max(var, 0.0))
    if dist.sd == 0:
        return dist.mean, 0.0
    from scipy.stats import truncnorm  # scipy.stats: 0.5 s to import, only when used

    lo = -math.inf if dist.low is None else (dist.low - dist.mean) / dist.sd
    hi = math.inf if dist.high is None else (dist.high - dist.mean) / dist.sd
    m, v = truncnorm.stats(lo, hi, loc=dist.mean, scale=dist.sd, moments="mv")
    return float(m), math.sqrt(float(v))
