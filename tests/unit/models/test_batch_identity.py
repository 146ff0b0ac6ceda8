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


SMP_CASE = """\
accord: 1
id: smp-draws
title: SMP draws
actors:
  - {id: a, name: a, capability: {dist: uniform, low: 20, high: 60}}
  - {id: b, name: b, capability: 30}
  - {id: c, name: c, capability: 55}
  - {id: d, name: d, capability: {dist: triangular, low: 5, mode: 10, high: 30}}
  - {id: e, name: e, capability: 12}
  - {id: f, name: f, capability: 40}
issues:
  - {id: x, name: x}
  - {id: y, name: y, range: [4, 10], status_quo: 6}
stances:
  - {actor: a, issue: x, position: {dist: uniform, low: 10, high: 30}, salience: 0.5}
  - {actor: b, issue: x, position: 70, salience: {dist: uniform, low: 0.2, high: 0.6}}
  - {actor: c, issue: x, position: {dist: normal, mean: 50, sd: 15}, salience: 0.4}
  - {actor: d, issue: x, position: 90, salience: 0.3}
  - {actor: e, issue: x, position: 35, salience: 0.2}
  - {actor: a, issue: y, position: 5, salience: 0.4}
  - {actor: b, issue: y, position: {dist: uniform, low: 7, high: 10}, salience: 0.3}
  - {actor: c, issue: y, position: 8, salience: 0.5}
  - {actor: f, issue: y, position: {dist: triangular, low: 4, mode: 5, high: 9}, salience: 0.6}
"""


@pytest.mark.parametrize("transitions", ["Deterministic", "Stochastic"])
def test_smp_draws_equal_single_runs(transitions: str) -> None:
    from accord.models.spatial.draws import smp_draws
    from accord.scenario.load import parse_scenario
    from accord.uncertainty.sampling import (
        batch_arrays,
        draw_scenario,
        draw_values,
        layout,
        uncertain_inputs,
    )
    from accord.uncertainty.seeds import child_uniforms, draw_generator
    from accord.workflows.registry import get_model

    scenario = parse_scenario(SMP_CASE, "smp-draws.yaml")
    model = get_model("smp")
    _, params = model.resolve(None, {"StateTransitions": transitions, "rounds": 30})
    inputs = uncertain_inputs(scenario)
    lay = layout(scenario, inputs)
    arr = batch_arrays(lay, draw_values(inputs, child_uniforms(11, 0, 10, len(inputs))))
    got = smp_draws(scenario, params, arr.capability, arr.position, arr.salience,  # type: ignore[arg-type]
                    lambda b: draw_generator(11, b))
    point = scenario.with_point_values()
    for k in range(10):
        one = model.forecast(draw_scenario(point, lay, arr.values[k]), params,
                             draw_generator(11, k))
        assert got[k].tolist() == [one.outcome["x"], one.outcome["y"]], k
    assert len({tuple(row) for row in got.tolist()}) > 5
