"""Two analyses side by side: what changed in the inputs and in the outputs.

``accord compare A B``, the report's "What if" section and the dashboard's what-if panel all
ask the same thing: with the same settings, what does scenario B (a variant of A, A edited on
the fly, or another snapshot) change? :func:`compare` analyses both with the one
:func:`~accord.workflows.analysis.analyse` and one :class:`AnalysisSettings`;
:func:`compare_analyses` compares two analyses already made (the dashboard's are cached).

1. **Inputs**: :func:`accord.scenario.diff.diff_scenarios` (actors, issues, stances and cost
   entries of one side only; every changed number).
2. **Outputs**, each side's own: every model's forecast per issue (models matched by name and
   preset, issues by id), each issue's zone, the verdict, the blocking red lines (pairs matched
   by their actors and issue), the smallest concessions (total and who moves), the opening
   month, and each veto player's gain (:func:`accord.bargaining.gains.actor_gains`) from the
   package the bargaining analysis shows (the Nash solution when there is a deal, else the
   Nash solution after the smallest concessions) against its no-deal utility, on that side's
   stated problem.
3. **Why an output did not move**, where it is cheap to tell (:mod:`accord.workflows.
   compare_reasons`): e.g. dropping the US leaves the opening month unchanged because the last
   red lines to meet are not the US's and each actor's cost of no deal moves only its own red
   lines, so no one's costs depend on the US.

:meth:`Comparison.document` is the JSON of ``accord compare`` (docs/cli.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from accord._version import __version__
from accord.bargaining.doc_types import BlockingDoc, ConcessionDoc, TimelineDoc
from accord.bargaining.gains import ActorGain
from accord.jsonable import round6
from accord.scenario.diff import ScenarioDiff, diff_scenarios
from accord.scenario.edits import apply_variant, find_variant
from accord.scenario.schema import Scenario
from accord.scenario.variants import Edit, Variant, describe
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.compare_reasons import Why, touched_by, why_unchanged
from accord.workflows.compare_sides import (
    AFTER_CONCESSIONS,
    NASH,
    ForecastChange,
    GainChange,
    Side,
    ZoneChange,
    result_key,
    same,
    side,
)
from accord.workflows.registry import configure
from accord.workflows.settings import AnalysisSettings


def pair_key(b: BlockingDoc) -> tuple[str, str, str]:
    """A blocking pair as (issue, actor whose minimum, actor whose maximum)."""
    return (b.issue, b.actors[0], b.actors[1])


@dataclass(frozen=True)
class Comparison:
    """Sides ``a`` (the base) and ``b`` (the what-if), and what differs between them."""

    a: Side
    b: Side
    inputs: ScenarioDiff
    forecasts: tuple[ForecastChange, ...]
    zones: tuple[ZoneChange, ...]
    gains: tuple[GainChange, ...]
    unchanged: tuple[Why, ...] = field(default=())
    """Outputs that did not move although the inputs did, with why where cheap to tell."""

    @property
    def verdict_changed(self) -> bool:
        return self.a.verdict != self.b.verdict

    @property
    def opening_changed(self) -> bool:
        ta, tb = self.a.timeline, self.b.timeline
        if ta is None or tb is None:
            return (ta is None) != (tb is None)
        # the answer is when a zone opens: whether costs move the red lines matters only
        # through it (a zone open now on both sides has not changed, costs or none)
        return (ta.opens, ta.months, ta.never) != (tb.opens, tb.months, tb.never)

    @property
    def blocking_resolved(self) -> tuple[BlockingDoc, ...]:
        """Pairs of red lines that cross in ``a`` and not in ``b``."""
        there = {pair_key(x) for x in self.b.blocking}
        return tuple(x for x in self.a.blocking if pair_key(x) not in there)

    @property
    def blocking_new(self) -> tuple[BlockingDoc, ...]:
        """Pairs of red lines that cross in ``b`` and not in ``a``."""
        there = {pair_key(x) for x in self.a.blocking}
        return tuple(x for x in self.b.blocking if pair_key(x) not in there)

    @property
    def blocking_changed(self) -> bool:
        gaps_a = {pair_key(x): x.gap for x in self.a.blocking}
        gaps_b = {pair_key(x): x.gap for x in self.b.blocking}
        return gaps_a.keys() != gaps_b.keys() or any(not same(v, gaps_b[k])
                                                     for k, v in gaps_a.items())

    @property
    def concessions_changed(self) -> bool:
        """The smallest concessions' total or the actors who move differ (or one side has
        none that open a zone)."""
        ca, cb = self.a.concessions, self.b.concessions
        if ca is None or cb is None:
            return (ca is None) != (cb is None)
        return (not same(self.a.concession_points, self.b.concession_points)
                or set(self.a.movers) != set(self.b.movers))

    @property
    def concession_moves_changed(self) -> bool:
        """The moves themselves differ (a different split of the same total, perhaps)."""
        ca, cb = self.a.concessions or (), self.b.concessions or ()
        return [_move(c) for c in ca] != [_move(c) for c in cb]

    @property
    def zones_changed(self) -> tuple[ZoneChange, ...]:
        return tuple(z for z in self.zones if z.changed)

    @property
    def forecasts_changed(self) -> tuple[ForecastChange, ...]:
        return tuple(f for f in self.forecasts if f.changed)

    def document(self) -> dict[str, Any]:
        """The JSON of ``accord compare`` (docs/cli.md)."""
        return {
            "accord": __version__,
            "a": _side_doc(self.a), "b": _side_doc(self.b),
            "settings": self.a.analysis.settings.model_dump(mode="json",
                                                            exclude={"record"}),
            "inputs": self.inputs.to_dict(),
            "outputs": {
                "forecasts": [{"model": f.model, "issue": f.issue, "a": _r(f.a), "b": _r(f.b),
                               "change": _r(f.delta), "changed": f.changed}
                              for f in self.forecasts],
                "zones": [{"issue": z.issue, "a": _zone(z.a, z.in_a), "b": _zone(z.b, z.in_b),
                           "changed": z.changed} for z in self.zones],
                "verdict": {"a": self.a.verdict, "b": self.b.verdict,
                            "changed": self.verdict_changed},
                "blocking": {"a": [_dump(x) for x in self.a.blocking],
                             "b": [_dump(x) for x in self.b.blocking],
                             "resolved": [_dump(x) for x in self.blocking_resolved],
                             "new": [_dump(x) for x in self.blocking_new],
                             "changed": self.blocking_changed},
                "concessions": {"a": _concessions(self.a), "b": _concessions(self.b),
                                "changed": self.concessions_changed,
                                "moves_changed": self.concession_moves_changed},
                "opening": {"a": _opening(self.a.timeline), "b": _opening(self.b.timeline),
                            "changed": self.opening_changed},
                "gains": {"package": {"a": self.a.package, "b": self.b.package},
                          "actors": [{"actor": g.actor, "a": _gain(g.a), "b": _gain(g.b),
                                      "changed": g.changed, "sign_changed": g.sign_changed}
                                     for g in self.gains]},
            },
            "unchanged": [w.to_dict() for w in self.unchanged],
        }


def compare(a: Scenario, b: Scenario, settings: AnalysisSettings | None = None, *,
            labels: tuple[str, str] | None = None, variant: Variant | None = None,
            edits: Sequence[Edit] = ()) -> Comparison:
    """Analyse ``a`` and ``b`` with the same settings and compare them (module docstring).

    ``variant`` and ``edits`` say how ``b`` was made from ``a``'s scenario, for the reader."""
    settings = settings or AnalysisSettings(record=False)
    first = analyse(a, settings)
    second = analyse(b, settings, known=first)
    names = labels or (a.id, b.id)
    return compare_analyses(side(names[0], first),
                            side(names[1], second, variant=variant, edits=edits))


def compare_analyses(a: Side, b: Side) -> Comparison:
    """Compare two sides already analysed (with the same settings, for a fair comparison)."""
    sa, sb = a.scenario, b.scenario
    inputs = diff_scenarios(sa, sb)
    issues = [i.id for i in sa.issues] + [i.id for i in sb.issues
                                          if i.id not in {x.id for x in sa.issues}]
    keys = list(dict.fromkeys([result_key(r) for r in a.analysis.results]
                              + [result_key(r) for r in b.analysis.results]))
    forecasts = tuple(ForecastChange(k, i, a.forecast(k, i), b.forecast(k, i))
                      for i in issues for k in keys)
    zones = tuple(ZoneChange(i, _zone_of(a, i), _zone_of(b, i), _has(sa, i), _has(sb, i))
                  for i in issues)
    actors = list(dict.fromkeys([g.actor for g in a.gains] + [g.actor for g in b.gains]))
    gains = tuple(GainChange(x, next((g for g in a.gains if g.actor == x), None),
                             next((g for g in b.gains if g.actor == x), None)) for x in actors)
    comparison = Comparison(a, b, inputs, forecasts, zones, gains)
    if inputs.empty:
        return comparison
    moved = {"forecasts": bool(comparison.forecasts_changed),
             "zones": bool(comparison.zones_changed),
             "verdict": comparison.verdict_changed, "blocking": comparison.blocking_changed,
             "concessions": comparison.concessions_changed,
             "opening": comparison.opening_changed,
             "gains": any(g.changed for g in gains)}
    bargained = a.document is not None and b.document is not None
    unchanged = [k for k, v in moved.items()
                 if not v and (bool(forecasts) if k == "forecasts" else bargained)]
    zone_models = any(configure(m).model.needs_zone for m in a.analysis.settings.models)
    why = why_unchanged(unchanged, touched_by(inputs), a.document, b.document, _vetoes(a),
                        _vetoes(b), zone_models)
    return Comparison(a, b, inputs, forecasts, zones, gains, tuple(why))


def variant_comparisons(base: Analysis) -> tuple[Comparison, ...]:
    """Each variant of the analysed scenario compared with it, with the same settings (the
    report's "What if" section)."""
    out = []
    first = side(base.scenario.id, base)
    for v in base.scenario.variants:
        edited = apply_variant(base.scenario, v.id)
        second = analyse(edited, base.settings)
        out.append(compare_analyses(first, side(f"{base.scenario.id}@{v.id}", second,
                                                variant=find_variant(base.scenario, v.id))))
    return tuple(out)


def _move(c: ConcessionDoc) -> tuple[str, str, str, float]:
    return (c.actor, c.issue, c.side, round(c.end, 6))


def _vetoes(s: Side) -> frozenset[str]:
    """Actors with a veto on some issue (every player when the bargaining did not run)."""
    bargaining = s.analysis.bargaining
    if bargaining is None:
        return frozenset(a.id for a in s.scenario.actors)
    p = bargaining.problem
    return frozenset(p.actors[i] for i in range(p.n) if bool(p.binding[i].any()))


def _has(scenario: Scenario, issue: str) -> bool:
    return any(i.id == issue for i in scenario.issues)


def _zone_of(s: Side, issue: str) -> tuple[float, float] | None:
    if s.document is None or issue not in s.document.issues:
        return None
    zone = s.document.issues[issue].zopa
    return None if zone is None else (zone[0], zone[1])


def _r(value: float | None) -> float | None:
    if value is None:
        return None
    return round6(value)


def _zone(zone: tuple[float, float] | None, present: bool) -> list[float] | str | None:
    if not present:
        return "absent"
    return None if zone is None else [zone[0], zone[1]]


def _dump(x: BlockingDoc | ConcessionDoc) -> dict[str, Any]:
    return x.model_dump(mode="json")


def _side_doc(s: Side) -> dict[str, Any]:
    scn = s.scenario
    return {
        "label": s.label,
        "scenario": {"id": scn.id, "digest": scn.digest(), "title": scn.title,
                     "as_of": scn.as_of},
        "variant": None if s.variant is None else {
            "id": s.variant.id, "title": s.variant.title, "rationale": s.variant.rationale,
            "edits": [e.model_dump(mode="json") for e in s.variant.edits]},
        "edits": [{**e.model_dump(mode="json"), "describe": describe(e)} for e in s.edits],
        "failures": [{"step": f.step, "message": f.message} for f in s.analysis.failures],
    }


def _concessions(s: Side) -> dict[str, Any] | None:
    moves = s.concessions
    if s.document is None or moves is None:
        return None
    return {"points": s.concession_points, "actors": list(s.movers),
            "moves": [_dump(c) for c in moves]}


def _opening(t: TimelineDoc | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"opens": t.opens, "months": t.months, "never": t.never, "costs": t.costs,
            "horizon": t.horizon}


def _gain(g: ActorGain | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {"gain": _r(g.gain), "relative": _r(g.relative), "utility": _r(g.utility),
            "no_deal": _r(g.no_deal), "verdict": g.verdict, "walks_away": g.walks_away,
            "crossed": list(g.crossed)}


__all__ = ["AFTER_CONCESSIONS", "NASH", "Comparison", "ForecastChange", "GainChange", "Side",
           "ZoneChange", "compare", "compare_analyses", "side", "variant_comparisons"]
