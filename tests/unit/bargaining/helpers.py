"""Small scenarios for the bargaining tests, written as plain data."""

from __future__ import annotations

from typing import Any

from accord.scenario.schema import Scenario


def stance(actor: str, issue: str, position: float, salience: float,
           reservation: float | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"actor": actor, "issue": issue, "position": position,
                           "salience": salience, **extra}
    if reservation is not None:
        out["reservation"] = reservation
    return out


def scenario(actors: list[str] | list[dict[str, Any]], issues: list[str] | list[dict[str, Any]],
             stances: list[dict[str, Any]], costs: list[dict[str, Any]] | None = None,
             as_of: str | None = "2026-01", veto: bool = True) -> Scenario:
    actor_data = [a if isinstance(a, dict) else
                  {"id": a, "name": f"Actor {a}", "capability": 1.0, "veto": veto}
                  for a in actors]
    issue_data = [i if isinstance(i, dict) else {"id": i, "name": f"Issue {i}"} for i in issues]
    data: dict[str, Any] = {"id": "test", "title": "Test", "actors": actor_data,
                            "issues": issue_data, "stances": stances,
                            "costs": costs or []}
    if as_of:
        data["as_of"] = as_of
    return Scenario.model_validate(data)


def two_actors(res_a: float | None, res_b: float | None, *, sal_a: float = 0.5,
               sal_b: float = 0.5, issues: int = 1, **kw: Any) -> Scenario:
    """A at 0 and B at 100 on every issue, with reservations res_a (a maximum for A) and
    res_b (a minimum for B)."""
    ids = [f"i{j}" for j in range(issues)]
    stances = []
    for i in ids:
        stances.append(stance("A", i, 0, sal_a, res_a))
        stances.append(stance("B", i, 100, sal_b, res_b))
    return scenario(["A", "B"], ids, stances, **kw)
