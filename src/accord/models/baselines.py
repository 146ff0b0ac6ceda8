"""Baseline models, one issue at a time (MODELS.md section 1).

* Compromise model [Achen 2006; Thomson et al. 2006]: the capability x salience weighted mean
  of positions, y = sum_i c_i s_i x_i / sum_i c_i s_i. The best single model on the EU decision
  data (DEU).
* Weighted median (the median voter) [Black 1948]: the position at which the cumulative
  capability x salience weight, sorted by position, first reaches half the total. BDM's
  pairwise "median voter" votes pick exactly this point; a sort finds it in O(n log n).
* Unweighted mean and median, and the status quo (reference point) where the issue has one.

The core functions take arrays with any leading batch dimensions (``(..., n)``), so Monte Carlo
can evaluate many draws at once.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.models.base import IssueForecast, IssueModel, Params
from accord.scenario.arrays import IssueData, ScenarioArrays

F = NDArray[np.float64]

# Relative tolerance for "the cumulative weight reaches half": summation order must not decide
# which actor is the median when the halves are equal up to rounding.
_HALF_TOL = 1e-12


def compromise(position: F, weight: F) -> F:
    """Weighted mean over the last axis; the unweighted mean where all weights are 0."""
    position = np.asarray(position, dtype=float)
    weight = np.broadcast_to(np.asarray(weight, dtype=float), position.shape)
    total = weight.sum(axis=-1)
    weighted = (weight * position).sum(axis=-1)
    if np.all(total > 0):       # the usual case: no fallback to compute
        return np.asarray(weighted / total)
    safe = np.where(total > 0, total, 1.0)
    return np.asarray(np.where(total > 0, weighted / safe, position.mean(axis=-1)))


def weighted_median(position: F, weight: F) -> F:
    """Lower weighted median over the last axis (unweighted where all weights are 0)."""
    position = np.asarray(position, dtype=float)
    weight = np.broadcast_to(np.asarray(weight, dtype=float), position.shape)
    total = weight.sum(axis=-1, keepdims=True)
    if not np.all(total > 0):   # rows without weight count every actor once
        weight = np.where(total > 0, weight, 1.0)
        total = weight.sum(axis=-1, keepdims=True)
    order = np.argsort(position, axis=-1, kind="stable")
    xs = np.take_along_axis(position, order, axis=-1)
    cum = np.cumsum(np.take_along_axis(weight, order, axis=-1), axis=-1)
    reached = cum >= total * (0.5 - _HALF_TOL)
    k = np.argmax(reached, axis=-1)
    return np.asarray(np.take_along_axis(xs, k[..., None], axis=-1)[..., 0])


class NoParams(Params):
    """The baselines have no parameters."""


class _Baseline(IssueModel[NoParams]):
    """A one-issue baseline: vectorised over draws, cheap enough for large chunks."""

    params_type = NoParams
    vectorised: ClassVar[bool] = True

    def draw_seconds(self, actors: int, issues: int, params: NoParams) -> float:
        # one array program per chunk: a fixed cost and one per actor x issue cell
        return 2.0e-7 + 2.5e-8 * actors * issues


class Compromise(_Baseline):
    zero_salience_inert: ClassVar[bool] = True
    name: ClassVar[str] = "compromise"
    title: ClassVar[str] = "Compromise model (capability x salience weighted mean)"
    citation: ClassVar[str] = "Achen (2006); Thomson, Stokman, Achen & Koenig (2006)"
    headline: ClassVar[int | None] = 0
    """The best single model on EU decision data [Achen 2006]: summaries lead with it."""
    default: ClassVar[bool] = True
    timeline: ClassVar[bool] = True

    def forecast_issue(self, data: IssueData, params: NoParams) -> IssueForecast:
        return IssueForecast(outcome=float(compromise(data.position, data.weight)))

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: NoParams) -> F:
        return compromise(position, capability * salience)


class WeightedMedian(_Baseline):
    zero_salience_inert: ClassVar[bool] = True
    name: ClassVar[str] = "weighted-median"
    title: ClassVar[str] = "Weighted median (median voter, capability x salience weights)"
    citation: ClassVar[str] = "Black (1948); Bueno de Mesquita (1994)"
    headline: ClassVar[int | None] = 2
    default: ClassVar[bool] = True
    timeline: ClassVar[bool] = True

    def forecast_issue(self, data: IssueData, params: NoParams) -> IssueForecast:
        return IssueForecast(outcome=float(weighted_median(data.position, data.weight)))

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: NoParams) -> F:
        return weighted_median(position, capability * salience)


class Mean(_Baseline):
    name: ClassVar[str] = "mean"
    title: ClassVar[str] = "Unweighted mean of positions"
    citation: ClassVar[str] = "baseline"
    default: ClassVar[bool] = True
    timeline: ClassVar[bool] = True

    def forecast_issue(self, data: IssueData, params: NoParams) -> IssueForecast:
        return IssueForecast(outcome=float(np.mean(data.position)))

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: NoParams) -> F:
        return np.asarray(np.mean(position, axis=-1))


class Median(_Baseline):
    name: ClassVar[str] = "median"
    title: ClassVar[str] = "Unweighted median of positions"
    citation: ClassVar[str] = "baseline"
    default: ClassVar[bool] = True
    timeline: ClassVar[bool] = True

    def forecast_issue(self, data: IssueData, params: NoParams) -> IssueForecast:
        return IssueForecast(outcome=float(np.median(data.position)))

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: NoParams) -> F:
        return np.asarray(np.median(position, axis=-1))


class StatusQuo(_Baseline):
    name: ClassVar[str] = "status-quo"
    title: ClassVar[str] = "Status quo (the issue's reference point; no forecast without one)"
    citation: ClassVar[str] = "baseline"

    def batch_issue(self, position: F, capability: F, salience: F, base: ScenarioArrays,
                    j: int, params: NoParams) -> F:
        return np.full(position.shape[0], base.status_quo[j])

    def forecast_issue(self, data: IssueData, params: NoParams) -> IssueForecast:
        sq = data.issue.status_quo
        if sq is None:
            return IssueForecast(outcome=None,
                                 diagnostics={"note": "the issue has no status quo"})
        return IssueForecast(outcome=float(sq))
