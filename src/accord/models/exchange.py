"""The exchange model [Stokman & Van Oosten 1994; Arregui, Stokman & Thomson 2006].

Actors trade positions across issues: i cares relatively more about issue d, j about issue e;
if they stand on opposite sides of the expected outcome on both issues, j moves toward i on d
and i moves toward j on e, and both gain (MODELS.md section 4). On the 0-100 scale, with
w_id = c_i s_id and W_d = sum_k w_kd:

1. Expected outcome of each issue: the compromise O_d = sum_k w_kd x_kd / W_d.
2. A candidate exchange (i gains on d, gives on e) needs stances of both on both issues,
   opposite sides of O_d and of O_e, and s_id s_je > s_ie s_jd (different salience ratios).
3. j's shift on d moves O_d toward i by a; i's shift on e moves O_e toward j by b. Gains:
   G_i = s_id a - s_ie b, G_j = s_je b - s_jd a. The exchange rate gives equal gains:
   b = a (s_id + s_jd) / (s_ie + s_je).
4. Size: each shifting actor moves at most to the expected outcome (a <= w_jd |x_jd - O_d| /
   W_d, b <= w_ie |x_ie - O_e| / W_e); the exchange is as large as the tighter limit allows.
   Gain of each: G = a (s_id s_je - s_ie s_jd) / (s_ie + s_je).
5. Each round executes the candidates in order of gain (ties by actor and issue ids), each
   actor-issue pair in at most one exchange per round (``per_round='all'``), or only the best
   one (``per_round='best'``); then the expected outcomes are recomputed. Stop when no
   exchange gains more than ``min_gain`` or after ``rounds`` rounds.
6. Forecast: the compromise of the shifted positions.

Sums use ``math.fsum`` (exactly rounded) so that the order of actors cannot change a result.
Veto flags and red lines play no part in this model (see ``accord bargain`` for those).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from accord.models.base import Forecast, Model, Params
from accord.scenario.arrays import from_unit, scenario_arrays, to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]
MAX_LOGGED = 200


class ExchangeParams(Params):
    rounds: int = Field(100, ge=0, le=10_000, description="Most rounds of exchanges.")
    min_gain: float = Field(0.01, ge=0, description="Smallest gain (salience x 0-100 points) "
                                                     "that makes an exchange worth it.")
    per_round: Literal["all", "best"] = Field(
        "all", description="Execute every non-conflicting exchange per round, or the best.")


@dataclass(frozen=True)
class Exchange:
    gainer: int       # i: gains on issue d
    giver: int        # j: shifts on issue d
    d: int
    e: int
    a: float          # outcome shift on d
    b: float          # outcome shift on e
    gain: float


def expected_outcomes(x: F, w: F, present: NDArray[np.bool_]) -> F:
    """O_d per issue: the capability x salience weighted mean (the plain mean without weight)."""
    out = np.empty(x.shape[1])
    for d in range(x.shape[1]):
        rows = np.flatnonzero(present[:, d])
        total = math.fsum(w[rows, d])
        if total > 0:
            out[d] = math.fsum(w[rows, d] * x[rows, d]) / total
        else:
            out[d] = math.fsum(x[rows, d]) / max(len(rows), 1)
    return out


def candidates(x: F, s: F, w: F, present: NDArray[np.bool_], outcome: F,
               min_gain: float) -> list[Exchange]:
    """Every mutually profitable exchange (steps 2-4 of the module docstring)."""
    n, m = x.shape
    total = np.array([math.fsum(w[present[:, d], d]) for d in range(m)])
    side = np.sign(x - outcome[None, :]) * present
    out = []
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            for d in range(m):
                if side[i, d] * side[j, d] >= 0 or w[j, d] <= 0 or total[d] <= 0:
                    continue
                for e in range(m):
                    if e == d or side[i, e] * side[j, e] >= 0 or w[i, e] <= 0:
                        continue
                    edge = s[i, d] * s[j, e] - s[i, e] * s[j, d]
                    if edge <= 0 or total[e] <= 0:
                        continue
                    a_max = w[j, d] * abs(x[j, d] - outcome[d]) / total[d]
                    b_max = w[i, e] * abs(x[i, e] - outcome[e]) / total[e]
                    rate = (s[i, d] + s[j, d]) / (s[i, e] + s[j, e])
                    a = min(a_max, b_max / rate)
                    gain = a * edge / (s[i, e] + s[j, e])
                    if gain > min_gain:
                        out.append(Exchange(i, j, d, e, a, rate * a, gain))
    return out


def run_exchanges(x0: F, s: F, c: F, present: NDArray[np.bool_], params: ExchangeParams,
                  actors: tuple[str, ...], issues: tuple[str, ...]
                  ) -> tuple[F, list[F], list[dict[str, Any]], bool]:
    """Positions after the exchanges, the positions after each round, a log, converged."""
    x = x0.copy()
    w = c[:, None] * s
    history = [x.copy()]
    log: list[dict[str, Any]] = []
    for r in range(params.rounds):
        outcome = expected_outcomes(x, w, present)
        found = candidates(x, s, w, present, outcome, params.min_gain)
        if not found:
            return x, history, log, True
        found.sort(key=lambda ex: (-ex.gain, actors[ex.gainer], actors[ex.giver],
                                   issues[ex.d], issues[ex.e]))
        used: set[tuple[int, int]] = set()
        total = [math.fsum(w[present[:, d], d]) for d in range(x.shape[1])]
        for ex in found:
            pairs = {(ex.gainer, ex.d), (ex.giver, ex.d), (ex.gainer, ex.e), (ex.giver, ex.e)}
            if pairs & used:
                continue
            used |= pairs
            i, j, d, e = ex.gainer, ex.giver, ex.d, ex.e
            x[j, d] += math.copysign(ex.a * total[d] / w[j, d], x[i, d] - x[j, d])
            x[i, e] += math.copysign(ex.b * total[e] / w[i, e], x[j, e] - x[i, e])
            if len(log) < MAX_LOGGED:
                log.append({"round": r + 1, "gains_on": {actors[i]: issues[d],
                                                         actors[j]: issues[e]},
                            "gain": ex.gain})
            if params.per_round == "best":
                break
        history.append(x.copy())
    outcome = expected_outcomes(x, w, present)
    return x, history, log, not candidates(x, s, w, present, outcome, params.min_gain)


class ExchangeModel(Model[ExchangeParams]):
    name: ClassVar[str] = "exchange"
    title: ClassVar[str] = "Exchange model (vote trading across issues, then compromise)"
    citation: ClassVar[str] = ("Stokman & Van Oosten (1994); Arregui, Stokman & Thomson "
                               "(2006)")
    params_type = ExchangeParams
    presets: ClassVar[dict[str, dict[str, Any]]] = {
        "stokman-van-oosten": {"per_round": "all"},
        "one-at-a-time": {"per_round": "best"},
    }
    default_preset: ClassVar[str | None] = "stokman-van-oosten"
    zero_salience_inert: ClassVar[bool] = True
    contract_tolerance: ClassVar[float] = 1e-9

    iterative: ClassVar[bool] = True

    def forecast(self, scenario: Scenario, params: ExchangeParams,
                 rng: np.random.Generator | None) -> Forecast:
        arr = scenario_arrays(scenario)
        x0 = np.where(arr.present, to_unit(arr.position, arr.low, arr.high), 0.0)
        s = np.where(arr.present, arr.salience, 0.0)
        x, history, log, converged = run_exchanges(x0, s, arr.capability, arr.present, params,
                                                   arr.actors, arr.issues)
        w = arr.capability[:, None] * s
        outcome = expected_outcomes(x, w, arr.present)
        out = Forecast(outcome={}, trajectory={})
        issues_diag: dict[str, Any] = {}
        assert out.trajectory is not None
        for d, issue in enumerate(scenario.issues):
            rows = arr.present[:, d]
            if not rows.any():
                out.outcome[issue.id] = None
                issues_diag[issue.id] = {"note": "no actor takes a stance on this issue"}
                continue
            lo, hi = issue.low, issue.high
            out.outcome[issue.id] = float(np.clip(from_unit(outcome[d], lo, hi), lo, hi))
            out.final_positions[issue.id] = {
                a: float(np.clip(from_unit(x[k, d], lo, hi), lo, hi))
                for k, a in enumerate(arr.actors) if rows[k]}
            out.trajectory[issue.id] = [
                [float(np.clip(from_unit(h[k, d], lo, hi), lo, hi)) if rows[k] else None
                 for k in range(len(arr.actors))] for h in history]
        out.diagnostics = {"rounds": len(history) - 1, "converged": converged,
                           "exchanges": len(log), "log": log}
        if issues_diag:
            out.diagnostics["issues"] = issues_diag
        return out
