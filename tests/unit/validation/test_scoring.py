"""Scores against hand-computed values; bootstrap intervals reproducible and sensible."""

from __future__ import annotations

import numpy as np
import pytest

from accord.validation.scoring import absolute_errors, bootstrap_scores, score


def test_scores_match_hand_computation() -> None:
    errors = absolute_errors([10, 50, 72, 0, 95], [0, 50, 60, 30, 100])
    assert errors.tolist() == [10, 0, 12, 30, 5]
    s = score(errors)
    assert s.n == 5
    assert s.mae == pytest.approx(57 / 5)
    assert s.median_ae == 10
    assert s.within10 == pytest.approx(3 / 5)   # 10 (exactly 10 counts), 0 and 5


def test_even_count_median_is_the_average_of_the_middle_two() -> None:
    assert score([1.0, 2.0, 4.0, 8.0]).median_ae == 3.0


def test_bad_vectors_are_rejected() -> None:
    with pytest.raises(ValueError):
        absolute_errors([1, 2], [1])
    with pytest.raises(ValueError):
        absolute_errors([np.nan], [1])
    with pytest.raises(ValueError):
        score([])


def _naive(errors: np.ndarray, groups: list[str], seed: int, draws: int) -> np.ndarray:
    """The bootstrap written the slow, obvious way (the same random draws)."""
    labels = sorted(set(groups))
    members = {g: errors[[k for k, x in enumerate(groups) if x == g]] for g in labels}
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(labels), size=(draws, len(labels)))
    out = []
    for row in picks:
        e = np.concatenate([members[labels[g]] for g in row])
        out.append([e.mean(), np.median(e), (e <= 10).mean()])
    return np.array(out)


def test_bootstrap_equals_the_naive_resampling_of_proposals() -> None:
    rng = np.random.default_rng(5)
    errors = np.round(rng.uniform(0, 60, 40))
    groups = [f"p{k % 9}" for k in range(40)]
    s = bootstrap_scores(errors, groups, np.random.default_rng(11), draws=300)
    naive = _naive(errors, groups, 11, 300)
    for column, ci in enumerate((s.mae_ci, s.median_ae_ci, s.within10_ci)):
        assert ci is not None
        lo, hi = np.percentile(naive[:, column], [2.5, 97.5])
        assert (ci.low, ci.high) == pytest.approx((lo, hi))


def test_bootstrap_is_reproducible_and_contains_the_point_estimate() -> None:
    rng = np.random.default_rng(1)
    errors = rng.exponential(20, 120)
    groups = [f"p{k // 3}" for k in range(120)]
    a = bootstrap_scores(errors, groups, np.random.default_rng(7), draws=500)
    b = bootstrap_scores(errors, groups, np.random.default_rng(7), draws=500)
    c = bootstrap_scores(errors, groups, np.random.default_rng(8), draws=500)
    assert a == b
    assert a != c
    assert a.mae_ci is not None and a.mae_ci.contains(a.mae)
    assert a.median_ae_ci is not None and a.median_ae_ci.contains(a.median_ae)
    assert a.within10_ci is not None and a.within10_ci.contains(a.within10)
    # Whole proposals resampled: wider than resampling issues when errors cluster.
    clustered = np.repeat(rng.exponential(20, 40), 3)
    by_proposal = bootstrap_scores(clustered, groups, np.random.default_rng(3), draws=2000)
    by_issue = bootstrap_scores(clustered, None, np.random.default_rng(3), draws=2000)
    assert by_proposal.mae_ci is not None and by_issue.mae_ci is not None
    width = by_proposal.mae_ci.high - by_proposal.mae_ci.low
    assert width > 1.3 * (by_issue.mae_ci.high - by_issue.mae_ci.low)


def test_no_draws_no_intervals() -> None:
    s = bootstrap_scores([1.0, 2.0], None, np.random.default_rng(0), draws=0)
    assert s.mae_ci is None and s.mae == 1.5
