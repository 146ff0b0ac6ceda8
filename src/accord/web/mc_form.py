"""The Monte Carlo form: what an analyst may ask of a job, checked before anything starts.

The fields are the options of ``accord mc`` (docs/uncertainty.md) that make sense in a
browser: ``draws`` (1 to the server's ``max_draws``, 100,000 by default), ``seed``, the models
(``model``, repeatable, each with ``preset-MODEL``), the noise options ``position_sd`` and
``salience_sd``, and the bargaining analysis (``bargain`` on or off, ``horizon``, ``loss``,
``disagreement``). A model's default preset is recorded as no preset, as ``accord mc --model
NAME`` records it, so the same choices give the same document as the command line.

Every problem is collected (not only the first) and shown on the form, which keeps what was
typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from accord.errors import UsageError

if TYPE_CHECKING:
    from accord.uncertainty import McSettings
    from accord.web.forms import Form

MAX_SEED = 2**63 - 1
MAX_HORIZON = 1200
DEFAULT_DRAWS = 10_000


@dataclass(frozen=True)
class McChoices:
    """The form's values as text (to show them again) and, when valid, the settings."""

    values: dict[str, str]
    models: tuple[str, ...]
    presets: dict[str, str]
    bargain: bool
    errors: tuple[str, ...] = ()
    settings: McSettings | None = field(default=None)


def default_choices() -> McChoices:
    """What the form shows first: the defaults of ``accord mc``."""
    from accord.models import DEFAULT_MODELS

    return McChoices(values={"draws": str(DEFAULT_DRAWS), "seed": "0", "horizon": "60",
                             "loss": "linear", "disagreement": "reservation",
                             "position_sd": "", "salience_sd": ""},
                     models=tuple(DEFAULT_MODELS), presets={}, bargain=True)


def _whole(text: str, what: str, low: int, high: int, errors: list[str]) -> int | None:
    cleaned = text.strip().replace(",", "").replace("_", "")
    if not cleaned.isdigit() or not low <= int(cleaned) <= high:
        errors.append(f"{what} must be a whole number from {low:,} to {high:,}, not "
                      f"'{text.strip()[:30]}'")
        return None
    return int(cleaned)


def _sd(text: str, what: str, high: float, errors: list[str]) -> float | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= high):
        errors.append(f"{what} must be a number from 0 to {high:g} (or empty: none), not "
                      f"'{cleaned[:30]}'")
        return None
    return value


def parse_mc_form(form: Form, max_draws: int) -> McChoices:
    """The choices of a submitted form, with ``settings`` when every field is valid."""
    from accord.bargaining import BargainOptions
    from accord.bargaining.problem import LOSSES, NO_DEALS
    from accord.models import MODELS
    from accord.uncertainty import McSettings, ModelEntry, Noise
    from accord.uncertainty.outcomes import check_entries

    errors: list[str] = []
    names = list(dict.fromkeys(form.getlist("model")))
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        errors.append(f"there is no model '{unknown[0][:40]}' (models: {', '.join(MODELS)})")
    models = tuple(n for n in MODELS if n in names)
    presets: dict[str, str] = {}
    for name in models:
        chosen = form.get(f"preset-{name}").strip()
        if not chosen:
            continue
        if chosen not in MODELS[name].presets:
            errors.append(f"model {name} has no preset '{chosen[:40]}' (presets: "
                          f"{', '.join(MODELS[name].presets) or 'none'})")
        presets[name] = chosen
    values = {key: form.get(key) for key in ("draws", "seed", "horizon", "loss",
                                             "disagreement", "position_sd", "salience_sd")}
    bargain = form.get("bargain") in ("1", "on")
    draws = _whole(values["draws"], "draws", 1, max_draws, errors)
    seed = _whole(values["seed"] or "0", "the seed", 0, MAX_SEED, errors)
    horizon = _whole(values["horizon"] or "60", "the horizon", 0, MAX_HORIZON, errors)
    choose: dict[str, tuple[str, ...]] = {"loss": LOSSES, "disagreement": NO_DEALS}
    for option, allowed in choose.items():
        if (values[option] or allowed[0]) not in allowed:
            errors.append(f"{option} must be one of {', '.join(allowed)}")
    position_sd = _sd(values["position_sd"], "position sd", 100.0, errors)
    salience_sd = _sd(values["salience_sd"], "salience sd", 1.0, errors)
    if not models and not bargain:
        errors.append("nothing to run: choose a model or keep the bargaining analysis")
    choices = McChoices(values, models, presets, bargain)
    if errors or draws is None or seed is None or horizon is None:
        return _with(choices, errors)
    entries = tuple(ModelEntry(name, _preset(name, presets.get(name))) for name in models)
    options = BargainOptions(loss=values["loss"] or "linear",  # type: ignore[arg-type]
                             disagreement=values["disagreement"] or "reservation",  # type: ignore[arg-type]
                             horizon=horizon) if bargain else None
    try:
        check_entries(entries)
        settings = McSettings(draws=draws, seed=seed, models=entries, bargain=options,
                              noise=Noise(position_sd=position_sd, salience_sd=salience_sd))
    except (UsageError, ValueError) as exc:
        return _with(choices, [str(exc)])
    return McChoices(values, models, presets, bargain, settings=settings)


def _preset(name: str, chosen: str | None) -> str | None:
    """None for the model's default preset (as ``accord mc --model NAME`` records it)."""
    from accord.models import MODELS

    return None if chosen is None or chosen == MODELS[name].default_preset else chosen


def _with(choices: McChoices, errors: list[str]) -> McChoices:
    return McChoices(choices.values, choices.models, choices.presets, choices.bargain,
                     errors=tuple(errors))


def choices_of(settings: McSettings) -> McChoices:
    """The form filled in with a job's settings (to run it again with changes)."""
    b = settings.bargain
    values = {"draws": str(settings.draws), "seed": str(settings.seed),
              "horizon": str(b.horizon if b else 60), "loss": b.loss if b else "linear",
              "disagreement": b.disagreement if b else "reservation",
              "position_sd": _g(settings.noise.position_sd),
              "salience_sd": _g(settings.noise.salience_sd)}
    return McChoices(values, tuple(e.model for e in settings.models),
                     {e.model: e.preset for e in settings.models if e.preset}, b is not None)


def _g(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
