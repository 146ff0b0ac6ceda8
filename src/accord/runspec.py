"""RunSpec: everything needed to run an analysis again and get the same answer.

The CLI, the web dashboard and the store share it: a run is recorded as its RunSpec plus the
scenario it names by digest, and ``accord runs rerun`` replays it. RunSpecs are derived from
the analysis settings, and read back into them, in one place: :mod:`accord.workflows.specs`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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
