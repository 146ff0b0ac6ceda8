"""A model as the user chose it (name, preset, parameter overrides) and as it runs.

:class:`ModelChoice` is the one shape of "model + preset + params" everywhere: settings of
every command and page, the Monte Carlo settings, what a recorded run's RunSpec keeps.
:class:`Configured` is a choice resolved against the registry
(:func:`accord.workflows.registry.configure`): the model object and its validated parameters,
ready to run on a scenario or a block of draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from accord.models.base import GeneratorOf, Model, P, ScenarioOf
from accord.models.result import Result
from accord.scenario.arrays import DrawArrays, ScenarioArrays
from accord.scenario.schema import Scenario


class ModelChoice(BaseModel):
    """A model by registry name, a preset (None: the model's default) and parameter overrides
    as given (values are checked when the choice is configured)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str
    preset: str | None = None
    params: Mapping[str, Any] = Field(default_factory=dict)

    @property
    def label(self) -> str:
        """``model`` or ``model:preset`` (how Monte Carlo names a model's series)."""
        return self.model + (f":{self.preset}" if self.preset else "")

    def to_dict(self) -> dict[str, Any]:
        """The form a RunSpec records: ``{"model", "preset", "params"}``."""
        return {"model": self.model, "preset": self.preset, "params": dict(self.params)}


@dataclass(frozen=True)
class Configured(Generic[P]):
    """A :class:`ModelChoice` with its model object and resolved parameters."""

    choice: ModelChoice
    model: Model[P]
    preset: str | None
    """The preset in use (the model's default when the choice names none)."""
    params: P

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def label(self) -> str:
        return self.choice.label

    def run(self, scenario: Scenario, seed: int | None = None) -> Result:
        """The model's :class:`Result` on ``scenario`` (point values of distributions)."""
        return self.model.run(scenario, preset=self.choice.preset,
                              params=self.choice.params, seed=seed)

    def batch(self, base: ScenarioArrays, draws: DrawArrays, scenario_of: ScenarioOf,
              generator_of: GeneratorOf) -> np.ndarray[Any, np.dtype[np.float64]]:
        """(B, m) outcomes of a block of draws (:meth:`accord.models.base.Model.batch`)."""
        return self.model.batch(base, draws, self.params, scenario_of, generator_of)
