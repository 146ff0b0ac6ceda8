"""The results page's analysis, in a module light enough for an analysis process.

:func:`compute` is what :mod:`accord.web.analysis_worker` runs for the results page (and the
pages that share its analysis): it imports the library, not the web framework, so that a
fresh analysis process starts in about half the time.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.bargaining.doc_types import BargainDocument
from accord.bargaining.staged import analysis_document
from accord.scenario.schema import Scenario
from accord.workflows.analysis import Analysis, analyse
from accord.workflows.reconcile import Reconciliation, reconcile
from accord.workflows.robustness import Robustness, robustness
from accord.workflows.settings import AnalysisSettings


@dataclass(frozen=True)
class PageAnalysis:
    """What the results page shows: the analysis, its bargaining document, why the models
    differ and what the verdict depends on."""

    analysis: Analysis
    bargain: BargainDocument | None
    reconciliation: Reconciliation | None = None
    robustness: Robustness | None = None

    @property
    def settings(self) -> AnalysisSettings:
        return self.analysis.settings


def compute(scenario: Scenario, settings: AnalysisSettings) -> PageAnalysis:
    """The one analysis (see the module docstring), the reconciliation of its models and the
    numbers its verdict depends on."""
    analysis = analyse(scenario, settings, keep_going=True)
    if analysis.bargaining is None:
        return PageAnalysis(analysis, None)
    results = {r.model: r for r in analysis.results}
    fit = reconcile(scenario, results, analysis.bargaining,
                    headline=analysis.headline.model if analysis.headline else None) \
        if results else None
    tipping = robustness(scenario, settings, ("reservation", "drift"), players_only=True,
                         within_reach=True)
    return PageAnalysis(analysis, analysis_document(analysis.bargaining), fit, tipping)
