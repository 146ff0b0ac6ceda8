"""The registry of forecasting models: a plain dict from name to model instance.

A model says what it is through its class attributes (:class:`accord.models.base.Model`:
``vectorised``, ``iterative``, ``needs_zone``, ``headline``, ``default``, ``timeline``,
``draw_seconds``); the lists below are read from them, so adding a model means writing its module
and one line here, nothing in Monte Carlo, the timeline or the reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.bargaining.nash_model import NashModel
from accord.errors import UsageError
from accord.models.base import Model
from accord.models.baselines import Compromise, Mean, Median, StatusQuo, WeightedMedian
from accord.models.choice import Configured, ModelChoice
from accord.models.eum import ExpectedUtility
from accord.models.exchange import ExchangeModel
from accord.models.procedural import ProceduralCompromise
from accord.models.spatial import SpatialModel
from accord.scenario.schema import Scenario

AnyModel = Model[Any]

MODELS: dict[str, AnyModel] = {
    m.name: m
    for m in (
        Compromise(),
        WeightedMedian(),
        Mean(),
        Median(),
        StatusQuo(),
        ProceduralCompromise(),
        ExpectedUtility(),
        SpatialModel(),
        ExchangeModel(),
        NashModel(),
    )
}
"""Every model accord knows, by name."""

DEFAULT_MODELS: tuple[str, ...] = tuple(n for n, m in MODELS.items() if m.default)
"""What ``accord run`` and ``accord mc`` run when no model is named."""

TIMELINE_MODELS: tuple[str, ...] = tuple(n for n, m in MODELS.items() if m.timeline)
"""What ``accord timeline`` compares when no model is named."""


def get_model(name: str) -> AnyModel:
    """The model called ``name``, or a :class:`UsageError` listing the known ones."""
    try:
        return MODELS[name]
    except KeyError:
        raise UsageError(f"unknown model '{name}' (models: {', '.join(MODELS)})") from None


def headline_model(names: Sequence[str]) -> str | None:
    """Which of the models that ran a summary leads with: the one of best ``headline`` rank,
    else the first."""
    ranked = sorted((MODELS[n].headline, k, n) for k, n in enumerate(names)
                    if n in MODELS and MODELS[n].headline is not None)
    if ranked:
        return ranked[0][2]
    return names[0] if names else None


def configure(choice: ModelChoice) -> Configured[Any]:
    """The model of ``choice`` with its preset and parameters resolved and validated; a
    :class:`UsageError` naming the known models, presets or parameters otherwise."""
    model = get_model(choice.model)
    preset, params = model.resolve(choice.preset, choice.params)
    return Configured(choice=choice, model=model, preset=preset, params=params)


LONG_RUN_SECONDS = 30.0
"""A command's *default* models leave out a model whose run its own cost model
(:meth:`accord.models.base.Model.draw_seconds`) puts above this on the scenario, with a note;
naming the model (``--model``) runs it. SMP is O(N^3): about a minute at 500 actors."""


def leave_out_slow(choices: Sequence[ModelChoice], scenario: Scenario,
                   how: str = "name it with --model {model} to run it anyway"
                   ) -> tuple[tuple[ModelChoice, ...], list[str]]:
    """``choices`` without the models estimated above :data:`LONG_RUN_SECONDS` on
    ``scenario``, and a note for each one left out (``how``: how to run it anyway, in the
    face's words; ``{model}`` is the model's name)."""
    kept, notes = [], []
    for choice in choices:
        c = configure(choice)
        seconds = c.model.draw_seconds(len(scenario.actors), len(scenario.issues), c.params)
        if seconds > LONG_RUN_SECONDS:
            notes.append(f"left out {c.label}: about {_duration(seconds)} on "
                         f"{len(scenario.actors):,} actors ({how.format(model=choice.model)})")
        else:
            kept.append(choice)
    return tuple(kept), notes


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds / 3600:.0f} hours"
