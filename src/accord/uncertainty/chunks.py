"""One chunk of draws: inputs, model outcomes, bargaining verdicts, and their aggregates.

A Monte Carlo run (MODELS.md section 6) is cut into chunks of consecutive draws whose
boundaries depend only on the number of draws and the chunk size (:func:`chunk_size`: what the
models and analyses asked for say a chunk of about a second is, never the workers).
:func:`run_chunk` is the unit of work every backend runs: it is a pure function of the job and
the chunk index, and draw k inside it uses only child k of the root seed, so any worker can run
any chunk. Models run through their batch method (:meth:`accord.models.base.Model.batch`): one
array program for the chunk where the model is vectorised, draw by draw otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch import Frame
from accord.bargaining.problem import BargainOptions
from accord.errors import UsageError
from accord.models.choice import Configured
from accord.scenario.schema import Scenario
from accord.uncertainty.aggregate import BargainCounts, SeriesStats
from accord.uncertainty.batch_bargain import bargain_chunk, bargain_frame
from accord.uncertainty.chunking import chunk_draws, draw_seconds
from accord.uncertainty.concession_draws import CONCESSIONS_MAX, ConcessionRows, chunk_concessions
from accord.uncertainty.sampling import (
    Layout,
    Noise,
    UncertainInput,
    batch_arrays,
    draw_scenario,
    draw_values,
    layout,
    uncertain_inputs,
)
from accord.uncertainty.seeds import MAX_DRAWS, child_uniforms, draw_generator
from accord.uncertainty.sensitivity import SAMPLE

F = NDArray[np.float64]


@dataclass(frozen=True)
class McSettings:
    """What a Monte Carlo run does (all of it recorded in the run's RunSpec)."""

    draws: int
    seed: int
    models: tuple[Configured[Any], ...]
    bargain: BargainOptions | None
    noise: Noise = field(default_factory=Noise)
    chunk: int = 0
    """Draws per chunk; 0 picks :func:`chunk_size`."""
    shape: tuple[int, int] = (10, 10)
    """The scenario's actors and issues, which :func:`chunk_size` sizes chunks for
    (:func:`accord.workflows.mc_job.job_settings` gives the scenario's own)."""
    concessions: int = 0
    """Smallest concessions and Nash packages for the first this many draws
    (:mod:`accord.uncertainty.concession_draws`); 0: none."""

    def __post_init__(self) -> None:
        if isinstance(self.draws, bool) or not 1 <= self.draws <= MAX_DRAWS:
            raise UsageError(f"the number of draws must be 1 to {MAX_DRAWS:,}, got "
                             f"{self.draws}")
        if isinstance(self.seed, bool) or self.seed < 0:
            raise UsageError(f"the seed must be a whole number 0 or more, got {self.seed}")
        if not self.models and self.bargain is None:
            raise UsageError("nothing to run: give a model or keep the bargaining analysis")
        if isinstance(self.concessions, bool) or not 0 <= self.concessions <= CONCESSIONS_MAX:
            raise UsageError(f"the draws with concessions must be 0 to {CONCESSIONS_MAX:,}, "
                             f"got {self.concessions}")
        if self.concessions and self.bargain is None:
            raise UsageError("concessions need the bargaining analysis (drop --no-bargain)")
        if self.chunk < 0:
            raise UsageError(f"the chunk size must be 1 or more, got {self.chunk}")
        if self.chunk == 0:
            object.__setattr__(self, "chunk", chunk_size(self.models, self.bargain,
                                                         self.shape))

    @property
    def head(self) -> tuple[int, int, int]:
        """(draws, draws per chunk, chunks) of the leading chunks that carry the concessions:
        they cost about 0.15 s a draw, so their draws are cut into :data:`CONCESSION_CHUNKS`
        chunks that workers share; (0, 0, 0) without concessions."""
        n = min(self.concessions, self.draws)
        if n == 0:
            return 0, 0, 0
        size = min(self.chunk, -(-n // CONCESSION_CHUNKS))
        return n, size, -(-n // size)

    @property
    def chunks(self) -> int:
        n, _, lead = self.head
        return lead + -(-(self.draws - n) // self.chunk)

    def bounds(self, index: int) -> tuple[int, int]:
        """Draws [start, stop) of chunk ``index``."""
        n, size, lead = self.head
        if index < lead:
            start = index * size
            return start, min(start + size, n)
        start = n + (index - lead) * self.chunk
        return start, min(start + self.chunk, self.draws)

    def key(self) -> list[Any]:
        """Everything that decides the run's answers, as plain data (caches key on it)."""
        return [self.draws, self.seed, [c.choice.to_dict() for c in self.models],
                None if self.bargain is None else asdict(self.bargain),
                self.noise.as_dict(), self.chunk, self.concessions]


CONCESSION_CHUNKS = 16
"""Chunks the draws with concessions are cut into (see :attr:`McSettings.head`)."""


def chunk_size(models: tuple[Configured[Any], ...], bargain: BargainOptions | None,
               shape: tuple[int, int]) -> int:
    """Draws per chunk: about a second of one core for what each draw runs, on a scenario of
    ``shape`` (actors, issues), capped by memory (:mod:`accord.uncertainty.chunking`)."""
    actors, issues = shape
    cost = draw_seconds([c.model.draw_seconds(actors, issues, c.params) for c in models],
                        actors, issues, bargain is not None)
    return chunk_draws(cost, actors * issues)


@dataclass(frozen=True)
class McJob:
    """A run's scenario and settings, and whether per-draw rows are wanted (``--draws-out``)."""

    scenario: Scenario
    settings: McSettings
    keep_draws: bool = False

    @functools.cached_property
    def token(self) -> str:
        """Names the job in per-process caches (scenario digest and settings)."""
        text = json.dumps([self.scenario.digest(), *self.settings.key()], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Prepared:
    """What every chunk of a job needs, built once per process."""

    inputs: tuple[UncertainInput, ...]
    layout: Layout
    point: Scenario
    low: F            # (Q,) range of each output series
    high: F
    frame: Frame | None
    """What the bargaining analysis of every draw shares (None: the run has none)."""


_PREPARED: dict[str, Prepared] = {}


def prepare(job: McJob) -> Prepared:
    """The job's inputs and layout (cached per process by the job's token)."""
    token = job.token
    if token not in _PREPARED:
        scn = job.scenario
        inputs = uncertain_inputs(scn, job.settings.noise)
        lay = layout(scn, inputs)
        models = len(job.settings.models)
        if len(_PREPARED) >= 4:
            _PREPARED.clear()
        bargain = job.settings.bargain
        _PREPARED[token] = Prepared(inputs, lay, scn.with_point_values(),
                                    np.tile(lay.base.low, models),
                                    np.tile(lay.base.high, models),
                                    None if bargain is None else bargain_frame(scn, bargain))
    return _PREPARED[token]


@dataclass
class ChunkResult:
    """What one chunk returns: its aggregates and, when asked, its per-draw rows."""

    index: int
    start: int
    stop: int
    stats: SeriesStats
    bargain: BargainCounts | None
    values: F | None = None               # (B, P) inputs as used
    outcomes: F | None = None             # (B, Q) model outcomes, NaN for none
    deal: NDArray[np.bool_] | None = None           # (B,)
    zones: NDArray[np.bool_] | None = None          # (B, m)
    opening: NDArray[np.int64] | None = None        # (B,) month, -1 when none by the horizon
    never: NDArray[np.bool_] | None = None          # (B,)
    concessions: ConcessionRows | None = None        # the chunk's draws among the first N

    @property
    def has_rows(self) -> bool:
        return self.values is not None


def run_chunk(job: McJob, index: int) -> ChunkResult:
    """Run chunk ``index`` of the job (see the module docstring)."""
    prep = prepare(job)
    settings = job.settings
    start, stop = settings.bounds(index)
    b = stop - start
    uniforms = child_uniforms(settings.seed, start, stop, len(prep.inputs))
    arrays = batch_arrays(prep.layout, draw_values(prep.inputs, uniforms))
    scenarios: dict[int, Scenario] = {}

    def scenario_of(row: int) -> Scenario:
        if row not in scenarios:
            scenarios[row] = draw_scenario(prep.point, prep.layout, arrays.values[row])
        return scenarios[row]

    def generator_of(row: int) -> np.random.Generator:
        return draw_generator(settings.seed, start + row)

    blocks = [c.batch(prep.layout.base, arrays, scenario_of, generator_of)
              for c in settings.models]
    outcomes = np.concatenate(blocks, axis=1) if blocks else np.zeros((b, 0))
    counts = None
    deal = zones = never = opening = None
    if settings.bargain is not None:
        assert prep.frame is not None  # prepared with the run's bargaining options
        verdict = bargain_chunk(prep.frame, arrays)
        deal, zones, opening, never = verdict.deal, verdict.zones.open, verdict.opening, \
            verdict.never
        counts = BargainCounts.of(deal, zones, opening, never, settings.bargain.horizon)
    result = ChunkResult(index, start, stop, SeriesStats.of(outcomes, prep.low, prep.high),
                         counts)
    if start < settings.concessions:
        assert prep.frame is not None  # McSettings refuses concessions without bargaining
        result.concessions = chunk_concessions(prep.frame, arrays,
                                               min(stop, settings.concessions) - start)
    if job.keep_draws or start < SAMPLE:
        result.values, result.outcomes = arrays.values, outcomes
        result.deal, result.zones, result.opening, result.never = deal, zones, opening, never
    return result

