"""The model protocol: named parameters with presets, a pure ``forecast`` function, a batch
method over Monte Carlo draws, and the capabilities the rest of accord asks about.

Every model is a class with a ``name``, a pydantic ``params_type`` (a :class:`Params`
subclass: every choice the literature leaves open is a named field with a default), named
``presets`` (parameter sets that reproduce a publication or implementation), and
``forecast(scenario, params, rng)``. :class:`Model` is generic in its parameter type, so a
model's ``forecast`` receives its own params class (no ``isinstance`` checks).
:meth:`Model.run` resolves the parameters and wraps the forecast in a :class:`Result`.
Models are deterministic; randomness only comes through the explicit ``rng`` argument.

A model says what it is through class attributes, which Monte Carlo, the timeline and the
reports read instead of testing names: ``vectorised`` (its :meth:`Model.batch` runs a whole
block of draws as one array program), ``iterative`` (it plays rounds and returns a
trajectory), ``needs_zone`` (it forecasts only where the veto players' red lines leave a zone),
``headline`` (rank among the models a summary may lead with), ``default`` (run when no model is
named) and ``timeline`` (compared across a case's snapshots by default); and its cost per
Monte Carlo draw (:meth:`Model.draw_seconds`), from which chunks of about a second of work are
sized.

One-issue-at-a-time models subclass :class:`IssueModel` and implement ``forecast_issue``;
those that can run many draws of an issue at once also implement ``batch_issue``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, ValidationError

from accord._version import __version__
from accord.errors import UsageError
from accord.jsonable import clean_json
from accord.models.result import Result
from accord.scenario.arrays import (
    DrawArrays,
    IssueData,
    ScenarioArrays,
    issue_data,
    scenario_arrays,
)
from accord.scenario.schema import Scenario

F = NDArray[np.float64]


class Params(BaseModel):
    """Base class of model parameters: immutable, unknown names rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


P = TypeVar("P", bound=Params)

ScenarioOf = Callable[[int], Scenario]
"""Row b of a block of draws as a plain scenario (for models that run draw by draw)."""
GeneratorOf = Callable[[int], np.random.Generator]
"""Row b's own random generator (child k of the root seed for draw k)."""


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


class Model(ABC, Generic[P]):
    """A forecasting model (see the module docstring)."""

    name: ClassVar[str]
    title: ClassVar[str]
    citation: ClassVar[str]
    params_type: type[P]
    presets: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    default_preset: ClassVar[str | None] = None
    zero_salience_inert: ClassVar[bool] = False
    """Whether an actor with salience 0 has no influence (checked by the contract tests)."""
    contract_tolerance: ClassVar[float] = 1e-9
    """Relative tolerance of the contract's equality checks (per unit of an issue's range)."""
    vectorised: ClassVar[bool] = False
    """:meth:`batch` runs a block of draws as one array program (else draw by draw)."""
    iterative: ClassVar[bool] = False
    """The model plays rounds and returns the positions of every round."""
    needs_zone: ClassVar[bool] = False
    """The model forecasts only where the veto players' red lines leave a zone."""
    headline: ClassVar[int | None] = None
    """Rank among the models a summary may lead with (lower first); None: never."""
    default: ClassVar[bool] = False
    """Run when no model is named (``accord run``, ``accord mc``)."""
    timeline: ClassVar[bool] = False
    """Compared across the snapshots of a case when no model is named (``accord timeline``)."""
    draw_cost: ClassVar[float] = 1.0e-3
    """Seconds of one core per Monte Carlo draw (a scenario per draw, run alone): the chunk
    size is chosen from it (:mod:`accord.uncertainty.chunking`); see :meth:`draw_seconds`."""

    def draw_seconds(self, actors: int, issues: int, params: P) -> float:
        """Estimated seconds of one core per Monte Carlo draw of a scenario of this shape
        (a fixed cost model, never a timing: chunk sizes must be the same on every machine).
        """
        return self.draw_cost

    def resolve(self, preset: str | None = None,
                overrides: Mapping[str, Any] | None = None) -> tuple[str | None, P]:
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
    def forecast(self, scenario: Scenario, params: P,
                 rng: np.random.Generator | None) -> Forecast:
        """The model itself: a pure function of the scenario and parameters."""

    def batch(self, base: ScenarioArrays, draws: DrawArrays, params: P,
              scenario_of: ScenarioOf, generator_of: GeneratorOf) -> F:
        """(B, m) outcomes of a block of B draws (NaN where the model makes no forecast).

        ``base`` is the scenario's layout, ``draws`` its numbers in each draw. The default runs
        :meth:`forecast` on every draw's plain scenario with the draw's own Generator; a
        ``vectorised`` model overrides this with one array program that gives the same
        numbers.
        """
        b = draws.capability.shape[0]
        out = np.full((b, len(base.issues)), np.nan)
        for row in range(b):
            forecast = self.forecast(scenario_of(row), params, generator_of(row))
            for j, issue in enumerate(base.issues):
                value = forecast.outcome.get(issue)
                out[row, j] = np.nan if value is None else float(value)
        return out


class IssueModel(Model[P]):
    """A model that treats each issue on its own (compromise, median, EUM, ...)."""

    def forecast(self, scenario: Scenario, params: P,
                 rng: np.random.Generator | None) -> Forecast:
        arrays = scenario_arrays(scenario)
        return self.assemble(scenario, arrays, params)

    def batch(self, base: ScenarioArrays, draws: DrawArrays, params: P,
              scenario_of: ScenarioOf, generator_of: GeneratorOf) -> F:
        """Issue by issue through :meth:`batch_issue` when the model is ``vectorised``."""
        if not self.vectorised:
            return super().batch(base, draws, params, scenario_of, generator_of)
        out = np.full((draws.capability.shape[0], len(base.issues)), np.nan)
        for j in range(len(base.issues)):
            mask = base.present[:, j]
            if not mask.any():
                continue
            # contiguous rows: reductions then sum in the order a single draw's arrays do
            out[:, j] = self.batch_issue(*draws.issue_columns(j, mask), base, j, params)
        return out

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: P) -> F:
        """(B,) outcomes of issue ``j`` in B draws from (B, k) arrays of the k actors with a
        stance on it; only ``vectorised`` models implement it, with the same floating-point
        operations as :meth:`forecast_issue` on each draw."""
        raise NotImplementedError(f"model '{self.name}' does not run draws as one array")

    def assemble(self, scenario: Scenario, arrays: ScenarioArrays, params: P) -> Forecast:
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
    def forecast_issue(self, data: IssueData, params: P) -> IssueForecast:
        """Forecast one issue from the actors with a stance on it."""
