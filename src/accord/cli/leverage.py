"""``accord leverage``: whom to persuade, of what and how far, to bring a model's forecast on
one issue to a target; and what opens the issue's zone when it is closed."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import load_input
from accord.cli.options import (
    CLI_NAMES,
    DISAGREEMENT,
    LOSS,
    DisagreementOption,
    LossOption,
    NoDealOption,
    ParamOption,
    PresetOption,
    ScenarioArg,
    WeightedOption,
    bargain_settings,
    model_choices,
    parse_pairs,
)
from accord.errors import UsageError
from accord.reports.leverage_view import leverage_page
from accord.workflows.leverage_answer import MAX_ACTORS, LeverageSettings, default_model, leverage
from accord.workflows.settings import parse

NAMES = {**CLI_NAMES, "issue": "--issue", "target": "--target", "model": "--model",
         "kinds": "--kinds", "costs": "--cost", "actors": "--actors"}
"""How messages name each setting on the command line."""


@command("leverage", help="The smallest moves (of an actor's position, salience or "
                          "capability, each kind weighted by a cost) that bring a model's "
                          "forecast on one issue to a target: single-actor moves cheapest "
                          "first, and the best combined move of K actors; and, when the "
                          "issue's zone is closed, every equally small set of concessions "
                          "that opens it, as ranges.\n\n"
                          "Examples: `accord leverage --issue territory --target 55`; "
                          "`accord leverage --issue nato --target 60 --model eum --kinds "
                          "position,salience --cost salience=2 --actors 3 -f json`. "
                          "See docs/bargaining.md.")
def leverage_command(
    scenario: ScenarioArg = None,
    issue: Annotated[str, typer.Option("--issue", metavar="ISSUE", help="The issue (its id).",
                                       show_default=False)] = "",
    target: Annotated[float | None, typer.Option(
        "--target", metavar="VALUE", help="The outcome wanted, on the issue's own scale.",
        show_default=False)] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", metavar="MODEL",
        help="The model whose forecast should move (default: the headline "
             "model, compromise).")] = None,
    preset: PresetOption = None,
    param: ParamOption = None,
    kinds: Annotated[str, typer.Option(
        "--kinds", metavar="KINDS",
        help="Kinds of number that may move, comma-separated: position, "
             "salience, capability.")] = "position,salience,capability",
    cost: Annotated[list[str] | None, typer.Option(
        "--cost", metavar="KIND=COST",
        help="Cost per point of a kind of move (per percent for a capability), "
             "KIND=WEIGHT above 0; default 1 each. Repeatable.")] = None,
    actors: Annotated[int, typer.Option(
        "--actors", "-k", metavar="N",
        help=f"How many actors the best combined move may take (1 to "
             f"{MAX_ACTORS}).")] = 2,
    loss: LossOption = LOSS,
    no_deal_rule: DisagreementOption = DISAGREEMENT,
    no_deal: NoDealOption = None,
    weighted: WeightedOption = False,
    fmt: FormatOption = Format.table,
) -> None:
    if not issue:
        raise UsageError("--issue is required: the issue whose forecast should move")
    if target is None:
        raise UsageError("--target is required: the outcome wanted, on the issue's scale")
    choices = model_choices([model] if model else None, preset, param, None,
                            default=(default_model().model,))
    settings = parse(LeverageSettings, {
        "issue": issue, "target": target, "model": choices[0],
        "kinds": [k.strip() for k in kinds.split(",") if k.strip()],
        "costs": parse_pairs(cost, "--cost", "KIND=WEIGHT"), "actors": actors,
        "bargain": bargain_settings(loss=loss, disagreement=no_deal_rule, no_deal=no_deal,
                                    weighted=weighted)}, NAMES)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    if scn.is_uncertain():
        note("the scenario has distributions; leverage uses their point values")
    answer = leverage(scn, settings, NAMES)
    emit_page(leverage_page(answer, markdown=fmt is Format.markdown), fmt, answer.document())
