"""The scenario: immutable, validated data describing one negotiation.

Who is at the table (:class:`Actor`), what is decided (:class:`Issue`, each on its own scale
with labelled points), where each actor stands (:class:`Stance`: position, salience, red line,
evidence), how the cost of no deal moves red lines (:class:`Cost`), and dated forecasts made in
the sources (:class:`Prediction`). The file format is documented in ``docs/file-format.md``.

Construction validates everything, including cross-references
(:func:`accord.scenario.checks.check_scenario_data`); the YAML loader runs the same checks but
reports every problem with its line and column.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from accord.scenario.dates import PartialDate
from accord.scenario.numbers import Number, point

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Float = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class Frozen(BaseModel):
    """Base of every scenario type: immutable, no unknown fields, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    LATE_FIELDS: ClassVar[frozenset[str]] = frozenset()
    """Fields added after version 0.1 of the file format. The canonical JSON of
    :meth:`Scenario.digest` leaves such a field out while it holds its default, so a scenario
    that does not use it keeps the digest it had before the field existed (stored runs and
    scenario versions are keyed by digest)."""

    def canonical(self) -> dict[str, Any]:
        """The JSON-ready data of :meth:`Scenario.digest`: ``model_dump(mode="json")`` without
        late fields at their defaults, at every level."""
        out: dict[str, Any] = _canonical(self)
        return out


class Source(Frozen):
    """An article or document that evidence is quoted from."""

    id: Id
    title: Text
    file: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    note: str | None = None


class Evidence(Frozen):
    """A verbatim quote from a source backing a number."""

    source: Id
    quote: Text
    note: str | None = None


class Actor(Frozen):
    """A party at the table."""

    id: Id
    name: Text
    capability: Number
    veto: bool = False
    aliases: tuple[Text, ...] = ()
    people: tuple[Text, ...] = ()
    description: str | None = None
    rationale: dict[str, str] = Field(default_factory=dict)


class StatusQuoDrift(Frozen):
    """How an issue's no-deal outcome (its ``status_quo``) moves while there is no deal: the
    battlefield line of a war, the price level of a strike. ``drift`` scale units a month
    (negative: toward the low end of the scale), from the later of the scenario's ``as_of`` and
    ``start``, toward ``limit`` (or the end of the scale) and never past it."""

    drift: Number
    limit: Float | None = None
    start: PartialDate | None = None
    rationale: str | None = None
    evidence: tuple[Evidence, ...] = ()


class Issue(Frozen):
    """A question being decided, on a scale from ``range[0]`` to ``range[1]``."""

    LATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"status_quo_drift"})

    id: Id
    name: Text
    range: tuple[Float, Float] = (0.0, 100.0)
    unit: str | None = None
    labels: dict[float, str] = Field(default_factory=dict)
    status_quo: Float | None = None
    observed: Float | None = None
    keywords: tuple[Text, ...] = ()
    description: str | None = None
    status_quo_drift: StatusQuoDrift | None = None
    """Optional: how the no-deal outcome moves over time (bargaining, docs/file-format.md)."""

    @property
    def low(self) -> float:
        return self.range[0]

    @property
    def high(self) -> float:
        return self.range[1]

    def nearest_label(self, value: float) -> tuple[float, str] | None:
        """The labelled point of the scale closest to ``value`` (None without labels)."""
        if not self.labels:
            return None
        at = min(self.labels, key=lambda k: (abs(k - value), k))
        return at, self.labels[at]


class Stance(Frozen):
    """Where one actor stands on one issue, how much it cares, and its red line."""

    actor: Id
    issue: Id
    position: Number
    salience: Number
    reservation: Number | None = None
    veto: bool | None = None
    carried_over: bool = False
    inference: str | None = None
    rationale: dict[str, str] = Field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()


Direction = Literal["loosen", "harden"]


class Cost(Frozen):
    """How the cost of no deal moves an actor's red line: ``drift`` scale units per month,
    away from the actor's position (``direction: loosen``, the default: no deal hurts, the
    actor concedes) or toward it (``harden``: no deal improves for the actor, e.g. while it
    advances on the battlefield, and it asks more)."""

    LATE_FIELDS: ClassVar[frozenset[str]] = frozenset({"direction"})

    actor: Id
    issue: Id | None = None
    drift: Number
    direction: Direction = "loosen"
    floor: Float | None = None
    start: PartialDate | None = None
    rationale: str | None = None
    evidence: tuple[Evidence, ...] = ()


class Resolution(Frozen):
    """How a prediction turned out."""

    outcome: bool | Float
    date: PartialDate | None = None
    source: Id | None = None
    quote: str | None = None
    note: str | None = None


class Prediction(Frozen):
    """A dated forecast made in a source, kept for scoring."""

    id: Id
    statement: Text
    source: Id | None = None
    by: str | None = None
    made: PartialDate
    resolves: PartialDate | None = None
    probability: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None = None
    value: Float | None = None
    issue: Id | None = None
    quote: str | None = None
    resolution: Resolution | None = None


class Scenario(Frozen):
    """A negotiation: sources, actors, issues, stances, costs of no deal and predictions."""

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

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Scenario:
        # The YAML loader runs these checks itself to give each problem a line number.
        if info.context and info.context.get("skip_checks"):
            return self
        from accord.scenario.checks import check_scenario_data

        problems = check_scenario_data(self.model_dump(mode="python"))
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
        from accord.scenario.numbers import is_uncertain

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


def _canonical(value: Any) -> Any:
    if isinstance(value, Frozen):
        data = value.model_dump(mode="json")
        out: dict[str, Any] = {}
        fields = type(value).model_fields
        for name, dumped in data.items():
            current = getattr(value, name)
            if name in value.LATE_FIELDS and current == fields[name].get_default(
                    call_default_factory=True):
                continue
            out[name] = _canonical_json(current, dumped)
        return out
    return value


def _canonical_json(current: Any, dumped: Any) -> Any:
    """``dumped`` (the JSON dump of ``current``) with nested scenario types made canonical."""
    if isinstance(current, Frozen):
        return _canonical(current)
    if isinstance(current, tuple | list) and any(isinstance(v, Frozen) for v in current):
        return [_canonical_json(c, d) for c, d in zip(current, dumped, strict=True)]
    return dumped


def _point_raw(raw: Any) -> float:
    from accord.scenario.numbers import _coerce

    return point(_coerce(raw))


def _path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
