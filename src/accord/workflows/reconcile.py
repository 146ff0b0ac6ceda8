"""Why the models disagree, issue by issue, and the forecast every veto player accepts.

On the built-in case the models span 45-80 on territory and 25-100 on NATO, the compromise
forecast on territory lies outside both veto players' red lines, and the EUM stops at its
round limit on most issues; each is visible only in the JSON. :func:`reconcile` puts it into
records a report can print. Per issue:

1. the forecasts of every model run (labels as given), their spread (largest minus smallest),
   and each forecast's nearest labelled point of the scale;
2. the zone: the interval every binding red line accepts (``BargainAnalysis.zones``); each
   forecast is inside it or not, and its **constrained forecast** is the nearest point of the
   zone (None where the red lines cross: then no outcome is acceptable to every veto player);
   a forecast outside the zone names the red lines that reject it;
3. reasons, one sentence each, read from each model's own diagnostics:
   * ``eum-not-converged``: the EUM stopped at its round limit (also a warning);
   * ``eum-capitulation`` / ``eum-confrontation``: who gave in to whom in which round, from the
     replay of :mod:`accord.models.eum.perceptions`;
   * ``smp-bargains``: SMP ended more than ``GAP`` points (0-100) from the weighted mean of
     the stated positions: its actors bargain over every issue at once and vote among the
     resulting positions (with the most likely coalition);
   * ``exchange-trades``: trades across issues moved this issue (how many, who gave to whom);
   * ``snapped``: procedural-compromise took the tabled position nearest its blend;
   * ``median``: the weighted median sits on one actor's position, more than ``GAP`` from the
     weighted mean;
   * ``outside-zone``, ``no-zone``, ``no-forecast``, ``fixed`` (a variant settled the issue);
4. a split-conformal prediction interval per forecast (:mod:`accord.validation.conformal`,
   level 0.8 by default) where the model is calibrated, widened by the Monte Carlo spread
   when draws are given.

The headline model (``compromise`` when run, else the first) gives the issue's constrained
forecast; a report should never show an outside-the-zone forecast as an outcome without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accord.bargaining.staged import BargainAnalysis
from accord.bargaining.zopa import RedLine
from accord.models.result import Result
from accord.scenario.arrays import scenario_arrays
from accord.scenario.edit_data import FIXED_KEY
from accord.scenario.schema import Issue, Scenario
from accord.validation.conformal import (
    DEFAULT_LEVEL,
    PredictionInterval,
    half_width,
    prediction_interval,
)
from accord.workflows.reasons import (
    Reason,
    baseline_reasons,
    eum_reasons,
    no_forecast,
    smp_reasons,
    trade_reasons,
    warnings,
    zone_reasons,
)


@dataclass(frozen=True)
class ModelForecast:
    label: str
    value: float | None
    nearest_label: str | None
    inside_zone: bool | None        # None: no zone (or no forecast)
    constrained: float | None       # nearest point of the zone
    rejected_by: tuple[str, ...]    # veto players whose red line the forecast crosses
    interval: PredictionInterval | None


@dataclass(frozen=True)
class IssueReconciliation:
    issue: str
    forecasts: tuple[ModelForecast, ...]
    spread: float | None            # largest minus smallest forecast (issue scale)
    zone: tuple[float, float] | None
    headline: str | None            # the model whose forecast leads
    constrained: float | None       # the headline forecast, moved into the zone
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Reconciliation:
    issues: tuple[IssueReconciliation, ...]
    warnings: tuple[str, ...]

    def of(self, issue: str) -> IssueReconciliation:
        for r in self.issues:
            if r.issue == issue:
                return r
        raise KeyError(issue)


def reconcile(scenario: Scenario, results: Mapping[str, Result], analysis: BargainAnalysis,
              *, headline: str | None = None, level: float = DEFAULT_LEVEL,
              draws: Mapping[str, Mapping[str, Sequence[float]]] | None = None
              ) -> Reconciliation:
    """Steps 1-4 of the module docstring; ``results`` by label, ``draws`` by label and issue."""
    lead = headline or ("compromise" if "compromise" in results else next(iter(results), None))
    eum = eum_reasons(scenario, results)
    smp = smp_reasons(scenario, results)
    trades = trade_reasons(scenario, results)
    arrays = scenario_arrays(scenario.with_point_values() if scenario.is_uncertain()
                             else scenario)
    out = []
    for j, issue in enumerate(scenario.issues):
        zone = analysis.zones[j]
        lines = [r for r in analysis.red_lines if r.issue == issue.id and r.binding]
        forecasts = []
        reasons: list[Reason] = []
        for label, result in results.items():
            value = result.outcome.get(issue.id)
            forecasts.append(_forecast(label, result, issue, value, zone, lines, level,
                                       (draws or {}).get(label, {}).get(issue.id)))
            if value is None:
                reasons.append(Reason(label, "no-forecast", no_forecast(label, result,
                                                                        issue.id)))
        reasons += zone_reasons(issue, zone, [(f.label, f.value, f.rejected_by)
                                              for f in forecasts], analysis)
        reasons += eum.get(issue.id, []) + smp.get(issue.id, []) + trades.get(issue.id, [])
        reasons += baseline_reasons(scenario, arrays, issue, results)
        fixed = scenario.meta.get(FIXED_KEY + issue.id)
        if fixed is not None:
            reasons.insert(0, Reason(None, "fixed", f"{issue.name} is settled at {fixed:g} "
                                                    "by the variant: every model forecasts "
                                                    "it there."))
        values = [f.value for f in forecasts if f.value is not None]
        head = next((f for f in forecasts if f.label == lead), None)
        out.append(IssueReconciliation(
            issue.id, tuple(forecasts), (max(values) - min(values)) if values else None,
            zone, lead, None if head is None else head.constrained, tuple(reasons)))
    return Reconciliation(tuple(out), tuple(warnings(scenario, results)))


def _forecast(label: str, result: Result, issue: Issue, value: float | None,
              zone: tuple[float, float] | None, lines: list[RedLine], level: float,
              draws: Sequence[float] | None) -> ModelForecast:
    if value is None:
        return ModelForecast(label, None, None, None, None, (), None)
    near = issue.nearest_label(value)
    inside = None if zone is None else zone[0] - 1e-9 <= value <= zone[1] + 1e-9
    constrained = None if zone is None else float(np.clip(value, zone[0], zone[1]))
    rejected = tuple(r.actor for r in lines if (r.side == "min" and value < r.value - 1e-9)
                     or (r.side == "max" and value > r.value + 1e-9))
    q = half_width(result.model, result.preset, level)
    interval = None if q is None else prediction_interval(value, issue.low, issue.high, q,
                                                          draws, level)
    return ModelForecast(label, value, None if near is None else near[1], inside,
                         constrained, rejected, interval)
