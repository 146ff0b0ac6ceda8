"""Scenario <-> numpy arrays: the one representation every model reads.

Actors and issues keep the order of the scenario file; models identify them by id, never by
position, and per-issue views (:class:`IssueData`) hold only the actors with a stance on that
issue. Distributions are replaced by their point values here; Monte Carlo builds its own
arrays of draws with the same layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario

F = NDArray[np.float64]
B = NDArray[np.bool_]


@dataclass(frozen=True)
class ScenarioArrays:
    """Actors x issues arrays; ``position`` is NaN and ``salience`` 0 where there is no stance."""

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    capability: F        # (n,)
    position: F          # (n, m), in each issue's own units
    salience: F          # (n, m), in [0, 1]
    reservation: F       # (n, m), NaN where no red line is stated
    present: B           # (n, m), True where the actor has a stance
    veto: B              # (n, m), per-issue veto (stance override, else the actor's flag)
    low: F               # (m,)
    high: F              # (m,)
    status_quo: F        # (m,), NaN where none


@dataclass(frozen=True)
class DrawArrays:
    """B Monte Carlo draws of a scenario's numbers in the layout of :class:`ScenarioArrays`
    (the batch every model's ``batch`` method reads)."""

    capability: F        # (B, n)
    position: F          # (B, n, m)
    salience: F          # (B, n, m)
    reservation: F       # (B, n, m)

    def issue_columns(self, j: int, present: B) -> tuple[F, F, F]:
        """Issue ``j``'s contiguous (B, k) position, capability and salience of the k actors
        ``present`` on it (the columns every issue-by-issue model reads, gathered once for
        all the models of a chunk)."""
        cache: dict[tuple[int, bytes], tuple[F, F, F]] = self.__dict__.setdefault(
            "_issue_columns", {})
        key = (j, np.asarray(present, dtype=bool).tobytes())
        if key not in cache:
            where = np.flatnonzero(present)
            columns = (np.ascontiguousarray(self.position[:, where, j]),
                       np.ascontiguousarray(self.capability[:, where]),
                       np.ascontiguousarray(self.salience[:, where, j]))
            for a in columns:
                a.setflags(write=False)       # shared by the models: none may change them
            cache[key] = columns
        return cache[key]


@dataclass(frozen=True)
class IssueData:
    """One issue with only the actors that take a stance on it (in scenario order)."""

    issue: Issue
    actors: tuple[str, ...]
    capability: F
    position: F
    salience: F
    reservation: F
    veto: B

    @property
    def low(self) -> float:
        return self.issue.low

    @property
    def high(self) -> float:
        return self.issue.high

    @property
    def weight(self) -> F:
        """Capability x salience: the influence weight of most models."""
        return self.capability * self.salience


def scenario_arrays(scenario: Scenario) -> ScenarioArrays:
    """Point-value arrays of a scenario."""
    actors = tuple(a.id for a in scenario.actors)
    issues = tuple(i.id for i in scenario.issues)
    a_index = {a: k for k, a in enumerate(actors)}
    i_index = {i: k for k, i in enumerate(issues)}
    n, m = len(actors), len(issues)
    position = np.full((n, m), np.nan)
    salience = np.zeros((n, m))
    reservation = np.full((n, m), np.nan)
    present = np.zeros((n, m), dtype=bool)
    veto = np.array([[a.veto] * m for a in scenario.actors], dtype=bool).reshape(n, m)
    for s in scenario.stances:
        a, i = a_index[s.actor], i_index[s.issue]
        position[a, i] = point(s.position)
        salience[a, i] = point(s.salience)
        if s.reservation is not None:
            reservation[a, i] = point(s.reservation)
        if s.veto is not None:
            veto[a, i] = s.veto
        present[a, i] = True
    return ScenarioArrays(
        actors=actors,
        issues=issues,
        capability=np.array([point(a.capability) for a in scenario.actors], dtype=float),
        position=position,
        salience=salience,
        reservation=reservation,
        present=present,
        veto=veto,
        low=np.array([i.low for i in scenario.issues], dtype=float),
        high=np.array([i.high for i in scenario.issues], dtype=float),
        status_quo=np.array([np.nan if i.status_quo is None else i.status_quo
                             for i in scenario.issues], dtype=float),
    )


def issue_data(scenario: Scenario, arrays: ScenarioArrays, issue_id: str) -> IssueData:
    """The view of one issue: actors with a stance on it, in scenario order."""
    j = arrays.issues.index(issue_id)
    mask = arrays.present[:, j]
    return IssueData(
        issue=scenario.issues[j],
        actors=tuple(a for a, p in zip(arrays.actors, mask, strict=True) if p),
        capability=arrays.capability[mask],
        position=arrays.position[mask, j],
        salience=arrays.salience[mask, j],
        reservation=arrays.reservation[mask, j],
        veto=arrays.veto[mask, j],
    )


def to_unit(value: F | float, low: float | F, high: float | F) -> F:
    """Map values from an issue's own scale onto 0-100."""
    return np.asarray(100.0 * (np.asarray(value) - low) / (np.asarray(high) - low))


def from_unit(value: F | float, low: float | F, high: float | F) -> F:
    """Map values from 0-100 back onto an issue's own scale."""
    return np.asarray(np.asarray(low) + np.asarray(value) * (np.asarray(high) - low) / 100.0)
