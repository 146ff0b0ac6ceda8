"""Leverage: the smallest moves of one actor's numbers that bring a forecast to a target.

"Whom must we persuade, of what, and how far, to get outcome X on this issue?" For a model, an
issue and a target T (issue scale), every actor with a stance on the issue and every kind of
number it could be persuaded to change:

* ``position`` on the issue, in points of its 0-100 scale, bounded by the scale;
* ``salience`` on the issue, in points of 0-100 (0.01 = 1 point), bounded by [0, 1];
* ``capability``, in percent of its current value, bounded by (c/100, 100c].

A move's cost is its size times the stated cost of its kind (default 1 each: so a point of
position, a point of salience and a percent of capability weigh alike unless said otherwise).

1. **Weighted-mean models**, closed form: ``compromise`` and ``procedural-compromise`` without
   median pull or snapping have y = sum w_k x_k / W with w_k = f_k c_k^b s_k^a (f the
   procedural factor; a = b = 1 for the compromise). On 0-100, moving i's position to
   x_i + W (T - y) / w_i reaches T; any weight w'_i = B (T - y_o) / (x_i - T), with B and y_o
   the others' total weight and weighted mean, reaches it too, hence the salience
   (w'_i / (f_i c_i^b))^(1/a) or the capability (w'_i / (f_i s_i^a))^(1/b); a move outside
   its bounds is infeasible.
2. **Any model**, root finding: the forecast as a function of one number, all else held,
   f(v) - T; steps outward from the current value, doubling from 1/64 of the number's scale
   (the issue's range, 1 for a salience, the current value for a capability), until the sign
   changes (a bracket), then Brent's method [Brent 1973] to ``xtol``. Where the forecast
   jumps over the target (models with discrete outcomes: the EUM's median, snapping) the move
   stops just past the jump: ``exact=False`` and the forecast it reaches (a jump right at the
   current value, the forecast sitting on a knife-edge, is no move and is not listed). Of the
   two sides the better root counts (exact first, then cheaper). A forecast that changes
   direction more than once within one step can hide a root; the steps are small near the
   current value, where it matters most.
3. The single moves, feasible ones only: those that reach the target first, then by cost
   (then kind, then actor id).
4. **The best move of k actors** (positions): minimise the total cost of position moves of at
   most k actors reaching T. For weighted-mean models exactly: every set of at most k actors,
   each filled greedily, the largest weight first (a fractional knapsack: with a linear cost
   and one linear constraint, the greedy fill is optimal); with equal costs per point the
   cheapest plan uses one actor unless it reaches the end of the scale first. For any other
   model, greedily: the cheapest single mover, and if it cannot reach T, it goes to the end
   of the scale and the next is sought on the result (not guaranteed optimal).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord.errors import UsageError
from accord.models.base import Model
from accord.models.moves import (
    KINDS,
    F,
    Form,
    Kind,
    Move,
    closed_move,
    edit_for,
    make_move,
    numeric_move,
    on_scale,
    rank,
    size_of,
    weighted_mean_form,
)
from accord.scenario.arrays import issue_data, scenario_arrays, to_unit
from accord.scenario.edits import apply_edits
from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario
from accord.scenario.variants import Edit


@dataclass(frozen=True)
class Combined:
    """Position moves of several actors that together reach the target."""

    moves: tuple[Move, ...]
    cost: float
    forecast: float
    exact: bool
    method: str


@dataclass(frozen=True)
class Leverage:
    model: str
    issue: str
    target: float
    current: float
    singles: tuple[Move, ...]
    combined: Combined | None
    k: int


def forecast_leverage(scenario: Scenario, model: Model[Any], issue: str, target: float, *,
                      preset: str | None = None, params: Mapping[str, Any] | None = None,
                      kinds: Sequence[Kind] = KINDS, costs: Mapping[str, float] | None = None,
                      k: int = 2) -> Leverage:
    """Steps 1-4 of the module docstring for one model, issue and target."""
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    iss = _issue(point, issue)
    if not iss.low <= target <= iss.high:
        raise UsageError(f"target {target:g} is outside the range of '{issue}' "
                         f"[{iss.low:g}, {iss.high:g}]")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise UsageError(f"unknown kind{'s' * (len(unknown) > 1)} of move {', '.join(unknown)} "
                         f"(kinds: {', '.join(KINDS)})")
    cost = {kind: 1.0 for kind in KINDS} | dict(costs or {})
    bad = {kk: v for kk, v in cost.items() if kk not in KINDS or not v > 0}
    if bad:
        raise UsageError(f"costs must be above 0 and named by kind ({', '.join(KINDS)}); "
                         f"got {bad}")
    if k < 1:
        raise UsageError(f"k must be 1 or more, got {k}")
    _, resolved = model.resolve(preset, params)

    def forecast(s: Scenario) -> float:
        value = model.run(s, preset=preset, params=params).outcome.get(issue)
        if value is None:
            raise UsageError(f"model '{model.name}' makes no forecast on '{issue}'")
        return float(value)

    current = forecast(point)
    form = weighted_mean_form(point, model.name, resolved, issue)
    singles: list[Move] = []
    for actor in issue_data(point, scenario_arrays(point), issue).actors:
        for kind in kinds:
            move = (closed_move(form, point, actor, kind, target, cost[kind]) if form is not None
                    else numeric_move(point, forecast, actor, issue, kind, target, cost[kind]))
            if move is not None and move.size > 1e-9:
                singles.append(move)
    singles.sort(key=rank)
    combined = None
    if "position" in kinds and abs(current - target) > 1e-9:
        combined = (_combined_closed(form, point, issue, target, cost["position"], k, forecast)
                    if form is not None else
                    _combined_greedy(point, forecast, issue, target, cost["position"], k))
    return Leverage(model.name, issue, float(target), current, tuple(singles), combined, k)


# --- step 4: several actors -------------------------------------------------------------------

def _combined_closed(form: Form, scenario: Scenario, issue: str, target: float,
                     unit_cost: float, k: int,
                     forecast: Callable[[Scenario], float]) -> Combined | None:
    t = float(to_unit(target, form.low, form.high))
    w = form.w
    total = float(w.sum())
    need = total * (t - float((w * form.x).sum() / total))   # sum w_i delta_i must equal this
    movable = [i for i in range(len(form.actors)) if w[i] > 0]
    best: tuple[float, list[tuple[int, float]]] | None = None
    for size in range(1, min(k, len(movable)) + 1):
        for group in itertools.combinations(movable, size):
            plan = _fill(group, w, form.x, need)
            if plan is None:
                continue
            cost = sum(abs(d) for _, d in plan) * unit_cost
            if best is None or cost < best[0] - 1e-9:
                best = (cost, plan)
    if best is None:
        return None
    edits: list[Edit] = []
    moves = []
    for i, d in best[1]:
        if abs(d) <= 1e-12:
            continue
        start, end = on_scale(form, float(form.x[i])), on_scale(form, float(form.x[i] + d))
        edits.append(edit_for(form.actors[i], issue, "position", end))
        moves.append(make_move(form.actors[i], "position", start, end, abs(d), unit_cost,
                           target, "closed form"))
    value = forecast(apply_edits(scenario, edits))
    return Combined(tuple(moves), best[0], value, True, "closed form")


def _fill(group: Sequence[int], w: F, x: F, need: float) -> list[tuple[int, float]] | None:
    """Greedy fill of ``need`` by the actors of ``group``, the largest weight first."""
    left = need
    plan = []
    for i in sorted(group, key=lambda i: (-float(w[i]), i)):
        room = (100.0 - float(x[i])) if left > 0 else -float(x[i])
        d = left / float(w[i])
        d = min(d, room) if left > 0 else max(d, room)
        plan.append((i, d))
        left -= float(w[i]) * d
        if abs(left) <= 1e-9 * max(1.0, abs(need)):
            return plan
    return None


def _combined_greedy(scenario: Scenario, forecast: Callable[[Scenario], float], issue: str,
                     target: float, unit_cost: float, k: int) -> Combined | None:
    current = scenario
    moves: list[Move] = []
    used: set[str] = set()
    iss = scenario.issue(issue)
    for _ in range(k):
        actors = [a for a in issue_data(current, scenario_arrays(current), issue).actors
                  if a not in used]
        options = [m for a in actors if (m := numeric_move(current, forecast, a, issue, "position",
                                                       target, unit_cost)) is not None]
        if options:
            best = min(options, key=rank)
            moves.append(best)
            total = sum(m.cost for m in moves)
            return Combined(tuple(moves), total, best.forecast, best.exact, "root finding")
        # nobody reaches the target alone: the actor whose move to the end of the scale
        # brings the forecast closest goes there, and the search goes on
        candidates = []
        for a in actors:
            stance = current.stance(a, issue)
            assert stance is not None
            start = point(stance.position)
            for end in (iss.low, iss.high):
                if end == start:
                    continue
                moved = apply_edits(current, [edit_for(a, issue, "position", end)])
                candidates.append((abs(forecast(moved) - target), a, start, end, moved))
        if not candidates:
            return None
        _, a, start, end, moved = min(candidates, key=lambda c: (c[0], c[1]))
        size = size_of("position", start, end, iss)
        moves.append(make_move(a, "position", start, end, size, unit_cost, forecast(moved),
                           "root finding", exact=False))
        used.add(a)
        current = moved
    return None


def _issue(scenario: Scenario, issue: str) -> Issue:
    try:
        return scenario.issue(issue)
    except KeyError:
        raise UsageError(f"unknown issue '{issue}' (issues: "
                         f"{', '.join(i.id for i in scenario.issues)})") from None
