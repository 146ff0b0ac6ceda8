"""Tipping points: the value of one number at which a verdict changes, found by root finding.

"A zone first opens in 2027-11" turns into "never" if one inferred red line moves five points;
the reader should know which numbers a verdict hangs on. For one number of the scenario (a
position, salience, red line, capability or cost drift), all else held, and a function
``verdict_of(scenario)`` returning any hashable summary (the verdict, the open/closed state of
each zone, the opening month in 6-month bands, the headline forecast's nearest label, ...):

1. the domain searched: the issue's range for a position; for a red line, the side of the
   actor's position it lies on (a minimum stays at or below the position, a maximum at or
   above: past it, it would change meaning); [0, 1] for a salience; [c/10, 10c] for a
   capability c; [0, 10d] for a drift d (a twelfth of the issue's range per month when d = 0);
2. from the current value outward, each way, steps growing from 1% of the domain, doubled
   after each step with the same verdict (a bracketing search: a handful of evaluations reach
   the end of the domain);
3. where the verdict differs after a step, bisection on the discrete change (is the verdict
   still the one on this side?) to ``tol`` in the number's units (default: 0.01 point of the
   issue's 0-100 scale for a position or red line, 0.0001 for a salience, 1e-4 of the value
   for a capability or drift); the switch value is the midpoint of the last bracket; the
   search goes on from there with fine steps again, up to ``max_switches`` a side;
4. a number is **knife-edge** when a switch lies inside its stated range (a distribution:
   uniform and triangular from low to high, a normal between its bounds or, without them,
   within 2 sd of the mean) or, for a plain number, within a margin of it: 5 points of the
   0-100 scale for a position or red line, 0.05 for a salience, 5% of the value for a
   capability or drift.

Like any bracketing search it finds the switches the steps straddle: a verdict that flips and
flips back within one step is missed (steps are finest near the current value, where a switch
matters most). Each evaluation calls ``verdict_of`` once (results are cached by value); the
pipeline's ``analyse`` is the intended evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from accord.errors import UsageError
from accord.scenario.edits import apply_edits
from accord.scenario.numbers import Normal, Triangular, Uniform, point
from accord.scenario.schema import Scenario
from accord.scenario.variants import Edit, SetCapability, SetCost, SetStance

NumberField = Literal["position", "salience", "reservation", "capability", "drift"]
FIELDS: tuple[NumberField, ...] = ("position", "salience", "reservation", "capability",
                                   "drift")
MAX_SWITCHES = 4


@dataclass(frozen=True)
class Number:
    """One number of a scenario: whose, on which issue (None: the actor's capability, or a
    drift on every issue), which field, its point value and stated range, the domain."""

    actor: str
    issue: str | None
    field: NumberField
    value: float
    low: float              # the stated range (a distribution's), = value for a plain number
    high: float
    domain: tuple[float, float]
    margin: float           # knife-edge margin for a plain number (step 4)
    tol: float              # bisection tolerance (step 3)

    @property
    def uncertain(self) -> bool:
        return self.high > self.low


@dataclass(frozen=True)
class Switch:
    """The verdict changes at ``value``: ``before`` on the current value's side, ``after``
    beyond it."""

    value: float
    before: Hashable
    after: Hashable


@dataclass(frozen=True)
class Tipping:
    number: Number
    verdict: Hashable                  # at the current value
    switches: tuple[Switch, ...]       # nearest first
    knife_edge: bool
    evaluations: int

    @property
    def nearest(self) -> Switch | None:
        return self.switches[0] if self.switches else None


def scenario_numbers(scenario: Scenario,
                     fields: Sequence[NumberField] = FIELDS) -> list[Number]:
    """Every number of the scenario in ``fields``: capabilities, then stances (position,
    salience, red line) in file order, then cost drifts (an (actor, issue) pair with several
    cost entries is left out: its drifts add up, no one number sets them)."""
    bad = sorted(set(fields) - set(FIELDS))
    if bad:
        raise UsageError(f"unknown field{'s' * (len(bad) > 1)} {', '.join(bad)} "
                         f"(fields: {', '.join(FIELDS)})")
    out: list[Number] = []
    if "capability" in fields:
        for a in scenario.actors:
            cap = point(a.capability)
            out.append(_number(a.id, None, "capability", a.capability, (cap / 10, cap * 10),
                               0.05 * cap, 1e-4 * cap))
    for s in scenario.stances:
        issue = scenario.issue(s.issue)
        unit = (issue.high - issue.low) / 100.0
        x = point(s.position)
        if "position" in fields:
            out.append(_number(s.actor, s.issue, "position", s.position,
                               (issue.low, issue.high), 5 * unit, 0.01 * unit))
        if "salience" in fields:
            out.append(_number(s.actor, s.issue, "salience", s.salience, (0.0, 1.0), 0.05,
                               1e-4))
        if "reservation" in fields and s.reservation is not None:
            r = point(s.reservation)
            side = (issue.low, x) if r <= x else (x, issue.high)
            out.append(_number(s.actor, s.issue, "reservation", s.reservation, side,
                               5 * unit, 0.01 * unit))
    if "drift" in fields:
        pairs = [(cost.actor, cost.issue) for cost in scenario.costs]
        for cost in scenario.costs:
            if pairs.count((cost.actor, cost.issue)) > 1:
                continue
            d = point(cost.drift)
            span = (scenario.issue(cost.issue).high - scenario.issue(cost.issue).low
                    if cost.issue is not None else 100.0)
            top = 10 * d if d > 0 else span / 12.0
            out.append(_number(cost.actor, cost.issue, "drift", cost.drift, (0.0, top),
                               0.05 * d, 1e-4 * (d if d > 0 else top)))
    return out


def find_number(scenario: Scenario, actor: str, issue: str | None,
                field: NumberField) -> Number:
    """The number of ``actor`` on ``issue`` in ``field``, or a :class:`UsageError`."""
    for n in scenario_numbers(scenario, (field,)):
        if n.actor == actor and n.issue == issue:
            return n
    where = f" on {issue}" if issue else ""
    raise UsageError(f"the scenario has no {field} of {actor}{where}")


def set_number(scenario: Scenario, number: Number, value: float) -> Scenario:
    """The scenario with ``number`` set to ``value`` (a plain number)."""
    edit: Edit
    if number.field == "capability":
        edit = SetCapability(actor=number.actor, value=value)
    elif number.field == "drift":
        edit = SetCost(actor=number.actor, issue=number.issue, drift=value)
    else:
        assert number.issue is not None
        edit = SetStance(actor=number.actor, issue=number.issue, field=number.field,
                         value=value)
    return apply_edits(scenario, [edit])


def tipping_points(scenario: Scenario, number: Number,
                   verdict_of: Callable[[Scenario], Hashable], *, tol: float | None = None,
                   max_switches: int = MAX_SWITCHES) -> Tipping:
    """Steps 2-4 of the module docstring for one number."""
    return search_tipping(
        number, lambda v: verdict_of(scenario if v == number.value
                                     else set_number(scenario, number, v)),
        tol=tol, max_switches=max_switches)


def search_tipping(number: Number, verdict_at: Callable[[float], Hashable], *,
                   tol: float | None = None, max_switches: int = MAX_SWITCHES) -> Tipping:
    """Steps 2-4 for one number, given the verdict at each of its values (a caller that can
    evaluate a moved number faster than through a new scenario passes its own)."""
    step_tol = number.tol if tol is None else tol
    if not step_tol > 0:
        raise UsageError(f"the tolerance must be above 0, got {step_tol:g}")
    cache: dict[float, Hashable] = {}

    def verdict(v: float) -> Hashable:
        if v not in cache:
            cache[v] = verdict_at(v)
        return cache[v]

    here = verdict(number.value)
    switches: list[Switch] = []
    for bound in (number.domain[0], number.domain[1]):
        switches += _search(verdict, number.value, bound, step_tol,
                            (number.domain[1] - number.domain[0]) / 100.0, max_switches)
    switches.sort(key=lambda s: abs(s.value - number.value))
    return Tipping(number, here, tuple(switches), _knife_edge(number, switches), len(cache))


def tipping_all(scenario: Scenario, verdict_of: Callable[[Scenario], Hashable],
                numbers: Sequence[Number] | None = None,
                max_switches: int = MAX_SWITCHES) -> list[Tipping]:
    """:func:`tipping_points` for every number (default: all of :func:`scenario_numbers`)."""
    chosen = scenario_numbers(scenario) if numbers is None else numbers
    return [tipping_points(scenario, n, verdict_of, max_switches=max_switches)
            for n in chosen]


def _search(verdict: Callable[[float], Hashable], start: float, bound: float, tol: float,
            first: float, max_switches: int) -> list[Switch]:
    """Steps 2-3 toward one end of the domain."""
    out: list[Switch] = []
    direction = 1.0 if bound > start else -1.0
    here, v_here, step = start, verdict(start), first
    while (bound - here) * direction > 0 and len(out) < max_switches:
        nxt = bound if abs(bound - here) <= step else here + direction * step
        v_next = verdict(nxt)
        if v_next == v_here:
            here, step = nxt, step * 2
            continue
        a, b = here, nxt                       # v(a) = v_here, v(b) differs
        while abs(b - a) > tol:
            mid = (a + b) / 2
            if verdict(mid) == v_here:
                a = mid
            else:
                b = mid
        out.append(Switch((a + b) / 2, v_here, verdict(b)))
        here, v_here, step = b, verdict(b), first
    return out


def _number(actor: str, issue: str | None, field: NumberField,
            raw: float | Normal | Uniform | Triangular, domain: tuple[float, float],
            margin: float, tol: float) -> Number:
    value = point(raw)
    low, high = value, value
    if isinstance(raw, Uniform | Triangular):
        low, high = raw.low, raw.high
    elif isinstance(raw, Normal):
        low = raw.low if raw.low is not None else raw.mean - 2 * raw.sd
        high = raw.high if raw.high is not None else raw.mean + 2 * raw.sd
    lo, hi = min(domain[0], value), max(domain[1], value)
    return Number(actor, issue, field, value, max(low, lo), min(high, hi), (lo, hi), margin,
                  tol)


def _knife_edge(number: Number, switches: Sequence[Switch]) -> bool:
    for s in switches:
        if number.uncertain and number.low <= s.value <= number.high:
            return True
        if abs(s.value - number.value) <= number.margin:
            return True
    return False
