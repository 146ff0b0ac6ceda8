"""``accord benchmark deu FILE``: accuracy of every model on DEU data with known outcomes."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress

from accord.cli.app import Format, FormatOption, app, command, emit_page, note, stderr_console
from accord.errors import InputError, Problem
from accord.reports.benchmark_view import (
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
from accord.reports.document import Block, Heading, Page, Table
from accord.scenario.files import read_file
from accord.validation import fitters
from accord.validation.benchmark import run_benchmark, work_units
from accord.validation.outcomes import outcome_set
from accord.workflows.registry import MODELS, get_model

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
    file: Annotated[str, typer.Argument(
        metavar="FILE", help="A DEU TSV file (header, capability row, one row per issue).",
        show_default=False)],
    folds: Annotated[int, typer.Option(
        "--folds", metavar="K", min=2,
        help="Cross-validation folds (proposals dealt into K folds).")] = 10,
    seed: Annotated[int, typer.Option(
        "--seed", metavar="N", help="Seed of the folds and the bootstrap.")] = 0,
    bootstrap: Annotated[int, typer.Option(
        "--bootstrap", metavar="N", min=0,
        help="Bootstrap draws for the intervals (0: none).")] = 2000,
    model: Annotated[list[str] | None, typer.Option(
        "--model", "-m", metavar="MODEL",
        help="Score only this model (repeatable); default: every model.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    models = {name: get_model(name) for name in model} if model else dict(MODELS)
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
    head, cv_title, foot = captions(result, folds)
    blocks: list[Block] = [Table(headers=tuple(MODEL_HEADERS),
                                 rows=tuple(tuple(r) for r in model_rows(result)),
                                 numeric=tuple(range(1, len(MODEL_HEADERS))), caption=foot)]
    cvs = cv_rows(result)
    if cvs:
        blocks += [Heading(cv_title), Table(headers=tuple(CV_HEADERS),
                                            rows=tuple(tuple(r) for r in cvs),
                                            numeric=tuple(range(1, len(CV_HEADERS))))]
    intervals = interval_rows(result)
    if intervals:
        blocks += [Heading(interval_caption(folds, seed)),
                   Table(headers=tuple(INTERVAL_HEADERS),
                         rows=tuple(tuple(r) for r in intervals),
                         numeric=tuple(range(1, len(INTERVAL_HEADERS))))]
    emit_page(Page(head, tuple(blocks)), fmt, benchmark_document(result))
