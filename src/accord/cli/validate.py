"""``accord validate``: check scenario files and report every problem with its place.

Kept apart from the commands that run models: it imports only what reads scenarios, so it
answers at once (``accord.cli.main`` loads just the module of the command asked for).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from accord.cli.app import Format, FormatOption, command, emit_json, emit_text
from accord.errors import InputError, Problem
from accord.reports.formatting import count
from accord.scenario.files import read_file
from accord.scenario.quotes import check_quotes
from accord.scenario.yamlread import read_yaml
from accord.textfile import read_text


@command("validate", help="Check scenario files (YAML, CSV, TSV) and report every problem as "
                          "FILE:LINE:COL: message. With --sources, also check that every quote "
                          "is verbatim in its source file. Exit status 2 if any file has a "
                          "problem.")
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...",
        help="Files to check.", show_default=False)],
    sources: Annotated[Path | None, typer.Option(
        "--sources", metavar="FOLDER",
        help="Folder with the source texts named by `file:` in sources.")] = None,
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
                       f"scenario '{first.id}': {count(len(first.actors), 'actor')}, "
                       f"{count(len(first.issues), 'issue')}, "
                       f"{count(len(first.stances), 'stance')}")
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
