"""The Monte Carlo run: draw N scenarios, run the models and the bargaining analysis on each,
and summarise (MODELS.md section 6).

::

    from accord.uncertainty import McSettings, monte_carlo, mc_document
    from accord.workflows.registry import configure

    settings = McSettings(draws=10_000, seed=0,
                          models=(configure(ModelChoice(model="compromise")),),
                          bargain=BargainOptions())
    result = monte_carlo(scenario, settings)            # local process pool by default
    document = mc_document(result)                      # the JSON of ``accord mc``

Steps: the run is cut into chunks (:mod:`accord.uncertainty.chunks`), a backend
(:mod:`accord.uncertainty.backends`) computes them in any order, and :class:`Accumulator`
merges their aggregates strictly in chunk order (so float sums do not depend on the backend),
hands each chunk's per-draw rows to ``rows`` (e.g. the ``--draws-out`` CSV) in draw order,
and keeps the first :data:`~accord.uncertainty.sensitivity.SAMPLE` draws for the rank
correlations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from accord.scenario.numbers import Normal
from accord.scenario.schema import Scenario
from accord.uncertainty.aggregate import BargainCounts, SeriesStats
from accord.uncertainty.backends import Backend, ProcessPool
from accord.uncertainty.chunks import ChunkResult, McJob, McSettings, prepare
from accord.uncertainty.concession_draws import ConcessionRows
from accord.uncertainty.sampling import UncertainInput
from accord.uncertainty.sensitivity import SAMPLE
from accord.uncertainty.verdicts import DrawVerdict, bargain_draw

F = NDArray[np.float64]

Progress = Callable[[int, int], None]
"""Called after each chunk with (draws done, draws in all)."""
Rows = Callable[[ChunkResult], None]
"""Receives every chunk, in draw order, with its per-draw rows."""


@dataclass
class McResult:
    """A finished Monte Carlo run: settings, inputs, aggregates and the sensitivity sample."""

    scenario: Scenario
    settings: McSettings
    inputs: tuple[UncertainInput, ...]
    stats: SeriesStats
    bargain: BargainCounts | None
    sample_values: F                  # (S, P) the first S draws' inputs
    sample_outcomes: F                # (S, Q) their model outcomes
    sample_opening: NDArray[np.int64] | None   # (S,) month or -1
    concessions: ConcessionRows | None          # the first N draws' (``--concessions N``)
    point: dict[str, dict[str, float | None]]   # deterministic forecast per model label
    point_bargain: DrawVerdict | None
    notes: list[str] = field(default_factory=list)
    backend: str = "serial"
    workers: int = 1


class Accumulator:
    """Merge chunk results in chunk order, whatever order they arrive in."""

    def __init__(self, job: McJob, rows: Rows | None = None,
                 progress: Progress | None = None) -> None:
        prep = prepare(job)
        settings = job.settings
        self.job, self.rows, self.progress = job, rows, progress
        self.stats = SeriesStats.empty(prep.low, prep.high)
        self.bargain = (None if settings.bargain is None else
                        BargainCounts.empty(len(job.scenario.issues), settings.bargain.horizon))
        self.pending: dict[int, ChunkResult] = {}
        self.next = 0
        self.done = 0
        self.sample: list[ChunkResult] = []
        self.concessions: list[ConcessionRows] = []

    def add(self, result: ChunkResult) -> None:
        self.pending[result.index] = result
        while self.next in self.pending:
            chunk = self.pending.pop(self.next)
            self.stats = self.stats.merge(chunk.stats)
            if self.bargain is not None and chunk.bargain is not None:
                self.bargain = self.bargain.merge(chunk.bargain)
            if chunk.start < SAMPLE and chunk.has_rows:
                self.sample.append(chunk)
            if chunk.concessions is not None:
                self.concessions.append(chunk.concessions)
            if self.rows is not None:
                self.rows(chunk)
            self.next += 1
            self.done += chunk.stop - chunk.start
            if self.progress is not None:
                self.progress(self.done, self.job.settings.draws)

    def sample_arrays(self) -> tuple[F, F, NDArray[np.int64] | None]:
        size = min(SAMPLE, self.job.settings.draws)
        values = np.concatenate([c.values for c in self.sample if c.values is not None])
        outcomes = np.concatenate([c.outcomes for c in self.sample if c.outcomes is not None])
        opening = None
        if self.job.settings.bargain is not None:
            opening = np.concatenate([c.opening for c in self.sample
                                      if c.opening is not None])[:size]
        return values[:size], outcomes[:size], opening


def monte_carlo(scenario: Scenario, settings: McSettings, backend: Backend | None = None, *,
                progress: Progress | None = None, rows: Rows | None = None) -> McResult:
    """Run the Monte Carlo analysis (see the module docstring).

    ``backend`` defaults to a local process pool with one worker per CPU; the result does not
    depend on it. ``rows`` receives every chunk with its per-draw rows, in draw order.
    """
    backend = backend or ProcessPool()
    job = McJob(scenario, settings, keep_draws=rows is not None)
    prep = prepare(job)
    acc = Accumulator(job, rows, progress)
    for result in backend.results(job, range(settings.chunks)):
        acc.add(result)
    if acc.next != settings.chunks:  # pragma: no cover - every backend returns every chunk
        raise RuntimeError("a chunk of the Monte Carlo run is missing")
    values, outcomes, opening = acc.sample_arrays()
    point, point_bargain = point_values(scenario, settings, prep.point)
    return McResult(scenario=scenario, settings=settings, inputs=prep.inputs, stats=acc.stats,
                    bargain=acc.bargain, sample_values=values, sample_outcomes=outcomes,
                    sample_opening=opening,
                    concessions=ConcessionRows.join(acc.concessions) if acc.concessions
                    else None, point=point, point_bargain=point_bargain,
                    notes=notes_for(scenario, prep.inputs), backend=backend.name,
                    workers=backend.workers)


def point_values(scenario: Scenario, settings: McSettings, point_scenario: Scenario
                 ) -> tuple[dict[str, dict[str, float | None]], DrawVerdict | None]:
    """The deterministic forecast of every model and the bargaining verdict at point values."""
    point: dict[str, dict[str, float | None]] = {}
    for configured in settings.models:
        point[configured.label] = dict(configured.run(scenario).outcome)
    verdict = None
    if settings.bargain is not None:
        verdict = bargain_draw(point_scenario, settings.bargain)
    return point, verdict


def notes_for(scenario: Scenario, inputs: tuple[UncertainInput, ...]) -> list[str]:
    """What the user should know about the inputs of the run."""
    if not inputs:
        return ["the scenario has no distributions, so every draw is the same; give some "
                "numbers a distribution (docs/file-format.md) or add noise with "
                "--position-sd / --salience-sd"]
    notes = []
    fixed = [i.id for i in inputs if _no_width(i)]
    if fixed:
        shown = ", ".join(fixed[:5]) + (", ..." if len(fixed) > 5 else "")
        notes.append(f"{len(fixed)} distribution{'' if len(fixed) == 1 else 's'} "
                     f"{'has' if len(fixed) == 1 else 'have'} no width and never vary: "
                     f"{shown}")
    return notes


def _no_width(item: UncertainInput) -> bool:

    dist = item.dist
    if isinstance(dist, Normal):
        return dist.sd == 0 or dist.low == dist.high
    return dist.low == dist.high
