"""Everything a report shows, computed once: the one analysis of the scenario, the timeline of
its case, its predictions, and optionally a Monte Carlo run.

:func:`gather` is what ``accord report`` and the dashboard's report pages run; the report's
sections (:mod:`accord.reports.sections` and its siblings) only read the :class:`ReportData`
it returns, and :func:`accord.reports.build.build_report` turns it into a document.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from accord.bargaining.doc_types import BargainDocument
from accord.bargaining.staged import BargainAnalysis, analysis_document
from accord.ledger.case_predictions import CasePrediction, case_predictions
from accord.models.choice import ModelChoice
from accord.models.result import Result
from accord.scenario.schema import Scenario
from accord.uncertainty.montecarlo import Progress
from accord.uncertainty.summary import mc_document
from accord.uncertainty.summary_types import McDocument
from accord.workflows.actors import ActorsAnalysis, actors_of
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.compare import Comparison, variant_comparisons
from accord.workflows.leverage_answer import ZoneMoves, zone_moves
from accord.workflows.mc_job import run_monte_carlo
from accord.workflows.reconcile import Reconciliation, reconcile
from accord.workflows.registry import DEFAULT_MODELS, MODELS
from accord.workflows.robustness import Robustness, robustness
from accord.workflows.settings import AnalysisSettings, BargainSettings, MonteCarloSettings
from accord.workflows.timeline import Timeline, build_timeline, case_snapshots


@dataclass(frozen=True)
class ReportData:
    """What a report shows (see the module docstring)."""

    analysis: Analysis
    timeline: Timeline | None
    predictions: tuple[CasePrediction, ...]
    reconciliation: Reconciliation | None = None
    """Why the models differ, issue by issue; the constrained forecasts and intervals."""
    robustness: Robustness | None = None
    """The numbers the verdict depends on (red lines and cost drifts of the veto players)."""
    mc: McDocument | None = None
    """The ``accord mc`` document when the report ran a Monte Carlo analysis."""
    actors: ActorsAnalysis | None = None
    """Who gains and who loses, pivots and power (:func:`accord.workflows.actors.actors_of`)."""
    zone_moves: ZoneMoves | None = None
    """What it would take (:func:`accord.workflows.leverage_answer.zone_moves`)."""
    whatif: tuple[Comparison, ...] = ()
    """Each of the scenario's variants compared with it, same settings (the "What if"
    section; :func:`accord.workflows.compare.variant_comparisons`)."""

    @property
    def scenario(self) -> Scenario:
        return self.analysis.scenario

    @property
    def results(self) -> tuple[Result, ...]:
        return self.analysis.results

    @property
    def bargaining(self) -> BargainAnalysis:
        assert self.analysis.bargaining is not None  # gather always bargains
        return self.analysis.bargaining

    @functools.cached_property
    def document(self) -> BargainDocument:
        """The ``accord bargain`` document of the analysis."""
        return analysis_document(self.bargaining)

    @property
    def headline(self) -> Result | None:
        return self.analysis.headline

    def result(self, model: str) -> Result | None:
        return self.analysis.result(model)


def gather(scenario: Scenario, models: Sequence[str] | None = None,
           timeline_models: Sequence[str] | None = None,
           bargain: BargainSettings | None = None, with_timeline: bool = True,
           with_tipping: bool = True, step: Callable[[str], None] | None = None) -> ReportData:
    """Run what the report needs. ``models`` default to every model in the registry;
    ``timeline_models`` to ``models`` when given, else the timeline's defaults;
    ``with_tipping`` searches the numbers the verdict depends on; ``step`` is told what
    starts (as :func:`~accord.workflows.analysis.analyse` tells it)."""
    def say(what: str) -> None:
        if step is not None:
            step(what)

    bargain = bargain or BargainSettings()
    names = list(dict.fromkeys(models or MODELS))
    settings = AnalysisSettings(models=tuple(ModelChoice(model=n) for n in names),
                                bargain=bargain)
    analysis = analyse(scenario, settings, step=step)
    snapshots = case_snapshots(scenario) if with_timeline else None
    timeline = None
    if snapshots is not None and len(snapshots) > 1:
        say("the timeline of the case")
        timeline = build_timeline(snapshots, timeline_models or models, bargain,
                                  known=[analysis])
    history = snapshots if snapshots is not None else [scenario]
    assert analysis.bargaining is not None  # the settings ask for it
    results = {r.model + (f":{r.preset}" if r.preset and r.preset != MODELS[r.model]
                          .default_preset else ""): r for r in analysis.results}
    say("why the models differ, what the verdict depends on, the actors")
    fit = reconcile(scenario, results, analysis.bargaining,
                    headline=analysis.headline.model if analysis.headline else None)
    tipping = robustness(scenario, settings, ("reservation", "drift"), players_only=True,
                         within_reach=True) if with_tipping else None
    return ReportData(analysis=analysis, timeline=timeline,
                      predictions=tuple(case_predictions(history, until=scenario.as_of)),
                      reconciliation=fit, robustness=tipping, actors=actors_of(analysis),
                      zone_moves=zone_moves(analysis), whatif=variant_comparisons(analysis))


def with_monte_carlo(data: ReportData, draws: int, seed: int = 0,
                     models: Sequence[str] | None = None,
                     bargain: BargainSettings | None = None,
                     progress: Progress | None = None) -> ReportData:
    """``data`` with the document of a Monte Carlo run of its scenario (``draws`` draws from
    ``seed``; ``models`` default to the default models, whose draws are vectorised; the
    bargaining analysis with ``bargain``), for the uncertainty section."""
    settings = MonteCarloSettings(
        draws=draws, seed=seed,
        models=tuple(ModelChoice(model=n) for n in (models or DEFAULT_MODELS)),
        bargain=bargain or BargainSettings())
    result = run_monte_carlo(data.scenario, settings, progress=progress)
    return replace(data, mc=mc_document(result))
