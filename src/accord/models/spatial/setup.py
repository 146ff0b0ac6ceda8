"""A scenario in the spatial model's terms: actors and issues sorted, on the unit cube, with
the scenario's KTAB settings (see :mod:`accord.models.spatial.model` for the mapping).

Shared by the single run (:class:`~accord.models.spatial.model.SpatialModel`) and the run over
a Monte Carlo chunk's draws (:mod:`accord.models.spatial.draws`), so that both go through the
same code.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.base import Forecast
from accord.models.spatial.dynamics import Actors, Run, risk_attitudes, simulate
from accord.models.spatial.meta import (
    accommodation_matrix,
    scenario_options,
)
from accord.models.spatial.options import DEFAULT_SEED, SpatialParams
from accord.models.spatial.outcome import Outlook, outlook
from accord.models.spatial.utility import distances
from accord.scenario.arrays import ScenarioArrays, from_unit, scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]


def with_scenario_options(scenario: Scenario, params: SpatialParams) -> SpatialParams:
    """``params`` with the scenario's KTAB settings for the options the run left unset."""
    unset = {k: v for k, v in scenario_options(scenario.meta).items()
             if k not in params.model_fields_set}
    return params.model_copy(update=unset) if unset else params


class Setup:
    """A scenario in the model's terms: which actors and issues, in which order, on [0, 1].

    ``arrays`` (default: the scenario's own) lets Monte Carlo give a draw's numbers without
    building a scenario for it (:mod:`accord.models.spatial.draws`).
    """

    def __init__(self, scenario: Scenario, params: SpatialParams,
                 arrays: ScenarioArrays | None = None) -> None:
        arrays = scenario_arrays(scenario) if arrays is None else arrays
        self.scenario = scenario
        self.arrays = arrays
        self.issue_cols = np.flatnonzero(arrays.present.any(axis=0))
        present = arrays.present[:, self.issue_cols]
        keep = np.flatnonzero(present.any(axis=1))
        # Canonical order: by actor id, so the input order cannot matter.
        self.rows = np.array(sorted(keep.tolist(), key=lambda k: arrays.actors[k]),
                             dtype=np.intp)
        self.n = len(self.rows) if len(self.issue_cols) else 0
        if self.n == 0:
            return
        rank = {int(r): k for k, r in enumerate(self.rows)}
        self.merge_order = np.array([rank[int(k)] for k in keep], dtype=np.intp)
        self.ids = [arrays.actors[k] for k in self.rows]
        lo, hi = arrays.low[self.issue_cols], arrays.high[self.issue_cols]
        self.lo, self.hi = lo, hi
        pos = arrays.position[np.ix_(self.rows, self.issue_cols)]
        sal = arrays.salience[np.ix_(self.rows, self.issue_cols)]
        here = arrays.present[np.ix_(self.rows, self.issue_cols)]
        self.here = here
        pos = np.where(here, pos, self._fill(pos, sal, here))
        sal = np.where(here, sal, 0.0)
        totals = sal.sum(axis=1)
        self.salience_scale = max(1.0, float(totals.max()))
        cap = arrays.capability[self.rows]
        self.x0 = np.clip(to_unit(pos, lo, hi) / 100.0, 0.0, 1.0)
        self.actors = Actors(capability=cap, salience=sal / self.salience_scale,
                             accommodation=self._accommodation(params))

    def _fill(self, pos: F, sal: F, here: NDArray[np.bool_]) -> F:
        """Positions of actors without a stance: the status quo, else the weighted mean."""
        sq = self.arrays.status_quo[self.issue_cols]
        cap = self.arrays.capability[self.rows][:, None]
        w = np.where(here, cap * sal, 0.0)
        wsum = w.sum(axis=0)
        mean_all = np.where(here, pos, 0.0).sum(axis=0) / np.maximum(here.sum(axis=0), 1)
        safe = np.where(wsum > 0, wsum, 1.0)
        mean = np.where(wsum > 0, (w * np.where(here, pos, 0.0)).sum(axis=0) / safe,
                        mean_all)
        return np.asarray(np.where(np.isnan(sq), mean, sq)[None, :]
                          * np.ones_like(pos))

    def _accommodation(self, params: SpatialParams) -> F | None:
        if params.accommodation == "identity":
            return None
        if params.accommodation == "fixed":
            return np.zeros((len(self.rows), len(self.rows)))
        return accommodation_matrix(self.scenario.meta, self.ids)

    def play(self, params: SpatialParams, rng: np.random.Generator | None
             ) -> tuple[Run, Outlook, F, int]:
        """Simulate, then the final state's risk attitudes and outlook (and capped PCEs)."""
        if rng is None:
            rng = np.random.default_rng(DEFAULT_SEED)
        run = simulate(self.actors, self.x0, params, rng)
        last, ideal = run.positions[-1], run.ideals[-1]
        delta = distances(ideal, self.actors.salience, last)
        risk, capped = risk_attitudes(self.actors, delta, params)
        final = outlook(self.actors, last, ideal, risk, params)
        return run, final, risk, capped

    def points(self, run: Run, final: Outlook) -> tuple[F, F]:
        """The mean and the mode of the final outlook on each issue's own scale (D,)."""
        reps = run.positions[-1][final.representatives]
        mean = self.scale((final.probability[:, None] * reps).sum(axis=0))
        mode = self.scale(reps[int(np.argmax(final.probability))])
        return mean, mode

    def scale(self, x: F) -> F:
        """Unit-cube positions (.., D) back on each issue's own scale."""
        return np.asarray(from_unit(100.0 * x, self.lo, self.hi))

    def forecast(self, run: Run, final: Outlook, ktab: Outlook, risk: F,
                 params: SpatialParams, stochastic: bool, capped: int) -> Forecast:
        """The Result's content on each issue's own scale (docs/models-smp.md section 3)."""
        positions = run.positions
        issues = [self.scenario.issues[c].id for c in self.issue_cols]
        reps = positions[-1][final.representatives]
        mean, mode = self.points(run, final)
        point = mean if params.point_forecast == "mean" else mode
        out = Forecast(outcome={i.id: None for i in self.scenario.issues})
        for d, issue in enumerate(issues):
            out.outcome[issue] = float(point[d])
        history = np.stack([self.scale(x) for x in positions])         # (T+1, N, D)
        for d, issue in enumerate(issues):
            out.final_positions[issue] = {
                a: float(history[-1, k, d]) for k, a in enumerate(self.ids) if self.here[k, d]}
        out.trajectory = {issue: self._trajectory(history[:, :, d], d)
                          for d, issue in enumerate(issues)}
        steps = len(positions) - 1
        ranked = sorted(range(len(final.probability)), key=lambda m: -final.probability[m])
        distinct = [{"probability": float(final.probability[m]),
                     "position": dict(zip(issues, map(float, self.scale(reps[m])), strict=True)),
                     "actors": [self.ids[k] for k in np.flatnonzero(final.member_of == m)]}
                    for m in ranked]
        out.diagnostics = {
            "steps": steps,
            "stopped": "converged" if run.converged else "step limit",
            "last_step_ratio": run.stop_ratios[-1] if run.stop_ratios else None,
            "point_forecasts": {"mean": dict(zip(issues, map(float, mean), strict=True)),
                                "mode": dict(zip(issues, map(float, mode), strict=True))},
            "outcome_is": params.point_forecast,
            "distinct_positions": distinct,
            "actor_probability": {a: float(final.actor_probability[k])
                                  for k, a in enumerate(self.ids)},
            "ktab_final_prob": {a: float(ktab.actor_probability[k])
                                for k, a in enumerate(self.ids)},
            "risk_attitudes": {a: float(risk[k]) for k, a in enumerate(self.ids)},
            "stochastic": stochastic,
        }
        notes = self._notes(issues)
        if notes:
            out.diagnostics["notes"] = notes
        if capped:
            out.diagnostics["markov_pces_at_iteration_cap"] = capped
        return out

    def _trajectory(self, history: F, d: int) -> list[list[float | None]]:
        """One issue's (T+1, N) history as rows in the scenario's actor order (None: no
        stance)."""
        index = {a: k for k, a in enumerate(self.arrays.actors)}
        rows: list[list[float | None]] = []
        for state in history:
            row: list[float | None] = [None] * len(self.arrays.actors)
            for k, a in enumerate(self.ids):
                if self.here[k, d]:
                    row[index[a]] = float(state[k])
            rows.append(row)
        return rows

    def _notes(self, issues: list[str]) -> list[str]:
        notes: list[str] = []
        skipped_issues = [i.id for c, i in enumerate(self.scenario.issues)
                          if c not in set(self.issue_cols.tolist())]
        if skipped_issues:
            notes.append(f"no actor takes a stance on {', '.join(skipped_issues)}: no forecast")
        skipped = sorted(set(self.arrays.actors) - set(self.ids))
        if skipped:
            notes.append(f"left out (no stance on any issue): {', '.join(skipped)}")
        missing = [f"{a}/{issues[d]}" for k, a in enumerate(self.ids)
                   for d in range(len(issues)) if not self.here[k, d]]
        if missing:
            notes.append("no stance (salience 0, placed at the status quo or the weighted "
                         f"mean): {', '.join(missing)}")
        if self.salience_scale > 1.0:
            notes.append(f"saliences divided by {self.salience_scale:g} so that each actor's "
                         "add up to at most 1, as KTAB requires")
        return notes
