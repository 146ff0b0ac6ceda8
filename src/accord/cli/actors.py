"""``accord actors``: who gains and who loses, who is pivotal, who holds the power, who moved
whom."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import Format, FormatOption, command, emit_page, note, working
from accord.cli.inputs import load_input
from accord.cli.options import (
    CLI_NAMES,
    DISAGREEMENT,
    LOSS,
    POWER,
    DisagreementOption,
    LossOption,
    ModelOption,
    NoDealOption,
    ParamOption,
    PowerOption,
    PresetOption,
    RoundsOption,
    ScenarioArg,
    WeightedOption,
    bargain_settings,
    model_choices,
    quick_defaults,
)
from accord.reports.actors_view import actors_page
from accord.workflows.actors import analyse_actors
from accord.workflows.registry import MODELS
from accord.workflows.settings import SEED_MAX, AnalysisSettings, parse


@command("actors", help="Per actor: its gain or loss from each model's forecast and from the "
                        "zone's best deal against what it expects from no deal (who would "
                        "walk away); the pivotal actors; Shapley-Shubik and Banzhaf power per "
                        "issue; the EUM's pairwise perceptions and who moved whom; SMP's "
                        "coalitions; the exchange model's trades.\n\n"
                        "Examples: `accord actors`; `accord actors --issue territory`; "
                        "`accord actors FILE.yaml --model compromise --model eum -f json`. "
                        "See docs/bargaining.md.")
def actors(
    scenario: ScenarioArg = None,
    issue: Annotated[str | None, typer.Option(
        "--issue", metavar="ISSUE", help="Show one issue (its id) only.")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", metavar="ACTOR", help="Show one actor (its id) only.")] = None,
    model: ModelOption = None,
    preset: PresetOption = None,
    param: ParamOption = None,
    rounds: RoundsOption = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", metavar="N",
        help=f"Seed for models with random steps (0 to {SEED_MAX}).")] = None,
    loss: LossOption = LOSS,
    no_deal_rule: DisagreementOption = DISAGREEMENT,
    no_deal: NoDealOption = None,
    power: PowerOption = POWER,
    weighted: WeightedOption = False,
    fmt: FormatOption = Format.table,
) -> None:
    options = bargain_settings(loss=loss, disagreement=no_deal_rule, no_deal=no_deal,
                               power=power, weighted=weighted)
    settings = parse(AnalysisSettings, {
        "models": model_choices(model, preset, param, rounds, default=tuple(MODELS)),
        "bargain": options, "seed": seed, "record": False}, CLI_NAMES)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    if scn.is_uncertain():
        note("the scenario has distributions; this view uses their point values")
    if not model:   # every model by default, but not one that would take minutes here
        settings = settings.model_copy(update={"models": quick_defaults(settings.models, scn)})
    with working() as step:
        found = analyse_actors(scn, settings, issue=issue, actor=actor,
                               names={"issue": "--issue", "actor": "--actor"}, step=step)
    emit_page(actors_page(found, markdown=fmt is Format.markdown), fmt, found.document())
