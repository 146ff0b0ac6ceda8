"""Split-conformal intervals: the quantile by hand, coverage on exchangeable data, the
combination with a Monte Carlo spread, the shipped calibration and the DEU coverage."""

from __future__ import annotations

import math

import numpy as np
import pytest

from accord.errors import UsageError
from accord.validation.conformal import (
    LEVELS,
    combine,
    conformal_quantile,
    half_width,
    interval_cv,
    prediction_interval,
    shipped_calibration,
    spread_half_width,
)
from tests.conftest import REFERENCE, need_shared


def test_the_quantile_by_hand() -> None:
    r = [5.0, 1.0, 4.0, 2.0, 3.0, 9.0, 7.0, 8.0, 6.0]   # n = 9
    assert conformal_quantile(r, 0.8) == 8.0    # ceil(10 * 0.8) = 8th smallest
    assert conformal_quantile(r, 0.5) == 5.0    # ceil(5) = 5th
    assert conformal_quantile(r, 0.95) == math.inf   # ceil(9.5) = 10 > 9
    assert conformal_quantile([-3.0, 1.0, 2.0, 0.5], 0.5) == 2.0   # 3rd of 0.5, 1, 2, 3
    assert conformal_quantile(list(range(1, 10)), 0.7) == 7.0   # 10 * 0.7 is 7, not 7.0...01
    for bad, level in (([], 0.8), ([1.0], 1.0), ([np.nan], 0.5)):
        with pytest.raises(ValueError):
            conformal_quantile(bad, level)


@pytest.mark.parametrize("level", [0.5, 0.8, 0.9])
def test_coverage_on_exchangeable_data_is_the_level(level: float) -> None:
    """Calibrate on n draws, test on one more, many times: the coverage lies between the
    level and the level + 1/(n + 1) (Lei et al. 2018, theorem 2.2), up to sampling noise."""
    rng = np.random.default_rng(7)
    n, trials = 49, 20_000
    residuals = np.abs(rng.standard_t(3, size=(trials, n + 1)))   # heavy tails on purpose
    q = np.array([conformal_quantile(row[:n], level) for row in residuals])
    coverage = float(np.mean(residuals[:, n] <= q))
    noise = 3 * math.sqrt(level * (1 - level) / trials)
    assert level - noise <= coverage <= level + 1 / (n + 1) + noise


def test_combining_with_a_monte_carlo_spread_keeps_the_stated_coverage() -> None:
    """Outcome = forecast + input uncertainty (seen through Monte Carlo draws) + model error
    (calibrated by conformal residuals): the combined 80% interval holds about 80%."""
    rng = np.random.default_rng(11)
    calibration = np.abs(rng.normal(0.0, 6.0, size=400))     # model error, known inputs
    q = conformal_quantile(calibration, 0.8)
    hits = []
    for _ in range(3000):
        forecast = rng.uniform(30, 70)
        draws = forecast + rng.normal(0.0, 4.0, size=400)      # stated input uncertainty
        truth = forecast + rng.normal(0.0, 4.0) + rng.normal(0.0, 6.0)
        iv = prediction_interval(forecast, 0.0, 100.0, q, draws, 0.8)
        hits.append(iv.low <= truth <= iv.high)
    assert 0.77 <= float(np.mean(hits)) <= 0.83
    # either half-width alone falls short
    assert combine(q, 0.0) == q and combine(3.0, 4.0) == pytest.approx(5.0)


def test_intervals_on_an_issue_scale_and_clipped() -> None:
    iv = prediction_interval(7.0, 4.0, 10.0, 20.0)    # 20 points of 0-100 = 1.2 years
    assert (iv.low, iv.high) == pytest.approx((5.8, 8.2)) and iv.spread == 0.0
    edge = prediction_interval(95.0, 0.0, 100.0, 20.0)
    assert (edge.low, edge.high) == (75.0, 100.0)
    assert spread_half_width(np.arange(101.0), 0.8) == pytest.approx(40.0)
    assert spread_half_width([np.nan]) == 0.0


def test_cross_validated_coverage_by_hand() -> None:
    # two proposals a (residuals 1, 2) and b (residuals 10, 20), two folds: a's fold is covered
    # by b's quantile at 0.5 (ceil(1.5) = 2nd smallest: 20) and the other way by 2.
    forecasts = [50.0, 50.0, 50.0, 50.0]
    observed = np.array([51.0, 48.0, 60.0, 30.0])
    score = interval_cv("m", forecasts, observed, ["a", "a", "b", "b"], 2, 0, 0.5)
    assert score is not None
    assert score.coverage == 0.5 and score.n == 4
    assert sorted(score.fold_coverage) == [0.0, 1.0]
    assert score.mean_width == pytest.approx((40 + 40 + 4 + 4) / 4)
    assert interval_cv("m", [None] * 4, observed, ["a", "a", "b", "b"], 2, 0) is None


def test_the_shipped_calibration() -> None:
    data = shipped_calibration()
    assert data["levels"] == list(LEVELS)
    compromise = half_width("compromise")
    assert compromise is not None and 30 < compromise < 50
    assert half_width("eum") == half_width("eum", "scholz2011")
    assert half_width("procedural-compromise") is not None
    assert data["models"]["procedural-compromise[deu-dev]"]["residuals"] == "out-of-fold"
    assert half_width("no-such-model") is None
    with pytest.raises(UsageError, match=r"no calibration at level 0\.7"):
        half_width("compromise", level=0.7)
    widths = [half_width("compromise", level=lv) for lv in LEVELS]
    assert widths == sorted(widths)


def test_deu_cross_validated_coverage_of_the_two_compromise_models() -> None:
    """The figure of issue 16: 80% intervals hold between 75% and 85% of held-out outcomes."""
    need_shared()
    from accord.scenario.files import read_file
    from accord.validation import fitters
    from accord.validation.benchmark import run_benchmark
    from accord.validation.outcomes import outcome_set
    from accord.workflows.registry import MODELS

    path = REFERENCE / "deu" / "deu-dev.tsv"
    data = outcome_set(read_file(path).scenarios, str(path))
    models = {m: MODELS[m] for m in ("compromise", "procedural-compromise")}
    result = run_benchmark(data, models, fitters(), draws=0, seed=0, folds=10)
    coverage = {i.label: i for i in result.intervals}
    assert set(coverage) == {"compromise", "procedural-compromise[deu-dev]"}
    assert coverage["procedural-compromise[deu-dev]"].forecasts == "out-of-fold"
    for score in coverage.values():
        assert 0.75 <= score.coverage <= 0.85, score
        assert score.n == 248 and 50 < score.mean_width < 90
    shipped = shipped_calibration()["models"]
    assert shipped["compromise"]["cv_coverage_80"] == pytest.approx(
        coverage["compromise"].coverage, abs=1e-4)
