"""The bargaining analysis over a batch of draws, as array operations: Monte Carlo's engine.

MODELS.md sections 4-5. For B draws of one scenario stacked in a
:class:`~accord.bargaining.batch_core.BatchProblem` (:func:`batch_problem`), one call gives
what :func:`accord.bargaining.analyse` reports per draw as ``verdict``, ``zones`` and
``opening``:

1. the zones per issue (:func:`~accord.bargaining.batch_core.zones`, array operations);
2. the verdict, package feasibility as stated
   (:class:`~accord.bargaining.batch_feasible.Feasibility`: exact vectorised certificates,
   a linear program only for the draws they leave undecided);
3. the first month a zone opens and whether it never does, under a
   :class:`~accord.bargaining.batch_schedule.Schedule` (the cost drifts and moving no-deal
   outcomes: :class:`CostDrift`), by a bisection over months vectorised across draws where
   red lines only loosen, else a scan of many draw-months per call
   (:func:`~accord.bargaining.batch_timing.opening_months`).

Blocking red lines are :func:`~accord.bargaining.batch_core.blocking`; minimal concessions
and Nash solutions, which need linear or convex programs per draw, are
:mod:`accord.bargaining.batch_extras`. Tests compare every output with ``analyse`` draw by
draw on the built-in case and on random scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch_core import (
    BatchProblem,
    Frame,
    Zones,
    batch_problem,
    blocking,
    frame,
    zones,
)
from accord.bargaining.batch_feasible import Feasibility
from accord.bargaining.batch_schedule import (
    LOOSENS,
    MIXED,
    STILL,
    CostDrift,
    MonthState,
    Schedule,
)
from accord.bargaining.batch_timing import opening_months

F = NDArray[np.float64]
Bool = NDArray[np.bool_]

BLOCK = 8192
"""Draws analysed together: a Monte Carlo chunk (5,000 draws of the built-in case) in one
block, since the opening-month scan's rounds cost about the same for any number of draws."""


@dataclass(frozen=True)
class BatchVerdict:
    """What the bargaining analysis says about each draw (Monte Carlo's per-draw outputs)."""

    deal: Bool                   # (B,) a package every player accepts exists as stated
    zones: Zones                 # per issue, as stated
    opening: NDArray[np.int64]   # (B,) first month 0..horizon a zone is open, -1 if none
    never: Bool                  # (B,) it never opens under the drawn costs
    programs: int                # linear programs solved (what the certificates left open)


def analyse_batch(bp: BatchProblem, schedule: Schedule, horizon: int) -> BatchVerdict:
    """Verdict, zones and opening month of every draw of ``bp`` (see the module docstring)."""
    feasible = Feasibility(bp)
    rows = np.arange(bp.size, dtype=np.intp)
    deal = feasible(rows, *feasible.stated())
    opening, never = opening_months(feasible, schedule, horizon, deal)
    return BatchVerdict(deal=deal, zones=zones(bp), opening=opening, never=never,
                        programs=feasible.programs)


def analyse_draws(fr: Frame, capability: F, position: F, salience: F, reservation: F,
                  drift: F, no_deal_drift: F | None = None, block: int = BLOCK
                  ) -> BatchVerdict:
    """:func:`analyse_batch` of B draws given as arrays, block by block.

    ``fr`` is the scenario's :class:`~accord.bargaining.batch_core.Frame`
    (:func:`~accord.bargaining.batch_core.frame`, once per scenario and options);
    ``capability`` (B, n); ``position``, ``salience``, ``reservation`` (B, n, m) in each
    issue's own units (the layout of :class:`accord.scenario.arrays.ScenarioArrays`);
    ``drift`` (B, C) per cost entry of the scenario, in its issue's units per month;
    ``no_deal_drift`` (B, m) per issue, the drift of its no-deal outcome in its units per
    month (NaN or None: the scenario's own).
    """
    size = capability.shape[0]
    parts: list[BatchVerdict] = []
    for start in range(0, max(size, 1), block):
        sl = slice(start, min(start + block, size))
        bp = batch_problem(fr, capability[sl], position[sl], salience[sl], reservation[sl])
        moving = None if no_deal_drift is None else no_deal_drift[sl]
        parts.append(analyse_batch(bp, CostDrift(fr.scenario, bp, drift[sl], moving),
                                   fr.options.horizon))
    if len(parts) == 1:
        return parts[0]
    return BatchVerdict(
        deal=np.concatenate([p.deal for p in parts]),
        zones=Zones(open=np.concatenate([p.zones.open for p in parts]),
                    low=np.concatenate([p.zones.low for p in parts]),
                    high=np.concatenate([p.zones.high for p in parts])),
        opening=np.concatenate([p.opening for p in parts]),
        never=np.concatenate([p.never for p in parts]),
        programs=sum(p.programs for p in parts))


__all__ = ["BLOCK", "LOOSENS", "MIXED", "STILL", "BatchProblem", "BatchVerdict", "CostDrift",
           "Feasibility", "Frame", "MonthState", "Schedule", "analyse_batch", "analyse_draws",
           "batch_problem", "blocking", "frame", "zones"]
