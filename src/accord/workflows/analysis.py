"""The one analysis of a scenario: the chosen models, then the bargaining analysis.

:func:`analyse` is what every face runs — ``accord run`` (models only), ``accord bargain``
(bargaining only), the dashboard's results page (both), a report, each snapshot of a timeline,
a re-run of a recorded run — and what the what-if, tipping-point and leverage features run many
times. It takes the scenario and :class:`~accord.workflows.settings.AnalysisSettings` and
returns a frozen :class:`Analysis`; it never prints, records or formats.

1. Each model of ``settings.models`` runs on the scenario (distributions at their point
   values) with its preset, parameters and ``settings.seed``, through the model protocol.
2. When ``settings.bargain`` is given, the staged bargaining analysis
   (:func:`accord.bargaining.analyse`) runs with those options and the ``stages`` asked for.

A model or bargaining failure is an error (exit status 1 or 2 on the command line); with
``keep_going`` (the dashboard) it is kept in the analysis with its message and the rest still
runs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from accord.bargaining.limits import check_size
from accord.bargaining.staged import EVERY_STAGE, BargainAnalysis, Stages
from accord.bargaining.staged import analyse as analyse_bargaining
from accord.errors import AccordError
from accord.models.result import Result
from accord.scenario.schema import Scenario
from accord.workflows.registry import configure, headline_model
from accord.workflows.settings import AnalysisSettings

log = logging.getLogger("accord")


@dataclass(frozen=True)
class Failure:
    """A step that failed under ``keep_going``: the model (or ``"bargaining"``) and why."""

    step: str
    message: str


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found."""

    scenario: Scenario
    settings: AnalysisSettings
    results: tuple[Result, ...]
    bargaining: BargainAnalysis | None
    failures: tuple[Failure, ...] = ()
    seconds: float = 0.0

    def result(self, model: str) -> Result | None:
        return next((r for r in self.results if r.model == model), None)

    @property
    def headline(self) -> Result | None:
        """The result a summary leads with (:func:`accord.workflows.registry.headline_model`)."""
        name = headline_model([r.model for r in self.results])
        return None if name is None else self.result(name)

    @property
    def model_failures(self) -> tuple[Failure, ...]:
        return tuple(f for f in self.failures if f.step != "bargaining")

    @property
    def bargain_error(self) -> str | None:
        return next((f.message for f in self.failures if f.step == "bargaining"), None)

    @property
    def notes(self) -> tuple[str, ...]:
        if self.scenario.is_uncertain():
            return ("The scenario has distributions; these results use their point values "
                    "(mean, midpoint or mode).",)
        return ()


def analyse(scenario: Scenario, settings: AnalysisSettings | None = None, *,
            stages: Stages = EVERY_STAGE, keep_going: bool = False,
            known: Analysis | None = None,
            step: Callable[[str], None] | None = None) -> Analysis:
    """Run the models and the bargaining analysis of ``settings`` (see the module docstring).

    ``known`` is an analysis of the same scenario already made: its results and bargaining
    analysis are reused where the settings and stages agree (a report does not compute its own
    snapshot twice when it builds the case's timeline). ``step(what)`` is told what starts
    ("model eum (7 of 10)", "the bargaining analysis"), for a face to show.
    """
    settings = settings or AnalysisSettings()
    if settings.bargain is not None and not keep_going:
        check_size(scenario)   # refused before the models run, not minutes later after them
    start = time.perf_counter()
    reuse = known if known is not None and known.scenario.digest() == scenario.digest() \
        else None
    have = {r.model: r for r in reuse.results} if reuse is not None and \
        reuse.settings.seed == settings.seed else {}
    results: list[Result] = []
    failures: list[Failure] = []
    for k, choice in enumerate(settings.models, 1):
        done = have.get(choice.model)
        if done is not None and reuse is not None and choice in reuse.settings.models:
            results.append(done)
            continue
        if step is not None:
            step(f"model {choice.label} ({k} of {len(settings.models)})")
        try:
            results.append(configure(choice).run(scenario, seed=settings.seed))
        except Exception as exc:
            if not keep_going:
                raise
            failures.append(Failure(choice.model, _reason(exc, f"model {choice.model}",
                                                          scenario)))
    bargaining = None
    if settings.bargain is not None:
        options = settings.bargain.options()
        if reuse is not None and reuse.bargaining is not None \
                and reuse.bargaining.options == options and _covers(reuse.bargaining, stages):
            bargaining = reuse.bargaining
        else:
            if step is not None:
                step("the bargaining analysis")
            try:
                bargaining = analyse_bargaining(scenario, options, stages)
            except Exception as exc:
                if not keep_going:
                    raise
                failures.append(Failure("bargaining", _reason(exc, "bargaining", scenario)))
    return Analysis(scenario=scenario, settings=settings, results=tuple(results),
                    bargaining=bargaining, failures=tuple(failures),
                    seconds=time.perf_counter() - start)


def _covers(done: BargainAnalysis, stages: Stages) -> bool:
    have = done.stages
    return ((have.nash or not stages.nash) and (have.concessions or not stages.concessions)
            and (have.opening or not stages.opening))


def _reason(exc: Exception, what: str, scenario: Scenario) -> str:
    if isinstance(exc, AccordError):
        return str(exc)
    # a bug must not take a dashboard page down with it: logged, and shown as what it is
    log.exception("%s failed on scenario %s", what, scenario.id)
    return f"internal error: {type(exc).__name__}: {exc}"
