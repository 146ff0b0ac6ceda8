"""Model outcomes for a chunk of draws, vectorised over draws where the model allows it.

* The baselines (MODELS.md section 1: compromise, weighted median, mean, median, status quo)
  run on (draws, actors) arrays at once: :func:`accord.models.baselines.compromise` and
  :func:`~accord.models.baselines.weighted_median` take any leading batch axes.
* The expected-utility model (section 2) runs every draw of an issue in one call of its batch
  API :func:`accord.models.eum.rounds.eum_rounds` (batch results equal one-by-one results
  exactly).
* Every other model (smp, nash, exchange, procedural-compromise) runs draw by draw on the
  draw's plain scenario, with draw k's own Generator for random steps.

Each path computes what ``Model.run`` would compute on that draw's scenario, with the same
floating-point operations (arrays are made contiguous per row so reductions sum in the same
order), so a distribution of zero width reproduces the deterministic forecast exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.models.base import Model, Params
from accord.models.baselines import compromise, weighted_median
from accord.scenario.arrays import ScenarioArrays
from accord.scenario.schema import Scenario
from accord.uncertainty.sampling import BatchArrays

F = NDArray[np.float64]

VECTORISED = ("compromise", "weighted-median", "mean", "median", "status-quo", "eum")
"""Models that run on a whole chunk of draws at once."""


@dataclass(frozen=True)
class ModelEntry:
    """One model of a Monte Carlo run: name, preset and parameter overrides as given."""

    model: str
    preset: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model + (f":{self.preset}" if self.preset else "")

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "preset": self.preset, "params": dict(self.params)}

    def resolve(self) -> tuple[Model, str | None, Params]:
        from accord.models import get_model

        model = get_model(self.model)
        preset, params = model.resolve(self.preset, self.params)
        return model, preset, params


def batch_outcomes(entry: ModelEntry, base: ScenarioArrays, draws: BatchArrays,
                   scenario_of: Callable[[int], Scenario],
                   generator_of: Callable[[int], np.random.Generator]) -> F:
    """(B, m) outcomes of one model on a chunk (NaN where the model makes no forecast).

    ``scenario_of(b)`` and ``generator_of(b)`` give row b's plain scenario and Generator for
    the models that run draw by draw.
    """
    model, _, params = entry.resolve()
    b = draws.capability.shape[0]
    out = np.full((b, len(base.issues)), np.nan)
    if model.name not in VECTORISED:
        for row in range(b):
            forecast = model.forecast(scenario_of(row), params, generator_of(row))
            for j, issue in enumerate(base.issues):
                value = forecast.outcome.get(issue)
                out[row, j] = np.nan if value is None else float(value)
        return out
    for j in range(len(base.issues)):
        mask = base.present[:, j]
        if not mask.any():
            continue
        out[:, j] = _issue(model.name, params, base, draws, j, mask)
    return out


def _issue(name: str, params: Params, base: ScenarioArrays, draws: BatchArrays, j: int,
           mask: NDArray[np.bool_]) -> F:
    if name == "status-quo":
        return np.full(draws.capability.shape[0], base.status_quo[j])
    position = np.ascontiguousarray(draws.position[:, mask, j])
    if name == "mean":
        return np.asarray(np.mean(position, axis=-1))
    if name == "median":
        return np.asarray(np.median(position, axis=-1))
    capability = np.ascontiguousarray(draws.capability[:, mask])
    salience = np.ascontiguousarray(draws.salience[:, mask, j])
    if name == "eum":
        from accord.models.eum.options import EumParams
        from accord.models.eum.rounds import eum_rounds

        assert isinstance(params, EumParams)
        run = eum_rounds(position, capability, salience, params,
                         scale=float(base.high[j] - base.low[j]))
        return np.asarray(run.outcome)
    weight = capability * salience
    if name == "compromise":
        return np.asarray(compromise(position, weight))
    return np.asarray(weighted_median(position, weight))


def check_entries(entries: Sequence[ModelEntry]) -> None:
    """Every model resolves (names, presets, parameters) and no label repeats."""
    from accord.errors import UsageError

    seen: set[str] = set()
    for entry in entries:
        entry.resolve()
        if entry.label in seen:
            raise UsageError(f"model '{entry.label}' is asked for twice")
        seen.add(entry.label)
