"""``accord report``: a self-contained HTML or Markdown report of a scenario."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli.app import (
    ConfirmationFormatOption,
    Format,
    command,
    emit_json,
    emit_line,
    note,
    working,
)
from accord.cli.inputs import load_input
from accord.cli.options import (
    HORIZON,
    HorizonOption,
    ScenarioArg,
    bargain_settings,
    quick_defaults,
)
from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.reports.build import build_report
from accord.reports.formatting import count
from accord.reports.html import render_html
from accord.reports.markdown import is_chart_file, render_markdown
from accord.reports.output import check_folder, check_output, mark, replace_folder
from accord.textfile import os_reason, write_output
from accord.workflows.registry import MODELS, TIMELINE_MODELS, get_model
from accord.workflows.report_data import gather, with_monte_carlo

REPORT_KINDS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def images_folder(path: Path) -> Path:
    """Where a Markdown report's charts go: ``NAME_files`` beside ``NAME.md``."""
    return path.with_name(f"{path.stem}_files")


@command("report", help="Write a report of a scenario: a summary (forecast per issue, verdict, "
                        "what would open a deal and when), a chart per issue, the models "
                        "compared, the expected-utility model's rounds, the timeline of its "
                        "case, the evidence, the predictions and how they fared, the "
                        "sources.\n\n"
                        "FILE.html is one self-contained page that loads nothing from the "
                        "network; FILE.md is Markdown with its charts in FILE_files/. "
                        "--draws N adds the uncertainty of a Monte Carlo run.\n\n"
                        "Examples: `accord report -o ukraine.html`; `accord report "
                        "--draws 5000 -o ukraine.html`; `accord report talks.yaml -o "
                        "talks.md --images png`.")
def report(
    scenario: ScenarioArg = None,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE", help="The report file: FILE.html or FILE.md.",
        show_default=False)] = "",
    model: Annotated[list[str] | None, typer.Option(
        "--model", "-m", metavar="MODEL",
        help="Model to include (repeatable; default: every model; see "
             "`accord models`).")] = None,
    images: Annotated[str, typer.Option(
        "--images", metavar="svg|png",
        help="Markdown reports: write the charts as svg or png files.")] = "svg",
    timeline: Annotated[bool, typer.Option(
        "--timeline/--no-timeline", help="Include the timeline of the scenario's case when "
                                         "it is a snapshot of one.")] = True,
    horizon: HorizonOption = HORIZON,
    draws: Annotated[int, typer.Option(
        "--draws", metavar="N", min=0, max=1_000_000,
        help="Add an uncertainty section from a Monte Carlo run of this many draws (as "
             "`accord mc`; 0: none). A few thousand draws take a few seconds.")] = 0,
    seed: Annotated[int, typer.Option(
        "--seed", metavar="N", min=0, help="Root seed of the Monte Carlo run.")] = 0,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the output file even if it is not a report accord "
                        "wrote.")] = False,
    fmt: ConfirmationFormatOption = Format.table,
) -> None:
    if not output:
        raise UsageError("--output/-o FILE.html or FILE.md is required")
    path, kind = check_output(output, REPORT_KINDS, "--output", force=force, owned="a report")
    if images not in ("svg", "png"):
        raise UsageError(f"--images takes svg or png, got '{images}'")
    folder = None
    if kind == "markdown":
        folder = images_folder(path)
        check_folder(folder, is_chart_file)
    for name in model or []:
        get_model(name)
    bargain = bargain_settings(horizon=horizon)

    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    if loaded.is_collection:
        raise UsageError(f"{loaded.name} holds {len(loaded.scenarios)} scenarios; a report "
                         "covers one")
    scn = loaded.scenario
    if scn.is_uncertain() and not draws:
        note("the scenario has distributions; the report uses their point values (--draws N "
             "adds their spread)")
    models, timeline_models = model, None
    if not model:   # every model by default, but not one that would take minutes here
        kept = quick_defaults(tuple(ModelChoice(model=n) for n in MODELS), scn)
        if len(kept) < len(MODELS):   # the timeline and --draws keep their own defaults
            models, timeline_models = [c.model for c in kept], list(TIMELINE_MODELS)
    with working() as step:
        data = gather(scn, models=models, timeline_models=timeline_models, bargain=bargain,
                      with_timeline=timeline, step=step)
    if draws:
        if not scn.is_uncertain():
            note("the scenario has no distributions: every Monte Carlo draw is the same "
                 "(give ranges in the file, or run `accord mc --position-sd X`)")
        data = with_monte_carlo(data, draws, seed, models=model, bargain=bargain)
    doc = build_report(data)
    written: list[str] = []
    workers = min(2, os.cpu_count() or 1)  # charts drawn in forked processes: same output
    if kind == "html":
        body = render_html(doc, workers).encode("utf-8")
    else:
        assert folder is not None
        text, files = render_markdown(doc, folder.name, images, workers)
        body = mark(text.encode("utf-8"), kind)
        try:
            replace_folder(folder, files)
        except OSError as exc:
            raise UsageError(f"--output {path}: cannot write the images folder {folder} "
                             f"({os_reason(exc)})") from None
        written = sorted(files)
    write_output(path, body, "--output")
    summary: dict[str, Any] = {
        "output": str(path), "format": kind, "bytes": len(body),
        "scenario": {"id": scn.id, "digest": scn.digest()},
        "sections": [{"key": s.key, "title": s.title} for s in doc.sections],
        "charts": [c.key for c in doc.charts()],
        "images": None if folder is None else {"folder": str(folder), "files": written},
    }
    if fmt is Format.json:
        emit_json(summary)
        return
    extra = (f" and {count(len(written), 'image')} in {folder}" if folder is not None
             else "")
    line = (f"Wrote {path} ({len(body) / 1024:.0f} kB, {count(len(doc.sections), 'section')}, "
            f"{count(len(doc.charts()), 'chart')}){extra}.")
    emit_line(line, fmt)
