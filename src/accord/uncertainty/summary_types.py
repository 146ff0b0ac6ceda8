"""The document of ``accord mc`` as types (docs/cli.md, docs/uncertainty.md): what the JSON says,
and what the command's tables, the report's uncertainty section, the dashboard's job pages and
stored ``mc`` runs read.

:func:`accord.uncertainty.summary.mc_document` builds an :class:`McDocument`;
``model_dump(mode="json")`` is the JSON contract, and ``McDocument.model_validate`` reads a
stored one back.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from accord.bargaining.doc_types import ScenarioRef


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputDoc(_Doc):
    """One uncertain input: where it is, its distribution, its point value."""

    id: str
    label: str
    kind: str
    actor: str
    issue: str | None
    dist: dict[str, Any]
    point: float
    source: str
    """``file`` (a distribution in the scenario) or ``option`` (``--position-sd`` etc.)."""


class NoiseDoc(_Doc):
    position_sd: float | None
    salience_sd: float | None


class ResolutionDoc(_Doc):
    bins: int
    chart_bins: int
    note: str


class HistogramDoc(_Doc):
    low: float
    high: float
    counts: list[int]


class SeriesDoc(_Doc):
    """One model's forecast of one issue over the draws (``n`` 0: it made none)."""

    point: float | None
    n: int
    median: float | None = None
    interval90: list[float | None] | None = None
    quantiles: dict[str, float | None] | None = None
    mean: float | None = None
    sd: float | None = None
    min: float | None = None
    max: float | None = None
    histogram: HistogramDoc | None = None


class ModelSeriesDoc(_Doc):
    model: str
    label: str
    preset: str | None
    params: dict[str, Any]
    overrides: dict[str, Any]
    issues: dict[str, SeriesDoc]


class McBargainOptions(_Doc):
    loss: str
    disagreement: str
    no_deal: dict[str, float]
    horizon: int


class PointVerdict(_Doc):
    verdict: str
    opens: str | None
    zones: dict[str, bool]


class OpeningDoc(_Doc):
    horizon: int
    median: str | None
    median_months: int | None
    by_horizon: float | None
    beyond_horizon: float | None
    never: float | None


class McBargainDoc(_Doc):
    options: McBargainOptions
    point: PointVerdict | None
    p_deal: float | None
    verdict: dict[str, float | None]
    zones: dict[str, float | None]
    opening: OpeningDoc
    deal_by: dict[str, float | None]


class Correlation(_Doc):
    input: str
    rho: float


class OutputDoc(_Doc):
    output: str
    model: str | None
    issue: str | None
    inputs: list[Correlation]


class SensitivityDoc(_Doc):
    method: str
    sample: int
    note: str
    outputs: list[OutputDoc]


class Spread(_Doc):
    """Median and 90% interval of some draws."""

    median: float
    low: float
    high: float


class MoverDoc(_Doc):
    actor: str
    share: float
    """Share of the draws in which the actor moves a red line."""
    points: Spread | None
    """Points it moves in all, over those draws."""


class PackageDoc(_Doc):
    draws: int
    median: float | None = None
    low: float | None = None
    high: float | None = None


class ConcessionsDoc(_Doc):
    """The smallest concessions and Nash packages of the first draws (``--concessions N``)."""

    draws: int
    note: str
    open_as_stated: float
    possible: float
    total: Spread | None
    movers: list[MoverDoc]
    package: dict[str, PackageDoc]


class McDocument(_Doc):
    """``accord mc -f json``."""

    accord: str
    scenario: ScenarioRef
    draws: int
    seed: int
    chunk: int
    seeding: str
    inputs: list[InputDoc]
    noise: NoiseDoc
    notes: list[str]
    resolution: ResolutionDoc
    models: list[ModelSeriesDoc] = Field(default_factory=list)
    bargain: McBargainDoc | None
    sensitivity: SensitivityDoc
    concessions: ConcessionsDoc | None = None

    def model(self, label: str) -> ModelSeriesDoc | None:
        return next((m for m in self.models if m.label == label), None)

    def output(self, name: str) -> OutputDoc | None:
        return next((o for o in self.sensitivity.outputs if o.output == name), None)
