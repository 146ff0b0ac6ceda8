"""``accord compare A B``: two scenarios, a scenario and its variant, or a scenario and itself
edited on the fly, analysed alike and shown side by side (docs/whatif.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Annotated

import typer

from accord.cases import DEFAULT_CASE
from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import load_input
from accord.cli.options import (
    CLI_NAMES,
    DISAGREEMENT,
    HORIZON,
    LOSS,
    POWER,
    DisagreementOption,
    HorizonOption,
    LossOption,
    ModelOption,
    NoDealOption,
    ParamOption,
    PowerOption,
    PresetOption,
    RoundsOption,
    WeightedOption,
    bargain_settings,
    model_choices,
)
from accord.errors import UsageError
from accord.reports.compare_view import compare_page
from accord.scenario.edits import apply_variant, find_variant
from accord.scenario.schema import Scenario
from accord.scenario.variants import Variant
from accord.workflows.compare import compare
from accord.workflows.settings import SEED_MAX, AnalysisSettings, parse
from accord.workflows.whatif_input import edited, edits_from_json

SideArg = Annotated[str | None, typer.Argument(
    metavar="[A]", show_default=False,
    help="A scenario file, a built-in case id, or SCENARIO@VARIANT (one of the scenario's "
         "variants; @VARIANT alone: a variant of the default built-in case).")]
SideB = Annotated[str | None, typer.Argument(
    metavar="[B]", show_default=False,
    help="A scenario file, a built-in case id, or SCENARIO@VARIANT (one of the scenario's "
         "variants; @VARIANT alone: a variant of the default built-in case).")]


@dataclass(frozen=True)
class Named:
    """A scenario as the user named it: the scenario, its base (the scenario before the
    variant, or itself) and the variant."""

    label: str
    base: Scenario
    scenario: Scenario
    variant: Variant | None


def resolve(arg: str | None) -> Named:
    """What a side's argument names: a file or built-in case (``None``: the default case), or
    ``SCENARIO@VARIANT`` (an existing file whose name holds '@' is read as a file)."""
    if arg is not None and "@" in arg and not os.path.exists(arg):
        name, _, variant_id = arg.rpartition("@")
        loaded = load_input(name or None)
        for text in loaded.notes:
            note(text)
        base = loaded.scenario
        variant = find_variant(base, variant_id)
        return Named(f"{name or base.id}@{variant_id}", base, apply_variant(base, variant_id),
                     variant)
    loaded = load_input(arg)
    for text in loaded.notes:
        note(text)
    scenario = loaded.scenario
    return Named(arg or DEFAULT_CASE, scenario, scenario, None)


@command("compare", help="What if? Two scenarios side by side: the inputs that differ, then "
                         "every output (forecasts per model and issue, zones, verdict, "
                         "blocking red lines, smallest concessions, opening month, each veto "
                         "player's gain), saying why an output did not move where that is "
                         "cheap to tell.\n\n"
                         "A and B are scenario files, built-in case ids or SCENARIO@VARIANT. "
                         "With one argument SCENARIO@VARIANT, the scenario is compared with "
                         "its variant; --edit JSON (repeatable) edits B, which is A when not "
                         "given.\n\n"
                         "Examples: `accord compare --edit '{\"edit\": \"drop-actor\", "
                         "\"actor\": \"USA\"}'`; `accord compare talks.yaml@ceasefire-first`; "
                         "`accord compare ukraine-2025-01 ukraine-2025-12 -f json`. See "
                         "docs/whatif.md.")
def compare_command(
    a: SideArg = None,
    b: SideB = None,
    edit: Annotated[list[str] | None, typer.Option(
        "--edit", "-e", metavar="JSON",
        help="An edit of B as JSON, e.g. '{\"edit\": \"set-stance\", \"actor\": "
             "\"UKR\", \"issue\": \"nato\", \"field\": \"reservation\", "
             "\"value\": 70}' (or a list of edits). Repeatable; applied in "
             "order. Kinds: docs/file-format.md (Variants).")] = None,
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
    horizon: HorizonOption = HORIZON,
    fmt: FormatOption = Format.table,
) -> None:
    bargain = bargain_settings(loss=loss, disagreement=no_deal_rule, no_deal=no_deal,
                               power=power, weighted=weighted, horizon=horizon)
    settings = parse(AnalysisSettings, {
        "models": model_choices(model, preset, param, rounds), "bargain": bargain,
        "seed": seed, "record": False}, CLI_NAMES)
    edits = edits_from_json(edit or [])
    first = resolve(a)
    if b is not None:
        second = resolve(b)
    elif first.variant is not None:  # `accord compare S@V`: S against its variant
        second = first
        first = Named(first.label.rpartition("@")[0], first.base, first.base, None)
    else:
        if not edits:
            raise UsageError("nothing to compare: give a second scenario, SCENARIO@VARIANT or "
                             f"--edit JSON (e.g. --edit '{{\"edit\": \"drop-actor\", "
                             f"\"actor\": \"{first.scenario.actors[0].id}\"}}')")
        second = first
    other = edited(second.scenario, edits)
    label = second.label + (f" + {len(edits)} edit{'s' if len(edits) > 1 else ''}"
                            if edits else "")
    comparison = compare(first.scenario, other, settings, labels=(first.label, label),
                         variant=second.variant, edits=edits)
    page = compare_page(comparison)
    emit_page(page, fmt, comparison.document())
