"""``accord run``: forecasts of one or more models for a scenario."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import Format, FormatOption, command, emit_page, note, working
from accord.cli.inputs import input_text, load_input
from accord.cli.options import (
    CLI_NAMES,
    ModelOption,
    ParamOption,
    PresetOption,
    RoundsOption,
    ScenarioArg,
    VariantOption,
    model_choices,
)
from accord.cli.store import DbOption, NoStoreOption, recorder
from accord.errors import UsageError
from accord.reports.run_view import collection_page, run_document, run_page
from accord.scenario.edits import apply_variant
from accord.workflows.analysis import analyse
from accord.workflows.settings import SEED_MAX, AnalysisSettings, parse
from accord.workflows.specs import run_spec


@command("run", help="Forecast the outcome of every issue with one or more models.\n\n"
                     "Examples: `accord run`; `accord run FILE.csv --model compromise`; "
                     "`accord run --model eum --preset scholz-code --rounds 10 -f json`.")
def run(
    scenario: ScenarioArg = None,
    variant: VariantOption = None,
    model: ModelOption = None,
    preset: PresetOption = None,
    param: ParamOption = None,
    rounds: RoundsOption = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", metavar="N",
        help=f"Seed for models with random steps (0 to {SEED_MAX}).")] = None,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    settings = parse(AnalysisSettings, {
        "models": model_choices(model, preset, param, rounds), "bargain": None, "seed": seed,
        "record": not no_store}, CLI_NAMES)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)

    if loaded.is_collection:
        if variant is not None:
            raise UsageError(f"--variant needs one scenario; {loaded.name} is a collection")
        if settings.record:
            note("runs on a collection of scenarios are not recorded in the store")
        runs = [(s, analyse(s, settings).results) for s in loaded.scenarios]
        page = collection_page(loaded.name, runs, settings.model_names)
        document = None
        if fmt is Format.json:
            docs = [run_document(s, results) for s, results in runs]
            document = {"accord": docs[0]["accord"], "collection": loaded.name,
                        "scenarios": docs}
        emit_page(page, fmt, document)
        return

    scn, file_text = loaded.scenario, input_text(scenario, loaded)
    if variant is not None:  # the variant is recorded as its own scenario (canonical YAML)
        scn, file_text = apply_variant(scn, variant), None
    with recorder(db, settings.record, run_spec(scn, settings), scn, file_text) as rec:
        with working() as step:
            results = analyse(scn, settings, step=step).results
        rec.finish(list(results))
    emit_page(run_page(scn, results, label_width=48 if fmt is Format.table else None), fmt,
              run_document(scn, results))
