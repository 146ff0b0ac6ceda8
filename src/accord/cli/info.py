"""``accord cases``, ``accord models`` and ``accord validate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from accord.cases import list_cases
from accord.cli.app import Format, FormatOption, command, emit_json, emit_page, emit_text
from accord.errors import InputError, Problem
from accord.reports.document import Page, Table
from accord.scenario.files import read_file
from accord.scenario.quotes import check_quotes
from accord.scenario.yamlread import read_yaml
from accord.textfile import read_text
from accord.workflows.registry import MODELS


@command("cases", help="List the built-in cases (the default is marked with *).")
def cases(fmt: FormatOption = Format.table) -> None:
    infos = list_cases()
    rows = tuple((("* " if i.default else "") + i.id, i.as_of or "", i.title, str(i.actors),
                  str(i.issues)) for i in infos)
    table = Table(headers=("Case", "As of", "Title", "Actors", "Issues"), rows=rows,
                  numeric=(3, 4))
    emit_page(Page("Built-in cases (* = default)", (table,)), fmt,
              [info.__dict__ for info in infos])


@command("models", help="List the forecasting models with their presets and parameters.")
def models(fmt: FormatOption = Format.table) -> None:
    entries = [{
        "name": m.name, "title": m.title, "citation": m.citation,
        "presets": list(m.presets), "default_preset": m.default_preset,
        "parameters": {k: repr(f.default) for k, f in m.params_type.model_fields.items()},
    } for m in MODELS.values()]
    rows = tuple((m.name, m.title, ", ".join(m.presets) or "—", m.citation)
                 for m in MODELS.values())
    table = Table(headers=("Model", "What it is", "Presets", "Source"), rows=rows)
    emit_page(Page("Models (accord run --model NAME [--preset P])", (table,)), fmt, entries)


@command("validate", help="Check scenario files (YAML, CSV, TSV) and report every problem as "
                          "FILE:LINE:COL: message. With --sources, also check that every quote "
                          "is verbatim in its source file. Exit status 2 if any file has a "
                          "problem.")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Files to check.", show_default=False)],
    sources: Annotated[Path | None, typer.Option(
        "--sources", help="Folder with the source texts named by `file:` in sources.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    report = []
    failed = False
    for path in files:
        problems: list[Problem] = []
        summary = ""
        try:
            loaded = read_file(path)
            n = len(loaded.scenarios)
            first = loaded.scenarios[0]
            summary = (f"{n} scenarios" if n > 1 else
                       f"scenario '{first.id}': {len(first.actors)} actors, "
                       f"{len(first.issues)} issues, {len(first.stances)} stances")
            if sources is not None and loaded.kind == "yaml":
                located = read_yaml(read_text(path), str(path))
                problems += [located.problem(p, m) for p, m in check_quotes(first, sources)]
        except InputError as exc:
            problems += exc.problems
        failed = failed or bool(problems)
        report.append({"file": str(path), "valid": not problems, "summary": summary,
                       "problems": [{"line": p.line, "col": p.col, "message": p.message}
                                    for p in problems]})
        for p in problems:
            print(str(p), file=sys.stderr)
        if not problems and fmt is not Format.json:
            emit_text(f"{path}: OK ({summary})")
    if fmt is Format.json:
        emit_json(report)
    if failed:
        raise typer.Exit(2)
