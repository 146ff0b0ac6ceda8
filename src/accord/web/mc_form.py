"""The Monte Carlo form: what an analyst may ask of a job, checked before anything starts.

The fields are the options of ``accord mc`` (docs/uncertainty.md) that make sense in a
browser, parsed into the same :class:`~accord.workflows.settings.MonteCarloSettings` as the
command line's: ``draws`` (1 to the server's ``max_draws``), ``seed``, the models
(``model``, repeatable, each with ``preset-MODEL``), ``rounds`` and ``params`` (``--rounds``
and ``--param``: ``KEY=VALUE`` items separated by commas or spaces, each applied to the
chosen models that have that parameter), the noise options ``position_sd`` and
``salience_sd``, and the bargaining analysis (``bargain`` on or off, ``horizon``, ``loss``,
``disagreement``, ``concessions``: the first draws with smallest concessions). A model's
default preset is recorded as no preset, as ``accord mc --model NAME`` records it, so the
same choices give the same document as the command line.

Every problem is collected (not only the first) and shown on the form, which keeps what was
typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.uncertainty.concession_draws import CONCESSIONS_MAX
from accord.web.forms import Form
from accord.web.integers import IntegerError, parse_int
from accord.workflows.registry import DEFAULT_MODELS, MODELS
from accord.workflows.settings import (
    DRAWS_DEFAULT,
    HORIZON_MAX,
    SEED_MAX,
    BargainSettings,
    MonteCarloSettings,
    SettingsError,
    choose_models,
    parse,
)

FIELDS = ("draws", "seed", "horizon", "loss", "disagreement", "position_sd", "salience_sd",
          "rounds", "params", "concessions")
"""The form's text fields (besides the models, their presets and the bargain checkbox)."""


@dataclass(frozen=True)
class McChoices:
    """The form's values as text (to show them again) and, when valid, the settings."""

    values: dict[str, str]
    models: tuple[str, ...]
    presets: dict[str, str]
    bargain: bool
    errors: tuple[str, ...] = ()
    settings: MonteCarloSettings | None = field(default=None)


def default_choices() -> McChoices:
    """What the form shows first: the defaults of ``accord mc``."""
    b = BargainSettings()
    return McChoices(values={"draws": str(DRAWS_DEFAULT), "seed": "0",
                             "horizon": str(b.horizon), "loss": b.loss,
                             "disagreement": b.disagreement, "position_sd": "",
                             "salience_sd": "", "rounds": "", "params": "",
                             "concessions": "0"},
                     models=DEFAULT_MODELS, presets={}, bargain=True)


def _number(text: str) -> str:
    """A number as typed, with thousands separators dropped ("10,000")."""
    return text.strip().replace(",", "").replace("_", "")


def parse_mc_form(form: Form, max_draws: int) -> McChoices:
    """The choices of a submitted form, with ``settings`` when every field is valid; every
    problem is listed (the settings' own messages, as ``accord mc`` gives them)."""
    errors: list[str] = []
    names = list(dict.fromkeys(form.getlist("model")))
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        errors.append(f"there is no model '{unknown[0][:40]}' (models: {', '.join(MODELS)})")
    models = tuple(n for n in MODELS if n in names)
    presets = {n: p for n in models if (p := form.get(f"preset-{n}").strip())}
    values = {key: form.get(key) for key in FIELDS}
    bargain = form.get("bargain") in ("1", "on")
    choices = McChoices(values, models, presets, bargain)
    whole: dict[str, int] = {}  # ASCII digits only (accord.web.integers), bounded
    for name, what, low, high, default in (("draws", "draws", 1, max_draws, 1),
                                           ("seed", "the seed", 0, SEED_MAX, 0),
                                           ("horizon", "the horizon", 0, HORIZON_MAX, 60),
                                           ("concessions", "the draws with concessions", 0,
                                            CONCESSIONS_MAX, 0)):
        text = _number(values[name])
        try:
            whole[name] = parse_int(text, what, low=low, high=high,
                                    unit=" of months" if name == "horizon" else "") \
                if text or name == "draws" else default
        except IntegerError as exc:
            errors.append(str(exc))
            whole[name] = default
    if whole["concessions"] and not bargain:   # said here in the form's words, not dropped
        errors.append("the draws with concessions need the bargaining analysis: tick 'run the "
                      "bargaining analysis on every draw' or set the draws with concessions to 0")
    chosen: tuple[ModelChoice, ...] = ()
    try:
        overrides = _overrides(values["rounds"], values["params"])
        chosen = tuple(c.model_copy(update={"preset": _preset(c.model, presets.get(c.model))})
                       for c in choose_models(models, None, overrides)) if models else ()
    except SettingsError as exc:
        errors += exc.problems
    except UsageError as exc:
        errors.append(str(exc))
    data: dict[str, object] = {
        "draws": whole["draws"], "seed": whole["seed"],
        "models": chosen,
        "position_sd": values["position_sd"].strip() or None,
        "salience_sd": values["salience_sd"].strip() or None,
        "concessions": whole["concessions"] if bargain else 0}  # the conflict is listed above
    try:  # checked even when the analysis is off: the form keeps what was typed
        options = parse(BargainSettings, {
            "horizon": whole["horizon"],
            "loss": values["loss"].strip() or "linear",
            "disagreement": values["disagreement"].strip() or "reservation"})
    except SettingsError as exc:
        errors += exc.problems
        options = BargainSettings()
    data["bargain"] = options if bargain else None
    try:
        settings = parse(MonteCarloSettings, data)
    except SettingsError as exc:
        return _with(choices, [*errors, *exc.problems])
    except UsageError as exc:
        return _with(choices, [*errors, str(exc)])
    if errors:
        return _with(choices, errors)
    return McChoices(values, models, presets, bargain, settings=settings)


def _overrides(rounds: str, params: str) -> dict[str, str]:
    """``--rounds`` and ``--param`` as typed in the form (blank: none)."""
    out: dict[str, str] = {}
    for item in params.replace(",", " ").split():
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise SettingsError([f"parameters: '{item[:40]}' is not KEY=VALUE"])
        out[key.strip().replace("-", "_")] = value.strip()
    if rounds.strip():
        out["rounds"] = _number(rounds)
    return out


def _preset(name: str, chosen: str | None) -> str | None:
    """None for the model's default preset (as ``accord mc --model NAME`` records it)."""
    return None if chosen is None or chosen == MODELS[name].default_preset else chosen


def _with(choices: McChoices, errors: list[str]) -> McChoices:
    return McChoices(choices.values, choices.models, choices.presets, choices.bargain,
                     errors=tuple(errors))


def choices_of(settings: MonteCarloSettings) -> McChoices:
    """The form filled in with a job's settings (to run it again with changes)."""
    b = settings.bargain
    d = BargainSettings()
    values = {"draws": str(settings.draws), "seed": str(settings.seed),
              "horizon": str((b or d).horizon), "loss": (b or d).loss,
              "disagreement": (b or d).disagreement,
              "position_sd": _g(settings.position_sd), "salience_sd": _g(settings.salience_sd),
              "rounds": "", "params": "", "concessions": str(settings.concessions)}
    params: dict[str, str] = {}
    for c in settings.models:  # what the job overrode, as one KEY=VALUE list
        params.update({k: str(v) for k, v in c.params.items()})
    if "rounds" in params:
        values["rounds"] = params.pop("rounds")
    values["params"] = ", ".join(f"{k}={v}" for k, v in params.items())
    return McChoices(values, tuple(c.model for c in settings.models),
                     {c.model: c.preset for c in settings.models if c.preset}, b is not None)


def _g(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
