"""The asymmetric Nash bargaining solution as a forecast (MODELS.md section 4): ``--model nash``.

It lives with the bargaining analysis it wraps (models below it must not import bargaining).

The package that maximises prod_i (u_i - d_i)^beta_i inside the zone of possible agreement of
the veto players (:mod:`accord.bargaining.nash`). Without any veto player every actor's consent
counts. When there is no zone the parties are not expected to agree: the forecast is ``null``
on every issue (``no_zone='none'``, the default), or, with ``no_zone='concede'``, the Nash
solution once the smallest concessions that open a zone are made
(:mod:`accord.bargaining.concessions`). The diagnostics give the verdict and the blocking red
lines either way.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import numpy as np
from pydantic import Field

from accord.bargaining.concessions import apply_concessions, minimal_concessions
from accord.bargaining.nash import nash_solution
from accord.bargaining.package import check_package
from accord.bargaining.problem import BargainOptions, build_problem
from accord.bargaining.zopa import blocking_pairs
from accord.models.base import Forecast, Model, Params
from accord.scenario.schema import Scenario


class NashParams(Params):
    loss: Literal["linear", "quadratic"] = Field("linear", description="Loss of distance.")
    disagreement: Literal["reservation", "status-quo", "worst"] = Field(
        "reservation", description="What each veto player expects from no deal.")
    power: Literal["capability-salience", "capability", "equal"] = Field(
        "capability-salience", description="Bargaining power beta_i.")
    no_zone: Literal["none", "concede"] = Field(
        "none", description="Without a zone: no forecast, or the Nash solution after the "
                            "smallest concessions.")


class NashModel(Model[NashParams]):
    name: ClassVar[str] = "nash"
    title: ClassVar[str] = "Asymmetric Nash bargaining solution of the veto players"
    citation: ClassVar[str] = "Nash (1950); Kalai (1977); Roth (1979)"
    params_type = NashParams
    presets: ClassVar[dict[str, dict[str, Any]]] = {
        "linear": {"loss": "linear"},
        "quadratic": {"loss": "quadratic"},
    }
    default_preset: ClassVar[str | None] = "linear"
    contract_tolerance: ClassVar[float] = 1e-5
    """SLSQP solves to about 1e-8 of the scale; 1e-5 leaves room across actor orders."""
    needs_zone: ClassVar[bool] = True

    def forecast(self, scenario: Scenario, params: NashParams,
                 rng: np.random.Generator | None) -> Forecast:
        options = BargainOptions(loss=params.loss, disagreement=params.disagreement,
                                 power=params.power)
        problem = build_problem(scenario, options)
        check = check_package(problem)
        blocking = [{"actors": list(b.actors), "issue": b.issue, "gap": b.gap}
                    for b in blocking_pairs(problem)]
        diagnostics: dict[str, Any] = {
            "verdict": "deal possible" if check.feasible else "no deal",
            "players": [problem.actors[i] for i in problem.players],
            "blocking": blocking,
        }
        solution = nash_solution(problem, check) if check.feasible else None
        if solution is None and params.no_zone == "concede":
            plan = minimal_concessions(problem)
            if plan.possible:
                solution = nash_solution(apply_concessions(problem, plan))
                diagnostics["concessions"] = [
                    {"actor": c.actor, "issue": c.issue, "from": c.start, "to": c.end}
                    for c in plan.moves]
        if solution is None:
            note = ("no deal: no package satisfies every veto player"
                    if params.no_zone == "none" else
                    "no deal: no movement of red lines opens a zone")
            diagnostics["issues"] = {i: {"note": note} for i in problem.issues}
            nothing: dict[str, float | None] = {i: None for i in problem.issues}
            return Forecast(outcome=nothing, diagnostics=diagnostics)
        diagnostics["pinned"] = list(solution.pinned)
        diagnostics["converged"] = solution.converged
        diagnostics["utilities"] = {problem.actors[i]: float(solution.utilities[i])
                                    for i in problem.players}
        outcome: dict[str, float | None] = {}
        for j, issue in enumerate(problem.issues):
            value = problem.to_issue_scale(j, float(solution.package[j]))
            outcome[issue] = float(np.clip(value, problem.low[j], problem.high[j]))
        return Forecast(outcome=outcome, diagnostics=diagnostics)
