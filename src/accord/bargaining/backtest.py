"""Back-test of the cost model on a case's own snapshots: did the stated costs of no deal
foresee where the next snapshot puts the red lines and the no-deal outcomes?

For each pair of consecutive snapshots (by date), the earlier snapshot's red lines and no-deal
outcomes (issues' status quo) are projected to the later snapshot's date under the earlier
snapshot's stated costs and moving no-deal outcomes (:func:`accord.bargaining.drift.
red_lines_at`, the same rules as ``accord bargain``'s timing), and compared with what the later
snapshot states.

* A red line is matched by actor and issue; both snapshots must state one. A red line the
  later snapshot only carries over (``carried_over: true``) is not an observation: it is left
  out and counted in ``carried``.
* Errors are measured on the 0-100 scale of each issue (values are reported on the issue's own
  scale), so that issues on different scales can be averaged.
* The mean absolute error (MAE) of the projection is set beside that of *persistence*, the
  forecast that nothing moves (the earlier stated value), on the same numbers: a cost model
  that does worse than persistence has foreseen less than nothing.

Distributions are taken at their point values. Nothing here reads files or prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from accord.bargaining.drift import drift_from_costs, no_deal_at, red_lines_at
from accord.bargaining.problem import BargainOptions, build_problem
from accord.jsonable import round6
from accord.scenario.dates import first_day, month_index
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario


@dataclass(frozen=True)
class Projection:
    """One number: as the earlier snapshot stated it, projected to the later date, and as the
    later snapshot states it (issue scale); ``error`` = projected - stated on 0-100."""

    kind: str            # "red line" or "no deal"
    actor: str | None    # None for a no-deal outcome
    issue: str
    side: str | None     # "min" / "max" for a red line
    start: float
    projected: float
    stated: float
    error: float
    persistence_error: float
    """earlier stated value - later stated value, on 0-100."""

    @property
    def moved(self) -> bool:
        """Whether the earlier snapshot's costs moved the number at all."""
        return abs(self.projected - self.start) > 1e-9


@dataclass(frozen=True)
class BacktestStep:
    """One pair of consecutive snapshots."""

    earlier: str
    later: str
    months: int
    rows: tuple[Projection, ...]
    carried: int
    """Red lines left out because the later snapshot only carries them over."""

    @property
    def mae(self) -> float | None:
        return _mae([r.error for r in self.rows])

    @property
    def persistence_mae(self) -> float | None:
        return _mae([r.persistence_error for r in self.rows])


@dataclass(frozen=True)
class Backtest:
    steps: tuple[BacktestStep, ...]

    @property
    def rows(self) -> tuple[Projection, ...]:
        return tuple(r for s in self.steps for r in s.rows)

    @property
    def mae(self) -> float | None:
        return _mae([r.error for r in self.rows])

    @property
    def persistence_mae(self) -> float | None:
        return _mae([r.persistence_error for r in self.rows])


def _mae(errors: list[float]) -> float | None:
    return float(np.mean(np.abs(errors))) if errors else None


def backtest(snapshots: Sequence[Scenario], options: BargainOptions | None = None) -> Backtest:
    """Project each snapshot to the next one's date and compare (module docstring).

    ``snapshots`` must be dated; they are taken in date order.
    """
    dated = sorted((s for s in snapshots if s.as_of), key=lambda s: first_day(s.as_of or ""))
    steps = [backtest_pair(a, b, options) for a, b in pairwise(dated)]
    return Backtest(tuple(steps))


def backtest_pair(earlier: Scenario, later: Scenario,
                  options: BargainOptions | None = None) -> BacktestStep:
    """The projection of ``earlier`` to ``later``'s date, number by number."""
    assert earlier.as_of and later.as_of, "a back-test needs dated snapshots"
    scn = earlier.with_point_values() if earlier.is_uncertain() else earlier
    problem = build_problem(scn, options)
    drift = drift_from_costs(scn, problem)
    months = month_index(later.as_of) - month_index(earlier.as_of)
    at = red_lines_at(problem, drift, months)
    rows: list[Projection] = []
    carried = 0
    for i, actor in enumerate(problem.actors):
        for j, issue_id in enumerate(problem.issues):
            side, start, projected = _side(problem.lower, problem.upper, at.lower, at.upper,
                                           i, j)
            if side is None:
                continue
            now = later.stance(actor, issue_id) if issue_id in _issues(later) else None
            if now is None or now.reservation is None:
                continue
            if now.carried_over:
                carried += 1
                continue
            stated = _unit(later, issue_id, _point(now.reservation))
            rows.append(_row("red line", actor, issue_id, side, problem, j, start, projected,
                             stated))
    moved_no_deal = no_deal_at(drift, problem.m, months)
    for j, issue in enumerate(scn.issues):
        if issue.status_quo is None or issue.id not in _issues(later):
            continue
        then = later.issue(issue.id).status_quo
        if then is None:
            continue
        q0 = _unit(scn, issue.id, issue.status_quo)
        q = q0 if np.isnan(moved_no_deal[j]) else float(moved_no_deal[j])
        rows.append(_row("no deal", None, issue.id, None, problem, j, q0, q,
                         _unit(later, issue.id, then)))
    return BacktestStep(earlier.id, later.id, months, tuple(rows), carried)


def _issues(s: Scenario) -> set[str]:
    return {i.id for i in s.issues}


def _point(value: Any) -> float:
    return point(value)


def _unit(s: Scenario, issue_id: str, value: float) -> float:
    issue = s.issue(issue_id)
    return float(100.0 * (value - issue.low) / (issue.high - issue.low))


def _side(lower: Any, upper: Any, at_lower: Any, at_upper: Any, i: int, j: int
          ) -> tuple[str | None, float, float]:
    """The red line's side, stated and projected value (0-100); a point red line (both
    sides) is read as its minimum."""
    if not np.isnan(lower[i, j]):
        return "min", float(lower[i, j]), float(at_lower[i, j])
    if not np.isnan(upper[i, j]):
        return "max", float(upper[i, j]), float(at_upper[i, j])
    return None, float("nan"), float("nan")


def _row(kind: str, actor: str | None, issue: str, side: str | None, problem: Any, j: int,
         start: float, projected: float, stated: float) -> Projection:
    return Projection(kind=kind, actor=actor, issue=issue, side=side,
                      start=problem.to_issue_scale(j, start),
                      projected=problem.to_issue_scale(j, projected),
                      stated=problem.to_issue_scale(j, stated),
                      error=projected - stated, persistence_error=start - stated)


def _r(value: float | None) -> float | None:
    if value is None:
        return None
    return round6(value)


def backtest_document(bt: Backtest) -> dict[str, Any]:
    """The ``backtest`` part of ``accord timeline``'s JSON (docs/cli.md)."""
    return {
        "mae": _r(bt.mae), "persistence_mae": _r(bt.persistence_mae),
        "numbers": len(bt.rows),
        "steps": [{
            "from": s.earlier, "to": s.later, "months": s.months,
            "mae": _r(s.mae), "persistence_mae": _r(s.persistence_mae),
            "carried": s.carried,
            "numbers": [{"kind": r.kind, "actor": r.actor, "issue": r.issue, "side": r.side,
                         "start": _r(r.start), "projected": _r(r.projected),
                         "stated": _r(r.stated), "error": _r(r.error),
                         "moved": r.moved} for r in s.rows],
        } for s in bt.steps],
    }
