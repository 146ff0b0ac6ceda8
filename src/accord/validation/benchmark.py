"""The benchmark: every registered model and preset scored on issues with known outcomes.

For each model in :data:`accord.models.MODELS` and each of its presets (or none), every
scenario with a scored issue is run through ``Model.run`` (the same path as ``accord run``),
and each scored issue's forecast is compared with its outcome on the 0-100 scale. Each model's
split-conformal prediction intervals are cross-validated by proposal
(:func:`accord.validation.conformal.interval_cv`, level 0.8; a fitted model's from its
out-of-fold forecasts). A model that
makes no forecast for an issue (``None``, e.g. ``status-quo`` without a reference point) is
scored on the issues it forecasts, and the number it skipped is reported. Models with a
:class:`~accord.validation.crossval.Fitter` are also cross-validated by proposal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.models.base import Model
from accord.scenario.arrays import to_unit
from accord.validation.conformal import DEFAULT_LEVEL, IntervalScore, interval_cv
from accord.validation.crossval import CrossValidation, Fitter, cross_validate
from accord.validation.outcomes import OutcomeSet
from accord.validation.scoring import Scores, absolute_errors, bootstrap_scores


@dataclass(frozen=True)
class ModelScore:
    """One model (and preset) over the scored issues."""

    label: str                 # "compromise" or "eum[scholz2011]"
    model: str
    preset: str | None
    scores: Scores | None      # None when the model forecast no scored issue
    skipped: int               # scored issues it made no forecast for
    fitted: bool               # its parameters were fitted on data like these
    forecasts: tuple[float | None, ...] = ()   # per scored issue (0-100), None: no forecast


@dataclass(frozen=True)
class CrossValidated:
    """A fitted model's cross-validated accuracy, with bootstrap intervals."""

    label: str
    result: CrossValidation
    scores: Scores


@dataclass(frozen=True)
class Benchmark:
    data: OutcomeSet
    rows: tuple[ModelScore, ...]
    cross_validated: tuple[CrossValidated, ...]
    draws: int
    seed: int
    intervals: tuple[IntervalScore, ...] = ()
    """Cross-validated coverage of each model's conformal intervals at ``DEFAULT_LEVEL``."""


def label_of(model: str, preset: str | None) -> str:
    return f"{model}[{preset}]" if preset else model


def plan(models: Mapping[str, Model[Any]]) -> list[tuple[Model[Any], str | None]]:
    """Every model with every preset (a model without presets runs once)."""
    presets: list[tuple[Model[Any], str | None]] = []
    for m in models.values():
        names: list[str | None] = list(m.presets) or [None]
        presets += [(m, p) for p in names]
    return presets


def forecasts(model: Model[Any], preset: str | None, data: OutcomeSet,
              tick: Callable[[], None] | None = None) -> list[float | None]:
    """The model's forecast (0-100) of every scored issue, ``None`` where it makes none."""
    by_scenario: dict[int, dict[str, float | None]] = {}
    for k in sorted({it.scenario for it in data.items}):
        by_scenario[k] = dict(model.run(data.scenarios[k], preset=preset).outcome)
        if tick is not None:
            tick()
    out: list[float | None] = []
    for it in data.items:
        value = by_scenario[it.scenario].get(it.issue)
        if value is None:
            out.append(None)
            continue
        issue = data.scenarios[it.scenario].issue(it.issue)
        out.append(float(to_unit(float(value), issue.low, issue.high)))
    return out


def score_model(model: Model[Any], preset: str | None, data: OutcomeSet, draws: int, seed: int,
                tick: Callable[[], None] | None = None) -> ModelScore:
    values = forecasts(model, preset, data, tick)
    keep = [k for k, v in enumerate(values) if v is not None]
    skipped = len(values) - len(keep)
    fitted = getattr(model, "fitted_on", None) is not None
    if not keep:
        return ModelScore(label_of(model.name, preset), model.name, preset, None, skipped,
                          fitted, tuple(values))
    errors = absolute_errors(np.array([values[k] for k in keep], dtype=float),
                             data.observed[keep])
    groups = [data.items[k].group for k in keep]
    scores = bootstrap_scores(errors, groups, np.random.default_rng(seed), draws)
    return ModelScore(label_of(model.name, preset), model.name, preset, scores, skipped, fitted,
                      tuple(values))


def run_benchmark(data: OutcomeSet, models: Mapping[str, Model[Any]], fitters: list[Fitter],
                  *, draws: int = 2000, seed: int = 0, folds: int = 10,
                  tick: Callable[[], None] | None = None) -> Benchmark:
    """Score every model and preset; cross-validate every fitter whose model is registered.

    Each model's bootstrap uses its own generator seeded with ``seed`` (same draws of
    proposals for every model, so their intervals are comparable); the folds use ``seed`` too.
    """
    rows = tuple(score_model(m, p, data, draws, seed, tick) for m, p in plan(models))
    cvs: list[CrossValidated] = []
    for fitter in fitters:
        if fitter.model not in models:
            continue
        result = cross_validate(fitter, data, folds, seed, progress=tick)
        scores = bootstrap_scores(result.errors, data.groups, np.random.default_rng(seed),
                                  draws)
        cvs.append(CrossValidated(fitter.model, result, scores))
    intervals = interval_scores(data, models, rows, cvs, folds, seed)
    return Benchmark(data, rows, tuple(cvs), draws, seed, intervals)


def interval_scores(data: OutcomeSet, models: Mapping[str, Model[Any]],
                    rows: tuple[ModelScore, ...], cvs: list[CrossValidated], folds: int,
                    seed: int,
                    level: float = DEFAULT_LEVEL) -> tuple[IntervalScore, ...]:
    """Each model's cross-validated interval coverage; a fitted model's default preset from
    its out-of-fold forecasts (its shipped parameters were fitted on these issues)."""
    if folds > data.n_groups:
        return ()
    out_of_fold = {cv.label: cv.result.predictions for cv in cvs}
    out = []
    for row in rows:
        values: tuple[float | None, ...] = row.forecasts
        kind = "as run"
        if row.model in out_of_fold and row.preset == models[row.model].default_preset:
            values, kind = tuple(float(v) for v in out_of_fold[row.model]), "out-of-fold"
        score = interval_cv(row.label, values, data.observed, data.groups, folds, seed,
                            level, kind)
        if score is not None:
            out.append(score)
    return tuple(out)


def work_units(data: OutcomeSet, models: Mapping[str, Model[Any]], fitters: list[Fitter],
               folds: int) -> int:
    """How many ``tick`` calls :func:`run_benchmark` makes (for a progress bar)."""
    scenarios = len({it.scenario for it in data.items})
    return (len(plan(models)) * scenarios
            + folds * sum(1 for f in fitters if f.model in models))
