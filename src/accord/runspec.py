"""RunSpec: everything needed to run an analysis again and get the same answer.

The CLI, the web dashboard and the store share it: a run is recorded as its RunSpec plus the
scenario it names by digest, and ``accord runs rerun`` replays it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from accord.scenario.schema import Scenario


class RunSpec(BaseModel):
    """What was run: the kind of analysis, on which scenario, with which model and settings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = "run"                      # run | bargain | mc | timeline | ...
    scenario_id: str
    scenario_digest: str
    model: str | None = None
    preset: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    draws: int | None = None
    seed: int | None = None
    options: dict[str, Any] = Field(default_factory=dict)


def models_spec(scenario: Scenario,
                entries: Sequence[tuple[str, str | None, Mapping[str, Any]]],
                seed: int | None = None) -> RunSpec:
    """The RunSpec of a model run (``accord run``, the dashboard's results): one
    (model, preset, parameter overrides) entry per model."""
    single = entries[0] if len(entries) == 1 else None
    return RunSpec(
        kind="run", scenario_id=scenario.id, scenario_digest=scenario.digest(),
        model=single[0] if single else None, preset=single[1] if single else None,
        params=dict(single[2]) if single else {}, seed=seed,
        options={"models": [{"model": m, "preset": p, "params": dict(o)}
                            for m, p, o in entries]})


def bargain_spec(scenario: Scenario, options: Mapping[str, Any]) -> RunSpec:
    """The RunSpec of a bargaining analysis (``accord bargain``, the dashboard's results):
    the :class:`accord.bargaining.BargainOptions` fields as a plain mapping."""
    return RunSpec(kind="bargain", scenario_id=scenario.id, scenario_digest=scenario.digest(),
                   options={k: dict(v) if isinstance(v, dict) else v
                            for k, v in options.items()})
