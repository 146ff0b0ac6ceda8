"""Numbers that may be uncertain: a plain number or a distribution over it.

Any numeric input of a scenario (capability, position, salience, reservation, drift) may be a
distribution. Deterministic runs use :func:`point`; Monte Carlo draws from the distribution
(:mod:`accord.uncertainty`). Distributions are written in the file as
``{dist: normal, mean: 70, sd: 8, low: 50, high: 90}``, ``{dist: uniform, low: 60, high: 80}``
or ``{dist: triangular, low: 60, mode: 70, high: 90}``.

Every number of a scenario is finite and at most :data:`MAX_ABS` (1e12) in absolute value:
the models square, sum and exponentiate values on an issue's scale, and numbers far beyond any
real scale (1e308) overflow to infinity there. :func:`bounded` is the check.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

MAX_ABS = 1e12
"""The largest absolute value of any number in a scenario (see the module docstring)."""


def bounded(value: float) -> float:
    """``value`` if it is at most :data:`MAX_ABS` in absolute value, else a ValueError."""
    if abs(value) > MAX_ABS:
        raise ValueError(f"{value:g} is out of bounds (numbers in a scenario are at most 1e12 in "
                         "absolute value)")
    return value


class _Dist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, strict=True)

    @model_validator(mode="after")
    def _bounded(self) -> _Dist:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, float):
                bounded(value)
        return self


class Normal(_Dist):
    """A normal distribution, optionally truncated to ``[low, high]``."""

    dist: Literal["normal"]
    mean: float
    sd: float = Field(ge=0)
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Normal:
        lo = -math.inf if self.low is None else self.low
        hi = math.inf if self.high is None else self.high
        if lo > hi:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if not lo <= self.mean <= hi:
            raise ValueError(f"mean ({self.mean}) is outside [low, high]")
        return self

    @property
    def point(self) -> float:
        return self.mean


class Uniform(_Dist):
    """A uniform distribution on ``[low, high]``."""

    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _bounds(self) -> Uniform:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self

    @property
    def point(self) -> float:
        return (self.low + self.high) / 2


class Triangular(_Dist):
    """A triangular distribution on ``[low, high]`` with its peak at ``mode``."""

    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _bounds(self) -> Triangular:
        if not self.low <= self.mode <= self.high:
            raise ValueError("needs low <= mode <= high")
        return self

    @property
    def point(self) -> float:
        return self.mode


Dist = Annotated[Normal | Uniform | Triangular, Field(discriminator="dist")]
_DIST = TypeAdapter(Dist)
DIST_HELP = ("a number or a distribution such as {dist: normal, mean: 70, sd: 8}, "
             "{dist: uniform, low: 60, high: 80} or "
             "{dist: triangular, low: 60, mode: 70, high: 90}")


def _coerce(value: Any) -> Any:
    if isinstance(value, Normal | Uniform | Triangular):
        return value
    if isinstance(value, bool):
        raise ValueError(f"expected {DIST_HELP}, got {str(value).lower()}")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError("the number is too large (numbers in a scenario are at most 1e12 "
                             "in absolute value)") from None
        if not math.isfinite(number):
            raise ValueError("expected a finite number")
        return bounded(number)
    if isinstance(value, dict):
        try:
            return _DIST.validate_python(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"][1:]) or "distribution"
            msg = first["msg"].removeprefix("Value error, ")
            raise ValueError(f"bad distribution ({where}): {msg}") from None
    raise ValueError(f"expected {DIST_HELP}, got {type(value).__name__} {value!r}")


Number = Annotated[float | Normal | Uniform | Triangular, BeforeValidator(_coerce)]
"""A plain number or a distribution (see the module docstring)."""


def point(value: float | Normal | Uniform | Triangular) -> float:
    """The value a deterministic run uses: the number itself, or the distribution's centre."""
    if isinstance(value, Normal | Uniform | Triangular):
        return value.point
    return float(value)


def is_uncertain(value: object) -> bool:
    """True when ``value`` is a distribution rather than a plain number."""
    return isinstance(value, Normal | Uniform | Triangular)


def check_values(raw: Any) -> list[float]:
    """The numbers a raw (unvalidated) number or distribution must keep inside its domain."""
    if isinstance(raw, bool):
        return []
    values = [raw] if not isinstance(raw, dict) else [raw.get(k) for k in
                                                       ("mean", "low", "mode", "high")]
    return [v for v in map(as_float, values) if v is not None]


def as_float(raw: Any) -> float | None:
    """A raw number as a float; None for anything else, or a number too large for a float."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    try:
        return float(raw)
    except OverflowError:
        return None
