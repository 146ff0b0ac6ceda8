"""``accord benchmark deu FILE``: accuracy of every model on DEU data with known outcomes."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from accord.cli.app import (
    Format,
    FormatOption,
    app,
    command,
    emit_json,
    emit_table,
    emit_text,
    note,
    stderr_console,
)
from accord.errors import InputError, Problem

benchmark_app = typer.Typer(
    name="benchmark", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Accuracy of every model on data with known outcomes (see docs/validation.md).")
app.add_typer(benchmark_app, name="benchmark")


@command("deu", target=benchmark_app, help=(
    "Score every model and preset on a DEU TSV (decision-making in the EU): mean absolute "
    "error, median absolute error and share within 10 points of the observed outcome (0-100 "
    "scale) over the issues with an outcome, with bootstrap 95% intervals resampling "
    "proposals. Fitted models are also cross-validated by proposal (no proposal is split "
    "between fitting and testing) and that figure is printed separately.\n\n"
    "Example: `accord benchmark deu deu-dev.tsv -f json` (the file format: docs/validation.md)."))
def deu(
    file: Annotated[str, typer.Argument(help="A DEU TSV file (header, capability row, "
                                             "one row per issue).", show_default=False)],
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds "
                                                              "(proposals dealt into K folds).")
                     ] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the folds and the bootstrap.")
                    ] = 0,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=0, help="Bootstrap draws for "
                                                                      "the intervals (0: none).")
                         ] = 2000,
    model: Annotated[list[str] | None, typer.Option(
        "--model", "-m", help="Score only this model (repeatable); default: every model.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    from rich.progress import Progress

    from accord.models import MODELS, get_model
    from accord.reports.benchmark import (
        CV_HEADERS,
        INTERVAL_HEADERS,
        MODEL_HEADERS,
        benchmark_document,
        captions,
        cv_rows,
        interval_caption,
        interval_rows,
        model_rows,
    )
    from accord.reports.runs import markdown_table
    from accord.scenario.inputs import read_file
    from accord.validation import fitters
    from accord.validation.benchmark import run_benchmark, work_units
    from accord.validation.outcomes import outcome_set

    models = {name: get_model(name) for name in model} if model else MODELS
    loaded = read_file(file)
    if loaded.kind != "deu-tsv":
        raise InputError([Problem(file, 1, 1, f"not a DEU TSV file (read as {loaded.kind}); "
                                              "expected a tab-separated DEU table with "
                                              "p<actor>, s<actor>, rp and out columns")])
    for text in loaded.notes:
        note(text)
    data = outcome_set(loaded.scenarios, file)
    fits = fitters()
    if folds > data.n_groups:
        fits = []
        note(f"{folds} folds need {folds} proposals; the data has {data.n_groups}: "
             "no cross-validation")
    total = work_units(data, models, fits, folds)
    with Progress(console=stderr_console(), transient=True) as progress:
        task = progress.add_task("benchmark", total=total)
        result = run_benchmark(data, models, fits, draws=bootstrap, seed=seed, folds=folds,
                               tick=lambda: progress.advance(task))
    if fmt is Format.json:
        emit_json(benchmark_document(result))
        return
    head, cv_title, foot = captions(result, folds)
    rows, cvs, intervals = model_rows(result), cv_rows(result), interval_rows(result)
    if fmt is Format.markdown:
        text = f"## {head}\n\n" + markdown_table(MODEL_HEADERS, rows) + f"\n\n{foot}\n"
        if cvs:
            text += f"\n### {cv_title}\n\n" + markdown_table(CV_HEADERS, cvs) + "\n"
        if intervals:
            text += (f"\n### {interval_caption(folds, seed)}\n\n"
                     + markdown_table(INTERVAL_HEADERS, intervals) + "\n")
        emit_text(text)
        return
    table = Table(*MODEL_HEADERS, title=head, caption=foot, title_justify="left",
                  caption_justify="left")
    for row in rows:
        table.add_row(*row)   # the console reads no markup: "eum[scholz2011]" prints as it is
    emit_table(table)
    if cvs:
        cv_table = Table(*CV_HEADERS, title=cv_title, title_justify="left")
        for row in cvs:
            cv_table.add_row(*row)
        emit_table(cv_table)
    if intervals:
        interval_table = Table(*INTERVAL_HEADERS, title=interval_caption(folds, seed),
                               title_justify="left")
        for row in intervals:
            interval_table.add_row(*row)
        emit_table(interval_table)
