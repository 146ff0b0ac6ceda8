"""Grouped folds: a proposal never straddles training and test; deterministic by seed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.validation.folds import group_folds, splits

groups_st = st.lists(st.sampled_from([f"p{k}" for k in range(30)]), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None)
@given(groups=groups_st, k=st.integers(2, 12), seed=st.integers(0, 2**32 - 1))
def test_a_group_is_never_split(groups: list[str], k: int, seed: int) -> None:
    distinct = len(set(groups))
    if k > distinct:
        with pytest.raises(ValueError):
            group_folds(groups, k, seed)
        return
    folds = group_folds(groups, k, seed)
    labels = np.array(groups)
    for train, test in splits(folds):
        assert not set(labels[train]) & set(labels[test])
        assert test.any()                              # every fold holds a proposal
    # Fold sizes (in proposals) differ by at most one.
    per_fold = [len(set(labels[folds == f])) for f in range(k)]
    assert max(per_fold) - min(per_fold) <= 1
    # Same seed, same folds; the order of the rows does not matter.
    assert (group_folds(groups, k, seed) == folds).all()
    order = np.random.default_rng(0).permutation(len(groups))
    again = group_folds([groups[i] for i in order], k, seed)
    assert (again == folds[order]).all()


def test_one_fold_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 folds"):
        group_folds(["a", "b"], 1, 0)
