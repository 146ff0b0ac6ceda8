"""What differs between the inputs of two scenarios (``accord compare`` shows it first).

:func:`diff_scenarios` matches actors and issues by id, stances by (actor, issue), cost entries
by (actor, issue) and their order among the entries of that pair, and lists:

1. actors, issues, stances and cost entries present in one scenario only;
2. every changed input of what both have, one :class:`Change` each, with the actor, issue and
   field it belongs to and the old and new value: an actor's capability and veto flag; an
   issue's range, status quo and observed outcome; a stance's position, salience, reservation
   and veto override; a cost entry's drift, floor and start; and ``meta`` entries (a fixed
   outcome is recorded there).

A number is compared as written: a distribution equals only the same distribution (its value
in a :class:`Change` is its mapping, e.g. ``{"dist": "normal", "mean": 70, "sd": 8}``).
Text (names, rationales, evidence) is not compared: the diff is about what the engines read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.scenario.numbers import Normal, Triangular, Uniform
from accord.scenario.schema import Cost, Scenario

Value = float | bool | str | dict[str, Any] | list[float] | None


@dataclass(frozen=True)
class Change:
    """One input that differs: ``what`` is ``actor``, ``issue``, ``stance``, ``cost`` or
    ``meta``; ``field`` the input (``capability``, ``reservation``, ``drift``, a meta key, ...)."""

    what: str
    actor: str | None
    issue: str | None
    field: str
    old: Value
    new: Value

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "actor": self.actor, "issue": self.issue,
                "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class ScenarioDiff:
    """The input differences of scenario ``a`` (old) and ``b`` (new)."""

    a: str
    b: str
    actors_added: tuple[str, ...]
    actors_removed: tuple[str, ...]
    issues_added: tuple[str, ...]
    issues_removed: tuple[str, ...]
    stances_added: tuple[tuple[str, str], ...]
    stances_removed: tuple[tuple[str, str], ...]
    costs_added: tuple[tuple[str, str | None], ...]
    costs_removed: tuple[tuple[str, str | None], ...]
    changes: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        """True when the engines read the same inputs from both."""
        return not (self.actors_added or self.actors_removed or self.issues_added
                    or self.issues_removed or self.stances_added or self.stances_removed
                    or self.costs_added or self.costs_removed or self.changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (tuples become lists)."""
        return {
            "a": self.a, "b": self.b,
            "actors": {"added": list(self.actors_added), "removed": list(self.actors_removed)},
            "issues": {"added": list(self.issues_added), "removed": list(self.issues_removed)},
            "stances": {"added": [list(p) for p in self.stances_added],
                        "removed": [list(p) for p in self.stances_removed]},
            "costs": {"added": [list(p) for p in self.costs_added],
                      "removed": [list(p) for p in self.costs_removed]},
            "changes": [c.to_dict() for c in self.changes],
        }


def diff_scenarios(a: Scenario, b: Scenario) -> ScenarioDiff:
    """The input differences from ``a`` to ``b`` (see the module docstring)."""
    changes: list[Change] = []
    a_actors = {x.id: x for x in a.actors}
    b_actors = {x.id: x for x in b.actors}
    for actor_id in _common(a_actors, b_actors):
        old, new = a_actors[actor_id], b_actors[actor_id]
        changes += _fields("actor", actor_id, None, old, new, ("capability", "veto"))
    a_issues = {x.id: x for x in a.issues}
    b_issues = {x.id: x for x in b.issues}
    for issue_id in _common(a_issues, b_issues):
        changes += _fields("issue", None, issue_id, a_issues[issue_id], b_issues[issue_id],
                           ("range", "status_quo", "observed"))
    a_st = {(s.actor, s.issue): s for s in a.stances}
    b_st = {(s.actor, s.issue): s for s in b.stances}
    for key in _common(a_st, b_st):
        changes += _fields("stance", key[0], key[1], a_st[key], b_st[key],
                           ("position", "salience", "reservation", "veto"))
    a_costs, b_costs = _costs(a.costs), _costs(b.costs)
    for key in _common(a_costs, b_costs):
        changes += _fields("cost", key[0], key[1], a_costs[key], b_costs[key],
                           ("drift", "floor", "start"))
    for k in sorted(set(a.meta) | set(b.meta)):
        old_meta, new_meta = a.meta.get(k), b.meta.get(k)
        if old_meta != new_meta:
            changes.append(Change("meta", None, None, k, _value(old_meta), _value(new_meta)))
    return ScenarioDiff(
        a=a.id, b=b.id,
        actors_added=_only(b_actors, a_actors), actors_removed=_only(a_actors, b_actors),
        issues_added=_only(b_issues, a_issues), issues_removed=_only(a_issues, b_issues),
        stances_added=_only(b_st, a_st), stances_removed=_only(a_st, b_st),
        costs_added=tuple((k[0], k[1]) for k in _only(b_costs, a_costs)),
        costs_removed=tuple((k[0], k[1]) for k in _only(a_costs, b_costs)),
        changes=tuple(changes),
    )


def _common(a: dict[Any, Any], b: dict[Any, Any]) -> list[Any]:
    """Keys of both, in ``a``'s order."""
    return [k for k in a if k in b]


def _only(a: dict[Any, Any], b: dict[Any, Any]) -> tuple[Any, ...]:
    """Keys of ``a`` missing from ``b``, in ``a``'s order."""
    return tuple(k for k in a if k not in b)


def _costs(costs: Iterable[Cost]) -> dict[tuple[str, str | None, int], Cost]:
    """Cost entries keyed by actor, issue and their order among that pair's entries."""
    out: dict[tuple[str, str | None, int], Cost] = {}
    count: dict[tuple[str, str | None], int] = {}
    for c in costs:
        k = count.get((c.actor, c.issue), 0)
        count[(c.actor, c.issue)] = k + 1
        out[(c.actor, c.issue, k)] = c
    return out


def _fields(what: str, actor: str | None, issue: str | None, old: Any, new: Any,
            names: tuple[str, ...]) -> list[Change]:
    out = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if _value(before) != _value(after):
            out.append(Change(what, actor, issue, name, _value(before), _value(after)))
    return out


def _value(value: Any) -> Value:
    if isinstance(value, Normal | Uniform | Triangular):
        return dict(value.model_dump(mode="json"))
    if isinstance(value, tuple):
        return [float(v) for v in value]
    if isinstance(value, bool | str) or value is None:
        return value
    return float(value)
