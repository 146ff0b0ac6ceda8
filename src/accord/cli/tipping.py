"""``accord tipping``: the tipping points of a scenario's numbers, and which are knife-edge."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.progress import Progress

from accord.cli.app import Format, FormatOption, command, emit_page, note, stderr_console
from accord.cli.inputs import load_input
from accord.cli.options import (
    CLI_NAMES,
    DISAGREEMENT,
    HORIZON,
    LOSS,
    DisagreementOption,
    HorizonOption,
    LossOption,
    ModelOption,
    ScenarioArg,
    bargain_settings,
    model_choices,
)
from accord.errors import UsageError
from accord.reports.robustness_view import tipping_page
from accord.workflows.robustness import robustness
from accord.workflows.settings import AnalysisSettings, parse
from accord.workflows.tipping import FIELDS, NumberField


@command("tipping", help="For every number of the scenario (red lines, cost drifts, "
                         "positions, saliences, capabilities), all else held, the values at "
                         "which the verdict changes: a deal, a zone's state, the first month "
                         "a zone opens (by a band of 6 months) or the headline forecast's "
                         "nearest label, found by root finding. A number is knife-edge when a "
                         "switch lies inside its stated range or within 5 points of a plain "
                         "number.\n\n"
                         "Examples: `accord tipping`; `accord tipping --field reservation "
                         "--field drift`; `accord tipping FILE.yaml -f json`.")
def tipping(
    scenario: ScenarioArg = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="FIELD",
        help=f"Only numbers of this kind (repeatable): {', '.join(FIELDS)}.")
    ] = None,
    actor: Annotated[list[str] | None, typer.Option(
        "--actor", metavar="ACTOR", help="Only this actor's numbers (repeatable).")] = None,
    all_actors: Annotated[bool, typer.Option(
        "--all-actors/--veto-players", help="Every actor's numbers, or only those of the "
                                            "actors with a veto (default).")] = False,
    model: ModelOption = None,
    horizon: HorizonOption = HORIZON,
    loss: LossOption = LOSS,
    no_deal_rule: DisagreementOption = DISAGREEMENT,
    fmt: FormatOption = Format.table,
) -> None:
    fields = tuple(field or FIELDS)
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise UsageError(f"--field {unknown[0]}: not a kind of number (kinds: "
                         f"{', '.join(FIELDS)})")
    settings = parse(AnalysisSettings, {
        "models": model_choices(model, None, None, None),
        "bargain": bargain_settings(loss=loss, disagreement=no_deal_rule, horizon=horizon)},
        CLI_NAMES)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    scn = loaded.scenario
    for name in actor or []:
        if name not in {a.id for a in scn.actors}:
            raise UsageError(f"--actor {name}: no such actor in {scn.id} (actors: "
                             f"{', '.join(a.id for a in scn.actors)})")
    chosen: tuple[NumberField, ...] = tuple(f for f in FIELDS if f in fields)
    with Progress(console=stderr_console(), transient=True,
                  disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("numbers searched", total=None)
        r = robustness(scn, settings, chosen, players_only=not all_actors and not actor,
                       actors=tuple(actor or ()),
                       progress=lambda done, total: bar.update(task, completed=done,
                                                               total=total))
    emit_page(tipping_page(r), fmt, r.document())
