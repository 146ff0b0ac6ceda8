"""The document of ``accord bargain`` as types: what the JSON says, and what reports, the
dashboard and stored runs read (docs/bargaining.md, docs/cli.md).

:func:`accord.bargaining.staged.analysis_document` builds a :class:`BargainDocument` from an
analysis; ``model_dump(mode="json")`` is the JSON contract, and ``BargainDocument.model_validate``
reads a stored one back. Numbers are on each issue's own scale, rounded to 6 decimals.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", serialize_by_alias=True,
                              validate_by_name=True, validate_by_alias=True)


class ScenarioRef(_Doc):
    id: str
    digest: str
    title: str
    as_of: str | None


class OptionsDoc(_Doc):
    loss: str
    disagreement: str
    power: str
    weighted: bool
    horizon: int
    no_deal: dict[str, float]


class BlockingDoc(_Doc):
    """Two red lines that cross: ``actors[0]``'s minimum is above ``actors[1]``'s maximum."""

    actors: list[str]
    issue: str
    gap: float
    minimum: float
    maximum: float


class HoldoutBlock(_Doc):
    """A player whose no-deal utility still kept the zone closed (no issue, no gap)."""

    actors: list[str]
    issue: None = None
    gap: None = None


class RedLineDoc(_Doc):
    actor: str
    side: str
    value: float
    binding: bool


class IssueDoc(_Doc):
    name: str
    zopa: list[float] | None
    blocking: list[BlockingDoc]
    red_lines: list[RedLineDoc]


class HoldoutDoc(_Doc):
    actor: str
    alone: bool
    best_gain: float


class UtilityDoc(_Doc):
    no_deal: float
    nash: float | None


class PackageDoc(_Doc):
    feasible: bool
    red_lines_compatible: bool
    margin: float | None
    short: list[str]
    holdouts: list[HoldoutDoc]
    players: list[str]
    nash: dict[str, float] | None
    pinned: list[str]
    utilities: dict[str, UtilityDoc]


class ConcessionDoc(_Doc):
    actor: str
    issue: str
    side: str
    start: float = Field(alias="from")
    end: float = Field(alias="to")
    by: float


class ConcessionTotal(_Doc):
    points: float
    weighted: float


class AfterConcessions(_Doc):
    nash: dict[str, float] | None


class MovedDoc(_Doc):
    """A red line that moved with the costs of no deal by the opening month (or horizon)."""

    actor: str
    issue: str
    side: str
    start: float = Field(alias="from")
    end: float = Field(alias="to")


class TimelineDoc(_Doc):
    opens: str | None
    months: int | None
    horizon: int
    never: bool
    costs: bool
    moved: list[MovedDoc]
    last_blocking: list[BlockingDoc | HoldoutBlock]


class BargainDocument(_Doc):
    """``accord bargain -f json``."""

    accord: str
    scenario: ScenarioRef
    options: OptionsDoc
    verdict: str
    issues: dict[str, IssueDoc]
    blocking: list[BlockingDoc]
    package: PackageDoc
    concessions: list[ConcessionDoc] | None
    concession_total: ConcessionTotal | None
    after_concessions: AfterConcessions | None
    opens: str | None
    timeline: TimelineDoc

    @property
    def deal(self) -> bool:
        return self.verdict == "deal possible"

    @property
    def nash_shown(self) -> dict[str, float]:
        """The Nash solution the tables show: as stated, else after the concessions."""
        if self.package.nash is not None:
            return self.package.nash
        if self.after_concessions is not None and self.after_concessions.nash is not None:
            return self.after_concessions.nash
        return {}
