"""Brier and log scores and calibration, checked against values worked out by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.ledger.forecast_scores import (
    LOG_FLOOR,
    brier,
    calibration,
    group_score,
    log_score,
    score_groups,
)
from accord.ledger.prediction_forecasts import prediction_forecasts
from tests.unit.store.helpers import talks


@dataclass(frozen=True)
class F:
    probability: float | None = None
    value: float | None = None
    outcome: float | None = None
    author: str = ""


def test_single_forecast_scores() -> None:
    assert brier(0.8, 1) == pytest.approx(0.04)
    assert brier(0.8, 0) == pytest.approx(0.64)
    assert log_score(0.8, 1) == pytest.approx(math.log(0.8))
    assert log_score(0.8, 0) == pytest.approx(math.log(0.2))
    assert log_score(0.5, 1) == log_score(0.5, 0) == pytest.approx(-0.6931472)
    assert log_score(1.0, 0) == pytest.approx(math.log(LOG_FLOOR))   # not minus infinity
    assert log_score(0.0, 0) == 0.0 and brier(1.0, 1) == 0.0


def test_scores_of_the_test_case_worked_out_by_hand() -> None:
    # p1 (A): 0.8, true; p2 (B): 0.3, false; p3 (A): 0.6, false; p4 (B): a claim, true;
    # p5 (C): value 70, came out 75; p6 (A): 0.5, open.
    #   A: Brier ((0.8-1)^2 + 0.6^2)/2 = (0.04 + 0.36)/2 = 0.2
    #      log  (ln 0.8 + ln 0.4)/2 = (-0.2231436 - 0.9162907)/2 = -0.5697171
    #   B: Brier 0.3^2 = 0.09; log ln 0.7 = -0.3566749; claims 1 of 1 came true
    #   C: mean absolute error |70 - 75| = 5
    #   all: Brier (0.04 + 0.09 + 0.36)/3 = 0.1633333
    #        log (-0.2231436 - 0.3566749 - 0.9162907)/3 = -0.4987031
    items = [F(f.probability, f.value, f.outcome, f.author or "")
             for f in prediction_forecasts([talks(2025)])]
    a, b, c = score_groups(items, lambda f: f.author)
    assert (a.group, a.forecasts, a.resolved, a.probabilities) == ("Analyst A", 3, 2, 2)
    assert a.brier == pytest.approx(0.2, abs=1e-12)
    assert a.log_score == pytest.approx(-0.5697171, abs=1e-7)
    assert (b.brier, b.statements, b.came_true) == (pytest.approx(0.09), 1, 1)
    assert b.log_score == pytest.approx(-0.3566749, abs=1e-7)
    assert (c.values, c.mean_abs_error, c.brier, c.log_score) == (1, 5.0, None, None)
    total = group_score("all", items)
    assert total.brier == pytest.approx(0.1633333, abs=1e-7)
    assert total.log_score == pytest.approx(-0.4987031, abs=1e-7)
    assert (total.forecasts, total.resolved) == (6, 5)


def test_calibration_bins() -> None:
    items = [F(0.0, outcome=0), F(0.1, outcome=0), F(0.3, outcome=1), F(0.35, outcome=0),
             F(0.7, outcome=1), F(1.0, outcome=1), F(0.99, outcome=0), F(0.5),   # open
             F(value=3, outcome=3)]                                              # a value
    bins = calibration(items, 10)
    assert len(bins) == 10 and sum(b.count for b in bins) == 7
    assert [b.count for b in bins] == [1, 1, 0, 2, 0, 0, 0, 1, 0, 2]
    assert bins[3].mean_probability == pytest.approx(0.325) and bins[3].observed == 0.5
    assert bins[9].observed == 0.5 and bins[9].hits == 1 and bins[9].high == 1.0
    assert bins[2].mean_probability is None and bins[2].observed is None
    assert [b.count for b in calibration(items, 2)] == [4, 3]
    with pytest.raises(ValueError, match="at least 1"):
        calibration(items, 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=40),
       st.integers(1, 20))
def test_score_properties(pairs: list[tuple[float, bool]], nbins: int) -> None:
    items = [F(p, outcome=float(o)) for p, o in pairs]
    g = group_score("g", items)
    assert g.brier is not None and 0.0 <= g.brier <= 1.0
    assert g.log_score is not None and math.log(LOG_FLOOR) <= g.log_score <= 0.0
    bins = calibration(items, nbins)
    assert sum(b.count for b in bins) == len(items)
    for b in bins:
        if b.count:
            assert b.mean_probability is not None
            assert b.low - 1e-9 <= b.mean_probability <= b.high + 1e-9
    perfect = group_score("p", [F(float(o), outcome=float(o)) for _, o in pairs])
    assert perfect.brier == 0.0 and perfect.log_score == 0.0
