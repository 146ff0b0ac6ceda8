"""Accuracy on data with known outcomes: scores, bootstrap intervals, grouped CV, benchmarks.

* :mod:`~accord.validation.scoring` - absolute errors, MAE, median AE, share within 10 points,
  percentile bootstrap intervals resampling proposals;
* :mod:`~accord.validation.folds` - k folds that never split a proposal;
* :mod:`~accord.validation.outcomes` - the scored issues of a data set;
* :mod:`~accord.validation.crossval` - cross-validation of a fitting procedure;
* :mod:`~accord.validation.procedural_fit` - the fitter of ``procedural-compromise``;
* :mod:`~accord.validation.benchmark` - every registered model and preset, scored.
"""

from __future__ import annotations

from accord.validation.crossval import Fitter
from accord.validation.procedural_fit import ProceduralFitter


def fitters() -> list[Fitter]:
    """The fitting procedures of fitted models (cross-validated by ``accord benchmark``)."""

    return [ProceduralFitter()]


__all__ = ["Fitter", "fitters"]
