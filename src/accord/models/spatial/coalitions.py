"""SMP's distinct final positions as coalitions, with the probability that each is the outcome.

At the end of a run KTAB's Spatial Model of Politics (:mod:`accord.models.spatial.outcome`)
merges the actors' final positions that lie within 1e-3 of each other on the unit cube into
distinct positions, and a probabilistic Condorcet election among them, every actor voting with
its capability and its risk-aware utilities, gives each its probability of being the outcome.
The model's diagnostics carry them (``distinct_positions``, most likely first);
:func:`smp_coalitions` returns them as records, with each coalition's members (the actors whose
final position is that one) and their share of the capability at the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.models.result import Result
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario


@dataclass(frozen=True)
class Coalition:
    """A distinct final position of SMP: where, how likely, who holds it."""

    rank: int                          # 1 = the most likely
    probability: float
    position: tuple[tuple[str, float], ...]   # (issue, value on its scale), in file order
    members: tuple[str, ...]
    capability_share: float            # members' capability / everyone's in the model


def smp_coalitions(scenario: Scenario, result: Result) -> list[Coalition]:
    """The coalitions of an ``smp`` result, most likely first."""
    if result.model != "smp":
        raise ValueError(f"coalitions come from an 'smp' result, not '{result.model}'")
    distinct = result.diagnostics.get("distinct_positions", [])
    capability = {a.id: point(a.capability) for a in scenario.actors}
    members_all = [a for d in distinct for a in d["actors"]]
    total = sum(capability.get(a, 0.0) for a in members_all) or 1.0
    order = [i.id for i in scenario.issues]
    out = []
    for rank, d in enumerate(distinct, start=1):
        where = d["position"]
        out.append(Coalition(
            rank=rank, probability=float(d["probability"]),
            position=tuple((i, float(where[i])) for i in order if i in where),
            members=tuple(d["actors"]),
            capability_share=sum(capability.get(a, 0.0) for a in d["actors"]) / total))
    return out
