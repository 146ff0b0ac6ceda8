"""What an analyst may ask of accord: every choice, its default and its limits, in one place.

The command line and the dashboard both parse what the user gave into these models; a parse
error is a :class:`SettingsError` (exit status 2 on the command line, a 400 page in the web),
never a half-run analysis. Nothing else in accord declares a default or a limit of these
choices again.

* :class:`BargainSettings`: the bargaining analysis's options (docs/bargaining.md), turned into
  the engine's :class:`~accord.bargaining.problem.BargainOptions` by :meth:`options`.
* :class:`AnalysisSettings`: the models to run (each a
  :class:`~accord.models.choice.ModelChoice`), the bargaining analysis (or none), a seed for
  models with random steps, and whether to record the run.
* :class:`MonteCarloSettings`: a Monte Carlo run (docs/uncertainty.md).

:func:`choose_models` applies the command line's ``--model``/``--preset``/``--param`` rules;
:func:`configure` (in :mod:`accord.workflows.registry`) resolves a choice into a runnable
model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from accord.bargaining.problem import BargainOptions
from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.uncertainty.concession_draws import CONCESSIONS_MAX
from accord.uncertainty.seeds import RUN_DRAWS_LIMIT
from accord.workflows.registry import DEFAULT_MODELS, MODELS, configure

HORIZON_MAX = 1200
"""The farthest a bargaining analysis looks for a zone to open: a century of months."""
SEED_MAX = 2**63 - 1
"""The largest root seed accepted (numpy's SeedSequence takes any non-negative integer; this
bound keeps seeds within a signed 64-bit column of the store)."""
DRAWS_DEFAULT = 10_000


class SettingsError(UsageError):
    """Settings that cannot be used; ``problems`` lists every one (not only the first)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


S = TypeVar("S", bound=_Settings)

OPTION_NAMES: dict[str, str] = {
    "loss": "loss", "disagreement": "disagreement", "no_deal": "no-deal outcome",
    "power": "power", "weighted": "weighted", "horizon": "the horizon", "draws": "draws",
    "seed": "the seed", "position_sd": "position sd", "salience_sd": "salience sd",
    "chunk": "the chunk size", "models": "models", "bargain": "bargaining",
}
"""How messages name each setting."""
UNITS: dict[str, str] = {"horizon": " of months"}


def parse(cls: type[S], data: Mapping[str, Any],
          names: Mapping[str, str] | None = None) -> S:
    """``cls`` validated from ``data`` (typed values or the text of a form or query), with
    every problem a :class:`SettingsError` in words a user reads ("the horizon must be a whole
    number of months from 0 to 1,200, not '5000'"). ``names`` says how a face calls each
    setting (the command line: ``--horizon``)."""
    try:
        return cls.model_validate(dict(data))
    except ValidationError as exc:
        raise SettingsError([_message(cls, err, names or OPTION_NAMES)
                             for err in exc.errors()]) from None


def _bounds(cls: type[_Settings], field: str) -> tuple[float | None, float | None]:
    info = cls.model_fields.get(field)
    low = high = None
    for rule in info.metadata if info is not None else ():
        low = getattr(rule, "ge", low) if getattr(rule, "ge", None) is not None else low
        high = getattr(rule, "le", high) if getattr(rule, "le", None) is not None else high
    return low, high


def _message(cls: type[_Settings], err: Any, names: Mapping[str, str]) -> str:
    loc = [str(p) for p in err["loc"]]
    field = loc[0] if loc else ""
    what = " ".join([names.get(field, OPTION_NAMES.get(field, field.replace("_", " "))),
                     *loc[1:]]).strip()
    given = err.get("input")
    shown = f", not '{str(given)[:40]}'" if isinstance(given, str | int | float) else ""
    kind = err["type"]
    if kind == "literal_error":
        options = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
        return f"{what} must be one of {options.replace(' or ', ', ')}{shown}"
    low, high = _bounds(cls, field)
    if kind.startswith(("int_", "float_", "finite_", "greater_than", "less_than")) \
            and low is not None and high is not None:
        whole = kind.startswith("int_") or isinstance(cls.model_fields[field].default, int)
        if whole and not isinstance(cls.model_fields[field].default, bool):
            return (f"{what} must be a whole number{UNITS.get(field, '')} from {int(low):,} to "
                    f"{int(high):,}{shown}")
        return f"{what} must be a number from {low:g} to {high:g}{shown}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{what} must be a number{shown}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{what} must be a whole number{shown}"
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{what}: {message}" if what else message


class BargainSettings(_Settings):
    """The bargaining analysis's choices (docs/bargaining.md)."""

    loss: Literal["linear", "quadratic"] = Field(
        "linear", description="Loss of distance from an actor's position: linear or "
                              "quadratic.")
    disagreement: Literal["reservation", "status-quo", "worst"] = Field(
        "reservation", description="What each veto player expects from no deal: reservation "
                                   "(its own red lines, else the status quo, else the worst "
                                   "case), status-quo (status quo first) or worst.")
    no_deal: dict[str, float] = Field(
        default_factory=dict, description="Explicit no-deal outcome of an issue, ISSUE=VALUE "
                                          "on the issue's scale; overrides the disagreement "
                                          "rule on that issue.")
    power: Literal["capability-salience", "capability", "equal"] = Field(
        "capability-salience", description="Nash bargaining power: capability-salience, "
                                           "capability or equal.")
    weighted: bool = Field(
        False, description="Weight each concession by the actor's salience on the issue "
                           "(default: total points moved).")
    horizon: int = Field(
        60, ge=0, le=HORIZON_MAX, strict=False,
        description="Months to look ahead for a zone to open.")

    @field_validator("no_deal")
    @classmethod
    def _finite(cls, value: dict[str, float]) -> dict[str, float]:
        for issue, number in value.items():
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(f"{issue}: not a finite number")
        return value

    def options(self) -> BargainOptions:
        """The engine's options."""
        return BargainOptions(loss=self.loss, disagreement=self.disagreement,
                              no_deal=dict(self.no_deal), power=self.power,
                              weighted=self.weighted, horizon=self.horizon)

    @classmethod
    def of(cls, options: BargainOptions) -> BargainSettings:
        return cls(loss=options.loss, disagreement=options.disagreement,
                   no_deal=dict(options.no_deal), power=options.power,
                   weighted=options.weighted, horizon=options.horizon)


def _check_models(models: tuple[ModelChoice, ...]) -> tuple[ModelChoice, ...]:
    seen: set[str] = set()
    for choice in models:
        configure(choice)  # unknown names, presets or parameters: a usage error now
        if choice.label in seen:
            raise ValueError(f"model '{choice.label}' is asked for twice")
        seen.add(choice.label)
    return models


class AnalysisSettings(_Settings):
    """One analysis of a scenario: models, bargaining, seed, recording."""

    models: tuple[ModelChoice, ...] = Field(
        default_factory=lambda: tuple(ModelChoice(model=n) for n in DEFAULT_MODELS))
    bargain: BargainSettings | None = Field(default_factory=BargainSettings)
    """None: no bargaining analysis."""
    seed: int | None = Field(None, ge=0, le=SEED_MAX)
    """Seed of the models with random steps (None: each model's own default)."""
    record: bool = True
    """Record the run in the store."""

    @field_validator("models")
    @classmethod
    def _known(cls, value: tuple[ModelChoice, ...]) -> tuple[ModelChoice, ...]:
        return _check_models(value)

    @property
    def model_names(self) -> tuple[str, ...]:
        return tuple(c.model for c in self.models)


class MonteCarloSettings(_Settings):
    """A Monte Carlo run (docs/uncertainty.md)."""

    draws: int = Field(DRAWS_DEFAULT, ge=1, le=RUN_DRAWS_LIMIT, description="Number of draws.")
    seed: int = Field(0, ge=0, le=SEED_MAX, description="Root seed (a whole number, 0 or "
                                                        "more).")
    models: tuple[ModelChoice, ...] = Field(
        default_factory=lambda: tuple(ModelChoice(model=n) for n in DEFAULT_MODELS))
    bargain: BargainSettings | None = Field(default_factory=BargainSettings)
    position_sd: float | None = Field(
        None, ge=0, le=100, allow_inf_nan=False,
        description="Add a normal of this sd (points of the 0-100 scale, truncated to the "
                    "issue's range) to every plain position.")
    salience_sd: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False,
        description="Add a normal of this sd (truncated to [0, 1]) to every plain salience.")
    chunk: int = Field(0, ge=0, description="Draws per chunk (0: chosen from the models).")
    concessions: int = Field(
        0, ge=0, le=CONCESSIONS_MAX,
        description="Also find the smallest concessions (who moves which red line, how far) "
                    "and the Nash package for the first N draws: a linear and a convex "
                    "program per draw, about 0.15 s each on one core (0: none).")
    record: bool = True

    @field_validator("models")
    @classmethod
    def _known(cls, value: tuple[ModelChoice, ...]) -> tuple[ModelChoice, ...]:
        return _check_models(value)

    @model_validator(mode="after")
    def _something(self) -> MonteCarloSettings:
        if not self.models and self.bargain is None:
            raise ValueError("nothing to run: choose a model or keep the bargaining analysis")
        if self.concessions and self.bargain is None:
            raise ValueError("concessions need the bargaining analysis (drop --no-bargain)")
        return self


def choose_models(names: Sequence[str] | None, preset: str | None = None,
                  overrides: Mapping[str, str] | None = None) -> tuple[ModelChoice, ...]:
    """The command line's rule for ``--model`` (default: the default models), ``--preset`` and
    ``--param``: with one model, the preset and every parameter must be its own; with several,
    each model takes the preset if it has one of that name and the parameters it knows, and
    every option must apply to at least one of them."""
    overrides = dict(overrides or {})
    chosen = list(dict.fromkeys(names or DEFAULT_MODELS))
    models = [configure(ModelChoice(model=n)).model for n in chosen]
    if preset is not None and not any(preset in m.presets for m in models):
        if len(models) == 1:
            configure(ModelChoice(model=chosen[0], preset=preset))  # lists the presets
        raise SettingsError([f"none of the models has a preset '{preset}'"])
    for key in overrides:
        if not any(key in m.params_type.model_fields for m in models):
            if len(models) == 1:  # raises, listing the model's parameters
                configure(ModelChoice(model=chosen[0], params={key: overrides[key]}))
            raise SettingsError([f"none of the models has a parameter '{key}'"])
    out = []
    for m in models:
        own = {k: v for k, v in overrides.items() if k in m.params_type.model_fields}
        use = preset if preset in m.presets else None
        out.append(ModelChoice(model=m.name, preset=use, params=own))
    return tuple(out)


def every_model() -> tuple[ModelChoice, ...]:
    """Every registered model with its default preset (the dashboard's and reports' default)."""
    return tuple(ModelChoice(model=n) for n in MODELS)
