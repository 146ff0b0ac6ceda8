"""The model protocol: named parameters with presets, and a pure ``forecast`` function.

Every model is a class with a ``name``, a pydantic ``params_type`` (a :class:`Params`
subclass: every choice the literature leaves open is a named field with a default), named
``presets`` (parameter sets that reproduce a publication or implementation), and
``forecast(scenario, params, rng)``.
:meth:`Model.run` resolves the parameters and wraps the forecast in a :class:`Result`.
Models are deterministic; randomness only comes through the explicit ``rng`` argument.

One-issue-at-a-time models subclass :class:`IssueModel` and implement ``forecast_issue``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, ValidationError

from accord._version import __version__
from accord.errors import UsageError
from accord.models.result import Result, clean_json
from accord.scenario.arrays import IssueData, ScenarioArrays, issue_data, scenario_arrays
from accord.scenario.schema import Scenario


class Params(BaseModel):
    """Base class of model parameters: immutable, unknown names rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass
class Forecast:
    """What ``forecast`` returns; :meth:`Model.run` adds the configuration around it."""

    outcome: dict[str, float | None]
    final_positions: dict[str, dict[str, float]] = field(default_factory=dict)
    trajectory: dict[str, list[list[float | None]]] | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)


@dataclass
class IssueForecast:
    """One issue's forecast from an :class:`IssueModel` (arrays follow ``IssueData.actors``)."""

    outcome: float | None
    final_positions: NDArray[np.float64] | None = None
    trajectory: NDArray[np.float64] | None = None     # (rounds + 1, actors)
    diagnostics: dict[str, Any] = field(default_factory=dict)


class Model(ABC):
    """A forecasting model (see the module docstring)."""

    name: ClassVar[str]
    title: ClassVar[str]
    citation: ClassVar[str]
    params_type: ClassVar[type[Params]]
    presets: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    default_preset: ClassVar[str | None] = None
    zero_salience_inert: ClassVar[bool] = False
    """Whether an actor with salience 0 has no influence (checked by the contract tests)."""
    contract_tolerance: ClassVar[float] = 1e-9
    """Relative tolerance of the contract's equality checks (per unit of an issue's range)."""

    def resolve(self, preset: str | None = None,
                overrides: Mapping[str, Any] | None = None) -> tuple[str | None, Params]:
        """The parameters of ``preset`` (or the default) with ``overrides`` applied."""
        overrides = dict(overrides or {})
        if preset is None:
            preset = self.default_preset
        if preset is not None and preset not in self.presets:
            known = ", ".join(self.presets) or "none"
            raise UsageError(f"model '{self.name}' has no preset '{preset}' (presets: {known})")
        fields = self.params_type.model_fields
        unknown = sorted(set(overrides) - set(fields))
        if unknown:
            raise UsageError(f"model '{self.name}' has no parameter "
                             f"{', '.join(repr(u) for u in unknown)} (parameters: "
                             f"{', '.join(fields) or 'none'})")
        values = {**dict(self.presets.get(preset, {}) if preset else {}), **overrides}
        try:
            return preset, self.params_type.model_validate(values)
        except ValidationError as exc:
            msgs = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
            raise UsageError(f"bad parameters for model '{self.name}': "
                             + "; ".join(msgs)) from None

    def run(self, scenario: Scenario, *, preset: str | None = None,
            params: Mapping[str, Any] | None = None, seed: int | None = None) -> Result:
        """Run the model on a scenario (distributions are taken at their point values)."""
        preset, resolved = self.resolve(preset, params)
        digest = scenario.digest()
        if scenario.is_uncertain():
            scenario = scenario.with_point_values()
        rng = np.random.default_rng(seed) if seed is not None else None
        fc = self.forecast(scenario, resolved, rng)
        return Result(
            model=self.name,
            preset=preset,
            params=clean_json(resolved.model_dump(mode="json")),
            scenario_id=scenario.id,
            scenario_digest=digest,
            accord_version=__version__,
            seed=seed,
            actors=tuple(a.id for a in scenario.actors),
            issues=tuple(i.id for i in scenario.issues),
            outcome=clean_json(fc.outcome),
            final_positions=clean_json(fc.final_positions),
            trajectory=clean_json(fc.trajectory) if fc.trajectory is not None else None,
            diagnostics=clean_json(fc.diagnostics),
        )

    @abstractmethod
    def forecast(self, scenario: Scenario, params: Params,
                 rng: np.random.Generator | None) -> Forecast:
        """The model itself: a pure function of the scenario and parameters."""


class IssueModel(Model):
    """A model that treats each issue on its own (compromise, median, EUM, ...)."""

    def forecast(self, scenario: Scenario, params: Params,
                 rng: np.random.Generator | None) -> Forecast:
        arrays = scenario_arrays(scenario)
        return self.assemble(scenario, arrays, params)

    def assemble(self, scenario: Scenario, arrays: ScenarioArrays, params: Params) -> Forecast:
        out = Forecast(outcome={})
        trajectories: dict[str, list[list[float | None]]] = {}
        per_issue: dict[str, Any] = {}
        for issue in scenario.issues:
            data = issue_data(scenario, arrays, issue.id)
            if len(data.actors) == 0:
                out.outcome[issue.id] = None
                per_issue[issue.id] = {"note": "no actor takes a stance on this issue"}
                continue
            fc = self.forecast_issue(data, params)
            out.outcome[issue.id] = fc.outcome
            if fc.final_positions is not None:
                out.final_positions[issue.id] = dict(
                    zip(data.actors, (float(v) for v in fc.final_positions), strict=True))
            if fc.trajectory is not None:
                index = {a: k for k, a in enumerate(data.actors)}
                trajectories[issue.id] = [
                    [float(row[index[a]]) if a in index else None for a in arrays.actors]
                    for row in fc.trajectory
                ]
            if fc.diagnostics:
                per_issue[issue.id] = fc.diagnostics
        out.trajectory = trajectories or None
        if per_issue:
            out.diagnostics["issues"] = per_issue
        return out

    @abstractmethod
    def forecast_issue(self, data: IssueData, params: Params) -> IssueForecast:
        """Forecast one issue from the actors with a stance on it."""
