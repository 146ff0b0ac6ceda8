"""Scores of resolved forecasts: Brier and log scores, errors, calibration by probability bins.

Pure functions over anything with the attributes of :class:`accord.store.records.Forecast`
(``probability``, ``value``, ``outcome``), so reports and tests can use them directly.

* Brier score [Brier 1950, Monthly Weather Review 78(1)]: the mean of ``(p - o)^2`` over
  forecasts with probability ``p`` resolved ``o`` in {0, 1}; 0 is perfect, 0.25 is what always
  saying 50 % earns, lower is better.
* Log score [Good 1952, JRSS B 14(1)]: the mean of ``ln q`` where ``q`` is the probability the
  forecast gave to what happened (``p`` if true, ``1 - p`` if false); 0 is perfect, ln 0.5 =
  -0.693 is what 50 % earns, higher is better. ``q`` is floored at :data:`LOG_FLOOR` so that
  one certain forecast that failed scores ln 0.001 = -6.9 instead of minus infinity.
* Predicted values: the mean absolute error ``|value - outcome|`` (on the issue's scale).
* Plain statements (no probability, no value): how many came true.
* Calibration [Murphy & Winkler 1977, Applied Statistics 26(1)]: probabilities grouped in
  equal bins; in each bin the mean forecast probability against the share that came true.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

LOG_FLOOR = 1e-3


class Scorable(Protocol):
    @property
    def probability(self) -> float | None: ...
    @property
    def value(self) -> float | None: ...
    @property
    def outcome(self) -> float | None: ...


def brier(probability: float, outcome: float) -> float:
    """Brier score of one forecast: ``(p - o)^2``."""
    return (probability - outcome) ** 2


def log_score(probability: float, outcome: float, floor: float = LOG_FLOOR) -> float:
    """Log score of one forecast: ``ln`` of the probability given to what happened."""
    q = probability if outcome >= 0.5 else 1.0 - probability
    return math.log(max(q, floor))


T = TypeVar("T", bound="Scorable")


@dataclass(frozen=True)
class GroupScore:
    """The scores of one forecaster (or any group of forecasts)."""

    group: str
    forecasts: int                 # all forecasts of the group, resolved or not
    resolved: int
    probabilities: int             # resolved forecasts with a probability
    brier: float | None
    log_score: float | None
    statements: int                # resolved plain statements
    came_true: int
    values: int                    # resolved predicted values
    mean_abs_error: float | None


def group_score(group: str, items: Sequence[Scorable]) -> GroupScore:
    """Score a group of forecasts (unresolved ones only count in ``forecasts``)."""
    done = [(f, f.outcome) for f in items if f.outcome is not None]
    probs = [(f.probability, o) for f, o in done if f.probability is not None]
    values = [(f.value, o) for f, o in done if f.value is not None]
    plain = [o for f, o in done if f.probability is None and f.value is None]
    return GroupScore(
        group=group, forecasts=len(items), resolved=len(done), probabilities=len(probs),
        brier=_mean([brier(p, o) for p, o in probs]),
        log_score=_mean([log_score(p, o) for p, o in probs]),
        statements=len(plain), came_true=len([o for o in plain if o >= 0.5]),
        values=len(values), mean_abs_error=_mean([abs(v - o) for v, o in values]))


def _mean(xs: Sequence[float]) -> float | None:
    return math.fsum(xs) / len(xs) if xs else None


def score_groups(items: Iterable[T], key: Callable[[T], str]) -> list[GroupScore]:
    """One :class:`GroupScore` per value of ``key``, sorted by group name (ignoring case)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [group_score(name, groups[name])
            for name in sorted(groups, key=lambda g: (g.casefold(), g))]


@dataclass(frozen=True)
class CalibrationBin:
    """Forecasts whose probability lies in [low, high) (the last bin includes 1)."""

    low: float
    high: float
    count: int
    mean_probability: float | None
    observed: float | None          # share that came true
    hits: int


def calibration(items: Iterable[Scorable], bins: int = 10) -> list[CalibrationBin]:
    """Resolved probability forecasts in ``bins`` equal bins of probability (all bins
    returned, empty ones with count 0): the data of a reliability diagram."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    members: list[list[tuple[float, float]]] = [[] for _ in range(bins)]
    for f in items:
        if f.probability is None or f.outcome is None:
            continue
        index = min(math.floor(f.probability * bins + 1e-9), bins - 1)
        members[index].append((f.probability, f.outcome))
    out = []
    for k, pairs in enumerate(members):
        hits = sum(1 for _, o in pairs if o >= 0.5)
        out.append(CalibrationBin(
            low=k / bins, high=(k + 1) / bins, count=len(pairs),
            mean_probability=_mean([p for p, _ in pairs]),
            observed=hits / len(pairs) if pairs else None, hits=hits))
    return out
