"""K-fold cross-validation grouped by proposal: a proposal's issues never straddle train/test.

Issues of one legislative proposal are negotiated together by the same actors (and coded by
the same experts), so a model fitted on some of them and tested on the others would be tested
on data it has partly seen. The folds therefore assign whole *groups* (DEU: ``meta['prnr']``):

1. list the distinct group labels, sorted (so the assignment does not depend on the order of
   the input rows);
2. shuffle them with ``numpy.random.default_rng(seed)``;
3. deal them round-robin into ``k`` folds (fold sizes differ by at most one group);
4. every issue takes the fold of its group.

Same labels and seed, same folds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
B = NDArray[np.bool_]


def group_folds(groups: Sequence[str], k: int, seed: int) -> Ints:
    """The fold (0..k-1) of every issue, dealing whole groups (see the module docstring)."""
    labels = [str(g) for g in groups]
    distinct = sorted(set(labels))
    if k < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {k}")
    if k > len(distinct):
        raise ValueError(f"{k} folds need at least {k} proposals; the data has "
                         f"{len(distinct)}")
    order = np.random.default_rng(seed).permutation(len(distinct))
    fold_of = {distinct[g]: int(pos % k) for pos, g in enumerate(order)}
    return np.array([fold_of[label] for label in labels], dtype=np.int64)


def splits(folds: Ints) -> Iterator[tuple[B, B]]:
    """(train, test) boolean masks for each fold in turn."""
    for f in range(int(folds.max()) + 1):
        test = folds == f
        yield ~test, test
