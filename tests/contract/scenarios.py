"""Synthetic scenarios for the model contract: random but reproducible (explicit seeds)."""

from __future__ import annotations

from typing import Any

import numpy as np

from accord.scenario.schema import Scenario

RANGES = [(0.0, 100.0), (4.0, 10.0), (-50.0, 50.0)]


def synthetic(seed: int, n_actors: int = 6, n_issues: int = 3,
              same_position: float | None = None) -> Scenario:
    """A scenario with ``n_actors`` x ``n_issues`` stances; positions on varied scales."""
    rng = np.random.default_rng(seed)
    issues = []
    for j in range(n_issues):
        lo, hi = RANGES[j % len(RANGES)]
        issues.append({"id": f"i{j}", "name": f"Issue {j}", "range": [lo, hi],
                       "labels": {lo: "low end", hi: "high end"}})
    actors = [{"id": f"a{k}", "name": f"Actor {k}",
               "capability": float(rng.uniform(0.5, 10))} for k in range(n_actors)]
    stances: list[dict[str, Any]] = []
    for k in range(n_actors):
        for j, issue in enumerate(issues):
            lo, hi = issue["range"]
            if same_position is not None:
                pos = lo + same_position * (hi - lo)
            else:
                pos = float(np.round(rng.uniform(lo, hi), 2))
            stances.append({"actor": f"a{k}", "issue": f"i{j}", "position": pos,
                            "salience": float(np.round(rng.uniform(0.1, 1.0), 2))})
    return Scenario.model_validate({"id": f"synthetic-{seed}", "title": "Synthetic",
                                    "actors": actors, "issues": issues, "stances": stances})


def reordered(scenario: Scenario) -> Scenario:
    """The same scenario with actors (and their stances) listed in reverse order."""
    data = scenario.model_dump()
    data["actors"] = list(reversed(data["actors"]))
    data["stances"] = list(reversed(data["stances"]))
    return Scenario.model_validate(data)


def with_inert_actor(scenario: Scenario) -> Scenario:
    """The scenario plus a powerful actor with salience 0 on every issue."""
    data = scenario.model_dump()
    data["actors"] = list(data["actors"])
    data["stances"] = list(data["stances"])
    data["actors"].append({"id": "zz", "name": "Inert", "capability": 50.0})
    for issue in data["issues"]:
        _lo, hi = issue["range"]
        data["stances"].append({"actor": "zz", "issue": issue["id"], "position": hi,
                                "salience": 0.0})
    return Scenario.model_validate(data)
