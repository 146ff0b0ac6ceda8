"""The issues of a data set that have an observed outcome: what a benchmark scores.

Each scenario of a collection (a DEU TSV gives one per issue) may have issues with an
``observed`` outcome. Every such issue becomes an :class:`OutcomeItem` with its outcome on the
0-100 scale and its *group*: the proposal it belongs to (``meta['prnr']`` in DEU data), or the
scenario id when the data names no proposal. Groups keep a proposal's issues together in
cross-validation folds and bootstrap draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError, Problem
from accord.scenario.arrays import to_unit
from accord.scenario.schema import Scenario

F = NDArray[np.float64]

GROUP_KEY = "prnr"
"""The scenario ``meta`` key naming the proposal an issue belongs to (DEU)."""


@dataclass(frozen=True)
class OutcomeItem:
    """One issue with a known outcome: where it is and what happened (0-100 scale)."""

    scenario: int          # index into OutcomeSet.scenarios
    issue: str
    observed: float
    group: str


@dataclass(frozen=True)
class OutcomeSet:
    """The scored issues of a data set, in input order."""

    name: str
    scenarios: tuple[Scenario, ...]
    items: tuple[OutcomeItem, ...]

    @property
    def observed(self) -> F:
        return np.array([it.observed for it in self.items], dtype=float)

    @property
    def groups(self) -> list[str]:
        return [it.group for it in self.items]

    @property
    def n_groups(self) -> int:
        return len(set(self.groups))


def group_of(scenario: Scenario) -> str:
    """The proposal a scenario's issues belong to (its id when the data names none)."""
    value = scenario.meta.get(GROUP_KEY)
    return str(value) if value not in (None, "") else scenario.id


def outcome_set(scenarios: Sequence[Scenario], name: str) -> OutcomeSet:
    """Every issue with an observed outcome; an :class:`InputError` if there is none."""
    items: list[OutcomeItem] = []
    for k, scenario in enumerate(scenarios):
        for issue in scenario.issues:
            if issue.observed is None:
                continue
            unit = float(to_unit(float(issue.observed), issue.low, issue.high))
            items.append(OutcomeItem(k, issue.id, unit, group_of(scenario)))
    if not items:
        raise InputError([Problem(name, 1, 1, "no issue has an observed outcome to score "
                                              "forecasts against (DEU: the 'out' column is "
                                              "empty in every row)")])
    return OutcomeSet(name, tuple(scenarios), tuple(items))
