"""Numbers that may be uncertain: a plain number or a distribution over it.

Any numeric input of a scenario (capability, position, salience, reservation, drift) may be a
distribution. Deterministic runs use :func:`point`; Monte Carlo draws from the distribution
(:mod:`accord.uncertainty`). Distributions are written in the file as
``{dist: normal, mean: 70, sd: 8, low: 50, high: 90}``, ``{dist: uniform, low: 60, high: 80}``
or ``{dist: triangular, low: 60, mode: 70, high: 90}``.
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


class _Dist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, strict=True)


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
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        return float(value)
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
    if isinstance(raw, int | float):
        return [float(raw)]
    if isinstance(raw, dict):
        keys = ("mean", "low", "mode", "high")
        return [float(raw[k]) for k in keys
                if isinstance(raw.get(k), int | float) and not isinstance(raw.get(k), bool)]
    return []
