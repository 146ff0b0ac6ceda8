"""Fitting the procedural compromise model (``procedural-compromise``): variants, grids, nesting.

The model (:mod:`accord.models.procedural`) has five open parameters. Which of them to fit is
itself a choice, so the fit chooses among declared *variants* (each frees some parameters and
keeps the others at the plain compromise model's values) by cross-validation, then fits the
chosen variant. Steps, on the training issues:

1. precompute, per scored issue, positions on 0-100 (NaN-padded to a common width),
   capabilities, saliences and which weights the procedure scales (consultative actors under a
   consultation procedure), then the forecast of every point of the union grid with the
   model's own vectorised core :func:`accord.models.procedural.procedural_outcome`;
2. **variant choice**: for each variant, grouped cross-validation *inside the training issues*
   (``inner_folds`` folds by proposal, seed ``inner_seed``): on each inner fold take the grid
   point of that variant with the lowest inner-training MAE, forecast the inner test fold;
   keep the variant with the lowest pooled inner out-of-fold MAE (ties: the simpler, listed
   first);
3. **fit**: the chosen variant's grid point with the lowest MAE on all training issues (ties:
   the point listed first; grids run from the plain model outwards).

Called from :func:`accord.validation.crossval.cross_validate`, steps 2-3 run on the outer
training folds only, so the reported cross-validated figure is a nested one: it includes the
choice of variant. Grids are coarse on purpose: a fine search on ~200 issues chases noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.models.procedural import ProceduralParams, procedural_outcome, weight_factor
from accord.scenario.arrays import issue_data, scenario_arrays, to_unit
from accord.validation.folds import group_folds, splits
from accord.validation.outcomes import OutcomeSet

F = NDArray[np.float64]
B = NDArray[np.bool_]

GRID: dict[str, tuple[float, ...]] = {
    "capability_exponent": (1.0, 0.75, 0.5, 0.25, 0.0),
    "salience_exponent": (1.0, 0.5, 1.5, 2.0),
    "consultation_weight": (1.0, 0.75, 0.5, 0.25, 0.0),
    "median_share": (0.0, 0.05, 0.1, 0.15, 0.2),
    "snap": tuple(float(t) for t in range(31)),
}
"""Grid values per parameter; the first value is the plain compromise model's."""

VARIANTS: dict[str, tuple[str, ...]] = {
    "compromise": (),
    "median": ("median_share",),
    "consultation": ("consultation_weight",),
    "snap": ("snap",),
    "clout": ("capability_exponent",),
    "clout+salience": ("capability_exponent", "salience_exponent"),
    "consultation+median": ("consultation_weight", "median_share"),
    "consultation+median+snap": ("consultation_weight", "median_share", "snap"),
    "clout+snap": ("capability_exponent", "snap"),
    "clout+snap+median": ("capability_exponent", "snap", "median_share"),
    "clout+snap+consultation": ("capability_exponent", "snap", "consultation_weight"),
    "clout+snap+salience": ("capability_exponent", "snap", "salience_exponent"),
    "clout+snap+consultation+median": ("capability_exponent", "snap", "consultation_weight",
                                       "median_share"),
}
"""Every variant tried on the DEU development split (docs/validation.md), simplest first."""

NAMES = tuple(GRID)


@dataclass(frozen=True)
class Prepared:
    configs: tuple[tuple[float, ...], ...]   # union grid points, values in NAMES order
    forecasts: F                              # (configs, items) on 0-100
    observed: F                               # (items,)
    groups: tuple[str, ...]
    members: Mapping[str, NDArray[np.int64]]  # variant -> indices into configs


def _issue_arrays(data: OutcomeSet, base: ProceduralParams) -> tuple[F, F, F, B]:
    """Positions (0-100), capabilities, saliences and consultation flags, NaN/0-padded."""
    probe = base.model_copy(update={"consultation_weight": 0.0})
    rows = []
    cache: dict[int, Any] = {}
    for item in data.items:
        scenario = data.scenarios[item.scenario]
        arrays = cache.setdefault(item.scenario, scenario_arrays(scenario))
        d = issue_data(scenario, arrays, item.issue)
        rows.append((to_unit(d.position, d.low, d.high), d.capability, d.salience,
                     weight_factor(scenario, d.actors, probe) == 0.0))
    width = max(1, *(len(r[0]) for r in rows))
    n = len(rows)
    x, c, s = np.full((n, width), np.nan), np.ones((n, width)), np.zeros((n, width))
    consult = np.zeros((n, width), dtype=bool)
    for k, (xi, ci, si, fi) in enumerate(rows):
        x[k, :len(xi)], c[k, :len(ci)], s[k, :len(si)], consult[k, :len(fi)] = xi, ci, si, fi
    return x, c, s, consult


class ProceduralFitter:
    """Fits ``procedural-compromise`` (see the module docstring)."""

    model = "procedural-compromise"

    def __init__(self, variants: Mapping[str, tuple[str, ...]] | None = None,
                 inner_folds: int = 10, inner_seed: int = 0,
                 base: ProceduralParams | None = None) -> None:
        self.variants = dict(VARIANTS if variants is None else variants)
        self.inner_folds = inner_folds
        self.inner_seed = inner_seed
        self.base = base or ProceduralParams()

    def prepare(self, data: OutcomeSet) -> Prepared:
        x, c, s, consult = _issue_arrays(data, self.base)
        used = {p for free in self.variants.values() for p in free}
        axes = [GRID[n] if n in used else GRID[n][:1] for n in NAMES]
        configs = list(product(*axes))
        index = {cfg: k for k, cfg in enumerate(configs)}
        forecasts = np.empty((len(configs), len(data.items)))
        snaps = np.array(axes[NAMES.index("snap")])
        for b, a, cw, share in product(*axes[:4]):
            w = c ** b * s ** a * np.where(consult, cw, 1.0)
            _, blend, nearest = procedural_outcome(x, w, share, np.inf)
            near = np.abs(nearest - blend)[None, :] <= snaps[:, None]
            values = np.where(near, nearest[None, :], blend[None, :])
            for t, row in zip(snaps, values, strict=True):
                forecasts[index[(b, a, cw, share, float(t))]] = row
        members = {}
        for name, free in self.variants.items():
            members[name] = np.array([k for k, cfg in enumerate(configs)
                                      if all(v == GRID[n][0] for n, v in zip(NAMES, cfg,
                                                                             strict=True)
                                             if n not in free)], dtype=np.int64)
        return Prepared(tuple(configs), forecasts, data.observed, tuple(data.groups), members)

    def predict(self, prepared: Any, params: dict[str, Any]) -> F:
        assert isinstance(prepared, Prepared)
        key = tuple(float(params[n]) for n in NAMES)
        return np.array(prepared.forecasts[prepared.configs.index(key)], dtype=float)

    def _best(self, prepared: Prepared, candidates: NDArray[np.int64], rows: B) -> int:
        loss = np.abs(prepared.forecasts[np.ix_(candidates, np.flatnonzero(rows))]
                      - prepared.observed[rows]).mean(axis=1)
        return int(candidates[int(np.argmin(loss))])

    def choose_variant(self, prepared: Prepared, train: B) -> tuple[str, dict[str, float]]:
        """Step 2: the variant with the lowest inner cross-validated MAE, and its scores."""
        idx = np.flatnonzero(train)
        groups = [prepared.groups[k] for k in idx]
        k = min(self.inner_folds, len(set(groups)))
        scores: dict[str, float] = {}
        if k < 2:
            return next(iter(self.variants)), scores
        inner = group_folds(groups, k, self.inner_seed)
        for name, candidates in prepared.members.items():
            errors = np.empty(len(idx))
            for tr, te in splits(inner):
                rows = np.zeros(train.shape, dtype=bool)
                rows[idx[tr]] = True
                best = self._best(prepared, candidates, rows)
                errors[te] = np.abs(prepared.forecasts[best, idx[te]]
                                    - prepared.observed[idx[te]])
            scores[name] = float(errors.mean())
        chosen = min(scores, key=lambda v: (round(scores[v], 9),
                                            list(self.variants).index(v)))
        return chosen, scores

    def fit(self, prepared: Any, train: B) -> dict[str, Any]:
        assert isinstance(prepared, Prepared)
        variant, _ = self.choose_variant(prepared, train)
        best = self._best(prepared, prepared.members[variant], train)
        return {"variant": variant, **dict(zip(NAMES, prepared.configs[best], strict=True))}
