"""A Monte Carlo run from its settings: the one path of ``accord mc``, the dashboard's jobs,
``accord report --draws`` and re-runs of recorded ``mc`` runs.

:func:`job_settings` resolves :class:`~accord.workflows.settings.MonteCarloSettings` into the
engine's :class:`~accord.uncertainty.chunks.McSettings` (models configured through the
registry, the bargaining options, the noise); :func:`run_monte_carlo` runs it on a backend and
returns the :class:`~accord.uncertainty.montecarlo.McResult`, whose document
(:func:`accord.uncertainty.mc_document`) does not depend on the backend.
"""

from __future__ import annotations

from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.uncertainty.backends import Backend
from accord.uncertainty.chunks import McSettings
from accord.uncertainty.montecarlo import McResult, Progress, Rows, monte_carlo
from accord.uncertainty.sampling import Noise
from accord.workflows.registry import configure
from accord.workflows.settings import MonteCarloSettings
from accord.workflows.specs import mc_spec


def job_settings(settings: MonteCarloSettings, scenario: Scenario) -> McSettings:
    """The engine's settings of a run on ``scenario`` (models resolved, chunk size chosen
    for its shape)."""
    return McSettings(
        draws=settings.draws, seed=settings.seed,
        models=tuple(configure(c) for c in settings.models),
        bargain=None if settings.bargain is None else settings.bargain.options(),
        noise=Noise(position_sd=settings.position_sd, salience_sd=settings.salience_sd),
        chunk=settings.chunk, shape=(len(scenario.actors), len(scenario.issues)),
        concessions=settings.concessions)


def spec_of(scenario: Scenario, settings: MonteCarloSettings) -> RunSpec:
    """The RunSpec a run of these settings records (with the chunk size it will use)."""
    return mc_spec(scenario, settings, job_settings(settings, scenario).chunk)


def run_monte_carlo(scenario: Scenario, settings: MonteCarloSettings,
                    backend: Backend | None = None, *, progress: Progress | None = None,
                    rows: Rows | None = None) -> McResult:
    """Run the Monte Carlo analysis (local process pool unless ``backend`` says otherwise)."""
    return monte_carlo(scenario, job_settings(settings, scenario), backend, progress=progress,
                       rows=rows)
