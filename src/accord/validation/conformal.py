"""Prediction intervals that hold what they state: split-conformal, calibrated on DEU outcomes.

A model's point forecast says nothing of its error; the Monte Carlo spread of accord shows only
how the forecast moves with the stated uncertainty of the inputs (on the built-in case about
half a point, while the compromise model misses decisions with known outcomes by 23 points on
average). Split-conformal prediction [Vovk, Gammerman & Shafer 2005; Lei et al. 2018]
calibrates the interval on decisions with known outcomes instead:

1. residuals r_k = |y_k - f_k| of the model on n calibration issues (DEU development split,
   0-100 scale; for a model fitted on those data, out-of-fold residuals: each issue forecast
   by parameters fitted without its proposal);
2. the half-width at level 1 - a is q = the ceil((n + 1)(1 - a))-th smallest residual
   (infinite when that rank exceeds n);
3. the interval of a new forecast f is [f - q, f + q], clipped to the scale. When the new
   issue and the calibration issues are exchangeable, it holds the outcome with probability at
   least 1 - a, and at most 1 - a + 1/(n + 1) when residuals are distinct;
4. with uncertain inputs, the Monte Carlo draws of the forecast add their own spread: half of
   their central 1 - a interval, h. The two are added in quadrature, sqrt(q^2 + h^2) around the
   median draw, which is exact for independent normal errors. The DEU residuals already include
   the error of expert-coded inputs, so when the stated uncertainty only restates such coding
   error the combined interval is conservative.

:func:`interval_cv` measures the coverage honestly (the ``accord benchmark deu`` figures): the
folds by proposal of :mod:`accord.validation.folds`; each held-out fold is covered by the
quantile of the other folds' residuals. The package ships the calibration of every model on
the whole development split (``conformal.json`` beside this module, written by
``benchmarks/calibrate_conformal.py``); :func:`half_width` reads it. Using DEU residuals for
another negotiation assumes its issues are like EU legislative issues; nothing better is known.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.validation.folds import group_folds, splits

F = NDArray[np.float64]

CALIBRATION_FILE = "conformal.json"
LEVELS: tuple[float, ...] = (0.5, 0.8, 0.9, 0.95)
"""The levels the shipped calibration holds."""
DEFAULT_LEVEL = 0.8


def conformal_quantile(residuals: Sequence[float] | F, level: float) -> float:
    """Step 2: the split-conformal half-width at ``level`` from absolute residuals."""
    r = np.sort(np.abs(np.asarray(residuals, dtype=float)))
    if r.size == 0:
        raise ValueError("conformal calibration needs at least one residual")
    if not 0.0 < level < 1.0:
        raise ValueError(f"the level must lie in (0, 1), got {level}")
    if not np.all(np.isfinite(r)):
        raise ValueError("residuals must be finite")
    rank = math.ceil((r.size + 1) * level - 1e-9)   # 10 * 0.7 = 7.000000000000001
    return math.inf if rank > r.size else float(r[rank - 1])


@dataclass(frozen=True)
class IntervalScore:
    """Cross-validated coverage and width of one model's conformal intervals (0-100)."""

    label: str
    level: float
    n: int
    coverage: float
    mean_width: float
    fold_coverage: tuple[float, ...]
    forecasts: str          # "as run" or "out-of-fold"


def interval_cv(label: str, forecasts: Sequence[float | None], observed: F,
                groups: Sequence[str], folds: int, seed: int,
                level: float = DEFAULT_LEVEL, kind: str = "as run") -> IntervalScore | None:
    """Coverage of held-out folds by the quantile of the other folds' residuals.

    Folds are dealt by proposal over every scored issue (the same folds as the
    cross-validation of fitted models); issues the model does not forecast are left out.
    None when the model forecasts nothing.
    """
    fold_of = group_folds(groups, folds, seed)
    values = np.array([np.nan if v is None else v for v in forecasts], dtype=float)
    keep = ~np.isnan(values)
    if not keep.any():
        return None
    residual = np.abs(values - np.asarray(observed, dtype=float))
    covered = np.zeros(len(values), dtype=bool)
    width = np.full(len(values), np.nan)
    per_fold = []
    for train, test in splits(fold_of):
        train, test = train & keep, test & keep
        if not test.any():
            continue
        if not train.any():
            raise UsageError("a fold's training part holds no forecast: use fewer folds")
        q = conformal_quantile(residual[train], level)
        covered[test] = residual[test] <= q
        low = np.clip(values[test] - q, 0.0, 100.0)
        high = np.clip(values[test] + q, 0.0, 100.0)
        width[test] = high - low
        per_fold.append(float(covered[test].mean()))
    return IntervalScore(label, level, int(keep.sum()), float(covered[keep].mean()),
                         float(np.nanmean(width[keep])), tuple(per_fold), kind)


def calibration_entry(residuals: Sequence[float] | F, kind: str) -> dict[str, Any]:
    """One model's entry of the shipped calibration: n, the residuals' kind, half-widths."""
    r = np.asarray(residuals, dtype=float)
    return {"n": int(r.size), "residuals": kind,
            "half_width": {f"{lv:g}": conformal_quantile(r, lv) for lv in LEVELS}}


@functools.cache
def shipped_calibration() -> dict[str, Any]:
    """The calibration shipped with the package (``conformal.json``)."""
    text = resources.files("accord.validation").joinpath(CALIBRATION_FILE).read_text(
        encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def half_width(model: str, preset: str | None = None,
               level: float = DEFAULT_LEVEL) -> float | None:
    """The shipped half-width (0-100 points) of ``model`` (``preset``: its default when None,
    as labelled by the benchmark), or None when that model is not calibrated."""
    models = shipped_calibration()["models"]
    entry = models.get(f"{model}[{preset}]" if preset else model)
    if entry is None and preset is None:
        entry = next((v for k, v in models.items() if k.startswith(f"{model}[")
                      and v.get("default")), None)
    if entry is None:
        return None
    key = f"{level:g}"
    if key not in entry["half_width"]:
        raise UsageError(f"no calibration at level {level:g} (levels: "
                         f"{', '.join(entry['half_width'])})")
    value = entry["half_width"][key]
    return None if value is None else float(value)


@dataclass(frozen=True)
class PredictionInterval:
    """An interval on the issue's own scale, and where its width comes from (0-100 points)."""

    low: float
    high: float
    center: float
    level: float
    conformal: float        # half-width from the calibration
    spread: float           # half-width of the Monte Carlo draws (0 without draws)

    @property
    def half_width(self) -> float:
        return combine(self.conformal, self.spread)


def combine(conformal: float, spread: float) -> float:
    """Step 4: the two half-widths added in quadrature."""
    return float(math.hypot(conformal, spread))


def spread_half_width(draws: Sequence[float] | F, level: float = DEFAULT_LEVEL) -> float:
    """Half the central ``level`` interval of Monte Carlo draws (same units as the draws)."""
    d = np.asarray(draws, dtype=float)
    d = d[np.isfinite(d)]
    if d.size == 0:
        return 0.0
    a = (1.0 - level) / 2.0
    lo, hi = np.quantile(d, [a, 1.0 - a])
    return float(hi - lo) / 2.0


def prediction_interval(forecast: float, low: float, high: float, conformal: float,
                        draws: Sequence[float] | F | None = None,
                        level: float = DEFAULT_LEVEL) -> PredictionInterval:
    """Steps 3-4 on an issue scaled [low, high]: ``conformal`` is the half-width in 0-100
    points (:func:`half_width`); ``draws`` the Monte Carlo forecasts on the issue's scale."""
    unit = (high - low) / 100.0
    center, spread = float(forecast), 0.0
    if draws is not None and np.isfinite(np.asarray(draws, dtype=float)).any():
        d = np.asarray(draws, dtype=float)
        center = float(np.median(d[np.isfinite(d)]))
        spread = spread_half_width(d, level) / unit
    h = combine(conformal, spread) * unit
    return PredictionInterval(max(low, center - h), min(high, center + h), center, level,
                              conformal, spread)
