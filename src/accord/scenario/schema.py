"""The scenario: immutable, validated data describing one negotiation.

Who is at the table (:class:`Actor`), what is decided (:class:`Issue`, each on its own scale
with labelled points), where each actor stands (:class:`Stance`: position, salience, red line,
evidence), how the cost of no deal moves red lines (:class:`Cost`), dated forecasts made in the
sources (:class:`Prediction`), and named what-if variants (:class:`Variant`). The parts are
defined in :mod:`accord.scenario.parts` and the variants in :mod:`accord.scenario.variants`;
this module puts them together. The file format is documented in ``docs/file-format.md``.

Construction validates everything, including cross-references
(:func:`accord.scenario.checks.check_scenario_data`) and that every variant applies
(:func:`accord.scenario.edit_data.check_variants`); the YAML loader runs the same checks but
reports every problem with its line and column.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, model_validator

from accord.scenario.checks import check_scenario_data
from accord.scenario.dates import PartialDate
from accord.scenario.edit_data import check_variants
from accord.scenario.numbers import _coerce, is_uncertain, point
from accord.scenario.parts import (
    Actor,
    Cost,
    Evidence,
    Float,
    Frozen,
    Id,
    Issue,
    Prediction,
    Resolution,
    Source,
    Stance,
    StatusQuoDrift,
    Text,
)
from accord.scenario.variants import Variant


class Scenario(Frozen):
    """A negotiation: sources, actors, issues, stances, costs of no deal, predictions, and
    named what-if variants (:mod:`accord.scenario.variants`)."""

    LATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"variants"})

    accord: Literal[1] = 1
    id: Id
    title: Text
    as_of: PartialDate | None = None
    case: Id | None = None
    description: str | None = None
    meta: dict[str, str | int | float] = Field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    stances: tuple[Stance, ...] = ()
    costs: tuple[Cost, ...] = ()
    predictions: tuple[Prediction, ...] = ()
    variants: tuple[Variant, ...] = ()

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Scenario:
        # The YAML loader runs these checks itself to give each problem a line number.
        if info.context and info.context.get("skip_checks"):
            return self

        data = self.model_dump(mode="python")
        problems = check_scenario_data(data) + check_variants(data)
        if problems:
            raise ValueError("; ".join(f"{_path(p)}: {m}" for p, m in problems))
        return self

    def digest(self) -> str:
        """SHA-256 of the canonical JSON of the scenario: equal content, equal digest."""
        return self._digest

    @functools.cached_property
    def _digest(self) -> str:  # a frozen scenario's digest never changes: computed once
        data = self.canonical()
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def issue(self, issue_id: str) -> Issue:
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def stance(self, actor_id: str, issue_id: str) -> Stance | None:
        for s in self.stances:
            if s.actor == actor_id and s.issue == issue_id:
                return s
        return None

    def has_veto(self, actor_id: str, issue_id: str) -> bool:
        """Whether the actor must accept the outcome on this issue (stance override first)."""
        stance = self.stance(actor_id, issue_id)
        if stance is not None and stance.veto is not None:
            return stance.veto
        return self.actor(actor_id).veto

    def is_uncertain(self) -> bool:
        """True when any numeric input is a distribution."""

        values: list[Any] = [a.capability for a in self.actors]
        for s in self.stances:
            values += [s.position, s.salience, s.reservation]
        values += [c.drift for c in self.costs]
        values += [i.status_quo_drift.drift for i in self.issues
                   if i.status_quo_drift is not None]
        return any(is_uncertain(v) for v in values)

    def with_point_values(self) -> Scenario:
        """The same scenario with every distribution replaced by its point value."""
        data = self.model_dump(mode="python")
        for a in data["actors"]:
            a["capability"] = _point_raw(a["capability"])
        for s in data["stances"]:
            for key in ("position", "salience", "reservation"):
                if s[key] is not None:
                    s[key] = _point_raw(s[key])
        for c in data["costs"]:
            c["drift"] = _point_raw(c["drift"])
        for i in data["issues"]:
            if i.get("status_quo_drift") is not None:
                i["status_quo_drift"]["drift"] = _point_raw(i["status_quo_drift"]["drift"])
        return Scenario.model_validate(data)


def _point_raw(raw: Any) -> float:

    return point(_coerce(raw))


def _path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


__all__ = ["Actor", "Cost", "Evidence", "Float", "Frozen", "Id", "Issue", "Prediction",
           "Resolution", "Scenario", "Source", "Stance", "StatusQuoDrift", "Text",
           "Variant"]
