"""Batch paths give bit for bit what the single-draw paths give, for every batched model.

A sample of draws (including draws on both sides of the internal block boundaries) is run
alone through the single path and compared with the same rows of one batch call.
"""

from __future__ import annotations

import numpy as np
import pytest

from accord.models.baselines import compromise, weighted_median
from accord.models.eum import PRESETS, EumParams, eum_rounds
from accord.models.eum.rounds import BLOCK_PAIRS


def _draws(b: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, (b, n))
    x[::7] = np.round(x[::7] / 25) * 25            # ties and voters on midpoints
    c = rng.uniform(0.5, 10, (b, n))
    s = rng.uniform(0, 1, (b, n))
    s[::5, 0] = 0.0
    return x, c, s


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("stop", ["converged", "rounds"])
def test_eum_batch_equals_single(preset: str, stop: str) -> None:
    n = 10
    block = BLOCK_PAIRS // (n * n)
    x, c, s = _draws(2 * block + 7, n, seed=len(preset))
    params = EumParams(**PRESETS[preset], stop=stop)  # type: ignore[arg-type]
    run = eum_rounds(x, c, s, params, scale=100.0)
    for row in [0, 1, 6, block - 1, block, block + 1, 2 * block, 2 * block + 6]:
        one = eum_rounds(x[row], c[row], s[row], params, scale=100.0)
        np.testing.assert_array_equal(run.positions[row], one.positions[0])
        np.testing.assert_array_equal(run.median[row], one.median[0])
        np.testing.assert_array_equal(run.mean[row], one.mean[0])
        np.testing.assert_array_equal(run.risk[row], one.risk[0])
        np.testing.assert_array_equal(run.moves[row], one.moves[0])
        assert run.rounds_run[row] == one.rounds_run[0] and run.stop[row] == one.stop[0]


def test_baselines_batch_equals_single() -> None:
    x, c, s = _draws(300, 9, seed=1)
    w = c * s
    mean, median = compromise(x, w), weighted_median(x, w)
    for row in range(0, 300, 37):
        assert mean[row] == compromise(x[row], w[row])
        assert median[row] == weighted_median(x[row], w[row])
