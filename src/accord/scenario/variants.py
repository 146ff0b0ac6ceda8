"""What-if edits as data, and the named variants a scenario file may carry.

An analyst's question "what if the US withdraws?", "what if Kyiv's red line on NATO is 70, not
85?" or "what if a ceasefire comes first?" is a short list of edits to a scenario. Each edit is
a frozen type, so a list of them can be written in a scenario file (``variants:``), sent by the
dashboard, stored and compared. Applying them is :mod:`accord.scenario.edits`; the file format
is docs/file-format.md ("Variants"). The edits (the ``edit:`` key names the kind):

* ``drop-actor``: the actor leaves the table, with its stances and cost entries;
* ``add-actor``: a new actor (a full actor entry) with its stances;
* ``set-stance``: one field of a stance: ``position``, ``salience``, ``reservation`` (no
  ``value`` or ``null``: the red line is removed) or ``veto`` (``true``/``false``; no value:
  the per-issue override is removed and the actor's flag applies);
* ``scale-capability`` (a factor > 0; a distribution is scaled as a whole) and
  ``set-capability`` (a new value);
* ``set-veto``: give or take a veto, on one issue (a stance override) or, without ``issue``, the
  actor's flag;
* ``set-cost``: add a cost-of-no-deal entry for (actor, issue) or change the given fields of the
  one there is; ``drop-cost`` removes the entries of (actor, issue);
* ``fix-outcome``: the issue is settled at ``value`` before the rest is bargained (e.g. a
  ceasefire first). What that means for the models and the bargaining is
  :func:`accord.scenario.edits.fix_outcome`'s docstring.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from accord.scenario.dates import PartialDate
from accord.scenario.numbers import Normal, Number, Triangular, Uniform
from accord.scenario.parts import Actor, Evidence, Float, Frozen, Id, Stance, Text

StanceField = Literal["position", "salience", "reservation", "veto"]
STANCE_FIELDS: tuple[str, ...] = ("position", "salience", "reservation", "veto")
NumberValue = float | Normal | Uniform | Triangular


class DropActor(Frozen):
    """The actor leaves the table: it, its stances and its cost entries are removed."""

    edit: Literal["drop-actor"] = "drop-actor"
    actor: Id


class AddActor(Frozen):
    """A new actor joins, with its stances (each must name the new actor)."""

    edit: Literal["add-actor"] = "add-actor"
    actor: Actor
    stances: tuple[Stance, ...] = ()


class SetStance(Frozen):
    """One field of an existing stance set to ``value`` (see the module docstring)."""

    edit: Literal["set-stance"] = "set-stance"
    actor: Id
    issue: Id
    field: StanceField
    value: Number | bool | None = None

    @model_validator(mode="after")
    def _value_fits_field(self) -> SetStance:
        if self.field == "veto":
            if self.value is not None and not isinstance(self.value, bool):
                raise ValueError("a veto is true or false (or no value: the actor's flag "
                                 "applies)")
        elif isinstance(self.value, bool):
            raise ValueError(f"{self.field} takes a number, not {str(self.value).lower()}")
        elif self.value is None and self.field != "reservation":
            raise ValueError(f"{self.field} needs a value (only a reservation can be removed)")
        return self

    @property
    def number(self) -> NumberValue | None:
        """The value as a number or distribution (None for a veto or a removed red line)."""
        return None if isinstance(self.value, bool) or self.value is None else self.value


class ScaleCapability(Frozen):
    """The actor's capability multiplied by ``factor`` (> 0)."""

    edit: Literal["scale-capability"] = "scale-capability"
    actor: Id
    factor: Annotated[float, Field(gt=0, allow_inf_nan=False)]


class SetCapability(Frozen):
    """The actor's capability set to ``value``."""

    edit: Literal["set-capability"] = "set-capability"
    actor: Id
    value: Number


class SetVeto(Frozen):
    """Give (``veto: true``) or take a veto: on ``issue``, or the actor's flag without one."""

    edit: Literal["set-veto"] = "set-veto"
    actor: Id
    issue: Id | None = None
    veto: bool


class SetCost(Frozen):
    """Add the cost entry of (actor, issue), or change the fields given of the one there is."""

    edit: Literal["set-cost"] = "set-cost"
    actor: Id
    issue: Id | None = None
    drift: Number | None = None
    floor: Float | None = None
    start: PartialDate | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> SetCost:
        if self.drift is None and self.floor is None and self.start is None:
            raise ValueError("set-cost needs a drift, floor or start to set")
        return self


class DropCost(Frozen):
    """Remove the cost entries of (actor, issue) (``issue`` omitted: the actor's general ones)."""

    edit: Literal["drop-cost"] = "drop-cost"
    actor: Id
    issue: Id | None = None


class FixOutcome(Frozen):
    """The issue is settled at ``value`` before the rest is bargained (e.g. a ceasefire)."""

    edit: Literal["fix-outcome"] = "fix-outcome"
    issue: Id
    value: Float


Edit = Annotated[DropActor | AddActor | SetStance | ScaleCapability | SetCapability | SetVeto
                 | SetCost | DropCost | FixOutcome, Field(discriminator="edit")]
"""Any one edit; the ``edit`` key says which."""

EDIT_KINDS: tuple[str, ...] = ("drop-actor", "add-actor", "set-stance", "scale-capability",
                               "set-capability", "set-veto", "set-cost", "drop-cost",
                               "fix-outcome")


class Variant(Frozen):
    """A named what-if: edits of the scenario, argued like any stance."""

    id: Id
    title: Annotated[str, StringConstraints(strip_whitespace=True)] | None = None
    rationale: Text
    inference: str | None = None
    evidence: tuple[Evidence, ...] = ()
    edits: tuple[Edit, ...]


def describe(edit: Edit) -> str:
    """One line saying what an edit does (for reports and error messages)."""
    if isinstance(edit, DropActor):
        return f"drop actor {edit.actor}"
    if isinstance(edit, AddActor):
        return f"add actor {edit.actor.id}"
    if isinstance(edit, SetStance):
        return f"set {edit.actor}'s {edit.field} on {edit.issue} to {_text(edit.value)}"
    if isinstance(edit, ScaleCapability):
        return f"scale {edit.actor}'s capability by {edit.factor:g}"
    if isinstance(edit, SetCapability):
        return f"set {edit.actor}'s capability to {_text(edit.value)}"
    if isinstance(edit, SetVeto):
        where = f" on {edit.issue}" if edit.issue else ""
        return f"{'give' if edit.veto else 'take'} {edit.actor}'s veto{where}"
    if isinstance(edit, SetCost):
        what = ", ".join(f"{k} {_text(v)}" for k, v in
                         (("drift", edit.drift), ("floor", edit.floor), ("start", edit.start))
                         if v is not None)
        return f"set {edit.actor}'s cost{_on(edit.issue)}: {what}"
    if isinstance(edit, DropCost):
        return f"drop {edit.actor}'s cost{_on(edit.issue)}"
    return f"fix the outcome of {edit.issue} at {edit.value:g}"


def _on(issue: str | None) -> str:
    return f" on {issue}" if issue else " (every issue)"


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, Normal | Uniform | Triangular):
        return f"{value.dist} around {value.point:g}"
    return str(value)
