"""``accord run``: forecasts of one or more models for a scenario."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from accord.cli.app import (
    Format,
    FormatOption,
    command,
    emit_json,
    emit_table,
    emit_text,
    note,
    parse_params,
)
from accord.cli.store import DbOption, NoStoreOption, RecordedRun, input_text
from accord.errors import UsageError

if TYPE_CHECKING:
    from accord.models import Model, Result
    from accord.scenario.schema import Scenario

ScenarioArg = Annotated[
    str | None,
    typer.Argument(help="A scenario file (.yaml, BDM or KTAB .csv, KTAB .xml, DEU .tsv) or a "
                        "built-in case id; default: the built-in case.", show_default=False),
]

ModelOption = Annotated[list[str] | None, typer.Option(
    "--model", "-m", help="Model name (repeatable; see `accord models`). Default: the "
                          "baseline models.")]
PresetOption = Annotated[str | None, typer.Option(
    "--preset", help="Named parameter set of the model(s).")]
ParamOption = Annotated[list[str] | None, typer.Option(
    "--param", "-p", help="Override a model parameter, KEY=VALUE (repeatable).")]
RoundsOption = Annotated[int | None, typer.Option(
    "--rounds", min=0, help="Rounds for models that iterate (same as --param rounds=N).")]

Plan = list[tuple["Model", str | None, dict[str, str]]]


def plan_models(names: list[str], preset: str | None, overrides: dict[str, str]) -> Plan:
    """Which model runs with which preset and parameters; every option must apply somewhere.

    With one model, the preset and every parameter must be its own. With several, each model
    takes the preset if it has one of that name and the parameters it knows.
    """
    from accord.models import get_model

    models = [get_model(n) for n in names]
    if preset is not None and not any(preset in m.presets for m in models):
        if len(models) == 1:
            models[0].resolve(preset)  # raises with the model's presets listed
        raise UsageError(f"none of the models has a preset '{preset}'")
    for key in overrides:
        if not any(key in m.params_type.model_fields for m in models):
            if len(models) == 1:
                models[0].resolve(None, {key: overrides[key]})  # raises, listing parameters
            raise UsageError(f"none of the models has a parameter '{key}'")
    plan: Plan = []
    for m in models:
        own = {k: v for k, v in overrides.items() if k in m.params_type.model_fields}
        use = preset if preset in m.presets else None
        m.resolve(use, own)  # validate values now, before any work
        plan.append((m, use, own))
    return plan


def run_models(scenario: Scenario, plan: Plan, seed: int | None) -> list[Result]:
    return [m.run(scenario, preset=p, params=o, seed=seed) for m, p, o in plan]


@command("run", help="Forecast the outcome of every issue with one or more models.\n\n"
                     "Examples: `accord run`; `accord run FILE.csv --model compromise`; "
                     "`accord run --model eum --preset scholz-code --rounds 10 -f json`.")
def run(
    scenario: ScenarioArg = None,
    model: ModelOption = None,
    preset: PresetOption = None,
    param: ParamOption = None,
    rounds: RoundsOption = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", help="Seed for models with random steps.")] = None,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    from accord.models import DEFAULT_MODELS
    from accord.reports.runs import outcome_rows, run_document, run_markdown
    from accord.runspec import models_spec
    from accord.scenario.inputs import load_input

    overrides = parse_params(param)
    if rounds is not None:
        overrides["rounds"] = str(rounds)
    plan = plan_models(model or list(DEFAULT_MODELS), preset, overrides)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)

    if loaded.is_collection:
        if not no_store:
            note("runs on a collection of scenarios are not recorded in the store")
        docs: list[dict[str, Any]] = [run_document(s, run_models(s, plan, seed))
                                      for s in loaded.scenarios]
        if fmt is Format.json:
            emit_json({"accord": docs[0]["accord"], "collection": loaded.name,
                       "scenarios": docs})
            return
        headers = ["Scenario", "Issue", *[m.name for m, _, _ in plan]]
        rows: list[list[str]] = []
        for scn, doc in zip(loaded.scenarios, docs, strict=True):
            issue = scn.issues[0]
            values = [r["outcome"][issue.id] for r in doc["results"]]
            rows.append([scn.id, issue.name,
                         *["—" if v is None else f"{v:.1f}" for v in values]])
        if fmt is Format.markdown:
            from accord.reports.runs import markdown_table

            emit_text(markdown_table(headers, rows))
            return
        table = Table(*headers, title=f"{loaded.name}: {len(docs)} scenarios")
        for row in rows:
            table.add_row(*row)
        emit_table(table)
        return

    scn = loaded.scenario
    spec = models_spec(scn, [(m.name, p, o) for m, p, o in plan], seed)
    with RecordedRun(db, not no_store, spec, scn, input_text(scenario, loaded)) as rec:
        results = run_models(scn, plan, seed)
        rec.finish(results)
    if fmt is Format.json:
        emit_json(run_document(scn, results))
    elif fmt is Format.markdown:
        emit_text(run_markdown(scn, results))
    else:
        title = scn.title + (f" (as of {scn.as_of})" if scn.as_of else "")
        table = Table(title=title, title_justify="left")
        table.add_column("Issue", max_width=34)
        table.add_column("Model")
        table.add_column("Outcome", justify="right")
        table.add_column("Nearest point on the scale", no_wrap=True, overflow="ellipsis")
        for line in outcome_rows(scn, results, label_width=48):
            table.add_row(line["issue"], line["model"], line["outcome"], line["nearest"])
        emit_table(table)
