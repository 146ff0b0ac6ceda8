"""The spatial model of politics (KTAB SMP) as an accord model, registered as ``smp``.

Scenario -> unit-cube arrays -> :func:`~accord.models.spatial.dynamics.simulate` -> Result on
each issue's own scale. Issues are the dimensions. How the mapping works (see also
docs/models-smp.md):

* positions map from each issue's range onto [0, 1]; outputs map back;
* KTAB needs each actor's saliences to add up to at most 1; when some actor's add up to more,
  every salience is divided by the largest total (one common factor, so every ratio stays);
* an actor without a stance on an issue has salience 0 there and sits at the issue's status
  quo, else at the capability x salience weighted mean of the others; its position on that
  issue is not reported. Issues nobody takes a stance on, and actors with no stance at all,
  are left out;
* everything runs with actors sorted by id, so the input order never matters: ties go to the
  smaller id where KTAB takes the lower index, and near-equal final positions are merged
  going through actors by id. KTAB merges in input order, which can split chains of
  near-equal positions differently; ``diagnostics.ktab_final_prob`` repeats that merge to
  give each actor KTAB's reported probability.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.models.base import Forecast, GeneratorOf, Model, ScenarioOf
from accord.models.result import Result
from accord.models.spatial.draws import smp_draws
from accord.models.spatial.meta import scenario_options, scenario_seed
from accord.models.spatial.options import DEFAULT_SEED, SpatialParams
from accord.models.spatial.outcome import outlook
from accord.models.spatial.setup import Setup, with_scenario_options
from accord.scenario.arrays import DrawArrays, ScenarioArrays
from accord.scenario.schema import Scenario

F = NDArray[np.float64]


class SpatialModel(Model[SpatialParams]):
    """KTAB's Spatial Model of Politics with probabilistic Condorcet elections."""

    name: ClassVar[str] = "smp"
    title: ClassVar[str] = ("Spatial model of politics with probabilistic Condorcet elections "
                            "(KTAB SMP)")
    citation: ClassVar[str] = ("Wise, B. et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), "
                               "Spatial Model of Politics (smpc), 2015-2017")
    params_type = SpatialParams
    iterative: ClassVar[bool] = True

    def run(self, scenario: Scenario, *, preset: str | None = None,
            params: Mapping[str, Any] | None = None, seed: int | None = None) -> Result:
        """As :meth:`Model.run`, with the scenario's KTAB settings for what is not given."""
        given = dict(params or {})
        preset_values = self.presets.get(preset or self.default_preset or "", {})
        for option, value in scenario_options(scenario.meta).items():
            if option not in given and option not in preset_values:
                given[option] = value
        if seed is None:
            seed = scenario_seed(scenario.meta)
        if seed is None:
            seed = DEFAULT_SEED
        return super().run(scenario, preset=preset, params=given, seed=seed)

    def batch(self, base: ScenarioArrays, draws: DrawArrays, params: SpatialParams,
              scenario_of: ScenarioOf, generator_of: GeneratorOf) -> F:
        """Every draw a run of its own from its arrays (:func:`~accord.models.spatial.draws.
        smp_draws`: no scenario per draw, the same outcomes bit for bit)."""
        return smp_draws(scenario_of(0), params, draws.capability, draws.position,
                         draws.salience, generator_of, base=base)

    def draw_seconds(self, actors: int, issues: int, params: SpatialParams) -> float:
        # each turn weighs every challenge of every actor by every voter: O(N^3)
        return 5.0e-3 + 5.0e-7 * actors ** 3

    def forecast(self, scenario: Scenario, params: SpatialParams,
                 rng: np.random.Generator | None) -> Forecast:
        params = with_scenario_options(scenario, params)
        setup = Setup(scenario, params)
        if setup.n == 0:
            return Forecast(outcome={i.id: None for i in scenario.issues},
                            diagnostics={"note": "no actor takes a stance on any issue"})
        stochastic = params.StateTransitions == "Stochastic"
        run, final, risk, capped = setup.play(params, rng)
        last, ideal = run.positions[-1], run.ideals[-1]
        ktab = final
        capped += run.capped_pces + final.capped_pces
        if not np.array_equal(setup.merge_order, np.arange(setup.n)):
            ktab = outlook(setup.actors, last, ideal, risk, params, setup.merge_order)
            capped += ktab.capped_pces
        return setup.forecast(run, final, ktab, risk, params, stochastic, capped)


