"""RunSpecs from settings, and settings from RunSpecs: the one translation both ways.

A recorded run keeps its :class:`~accord.runspec.RunSpec` (docs/store.md); ``accord runs rerun``
reads it back into the settings that ran it. The layout of the options is the stored format
and does not change between versions:

* ``run``: ``options["models"]`` lists ``{"model", "preset", "params"}``; with a single model
  the RunSpec's ``model``, ``preset`` and ``params`` repeat it (older specs have only those);
* ``bargain``: ``options`` are the fields of :class:`~accord.bargaining.problem.BargainOptions`;
* ``mc``: ``draws`` and ``seed``, and ``options`` with ``models``, ``bargain`` (loss,
  disagreement, no_deal and horizon, or null), ``noise`` and ``chunk``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from accord.bargaining.problem import BargainOptions
from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.workflows.settings import AnalysisSettings, BargainSettings, MonteCarloSettings


def run_spec(scenario: Scenario, settings: AnalysisSettings) -> RunSpec:
    """The RunSpec of a model run (``accord run``, the dashboard's results)."""
    entries = [c.to_dict() for c in settings.models]
    single = settings.models[0] if len(settings.models) == 1 else None
    return RunSpec(
        kind="run", scenario_id=scenario.id, scenario_digest=scenario.digest(),
        model=single.model if single else None, preset=single.preset if single else None,
        params=dict(single.params) if single else {}, seed=settings.seed,
        options={"models": entries})


def bargain_spec(scenario: Scenario, bargain: BargainSettings) -> RunSpec:
    """The RunSpec of a bargaining analysis (``accord bargain``, the dashboard's results)."""
    options = asdict(bargain.options())
    return RunSpec(kind="bargain", scenario_id=scenario.id, scenario_digest=scenario.digest(),
                   options={k: dict(v) if isinstance(v, dict) else v
                            for k, v in options.items()})


def mc_options(settings: MonteCarloSettings, chunk: int) -> dict[str, Any]:
    """The options of an ``mc`` RunSpec (``chunk``: the chunk size the run used)."""
    bargain = None
    if settings.bargain is not None:
        b = settings.bargain
        bargain = {"loss": b.loss, "disagreement": b.disagreement, "no_deal": dict(b.no_deal),
                   "horizon": b.horizon}
    options = {"models": [c.to_dict() for c in settings.models], "bargain": bargain,
               "noise": {"position_sd": settings.position_sd,
                         "salience_sd": settings.salience_sd},
               "chunk": chunk}
    if settings.concessions:  # only when asked: earlier specs read the same
        options["concessions"] = settings.concessions
    return options


def mc_spec(scenario: Scenario, settings: MonteCarloSettings, chunk: int) -> RunSpec:
    """The RunSpec of a Monte Carlo run (``accord mc``, the dashboard's jobs)."""
    return RunSpec(kind="mc", scenario_id=scenario.id, scenario_digest=scenario.digest(),
                   draws=settings.draws, seed=settings.seed,
                   options=mc_options(settings, chunk))


def models_of(spec: RunSpec) -> tuple[ModelChoice, ...]:
    """The models of a ``run`` spec: ``options["models"]``, or the single ``model``."""
    entries = spec.options.get("models")
    if entries:
        return tuple(ModelChoice(model=e["model"], preset=e.get("preset"),
                                 params=e.get("params") or {}) for e in entries)
    if spec.model is None:
        raise UsageError("the run spec names no model")
    return (ModelChoice(model=spec.model, preset=spec.preset, params=spec.params),)


def analysis_settings_of(spec: RunSpec) -> AnalysisSettings:
    """The settings a ``run`` or ``bargain`` spec ran with."""
    if spec.kind == "run":
        return AnalysisSettings(models=models_of(spec), bargain=None, seed=spec.seed)
    if spec.kind == "bargain":
        return AnalysisSettings(models=(), bargain=BargainSettings.of(
            BargainOptions(**spec.options)))
    raise UsageError(f"a '{spec.kind}' run spec has no analysis settings")


def mc_settings_of(spec: RunSpec) -> MonteCarloSettings:
    """The settings an ``mc`` spec ran with (its chunk size included)."""
    if spec.draws is None or spec.seed is None:
        raise UsageError("the mc run spec has no draws or seed")
    options = spec.options
    bargain = options.get("bargain")
    noise = options.get("noise") or {}
    return MonteCarloSettings(
        draws=spec.draws, seed=spec.seed,
        models=tuple(ModelChoice(model=e["model"], preset=e.get("preset"),
                                 params=e.get("params") or {})
                     for e in options.get("models", [])),
        bargain=None if bargain is None else BargainSettings.of(BargainOptions(**bargain)),
        position_sd=noise.get("position_sd"), salience_sd=noise.get("salience_sd"),
        chunk=int(options.get("chunk", 0)), concessions=int(options.get("concessions", 0)))
