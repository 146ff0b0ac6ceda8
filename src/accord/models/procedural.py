"""Procedural compromise: the compromise model told about the procedure, pulled to the table.

A model fitted on the DEU data (shared/reference/deu; see docs/validation.md), built from
observations about EU legislative bargaining, each an open parameter:

* **Clout** [Achen 2006]: the weight of actor i is c_i^b s_i^a. With b = 1/2 the GDP proxy
  of capability becomes its square root, close to the Council's vote weights and to
  Penrose's square-root rule (``capability_exponent`` b, ``salience_exponent`` a).
* **Procedure** [Thomson et al. 2006, ch. 1; Crombez 1996]: under the consultation procedure
  (``proc = CNS``) the European Parliament only gives an opinion. Its capability x salience
  weight is multiplied by ``consultation_weight`` there (0 = no say; 1 = the plain compromise
  model). Which actors are consultative and which procedure codes mean consultation are
  parameters; a scenario without the procedure key in its ``meta`` is treated as not
  consultative (every actor keeps its full weight).
* **Median pull** [Black 1948; Achen 2006]: the forecast is a blend of the compromise (weighted
  mean) and the unweighted median of the participating actors' positions,
  ``(1 - median_share) * compromise + median_share * median``.
* **Tabled positions** (focal points): decisions often adopt one of the alternatives on the
  table. When an actor's position lies within ``snap`` points (0-100 scale) of the blend, the
  forecast is that position.

Steps, per issue (positions mapped to 0-100 first):

1. weights w_i = c_i^b s_i^a, times ``consultation_weight`` for consultative actors under a
   consultation procedure; participants are the actors with w_i > 0 (if none, all actors with
   equal weight);
2. C = sum w_i x_i / sum w_i; M = median of the participants' positions;
   B = (1 - median_share) C + median_share M;
3. x* = the participant position nearest to B (ties: the lower one); the forecast is x* if
   |x* - B| <= snap, else B; mapped back onto the issue's scale.

With every parameter at its default (a = b = 1, ``consultation_weight = 1``,
``median_share = 0``, ``snap = 0``) it is the compromise model. The preset ``deu-dev``
holds the parameters fitted on the DEU development split, shipped in
``procedural_compromise.json`` beside this module (with the cross-validated accuracy);
``benchmarks/refit_procedural.py`` rewrites it. Fitted there: b = 0.5 and snap = 26 (the
other parameters stay at their plain values).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from accord.models.base import Forecast, Model, Params
from accord.scenario.arrays import from_unit, issue_data, scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]

PARAMS_FILE = "procedural_compromise.json"


def procedural_outcome(position: F, weight: F, median_share: float | F,
                       snap: float | F) -> tuple[F, F, F]:
    """Steps 2-3 over the last axis: (forecast, blend B, nearest participant position x*).

    ``position`` is on 0-100 with NaN for actors without a stance; ``weight`` is w_i (0 for
    non-participants). Leading axes are batches (issues, parameter grids).
    """
    x = np.asarray(position, dtype=float)
    w = np.where(np.isfinite(x), np.asarray(weight, dtype=float), 0.0)
    present = np.isfinite(x)
    part = present & (w > 0)
    nobody = ~part.any(axis=-1, keepdims=True)
    part = np.where(nobody, present, part)
    w = np.where(nobody, present.astype(float), np.where(part, w, 0.0))
    xz = np.where(part, x, 0.0)
    comp = (w * xz).sum(axis=-1) / w.sum(axis=-1)
    med = np.nanmedian(np.where(part, x, np.nan), axis=-1)
    share = np.asarray(median_share, dtype=float)
    blend = (1.0 - share) * comp + share * med
    dist = np.where(part, np.abs(x - blend[..., None]), np.inf)
    nearest_d = dist.min(axis=-1)
    tied = dist <= nearest_d[..., None] + 1e-9
    nearest = np.where(tied, x, np.inf).min(axis=-1)
    forecast = np.where(nearest_d <= np.asarray(snap, dtype=float), nearest, blend)
    return np.asarray(forecast), np.asarray(blend), np.asarray(nearest)


class _LazyPresets(Mapping[str, Mapping[str, Any]]):
    """The fitted preset, read from the shipped JSON on first use (nothing happens at import)."""

    def _data(self) -> dict[str, Mapping[str, Any]]:
        return {"deu-dev": dict(shipped_fit()["params"])}

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(("deu-dev",))

    def __len__(self) -> int:
        return 1


@functools.cache
def shipped_fit() -> dict[str, Any]:
    """The shipped fit: parameters, what they were fitted on, and their cross-validated MAE."""
    text = resources.files("accord.models").joinpath(PARAMS_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class ProceduralParams(Params):
    capability_exponent: float = Field(1.0, ge=0.0, le=4.0, allow_inf_nan=False)
    salience_exponent: float = Field(1.0, gt=0.0, le=4.0, allow_inf_nan=False)
    consultation_weight: float = Field(1.0, ge=0.0, le=1.0, allow_inf_nan=False)
    median_share: float = Field(0.0, ge=0.0, le=1.0, allow_inf_nan=False)
    snap: float = Field(0.0, ge=0.0, le=100.0, allow_inf_nan=False)
    consultative_actors: tuple[str, ...] = ("ep",)
    procedure_key: str = "proc"
    consultation_codes: tuple[str, ...] = ("CNS",)


def weight_factor(scenario: Scenario, actors: tuple[str, ...], params: ProceduralParams) -> F:
    """Step 1's procedural factor per actor (1 unless consultative under consultation)."""
    procedure = scenario.meta.get(params.procedure_key)
    consulting = procedure is not None and str(procedure) in params.consultation_codes
    return np.array([params.consultation_weight
                     if consulting and a in params.consultative_actors else 1.0
                     for a in actors])


class ProceduralCompromise(Model[ProceduralParams]):
    name: ClassVar[str] = "procedural-compromise"
    title: ClassVar[str] = ("Compromise with procedure-aware weights, a median pull and tabled "
                            "positions (fitted on DEU)")
    citation: ClassVar[str] = ("accord (docs/validation.md); after Achen (2006), Thomson et al. "
                               "(2006)")
    params_type = ProceduralParams
    presets: ClassVar[Mapping[str, Mapping[str, Any]]] = _LazyPresets()
    default_preset: ClassVar[str | None] = "deu-dev"
    zero_salience_inert: ClassVar[bool] = True
    fitted_on: ClassVar[str] = "DEU development split (255 issues, 88 proposals with outcomes)"
    """Its default preset was fitted on data: in-sample scores there are optimistic."""
    headline: ClassVar[int | None] = 1

    def forecast(self, scenario: Scenario, params: ProceduralParams,
                 rng: np.random.Generator | None) -> Forecast:
        arrays = scenario_arrays(scenario)
        out = Forecast(outcome={})
        per_issue: dict[str, Any] = {}
        for issue in scenario.issues:
            data = issue_data(scenario, arrays, issue.id)
            if not data.actors:
                out.outcome[issue.id] = None
                per_issue[issue.id] = {"note": "no actor takes a stance on this issue"}
                continue
            w = (data.capability ** params.capability_exponent
                 * data.salience ** params.salience_exponent
                 * weight_factor(scenario, data.actors, params))
            x = to_unit(data.position, issue.low, issue.high)
            value, blend, nearest = procedural_outcome(x, w, params.median_share, params.snap)
            out.outcome[issue.id] = float(from_unit(float(value), issue.low, issue.high))
            per_issue[issue.id] = {
                "blend": float(from_unit(float(blend), issue.low, issue.high)),
                "nearest_position": float(from_unit(float(nearest), issue.low, issue.high)),
                "snapped": bool(abs(float(nearest) - float(blend)) <= params.snap),
            }
        out.diagnostics["issues"] = per_issue
        return out
