"""``accord report``: gather what a report shows, then build its sections.

:func:`gather` runs the models and the bargaining analysis on the scenario, the timeline of
its case when it is a snapshot of a built-in case (:func:`accord.timeline.case_snapshots`), and
collects the case's predictions; :func:`build_report` turns that into a
:class:`~accord.reports.document.Report` with one section per builder in :data:`SECTIONS`.
:func:`with_monte_carlo` adds a Monte Carlo run (``accord report --draws N``), which the
uncertainty section shows (:mod:`accord.reports.sections_mc`). Rendering is
:mod:`accord.reports.html` and :mod:`accord.reports.markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from accord._version import __version__
from accord.bargaining import BargainAnalysis, BargainOptions
from accord.models import Result
from accord.reports.document import Chart, Report, Section
from accord.reports.predictions import CasePrediction
from accord.scenario.schema import Scenario
from accord.timeline import Timeline

HEADLINE_MODELS = ("compromise", "procedural-compromise", "weighted-median")
"""The model whose forecast the summary leads with: the first of these that ran (compromise is
the best single model on EU decision data [Achen 2006]), else the first model."""


@dataclass(frozen=True)
class ReportInput:
    """Everything a report shows, computed once."""

    scenario: Scenario
    results: tuple[Result, ...]
    analysis: BargainAnalysis
    document: dict[str, Any]
    """The ``accord bargain`` JSON document of ``analysis`` (the summary sentences use it)."""
    timeline: Timeline | None
    predictions: tuple[CasePrediction, ...]
    mc: dict[str, Any] | None = None
    """The ``accord mc`` JSON document when the report ran a Monte Carlo analysis."""

    @property
    def headline(self) -> Result | None:
        for name in HEADLINE_MODELS:
            for r in self.results:
                if r.model == name:
                    return r
        return self.results[0] if self.results else None

    def result(self, model: str) -> Result | None:
        return next((r for r in self.results if r.model == model), None)


def gather(scenario: Scenario, models: Sequence[str] | None = None,
           timeline_models: Sequence[str] | None = None,
           options: BargainOptions | None = None, with_timeline: bool = True) -> ReportInput:
    """Run what the report needs. ``models`` default to every model in the registry;
    ``timeline_models`` to ``models`` when given, else the timeline's defaults."""
    from accord.bargaining import analyse, analysis_document
    from accord.models import MODELS, get_model
    from accord.reports.predictions import case_predictions
    from accord.timeline import build_timeline, case_snapshots

    names = list(dict.fromkeys(models or MODELS))
    chosen = [get_model(n) for n in names]
    point = scenario.with_point_values() if scenario.is_uncertain() else scenario
    results = tuple(m.run(point) for m in chosen)
    analysis = analyse(point, options or BargainOptions())
    snapshots = case_snapshots(scenario) if with_timeline else None
    timeline = None
    if snapshots is not None and len(snapshots) > 1:
        timeline = build_timeline(snapshots, timeline_models or models, options,
                                  known=[(scenario, results, analysis)])
    history = snapshots if snapshots is not None else [scenario]
    predictions = case_predictions(history, until=scenario.as_of)
    return ReportInput(scenario=scenario, results=results, analysis=analysis,
                       document=analysis_document(analysis), timeline=timeline,
                       predictions=tuple(predictions))


def with_monte_carlo(data: ReportInput, draws: int, seed: int = 0,
                     models: Sequence[str] | None = None,
                     options: BargainOptions | None = None,
                     progress: Callable[[int, int], None] | None = None) -> ReportInput:
    """``data`` with the document of a Monte Carlo run of its scenario (``draws`` draws from
    ``seed``; ``models`` default to the baseline models, whose draws are vectorised; the
    bargaining analysis with ``options``), for the uncertainty section."""
    from dataclasses import replace

    from accord.models import DEFAULT_MODELS
    from accord.uncertainty import McSettings, ModelEntry, mc_document, monte_carlo

    settings = McSettings(draws=draws, seed=seed,
                          models=tuple(ModelEntry(n, None, {})
                                       for n in (models or DEFAULT_MODELS)),
                          bargain=options or BargainOptions())
    result = monte_carlo(data.scenario, settings, progress=progress)
    return replace(data, mc=mc_document(result))


SectionBuilder = Callable[[ReportInput], Section | None]


def default_sections() -> list[SectionBuilder]:
    """The report's sections in order (a builder returns None to leave its section out)."""
    from accord.reports import sections, sections_mc, sections_record

    return [sections.summary, sections.issues, sections.comparison, sections.trajectories,
            sections_mc.uncertainty, sections.timeline, sections_record.evidence,
            sections_record.predictions, sections_record.sources]


def build_report(data: ReportInput,
                 builders: Sequence[SectionBuilder] | None = None) -> Report:
    """The report: title, meta and the sections of ``builders`` (default
    :func:`default_sections`), with chart keys made unique."""
    s = data.scenario
    built = [b(data) for b in (builders or default_sections())]
    out = [x for x in built if x is not None]
    seen: set[str] = set()
    fixed = []
    for section in out:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Chart):
                key, n = block.key, 2
                while key in seen:
                    key, n = f"{block.key}-{n}", n + 1
                seen.add(key)
                if key != block.key:
                    block = Chart(key=key, draw=block.draw, alt=block.alt,
                                  caption=block.caption)
            blocks.append(block)
        fixed.append(Section(section.key, section.title, tuple(blocks)))
    meta = [("Scenario", s.id)]
    if s.as_of:
        meta.append(("As of", s.as_of))
    meta += [("Digest", s.digest()[:12]), ("accord", __version__)]
    return Report(title=s.title, subtitle=s.description, meta=tuple(meta),
                  sections=tuple(fixed))
