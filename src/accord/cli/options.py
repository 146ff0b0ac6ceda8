"""The options several commands share, declared once, with their defaults and help read from
the settings models (:mod:`accord.workflows.settings`), and turned into settings there.

Typer only collects what was typed; every check of a value happens when the settings are
parsed (:func:`accord.workflows.settings.parse`), so the command line and the dashboard accept
and refuse the same values with the same messages (exit status 2 here).
"""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import note
from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.scenario.schema import Scenario
from accord.workflows.registry import leave_out_slow
from accord.workflows.settings import (
    BargainSettings,
    MonteCarloSettings,
    choose_models,
    parse,
)

_B = BargainSettings.model_fields
_M = MonteCarloSettings.model_fields


def _help(fields: dict[str, object], name: str) -> str:
    info = fields[name]
    return str(getattr(info, "description", "") or "")


ScenarioArg = Annotated[
    str | None,
    typer.Argument(metavar="[SCENARIO]", show_default=False,
                   help="A scenario file (.yaml, BDM or KTAB .csv, KTAB .xml, DEU .tsv) or a "
                        "built-in case id; default: the built-in case."),
]
ModelOption = Annotated[list[str] | None, typer.Option(
    "--model", "-m", metavar="MODEL",
    help="Model name (repeatable; see `accord models`). Default: the baseline models.")]
PresetOption = Annotated[str | None, typer.Option(
    "--preset", metavar="PRESET", help="Named parameter set of the model(s).")]
ParamOption = Annotated[list[str] | None, typer.Option(
    "--param", "-p", metavar="KEY=VALUE",
    help="Override a model parameter, KEY=VALUE (repeatable).")]
RoundsOption = Annotated[int | None, typer.Option(
    "--rounds", metavar="N", help="Rounds for models that iterate (same as --param rounds=N).")]

HORIZON = int(_B["horizon"].default)
LOSS = str(_B["loss"].default)
DISAGREEMENT = str(_B["disagreement"].default)
POWER = str(_B["power"].default)

HorizonOption = Annotated[int, typer.Option("--horizon", metavar="MONTHS",
                                            help=_help(_B, "horizon"))]
"""``--horizon`` of every command that asks when a zone opens (bargain, mc, report, timeline)."""
LossOption = Annotated[str, typer.Option("--loss", metavar="linear|quadratic",
                                         help=_help(_B, "loss"))]
DisagreementOption = Annotated[str, typer.Option("--disagreement", metavar="RULE",
                                                 help=_help(_B, "disagreement"))]
NoDealOption = Annotated[list[str] | None, typer.Option(
    "--no-deal", metavar="ISSUE=VALUE", help=_help(_B, "no_deal") + " Repeatable.")]
PowerOption = Annotated[str, typer.Option("--power", metavar="RULE", help=_help(_B, "power"))]
WeightedOption = Annotated[bool, typer.Option("--weighted/--unweighted",
                                              help=_help(_B, "weighted"))]

DRAWS = int(_M["draws"].default)
DrawsOption = Annotated[int, typer.Option("--draws", "-n", metavar="N", help=_help(_M, "draws"))]
McSeedOption = Annotated[int, typer.Option("--seed", metavar="N", help=_help(_M, "seed"))]
ConcessionsOption = Annotated[int, typer.Option("--concessions", metavar="N",
                                                help=_help(_M, "concessions"))]
PositionSdOption = Annotated[float | None, typer.Option(
    "--position-sd", metavar="SD", help=_help(_M, "position_sd"), show_default=False)]
SalienceSdOption = Annotated[float | None, typer.Option(
    "--salience-sd", metavar="SD", help=_help(_M, "salience_sd"), show_default=False)]


CLI_NAMES = {name: "--" + name.replace("_", "-") for name in (
    "loss", "disagreement", "power", "horizon", "draws", "seed", "position_sd",
    "salience_sd", "concessions")}
CLI_NAMES |= {"no_deal": "--no-deal", "weighted": "--weighted", "models": "--model"}
"""How the command line names each setting in a message (``--horizon must be ...``)."""


def parse_pairs(items: list[str] | None, option: str, what: str = "KEY=VALUE"
                ) -> dict[str, str]:
    """``--option KEY=VALUE`` items into a dict (values checked by whoever reads them)."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} takes {what}, got '{item}'")
        out[key.strip()] = value.strip()
    return out


def model_choices(model: list[str] | None, preset: str | None, param: list[str] | None,
                  rounds: int | None, default: tuple[str, ...] | None = None
                  ) -> tuple[ModelChoice, ...]:
    """The models of ``--model``/``--preset``/``--param``/``--rounds`` (see
    :func:`accord.workflows.settings.choose_models`)."""
    overrides = {k.replace("-", "_"): v for k, v in parse_pairs(param, "--param").items()}
    if rounds is not None:
        overrides["rounds"] = str(rounds)
    return choose_models(model or default, preset, overrides)


def quick_defaults(choices: tuple[ModelChoice, ...],
                   scenario: Scenario) -> tuple[ModelChoice, ...]:
    """A command's default models without one that would take minutes on ``scenario``
    (:func:`~accord.workflows.registry.leave_out_slow`), each one left out said in a note."""
    kept, notes = leave_out_slow(choices, scenario)
    for text in notes:
        note(text)
    return kept


def bargain_settings(*, loss: str = LOSS, disagreement: str = DISAGREEMENT,
                     no_deal: list[str] | None = None, power: str = POWER,
                     weighted: bool = False, horizon: int = HORIZON) -> BargainSettings:
    """The bargaining options as typed, checked."""
    return parse(BargainSettings, {
        "loss": loss, "disagreement": disagreement, "power": power, "weighted": weighted,
        "horizon": horizon,
        "no_deal": parse_pairs(no_deal, "--no-deal", "ISSUE=VALUE")}, CLI_NAMES)


VariantOption = Annotated[str | None, typer.Option(
    "--variant", metavar="NAME",
    help="Run the scenario's named variant (its `variants:` entry, see "
         "docs/file-format.md) instead of the scenario as stated.",
    show_default=False)]
"""``--variant NAME`` of ``accord run`` and ``accord bargain``."""
