"""The spatial model over the draws of a Monte Carlo chunk: (B, n) and (B, n, m) arrays in,
(B, m) outcomes out.

Each draw is a run of its own (:func:`accord.models.spatial.dynamics.simulate`): its turns,
queues and step count depend on its numbers, and a stochastic run draws from the draw's own
Generator (child k of the root seed for draw k, :func:`accord.uncertainty.seeds.draw_generator`).
What the draws share is done once: the scenario's point values, its arrays, the settings it
carries. A draw's numbers go in as arrays, without a scenario per draw, through exactly the
code of :meth:`accord.models.spatial.model.SpatialModel.forecast`, so every outcome equals, bit
for bit, the single run of that draw (a test checks a sample).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from accord.models.spatial.options import SpatialParams
from accord.models.spatial.setup import Setup, with_scenario_options
from accord.scenario.arrays import ScenarioArrays, scenario_arrays
from accord.scenario.schema import Scenario

F = NDArray[np.float64]


def smp_draws(scenario: Scenario, params: SpatialParams, capability: F, position: F,
              salience: F, generator_of: Callable[[int], np.random.Generator],
              base: ScenarioArrays | None = None) -> F:
    """(B, m) outcomes (NaN where the model makes none) of B draws of ``scenario``.

    ``capability`` (B, n), ``position`` and ``salience`` (B, n, m) in the layout of
    :class:`accord.scenario.arrays.ScenarioArrays` (each issue's own units, NaN / 0 where an
    actor has no stance); ``generator_of(b)`` is draw b's Generator; ``params`` as resolved
    for the run (the scenario's KTAB settings fill what it leaves unset, as in ``forecast``);
    ``base`` the scenario's arrays, when the caller has them (only the shape, scales and who
    takes a stance are read from them: every draw brings its own numbers).
    """
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    params = with_scenario_options(point, params)
    base = scenario_arrays(point) if base is None else base
    size, m = capability.shape[0], len(base.issues)
    out = np.full((size, m), np.nan)
    for b in range(size):
        arrays = replace(base, capability=capability[b], position=position[b],
                         salience=salience[b])
        setup = Setup(point, params, arrays)
        if setup.n == 0:
            continue
        run, final, _, _ = setup.play(params, generator_of(b))
        mean, mode = setup.points(run, final)
        out[b, setup.issue_cols] = mean if params.point_forecast == "mean" else mode
    return out
