"""Cross-validation of fitted models, grouped by proposal.

A :class:`Fitter` knows how to fit one registered model's parameters to a set of scored
issues. :func:`cross_validate` estimates how well that *fitting procedure* forecasts proposals
it was not fitted on:

1. deal the proposals into ``k`` folds (:func:`accord.validation.folds.group_folds`, seeded);
2. for each fold: fit on the issues of the other folds only, forecast the fold's issues;
3. score the pooled out-of-fold forecasts (so the MAE is the mean over folds weighted by the
   number of issues), and report each fold's MAE and the parameters it chose.

Any choice the fitter makes (a grid search, a selection among variants) happens inside step 2,
so the figure is not inflated by it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from accord.validation.folds import group_folds, splits
from accord.validation.outcomes import OutcomeSet

F = NDArray[np.float64]
B = NDArray[np.bool_]


class Fitter(Protocol):
    """Fits the parameters of the registered model ``model`` to scored issues."""

    model: str

    def prepare(self, data: OutcomeSet) -> Any:
        """Precompute whatever fitting and forecasting need (once per data set)."""

    def fit(self, prepared: Any, train: B) -> dict[str, Any]:
        """Parameters fitted on the items where ``train`` is True."""

    def predict(self, prepared: Any, params: dict[str, Any]) -> F:
        """Forecasts (0-100) of every item under ``params``."""


@dataclass(frozen=True)
class CrossValidation:
    model: str
    folds: int
    seed: int
    predictions: F            # out-of-fold forecast per item (0-100)
    errors: F                 # absolute out-of-fold error per item
    fold_of: NDArray[np.int64]
    fold_mae: tuple[float, ...]
    fold_params: tuple[dict[str, Any], ...]

    @property
    def mae(self) -> float:
        return float(self.errors.mean())

    @property
    def fold_sd(self) -> float:
        """Standard deviation of the per-fold MAEs (how much the figure varies by fold)."""
        return float(np.std(self.fold_mae, ddof=1)) if len(self.fold_mae) > 1 else 0.0


def cross_validate(fitter: Fitter, data: OutcomeSet, folds: int, seed: int,
                   prepared: Any = None,
                   progress: Callable[[], None] | None = None) -> CrossValidation:
    """Grouped k-fold cross-validation of ``fitter`` on ``data`` (see the module docstring)."""
    fold_of = group_folds(data.groups, folds, seed)
    prepared = fitter.prepare(data) if prepared is None else prepared
    observed = data.observed
    predictions = np.full(observed.shape, np.nan)
    fold_mae: list[float] = []
    fold_params: list[dict[str, Any]] = []
    for train, test in splits(fold_of):
        params = fitter.fit(prepared, train)
        forecast = fitter.predict(prepared, params)
        predictions[test] = forecast[test]
        fold_mae.append(float(np.abs(forecast[test] - observed[test]).mean()))
        fold_params.append(params)
        if progress is not None:
            progress()
    errors = np.abs(predictions - observed)
    return CrossValidation(fitter.model, folds, seed, predictions, errors, fold_of,
                           tuple(fold_mae), tuple(fold_params))
