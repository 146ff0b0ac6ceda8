"""What the store hands back: frozen records of scenario versions, runs and forecasts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from accord.runspec import RunSpec
from accord.scenario.load import parse_scenario
from accord.scenario.schema import Scenario

RUNNING, FINISHED, FAILED = "running", "finished", "failed"
INTERRUPTED = "interrupted"
"""Shown for a ``running`` run whose process is gone (it was killed); never stored."""


@dataclass(frozen=True)
class ScenarioVersion:
    """A scenario as a run used it, keyed by its digest."""

    digest: str
    scenario_id: str
    title: str
    as_of: str | None
    text: str
    text_kind: str          # "file": the file the user gave; "canonical": dump_scenario YAML
    created_at: dt.datetime

    def scenario(self) -> Scenario:
        """The scenario parsed back from its text (its digest is checked)."""
        # the engine module brings SQLAlchemy: records stay importable without it
        from accord.store.engine import StoreError

        scenario = parse_scenario(self.text, f"<stored scenario {self.digest[:12]}>")
        if scenario.digest() != self.digest:
            raise StoreError(f"the stored text of scenario {self.scenario_id} no longer gives "
                             f"digest {self.digest[:12]} (now {scenario.digest()[:12]}): the "
                             "scenario format changed since it was stored")
        return scenario


@dataclass(frozen=True)
class RunRecord:
    """A recorded run. ``payload`` is None unless it was loaded (and while running/failed)."""

    id: int
    kind: str
    spec: RunSpec
    scenario_digest: str
    scenario_id: str
    scenario_title: str
    accord_version: str
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    error: str | None
    host: str | None
    pid: int | None
    payload_text: str | None = None

    @property
    def payload(self) -> Any:
        """The stored document (JSON value), or None."""
        return None if self.payload_text is None else json.loads(self.payload_text)

    @property
    def seconds(self) -> float | None:
        """How long the run took (None while it has not finished)."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class Forecast:
    """One forecast of the ledger, with its resolution once known."""

    id: int
    key: str | None
    statement: str
    author: str | None
    source: str | None
    run_id: int | None
    model: str | None
    issue: str | None
    scenario_id: str | None
    made: str
    resolves: str | None
    probability: float | None
    value: float | None
    quote: str | None
    outcome: float | None
    resolved_on: str | None
    resolution_note: str | None
    created_at: dt.datetime

    @property
    def resolved(self) -> bool:
        return self.outcome is not None

    @property
    def kind(self) -> str:
        """``probability``, ``value`` or ``statement`` (a claim without a probability)."""
        if self.probability is not None:
            return "probability"
        if self.value is not None:
            return "value"
        return "statement"

    @property
    def origin(self) -> str:
        """Who is scored for it: ``accord <model>`` for a forecast from a run, else the author
        (or the source when no author is named)."""
        if self.run_id is not None or self.model is not None:
            return f"accord {self.model}" if self.model else "accord"
        return self.author or self.source or "unknown"
