"""One number of one actor moved so that a model's forecast reaches a target.

The building block of :mod:`accord.models.leverage` (whose docstring states the method): for
an actor, a kind of number (position, salience, capability) and a target, the move that gets
there, by closed form for the weighted-mean models (step 1 there) or by root finding on the
model's forecast (step 2), with its size in points (or percent) and its cost.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import brentq

from accord.models.procedural import ProceduralParams, weight_factor
from accord.scenario.arrays import issue_data, scenario_arrays, to_unit
from accord.scenario.edits import apply_edits
from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario
from accord.scenario.variants import Edit, SetCapability, SetStance

F = NDArray[np.float64]
Kind = Literal["position", "salience", "capability"]
KINDS: tuple[Kind, ...] = ("position", "salience", "capability")
CAPABILITY_RANGE = 100.0
"""Capability moves stay within (c / 100, 100 c]."""
XTOL = 1e-6
"""Root-finding tolerance, as a fraction of the number's scale (the issue's range for a
position, 1 for a salience, the current value for a capability); the forecast counts as on
target within this fraction of the issue's range."""


@dataclass(frozen=True)
class Move:
    """One number of one actor moved: from ``start`` to ``end`` (its own units)."""

    actor: str
    kind: Kind
    start: float
    end: float
    size: float          # points of 0-100 (position, salience) or percent (capability)
    cost: float
    forecast: float      # the model's forecast after the move (issue scale)
    exact: bool          # the forecast reaches the target (else it jumps past it)
    method: str          # "closed form" or "root finding"


def rank(m: Move) -> tuple[bool, float, int, str]:
    """Step 3's order: moves that reach the target first, then by cost, kind and actor."""
    return (not m.exact, round(m.cost, 9), KINDS.index(m.kind), m.actor)


# --- step 1: weighted-mean models -------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    """A weighted-mean forecast on 0-100: w = f c^b s^a."""

    actors: tuple[str, ...]
    x: F
    c: F
    s: F
    f: F
    a: float
    b: float
    low: float
    high: float

    @property
    def w(self) -> F:
        return np.asarray(self.f * self.c ** self.b * self.s ** self.a)

    def index(self, actor: str) -> int:
        return self.actors.index(actor)


def weighted_mean_form(scenario: Scenario, name: str, params: Any, issue: str) -> Form | None:
    """The weighted-mean form of the model on ``issue``, or None when it has none."""
    data = issue_data(scenario, scenario_arrays(scenario), issue)
    one = np.ones(len(data.actors))
    if name == "compromise":
        f, a, b = one, 1.0, 1.0
    elif (name == "procedural-compromise" and isinstance(params, ProceduralParams)
          and params.median_share == 0 and params.snap == 0):
        f = weight_factor(scenario, data.actors, params)
        a, b = params.salience_exponent, params.capability_exponent
    else:
        return None
    form = Form(data.actors, to_unit(data.position, data.low, data.high), data.capability,
                 data.salience, f, a, b, data.low, data.high)
    return form if float(form.w.sum()) > 0 else None


def closed_move(form: Form, scenario: Scenario, actor: str, kind: Kind, target: float,
            unit_cost: float) -> Move | None:
    """Step 1 of :mod:`accord.models.leverage`: the move in closed form (None: infeasible)."""
    i = form.index(actor)
    t = float(to_unit(target, form.low, form.high))
    w = form.w
    total = float(w.sum())
    y = float((w * form.x).sum() / total)
    x_i, c_i, s_i, f_i = (float(v[i]) for v in (form.x, form.c, form.s, form.f))
    if kind == "position":
        if w[i] <= 0:
            return None
        end = x_i + total * (t - y) / float(w[i])
        if not -1e-9 <= end <= 100.0 + 1e-9:
            return None
        end = min(max(end, 0.0), 100.0)
        return make_move(actor, kind, on_scale(form, x_i), on_scale(form, end), abs(end - x_i),
                     unit_cost, target, "closed form")
    others = total - float(w[i])
    if others <= 0 or abs(x_i - t) < 1e-12:
        return None
    y_o = float((w * form.x).sum() - w[i] * x_i) / others
    new_w = others * (t - y_o) / (x_i - t)
    if new_w < 0:
        return None
    if kind == "salience":
        base = f_i * c_i ** form.b
        if base <= 0:
            return None
        end = (new_w / base) ** (1.0 / form.a)
        if end > 1.0 + 1e-12:
            return None
        return make_move(actor, kind, s_i, min(end, 1.0), 100.0 * abs(end - s_i), unit_cost,
                     target, "closed form")
    base = f_i * s_i ** form.a
    if base <= 0 or form.b == 0 or new_w == 0:
        return None
    end = (new_w / base) ** (1.0 / form.b)
    if not c_i / CAPABILITY_RANGE < end <= c_i * CAPABILITY_RANGE:
        return None
    return make_move(actor, kind, c_i, end, 100.0 * abs(end - c_i) / c_i, unit_cost, target,
                 "closed form")


def on_scale(form: Form, unit: float) -> float:
    """A 0-100 value back on the issue's own scale."""
    return form.low + unit * (form.high - form.low) / 100.0


def make_move(actor: str, kind: Kind, start: float, end: float, size: float, unit_cost: float,
          forecast: float, method: str, exact: bool = True) -> Move:
    return Move(actor, kind, start, end, size, size * unit_cost, forecast, exact, method)


# --- step 2: any model ------------------------------------------------------------------------

def edit_for(actor: str, issue: str, kind: Kind, value: float) -> Edit:
    """The edit that sets one number (what the moves are applied with)."""
    if kind == "capability":
        return SetCapability(actor=actor, value=value)
    return SetStance(actor=actor, issue=issue, field=kind, value=value)


def numeric_move(scenario: Scenario, forecast: Callable[[Scenario], float], actor: str,
             issue: str, kind: Kind, target: float, unit_cost: float) -> Move | None:
    """Step 2 of :mod:`accord.models.leverage`: the move by root finding (None: none)."""
    start, low, high = number_of(scenario, actor, issue, kind)

    def gap(v: float) -> float:
        return forecast(apply_edits(scenario, [edit_for(actor, issue, kind, v)])) - target

    best: Move | None = None
    g0 = gap(start)
    iss = scenario.issue(issue)
    unit = start if kind == "capability" else high - low     # the number's own scale
    ftol = XTOL * (iss.high - iss.low)
    for direction in (-1.0, 1.0):
        found = root(gap, start, g0, low if direction < 0 else high, direction, unit / 64.0,
                      XTOL * unit, ftol)
        if found is None:
            continue
        end, exact = found
        if not exact and abs(end - start) <= 4 * XTOL * unit:
            continue   # the forecast jumps right at the current value: no move to speak of
        value = gap(end) + target
        size = size_of(kind, start, end, scenario.issue(issue))
        move = make_move(actor, kind, start, end, size, unit_cost, value, "root finding", exact)
        if best is None or rank(move) < rank(best):
            best = move
    return best


def number_of(scenario: Scenario, actor: str, issue: str, kind: Kind) -> tuple[float, float, float]:
    """Current value and bounds of one number (point values)."""
    if kind == "capability":
        c = point(scenario.actor(actor).capability)
        return c, c / CAPABILITY_RANGE, c * CAPABILITY_RANGE
    stance = scenario.stance(actor, issue)
    assert stance is not None
    if kind == "position":
        iss = scenario.issue(issue)
        return point(stance.position), iss.low, iss.high
    return point(stance.salience), 0.0, 1.0


def size_of(kind: Kind, start: float, end: float, iss: Issue) -> float:
    if kind == "position":
        return 100.0 * abs(end - start) / (iss.high - iss.low)
    if kind == "salience":
        return 100.0 * abs(end - start)
    return 100.0 * abs(end - start) / start


def root(gap: Callable[[float], float], start: float, g0: float, bound: float,
          direction: float, step: float, xtol: float,
          ftol: float) -> tuple[float, bool] | None:
    """The nearest root of ``gap`` from ``start`` toward ``bound`` (step 2), or None: the
    root and whether the gap is within ``ftol`` there (else the point just past a jump)."""
    if g0 == 0.0:
        return start, True
    here, g_here = start, g0
    while (bound - here) * direction > 0:
        nxt = here + direction * min(step, abs(bound - here))
        g_next = gap(nxt)
        if g_next == 0.0:
            return nxt, True
        if math.copysign(1.0, g_next) != math.copysign(1.0, g_here):
            root = float(brentq(gap, min(here, nxt), max(here, nxt), xtol=xtol))
            if abs(gap(root)) <= ftol:
                return root, True
            past = root + direction * 2 * xtol   # just past the jump, on the target's side
            past = min(max(past, min(here, nxt)), max(here, nxt))
            return past, False
        here, g_here, step = nxt, g_next, step * 2
    return None
