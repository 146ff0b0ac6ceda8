"""The parts of a scenario: sources, evidence, actors, issues, stances, costs, predictions.

Immutable, validated data (pydantic, no unknown fields, no NaN or infinity) that
:class:`accord.scenario.schema.Scenario` is made of, and :class:`Frozen`, their base, which
gives every scenario type the canonical JSON its digest is computed from. Split from the
scenario itself so that the what-if edits (:mod:`accord.scenario.variants`), which carry actors,
stances and evidence, can be types of the scenario too.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from accord.scenario.dates import PartialDate
from accord.scenario.numbers import Number, bounded

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Float = Annotated[float, Field(strict=True, allow_inf_nan=False), AfterValidator(bounded)]


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
