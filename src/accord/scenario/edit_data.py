"""What-if edits on a scenario's plain data, and the checks of a file's variants.

The edit types are :mod:`accord.scenario.variants`. Every edit works on the scenario's plain
data (``model_dump``), so that a variant written in a file can be checked on the file's raw
data, each problem located at the edit that causes it; :mod:`accord.scenario.edits` applies
them to a :class:`~accord.scenario.schema.Scenario`. Steps of
:func:`accord.scenario.edits.apply_edits`:

1. dump the scenario to plain data, without its variants (an edited scenario is a variant; it
   carries none of its own, since they may name what the edits removed);
2. apply the edits in order; an edit that names an unknown actor, issue, stance or cost entry
   fails with an :class:`EditError` naming the edit (its position in the list and what it does);
3. after each edit, run the scenario's cross-field checks
   (:func:`accord.scenario.checks.check_scenario_data`); a problem that was not there before
   the edit (a red line outside the range, a capability scaled to 0, ...) is that edit's fault
   and fails the same way;
4. validate the result as a :class:`~accord.scenario.schema.Scenario`.

A **fixed outcome** (``fix-outcome``: the issue is settled at v before the rest is bargained,
e.g. a ceasefire first) is written into the data so that every engine treats it the same way
without knowing about it: every stance on the issue moves to v and loses its red line and veto
override (the actors accepted v in settling it), the issue's status quo, the no-deal outcome
of the bargaining, becomes v, cost entries specific to the issue are dropped, and
``meta['fixed.ISSUE']`` records v. Hence every model forecasts v there (all positions are v);
in the bargaining the issue has no blocking red line, each actor's utility and no-deal utility
both count the loss |v - x_i| it had to accept, so they cancel in every gain, and the other
issues are bargained as before. Evidence and rationale of the moved stances stay as written.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from accord.errors import UsageError
from accord.scenario.checks import Found, check_scenario_data
from accord.scenario.numbers import Normal, Triangular, Uniform
from accord.scenario.parts import Actor, Cost, Issue, Source, Stance
from accord.scenario.variants import (
    AddActor,
    DropActor,
    DropCost,
    Edit,
    FixOutcome,
    ScaleCapability,
    SetCapability,
    SetCost,
    SetStance,
    SetVeto,
    describe,
)

Data = dict[str, Any]
Path = tuple[str | int, ...]
FIXED_KEY = "fixed."
"""``meta`` key prefix recording a fixed outcome: ``fixed.ISSUE: VALUE``."""

_EDIT: TypeAdapter[Edit] = TypeAdapter(Edit)
_SECTIONS: dict[str, TypeAdapter[Any]] = {
    "sources": TypeAdapter(list[Source]), "actors": TypeAdapter(list[Actor]),
    "issues": TypeAdapter(list[Issue]), "stances": TypeAdapter(list[Stance]),
    "costs": TypeAdapter(list[Cost])}
"""The sections edits act on, checked as types before any variant is applied."""


class EditError(UsageError):
    """An edit that cannot be applied: ``index`` (0-based) of the edit, ``field`` it names."""

    def __init__(self, index: int, edit: Edit, message: str, field: str | None = None) -> None:
        self.index = index
        self.edit = edit
        self.problem = message
        self.field = field
        super().__init__(f"edit {index + 1} ({describe(edit)}): {message}")


class _Fault(Exception):
    """An edit names something the scenario does not have (raised inside one edit)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def edit_data(data: Data, edits: Sequence[Edit]) -> Data:
    """Steps 2-3 on plain scenario data (a copy is edited); raises :class:`EditError`."""
    out = copy.deepcopy(data)
    for section in ("actors", "issues", "stances", "costs"):
        out[section] = list(out.get(section) or [])
    before = _problems(out)
    for k, edit in enumerate(edits):
        try:
            _apply(out, edit)
        except _Fault as fault:
            raise EditError(k, edit, fault.message, fault.field) from None
        after = _problems(out)
        new = [(path, msg) for path, msg in after if msg not in {m for _, m in before}]
        if new:
            path, msg = new[0]
            where = _path(path)
            raise EditError(k, edit, "makes the scenario invalid: "
                                     f"{where + ': ' if where else ''}{msg}", _value_of(edit))
        before = after
    return out


def parse_edits(raw: Sequence[Any]) -> list[Edit]:
    """Edits from plain data (a form, JSON, a command line); a :class:`UsageError` names the
    edit and what is wrong with it (an unknown kind or field, a value of the wrong type)."""
    out = []
    for k, item in enumerate(raw):
        try:
            out.append(_EDIT.validate_python(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"][1:])
            msg = err["msg"].removeprefix("Value error, ")
            raise UsageError(f"edit {k + 1}: {where + ': ' if where else ''}{msg}") from None
    return out


def check_variants(data: Data) -> list[Found]:
    """Problems of the raw ``variants`` section: duplicate ids, and every edit that does not
    apply or makes the scenario invalid, located at that edit (called by the scenario checks).

    Edits that are not well-typed are left to pydantic (the loader reports those)."""
    variants = data.get("variants")
    if not isinstance(variants, list | tuple):
        return []
    out: list[Found] = []
    base = {k: v for k, v in data.items() if k != "variants"}
    try:
        for section, adapter in _SECTIONS.items():
            adapter.validate_python(base.get(section) or [])
    except ValidationError:
        return out  # the scenario itself is wrong: those problems are reported already
    if _problems(base):
        return out
    seen: dict[str, int] = {}
    for v, variant in enumerate(variants):
        if not isinstance(variant, dict):
            continue
        ident = variant.get("id")
        if isinstance(ident, str):
            if ident in seen:
                out.append((("variants", v, "id"), f"duplicate variant id '{ident}' (first "
                                                   f"used by variants[{seen[ident]}])"))
            seen.setdefault(ident, v)
        _evidence_sources(data, variant, v, out)
        raw = variant.get("edits")
        if not isinstance(raw, list | tuple):
            continue
        if not raw:
            out.append((("variants", v, "edits"), "a variant needs at least one edit"))
            continue
        try:
            edits = [_EDIT.validate_python(e) for e in raw]
        except ValidationError:
            continue
        try:
            edit_data(base, edits)
        except EditError as err:
            path: Path = ("variants", v, "edits", err.index)
            if err.field is not None and isinstance(raw[err.index], dict) \
                    and err.field in raw[err.index]:
                path = (*path, err.field)
            out.append((path, f"{describe(err.edit)}: {err.problem}"))
    return out


def _evidence_sources(data: Data, variant: Data, v: int, out: list[Found]) -> None:
    sources = {s.get("id") for s in data.get("sources") or [] if isinstance(s, dict)}
    for k, ev in enumerate(variant.get("evidence") or []):
        if isinstance(ev, dict) and isinstance(ev.get("source"), str) \
                and ev["source"] not in sources:
            out.append((("variants", v, "evidence", k, "source"),
                        f"unknown source '{ev['source']}'"))


def _value_of(edit: Edit) -> str | None:
    """The field of an edit that holds the value it sets (where a bad result points)."""
    for name in ("value", "factor", "drift", "floor", "veto"):
        if getattr(edit, name, None) is not None:
            return name
    return None


def _problems(data: Data) -> list[Found]:
    return check_scenario_data({k: v for k, v in data.items() if k != "variants"})


def _path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- one edit on plain data -------------------------------------------------------------------

def _apply(data: Data, edit: Edit) -> None:
    if isinstance(edit, DropActor):
        _actor(data, edit.actor)
        data["actors"] = [a for a in data["actors"] if a["id"] != edit.actor]
        data["stances"] = [s for s in data["stances"] if s["actor"] != edit.actor]
        data["costs"] = [c for c in data["costs"] if c["actor"] != edit.actor]
        if not data["actors"]:
            raise _Fault("a scenario needs at least one actor", "actor")
    elif isinstance(edit, AddActor):
        _add_actor(data, edit)
    elif isinstance(edit, SetStance):
        stance = _stance(data, edit.actor, edit.issue)
        value = edit.value
        stance[edit.field] = _plain(value)
        if value is None:
            stance.get("rationale", {}).pop(edit.field, None)
    elif isinstance(edit, ScaleCapability):
        actor = _actor(data, edit.actor)
        actor["capability"] = _scaled(actor["capability"], edit.factor)
    elif isinstance(edit, SetCapability):
        _actor(data, edit.actor)["capability"] = _plain(edit.value)
    elif isinstance(edit, SetVeto):
        if edit.issue is None:
            _actor(data, edit.actor)["veto"] = edit.veto
        else:
            _stance(data, edit.actor, edit.issue)["veto"] = edit.veto
    elif isinstance(edit, SetCost):
        _set_cost(data, edit)
    elif isinstance(edit, DropCost):
        _actor(data, edit.actor)
        if edit.issue is not None:
            _issue(data, edit.issue)
        keep = [c for c in data["costs"]
                if not (c["actor"] == edit.actor and c.get("issue") == edit.issue)]
        if len(keep) == len(data["costs"]):
            raise _Fault(f"{edit.actor} has no cost entry{_on(edit.issue)} to drop", "actor")
        data["costs"] = keep
    else:
        fix_outcome(data, edit)


def fix_outcome(data: Data, edit: FixOutcome) -> None:
    """Settle an issue at ``edit.value`` in plain scenario data (the module docstring says
    what that means for the models and the bargaining)."""
    issue = _issue(data, edit.issue)
    issue["status_quo"] = edit.value
    for stance in data["stances"]:
        if stance["issue"] == edit.issue:
            stance["position"] = edit.value
            stance["reservation"] = None
            stance["veto"] = None
            for key in ("position", "reservation", "veto"):
                stance.get("rationale", {}).pop(key, None)
    data["costs"] = [c for c in data["costs"] if c.get("issue") != edit.issue]
    data["meta"] = {**data.get("meta", {}), f"{FIXED_KEY}{edit.issue}": edit.value}


def _add_actor(data: Data, edit: AddActor) -> None:
    new = edit.actor.id
    if any(a["id"] == new for a in data["actors"]):
        raise _Fault(f"there is already an actor '{new}'", "actor")
    for stance in edit.stances:
        if stance.actor != new:
            raise _Fault(f"a stance of the new actor names actor '{stance.actor}', not "
                         f"'{new}'", "stances")
        _issue(data, stance.issue)
    data["actors"].append(edit.actor.model_dump(mode="python"))
    data["stances"].extend(s.model_dump(mode="python") for s in edit.stances)


def _set_cost(data: Data, edit: SetCost) -> None:
    _actor(data, edit.actor)
    if edit.issue is not None:
        _issue(data, edit.issue)
    entries = [c for c in data["costs"]
               if c["actor"] == edit.actor and c.get("issue") == edit.issue]
    if len(entries) > 1:
        raise _Fault(f"{edit.actor} has {len(entries)} cost entries{_on(edit.issue)}: drop "
                     "them and add one", "actor")
    given = {k: _plain(v) for k, v in (("drift", edit.drift), ("floor", edit.floor),
                                       ("start", edit.start)) if v is not None}
    if entries:
        entries[0].update(given)
        return
    if "drift" not in given:
        raise _Fault(f"{edit.actor} has no cost entry{_on(edit.issue)} to change; give a "
                     "drift to add one", "actor")
    data["costs"].append({"actor": edit.actor, "issue": edit.issue, **given})


def _on(issue: str | None) -> str:
    return f" on {issue}" if issue is not None else " for every issue"


def _known(items: list[Data]) -> str:
    ids = [str(i.get("id")) for i in items]
    return f" (known: {', '.join(ids)})" if 0 < len(ids) <= 12 else ""


def _actor(data: Data, actor: str) -> Data:
    for a in data["actors"]:
        if a["id"] == actor:
            return a  # type: ignore[no-any-return]
    raise _Fault(f"unknown actor '{actor}'{_known(data['actors'])}", "actor")


def _issue(data: Data, issue: str) -> Data:
    for i in data["issues"]:
        if i["id"] == issue:
            return i  # type: ignore[no-any-return]
    raise _Fault(f"unknown issue '{issue}'{_known(data['issues'])}", "issue")


def _stance(data: Data, actor: str, issue: str) -> Data:
    _actor(data, actor)
    _issue(data, issue)
    for s in data["stances"]:
        if s["actor"] == actor and s["issue"] == issue:
            return s  # type: ignore[no-any-return]
    raise _Fault(f"{actor} has no stance on {issue}", "issue")


def _plain(value: Any) -> Any:
    """A typed value as plain data (a distribution becomes its mapping)."""
    if isinstance(value, Normal | Uniform | Triangular):
        return value.model_dump(mode="python")
    return value


def _scaled(raw: Any, factor: float) -> Any:
    """A number or distribution (plain data) multiplied by ``factor`` > 0."""
    if isinstance(raw, Normal | Uniform | Triangular):
        raw = raw.model_dump(mode="python")
    if isinstance(raw, dict):
        return {k: (v * factor if k in ("mean", "sd", "low", "high", "mode")
                    and isinstance(v, int | float) else v) for k, v in raw.items()}
    return float(raw) * factor
