"""Why an output of a comparison did not move although the inputs did, where it is cheap to tell.

"Dropping the US leaves the opening month at 2027-11" is a finding only with its reason: the
last red lines to meet are Russia's and Ukraine's, and each actor's cost of no deal moves only
its own red lines, so no one's costs depend on the US. :func:`why_unchanged` gives, for every
output of :mod:`accord.workflows.compare` that is the same on both sides, a :class:`Why`: a
code and the actors and red-line pairs it names (ids; :mod:`accord.reports.compare_view` says
it in words), or no code when no cheap reason is known. The rules, checked in this order:

* ``models-blind`` (forecasts): the changes touch only red lines, vetoes and costs of no deal,
  which no model run reads (none forecasts from the zone: ``needs_zone``).
* ``no-veto`` (every bargaining output): every actor the changes touch holds no veto on either
  side, and no issue changed. Red lines bind only veto players, and the package check, the
  concessions, the Nash solution and the opening month read only players, so none can move.
* ``no-red-line`` (zones): no actor, issue or stance added or dropped, and no red line, veto
  or issue range changed: the zones read only those.
* ``still-blocking`` (verdict, both "no deal"; blocking red lines): pairs of red lines that
  cross on both sides and that the changes do not touch (no changed stance, veto, cost or
  presence of either actor on that issue); for the blocking red lines, every pair must be.
* ``same-blocking`` (concessions): the same pairs cross on both sides, the same distance
  apart.
* ``open-now`` (opening month): a zone is open now on both sides.
* ``no-costs`` (opening month): neither side states a cost that moves a red line.
* ``last-to-meet`` (opening month): the pairs that blocked last before the zone opened are the
  same on both sides and untouched, red lines and costs; ``actors`` are the actors dropped,
  none of whose red lines is among them (the scenario format ties every cost of no deal to one
  actor's own red lines, so no other actor's costs depend on a dropped one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.bargaining.doc_types import BargainDocument, BlockingDoc
from accord.scenario.diff import ScenarioDiff
from accord.scenario.edit_data import FIXED_KEY

BARGAIN_OUTPUTS = ("zones", "verdict", "blocking", "concessions", "opening", "gains")
OUTPUTS = ("forecasts", *BARGAIN_OUTPUTS)
"""The outputs of a comparison, in the order a reader sees them."""

BARGAIN_FIELDS = frozenset({"reservation", "veto", "drift", "floor", "start"})
"""Inputs only the bargaining analysis reads (and models that forecast from the zone)."""

Pair = tuple[str, str, str]
"""A pair of crossing red lines: (issue, actor whose minimum, actor whose maximum)."""


@dataclass(frozen=True)
class Why:
    """An output the same on both sides, and why (``code`` None: no cheap reason known)."""

    output: str
    code: str | None = None
    actors: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "code": self.code, "actors": list(self.actors),
                "pairs": [{"issue": p[0], "actors": [p[1], p[2]]} for p in self.pairs]}


@dataclass(frozen=True)
class Touched:
    """What the changes of a :class:`ScenarioDiff` touch: whole actors (dropped, added, a
    changed capability or veto flag, an actor-wide cost), whole issues (range, status quo, a
    fixed outcome, added or dropped), and (actor, issue) pairs (a stance or a cost entry)."""

    actors: frozenset[str]
    issues: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    dropped: tuple[str, ...]
    red_lines: bool = True
    """Some red line, veto or issue range changed, or an actor, issue or stance came or went
    (what the zones read)."""
    bargaining_only: bool = False
    """Every change is a red line, a veto or a cost of no deal (what only the bargaining
    reads): no actor, issue or stance added or dropped, no position, salience, capability or
    issue change (``meta`` entries are records no engine reads)."""

    def touches(self, actor: str, issue: str) -> bool:
        return actor in self.actors or issue in self.issues or (actor, issue) in self.pairs

    @property
    def everyone(self) -> frozenset[str]:
        """Every actor touched anywhere."""
        return self.actors | {a for a, _ in self.pairs}


def touched_by(diff: ScenarioDiff) -> Touched:
    """What ``diff`` touches (see :class:`Touched`)."""
    actors = set(diff.actors_added) | set(diff.actors_removed)
    issues = set(diff.issues_added) | set(diff.issues_removed)
    pairs = set(diff.stances_added) | set(diff.stances_removed)
    for actor, issue in (*diff.costs_added, *diff.costs_removed):
        if issue is None:
            actors.add(actor)
        else:
            pairs.add((actor, issue))
    for c in diff.changes:
        if c.what == "actor" and c.actor is not None:
            actors.add(c.actor)
        elif c.what == "issue" and c.issue is not None:
            issues.add(c.issue)
        elif c.what in ("stance", "cost") and c.actor is not None:
            if c.issue is None:
                actors.add(c.actor)
            else:
                pairs.add((c.actor, c.issue))
        elif c.what == "meta" and c.field.startswith(FIXED_KEY):
            issues.add(c.field.removeprefix(FIXED_KEY))
    structural = (diff.actors_added or diff.actors_removed or diff.issues_added
                  or diff.issues_removed or diff.stances_added or diff.stances_removed)
    only = not structural and all(  # meta is a record (a fixed outcome's edits are data)
        c.what == "meta" or (c.field in BARGAIN_FIELDS and c.what in ("actor", "stance", "cost"))
        for c in diff.changes)
    lines = bool(structural) or any(c.field in ("reservation", "veto", "range")
                                    for c in diff.changes)
    return Touched(frozenset(actors), frozenset(issues), frozenset(pairs),
                   tuple(diff.actors_removed), lines, bool(only))


def _key(b: BlockingDoc) -> Pair:
    return (b.issue, b.actors[0], b.actors[1])


def _untouched(pairs: Iterable[Pair], touched: Touched) -> tuple[Pair, ...]:
    return tuple(p for p in pairs
                 if not touched.touches(p[1], p[0]) and not touched.touches(p[2], p[0]))


def _last(doc: BargainDocument) -> list[Pair]:
    return [_key(b) for b in doc.timeline.last_blocking if isinstance(b, BlockingDoc)]


def why_unchanged(unchanged: Iterable[str], touched: Touched,
                  a: BargainDocument | None, b: BargainDocument | None,
                  vetoes_a: frozenset[str], vetoes_b: frozenset[str],
                  zone_models: bool = False) -> list[Why]:
    """A :class:`Why` for each output named in ``unchanged`` (same on both sides), in the
    order of :data:`OUTPUTS` (the rules of the module docstring); ``zone_models``: some model
    run forecasts from the zone (it reads red lines)."""
    wanted = set(unchanged)
    out: list[Why] = []
    silent = (not touched.issues and bool(touched.everyone)
              and not (touched.everyone & (vetoes_a | vetoes_b)))
    for output in OUTPUTS:
        if output not in wanted:
            continue
        if output == "forecasts" and touched.bargaining_only and not zone_models:
            out.append(Why(output, "models-blind"))
        elif output in BARGAIN_OUTPUTS and silent:
            out.append(Why(output, "no-veto", tuple(sorted(touched.everyone))))
        elif output == "zones" and not touched.red_lines:
            out.append(Why(output, "no-red-line"))
        elif output in ("verdict", "blocking") and a is not None and b is not None \
                and a.blocking:
            both = [p for p in (_key(x) for x in a.blocking)
                    if p in {_key(y) for y in b.blocking}]
            kept = _untouched(both, touched)
            full = output == "verdict" or len(kept) == len(a.blocking)
            out.append(Why(output, "still-blocking", pairs=kept) if kept and full
                       else Why(output))
        elif output == "concessions" and a is not None and b is not None and a.blocking:
            gaps_a = {_key(x): round(x.gap, 6) for x in a.blocking}
            gaps_b = {_key(x): round(x.gap, 6) for x in b.blocking}
            out.append(Why(output, "same-blocking", pairs=tuple(gaps_a))
                       if gaps_a == gaps_b else Why(output))
        elif output == "opening" and a is not None and b is not None:
            out.append(_opening(a, b, touched))
        else:
            out.append(Why(output))
    return out


def _opening(a: BargainDocument, b: BargainDocument, touched: Touched) -> Why:
    ta = a.timeline
    if ta.months == 0:
        return Why("opening", "open-now")
    if not ta.costs and not b.timeline.costs:
        return Why("opening", "no-costs")
    last = _last(a)
    if last and last == _last(b) and _untouched(last, touched) == tuple(last):
        dropped = tuple(x for x in touched.dropped
                        if not any(x in (p[1], p[2]) for p in last))
        return Why("opening", "last-to-meet", dropped, tuple(last))
    return Why("opening")
