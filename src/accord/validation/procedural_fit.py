"""Fitting the procedural compromise model (``procedural-compromise``) by grid search.

The model (:mod:`accord.models.procedural`) has three fitted parameters. The fit:

1. precompute, per scored issue, the actors' positions on 0-100 (NaN-padded to a common
   width), their capability x salience weights, and which weights the procedure scales
   (consultative actors under a consultation procedure);
2. for every grid point (consultation_weight, median_share, snap) forecast every issue with
   the model's own vectorised core :func:`accord.models.procedural.procedural_outcome`;
3. keep the grid point with the lowest training MAE; ties go to the point listed first, and
   the grid is listed from the plain compromise model outwards (weight 1 down to 0, median
   share and snap from 0 up), so the simplest of equally good models wins.

The grid is coarse on purpose (5 x 11 x 31 points): a fine search over three parameters on
~170 training issues chases noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.models.procedural import ProceduralParams, procedural_outcome, weight_factor
from accord.scenario.arrays import issue_data, scenario_arrays, to_unit
from accord.validation.outcomes import OutcomeSet

F = NDArray[np.float64]
B = NDArray[np.bool_]

CONSULTATION_WEIGHTS: tuple[float, ...] = (1.0, 0.75, 0.5, 0.25, 0.0)
MEDIAN_SHARES: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(11))
SNAPS: tuple[float, ...] = tuple(float(t) for t in range(31))


@dataclass(frozen=True)
class Prepared:
    position: F      # (items, width) on 0-100, NaN padding
    weight: F        # (items, width) capability x salience
    consult: B       # (items, width) weight scaled by consultation_weight
    observed: F      # (items,)


class ProceduralFitter:
    """Grid-search fitter of ``procedural-compromise`` (see the module docstring)."""

    model = "procedural-compromise"

    def __init__(self, base: ProceduralParams | None = None) -> None:
        self.base = base or ProceduralParams()

    def prepare(self, data: OutcomeSet) -> Prepared:
        rows: list[tuple[F, F, B]] = []
        probe = self.base.model_copy(update={"consultation_weight": 0.0})
        arrays_cache: dict[int, Any] = {}
        for item in data.items:
            scenario = data.scenarios[item.scenario]
            arrays = arrays_cache.setdefault(item.scenario, scenario_arrays(scenario))
            d = issue_data(scenario, arrays, item.issue)
            x = to_unit(d.position, d.low, d.high)
            consult = weight_factor(scenario, d.actors, probe) == 0.0
            rows.append((x, d.weight, consult))
        width = max(1, *(len(r[0]) for r in rows))
        n = len(rows)
        position = np.full((n, width), np.nan)
        weight = np.zeros((n, width))
        consult = np.zeros((n, width), dtype=bool)
        for k, (x, w, c) in enumerate(rows):
            position[k, :len(x)] = x
            weight[k, :len(w)] = w
            consult[k, :len(c)] = c
        return Prepared(position, weight, consult, data.observed)

    def predict(self, prepared: Any, params: dict[str, Any]) -> F:
        assert isinstance(prepared, Prepared)
        w = prepared.weight * np.where(prepared.consult, params["consultation_weight"], 1.0)
        forecast, _, _ = procedural_outcome(prepared.position, w, params["median_share"],
                                            params["snap"])
        return forecast

    def fit(self, prepared: Any, train: B) -> dict[str, Any]:
        assert isinstance(prepared, Prepared)
        snaps = np.array(SNAPS)
        best: tuple[float, dict[str, Any]] | None = None
        obs = prepared.observed[train]
        for cw in CONSULTATION_WEIGHTS:
            w = prepared.weight * np.where(prepared.consult, cw, 1.0)
            for share in MEDIAN_SHARES:
                _, blend, nearest = procedural_outcome(prepared.position[train], w[train],
                                                       share, np.inf)
                dist = np.abs(nearest - blend)
                forecast = np.where(dist[None, :] <= snaps[:, None], nearest, blend)
                loss = np.abs(forecast - obs).mean(axis=1)
                k = int(np.argmin(loss))
                if best is None or loss[k] < best[0] - 1e-12:
                    best = (float(loss[k]), {"consultation_weight": cw,
                                             "median_share": share, "snap": float(snaps[k])})
        assert best is not None
        return best[1]
