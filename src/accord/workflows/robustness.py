"""What a verdict depends on: the numbers of a scenario whose tipping point lies within reach.

"A zone first opens in 2027-11" may turn into "never" if one inferred red line moves five
points. For every number of the scenario (red lines, cost drifts, positions, saliences,
capabilities), all else held, the tipping-point search of :mod:`accord.workflows.tipping`
finds the values at which the **verdict** changes; a number is **knife-edge** when one lies
inside its stated range (or within a small margin of a plain number). The verdict here is:

1. whether a deal is possible as stated, and which issues' zones are open;
2. the first month a zone opens, in bands of six months (a move by a few weeks is not a new
   verdict), or that it never opens / not within the horizon;
3. the nearest labelled point of the headline model's forecast on each issue (the model a
   summary leads with, :func:`accord.workflows.registry.headline_model`).

Each evaluation moves one number in the arrays the engines read rather than in the scenario
(the bargaining problem for red lines, positions and saliences; the models' arrays for the
headline forecast) and runs the staged bargaining analysis with the verdict and opening-month
stages only, the package check decided by certificates
(:class:`~accord.bargaining.certificates.Feasibility`): the same answers as the full analysis
(a test compares them), at a fraction of its cost. Cost drifts and capabilities go through the
scenario (:func:`accord.workflows.tipping.set_number`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from accord.bargaining.certificates import Feasibility
from accord.bargaining.drift import drift_from_costs
from accord.bargaining.problem import Problem, build_problem
from accord.bargaining.staged import DRAW_STAGES, analyse_problem
from accord.models.choice import Configured, ModelChoice
from accord.scenario.arrays import DrawArrays, scenario_arrays, to_unit
from accord.scenario.schema import Scenario
from accord.workflows.registry import configure, headline_model
from accord.workflows.settings import AnalysisSettings, BargainSettings
from accord.workflows.tipping import (
    FIELDS,
    Number,
    NumberField,
    Tipping,
    scenario_numbers,
    search_tipping,
    set_number,
)

BAND_MONTHS = 6
"""The opening month counts as changed when it moves to another band of this many months."""

Verdict = tuple[Hashable, ...]


def opening_band(month: int | None, never: bool) -> Hashable:
    if month is None:
        return "never" if never else "beyond"
    return month // BAND_MONTHS


@dataclass(frozen=True)
class Robustness:
    """The tipping points of the numbers searched, knife-edge ones first."""

    scenario: Scenario
    fields: tuple[NumberField, ...]
    tippings: tuple[Tipping, ...]
    headline: str | None
    evaluations: int

    @property
    def knife_edges(self) -> tuple[Tipping, ...]:
        return tuple(t for t in self.tippings if t.knife_edge)

    def document(self) -> dict[str, Any]:
        """The JSON of ``accord tipping``: one record per number."""
        return {
            "scenario": {"id": self.scenario.id, "digest": self.scenario.digest()},
            "fields": list(self.fields), "headline_model": self.headline,
            "band_months": BAND_MONTHS, "evaluations": self.evaluations,
            "numbers": [tipping_record(t) for t in self.tippings],
        }


def tipping_record(t: Tipping) -> dict[str, Any]:
    """One number's tipping points as JSON (``accord tipping``, ``accord bargain``)."""
    n = t.number
    return {
        "actor": n.actor, "issue": n.issue, "field": n.field, "value": n.value,
        "range": [n.low, n.high] if n.uncertain else None, "knife_edge": t.knife_edge,
        "verdict": _plain(t.verdict),
        "switches": [{"value": round(s.value, 6), "before": _plain(s.before),
                      "after": _plain(s.after)} for s in t.switches],
    }


def _plain(value: Hashable) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Evaluator:
    """The verdict of the scenario with one number moved (see the module docstring)."""

    def __init__(self, scenario: Scenario, bargain: BargainSettings,
                 headline: Configured[Any] | None) -> None:
        self.scenario = scenario.with_point_values() if scenario.is_uncertain() else scenario
        self.options = bargain.options()
        self.problem = build_problem(self.scenario, self.options)
        self.arrays = scenario_arrays(self.scenario)
        self.headline = headline
        self.feasible = Feasibility()
        self.calls = 0
        self.base_outcome = self._headline_of(self.scenario)

    def verdict(self, number: Number, value: float) -> Verdict:
        self.calls += 1
        if number.field in ("reservation", "position", "salience") and number.issue:
            i = self.problem.actors.index(number.actor)
            j = self.problem.issues.index(number.issue)
            problem = self._moved(number, i, j, value)
            scenario = self.scenario
            drift = drift_from_costs(scenario, problem)
            outcome = self._headline(number, i, j, value)
        elif number.field == "drift":
            # a cost drift moves red lines only: the scenario with that one entry changed
            # (no validation needed: the value is inside the number's domain)
            costs = tuple(c.model_copy(update={"drift": value})
                          if c.actor == number.actor and c.issue == number.issue else c
                          for c in self.scenario.costs)
            scenario = self.scenario.model_copy(update={"costs": costs})
            problem = self.problem
            drift = drift_from_costs(scenario, problem)
            outcome = self.base_outcome
        else:
            scenario = set_number(self.scenario, number, value)
            problem = build_problem(scenario, self.options)
            drift = drift_from_costs(scenario, problem)
            outcome = self._headline_of(scenario)
        a = analyse_problem(scenario, problem, drift, self.options, DRAW_STAGES,
                            self.feasible)
        assert a.opening is not None
        return (a.verdict, tuple(z is not None for z in a.zones),
                opening_band(a.opening.month, a.opening.never), outcome)

    def _moved(self, number: Number, i: int, j: int, value: float) -> Problem:
        p = self.problem
        unit = float(to_unit(value, p.low[j], p.high[j]))
        if number.field == "reservation":
            lower, upper = p.lower.copy(), p.upper.copy()
            if not np.isnan(lower[i, j]):
                lower[i, j] = unit
            if not np.isnan(upper[i, j]):
                upper[i, j] = unit
            return p.with_bounds(lower, upper)
        if number.field == "position":
            position = p.position.copy()
            position[i, j] = unit
            return replace(p, position=position)
        salience = p.salience.copy()
        salience[i, j] = value
        return replace(p, salience=salience)

    def _headline(self, number: Number, i: int, j: int, value: float) -> Hashable:
        if self.headline is None:
            return None
        if number.field == "reservation":
            # forecasting models read no red line, but those that bargain over the zone
            return (self._headline_of(set_number(self.scenario, number, value))
                    if self.headline.model.needs_zone else self.base_outcome)
        if not self.headline.model.vectorised:
            return self._headline_of(set_number(self.scenario, number, value))
        a = self.arrays
        position, salience = a.position.copy(), a.salience.copy()
        if number.field == "position":
            position[i, j] = value
        else:
            salience[i, j] = value
        draws = DrawArrays(capability=a.capability[None, :], position=position[None],
                           salience=salience[None], reservation=a.reservation[None])
        row = self.headline.batch(a, draws, lambda _: self.scenario,
                                  lambda _: np.random.default_rng(0))[0]
        return self._labels(row)

    def _headline_of(self, scenario: Scenario) -> Hashable:
        if self.headline is None:
            return None
        result = self.headline.run(scenario)
        return self._labels([result.outcome.get(i.id) for i in self.scenario.issues])

    def _labels(self, values: Sequence[float | None] | np.ndarray[Any, Any]) -> Hashable:
        out: list[float | None] = []
        for issue, value in zip(self.scenario.issues, values, strict=True):
            if value is None or not np.isfinite(value):
                out.append(None)
                continue
            near = issue.nearest_label(float(value))
            out.append(None if near is None else near[0])
        return tuple(out)


def verdict_players(scenario: Scenario) -> set[str]:
    """Actors with a veto on some issue: their red lines and costs make the verdict."""
    # scenario.has_veto for every actor and issue, in one pass over the stances (the first
    # stance of an actor on an issue decides, as in Scenario.stance)
    override: dict[tuple[str, str], bool | None] = {}
    for s in scenario.stances:
        override.setdefault((s.actor, s.issue), s.veto)

    def veto(actor: str, flag: bool, issue: str) -> bool:
        value = override.get((actor, issue))
        return flag if value is None else value

    return {a.id for a in scenario.actors
            if any(veto(a.id, a.veto, i.id) for i in scenario.issues)}


def robustness(scenario: Scenario, settings: AnalysisSettings | None = None,
               fields: Sequence[NumberField] = FIELDS, players_only: bool = False,
               numbers: Sequence[Number] | None = None, within_reach: bool = False,
               actors: Sequence[str] = (),
               progress: Callable[[int, int], None] | None = None) -> Robustness:
    """The tipping points of the scenario's numbers in ``fields`` (of the veto players only,
    with ``players_only``), with the verdict of the module docstring. ``within_reach`` looks
    only as far as a switch could make the number knife-edge (its stated range and margin):
    what the summaries of ``accord bargain`` and the report need, in a fraction of the
    evaluations. ``progress(done, total)`` is called after each number."""
    settings = settings or AnalysisSettings()
    bargain = settings.bargain or BargainSettings()
    name = headline_model(list(settings.model_names))
    model = configure(ModelChoice(model=name)) if name else None
    evaluator = Evaluator(scenario, bargain, model)
    chosen = list(numbers) if numbers is not None else scenario_numbers(scenario, fields)
    if players_only:
        players = verdict_players(scenario)
        chosen = [n for n in chosen if n.actor in players]
    if actors:
        chosen = [n for n in chosen if n.actor in actors]
    if within_reach:
        chosen = [replace(n, domain=(max(n.domain[0], n.low - n.margin),
                                     min(n.domain[1], n.high + n.margin))) for n in chosen]
    out: list[Tipping] = []
    for number in chosen:
        def at(value: float, number: Number = number) -> Hashable:
            return evaluator.verdict(number, value)

        # within reach, a tenth of a point is precise enough to say whether a switch lies in
        # a number's range, and saves a third of the evaluations
        out.append(search_tipping(number, at, tol=10 * number.tol if within_reach else None,
                                  max_switches=1 if within_reach else 4))
        if progress is not None:
            progress(len(out), len(chosen))
    out.sort(key=lambda t: (not t.knife_edge, t.nearest is None,
                            abs(t.nearest.value - t.number.value) / (t.number.domain[1]
                                                                     - t.number.domain[0]
                                                                     or 1.0)
                            if t.nearest else 0.0))
    return Robustness(scenario, tuple(fields), tuple(out), name, evaluator.calls)


__all__ = ["BAND_MONTHS", "Evaluator", "Robustness", "opening_band", "robustness",
           "tipping_record", "verdict_players"]
