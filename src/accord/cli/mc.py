"""``accord mc``: Monte Carlo over the scenario's distributions (docs/uncertainty.md)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress

from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import input_text, load_input
from accord.cli.options import (
    CLI_NAMES,
    DISAGREEMENT,
    DRAWS,
    HORIZON,
    LOSS,
    ConcessionsOption,
    DisagreementOption,
    DrawsOption,
    HorizonOption,
    LossOption,
    McSeedOption,
    ModelOption,
    ParamOption,
    PositionSdOption,
    PresetOption,
    RoundsOption,
    SalienceSdOption,
    ScenarioArg,
    bargain_settings,
    model_choices,
)
from accord.cli.store import DbOption, NoStoreOption, recorder
from accord.errors import UsageError
from accord.reports.document import Page
from accord.reports.formatting import count
from accord.reports.mc_view import mc_blocks
from accord.reports.run_view import title_of
from accord.scenario.schema import Scenario
from accord.uncertainty.backends import Backend, DaskCluster, ProcessPool
from accord.uncertainty.drawsfile import DrawsWriter, header
from accord.uncertainty.montecarlo import McResult, Progress
from accord.uncertainty.sampling import uncertain_inputs
from accord.uncertainty.summary import mc_document
from accord.workflows.mc_job import job_settings, run_monte_carlo
from accord.workflows.settings import MonteCarloSettings, parse
from accord.workflows.specs import mc_spec


def _backend(workers: int | None, scheduler: str | None, timeout: float) -> Backend:
    if scheduler is not None:
        if workers is not None:
            raise UsageError("give --workers (local processes) or --scheduler (a Dask "
                             "cluster), not both")
        cluster = DaskCluster(scheduler, timeout)
        cluster.check_address()
        return cluster
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be 1 or more, got {workers}")
    return ProcessPool(workers)


class _Bar:
    """A rich progress bar on stderr, updated once per chunk (none when not on a terminal)."""

    def __init__(self, show: bool, total: int) -> None:
        self.progress: RichProgress | None = None
        if show:
            self.progress = RichProgress(
                TextColumn("draws"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("eta"), TimeRemainingColumn(),
                console=Console(stderr=True), auto_refresh=False, transient=True)
            self.task = self.progress.add_task("mc", total=total)

    def __enter__(self) -> _Bar:
        if self.progress is not None:
            self.progress.start()
        return self

    def update(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=done, total=total, refresh=True)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


@command("mc", help="Monte Carlo: draw the scenario's uncertain numbers (its distributions, "
                    "and noise added with --position-sd / --salience-sd) N times, run the "
                    "models and the bargaining analysis on every draw, and report per issue "
                    "the median and 90% interval of each model's forecast, the probability "
                    "of a deal, of each zone being open and of a zone having opened by each "
                    "month, and which inputs drive the results (rank correlations).\n\n"
                    "Draw k uses child k of numpy's SeedSequence(SEED): the same SEED and "
                    "DRAWS give the same output whatever --workers or --scheduler.\n\n"
                    "Examples: `accord mc`; `accord mc --draws 100000 --seed 7 -f json`; "
                    "`accord mc FILE.yaml --model eum --position-sd 5`; `accord mc "
                    "--scheduler tcp://HOST:8786`. See docs/uncertainty.md.")
def mc(
    scenario: ScenarioArg = None,
    draws: DrawsOption = DRAWS,
    seed: McSeedOption = 0,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", metavar="N", show_default=False,
        help="Local worker processes (default: one per CPU; 1 runs in this process).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS", help="Run on a Dask cluster, e.g. "
                                               "tcp://HOST:8786 (needs accord[dask]).")] = None,
    connect_timeout: Annotated[float, typer.Option(
        "--connect-timeout", min=0.1, metavar="SECONDS",
        help="With --scheduler: how long to wait for the scheduler to answer.")] = 10.0,
    model: ModelOption = None,
    preset: PresetOption = None,
    param: ParamOption = None,
    rounds: RoundsOption = None,
    bargain: Annotated[bool, typer.Option(
        "--bargain/--no-bargain", help="Also run the bargaining analysis on every draw "
                                       "(verdict, zones, opening month).")] = True,
    concessions: ConcessionsOption = 0,
    horizon: HorizonOption = HORIZON,
    loss: LossOption = LOSS,
    no_deal_rule: DisagreementOption = DISAGREEMENT,
    position_sd: PositionSdOption = None,
    salience_sd: SalienceSdOption = None,
    draws_out: Annotated[str | None, typer.Option(
        "--draws-out", metavar="FILE.csv", help="Write every draw's inputs and outputs to "
                                                "this CSV file.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="With --draws-out: overwrite the file even if it is not a draws file "
                        "accord wrote.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no notes about the run on stderr (the "
                              "store still names the run it recorded).")] = False,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    say = (lambda text: None) if quiet else note
    settings = parse(MonteCarloSettings, {
        "draws": draws, "seed": seed,
        "models": model_choices(model, preset, param, rounds),
        "bargain": bargain_settings(loss=loss, disagreement=no_deal_rule, horizon=horizon)
        if bargain else None,
        "position_sd": position_sd, "salience_sd": salience_sd, "concessions": concessions,
        "record": not no_store}, CLI_NAMES)
    backend = _backend(workers, scheduler, connect_timeout)
    loaded = load_input(scenario)
    for text in loaded.notes:
        say(text)
    scn = loaded.scenario
    job = job_settings(settings, scn)
    writer = None
    if draws_out is not None:  # checked before the run is recorded
        writer = DrawsWriter(draws_out, header(scn, job, uncertain_inputs(scn, job.noise)),
                             draws, force=force)
    elif force:
        raise UsageError("--force goes with --draws-out")
    show = not quiet and sys.stderr.isatty()
    with recorder(db, settings.record, mc_spec(scn, settings, job.chunk), scn,
                  input_text(scenario, loaded)) as rec:
        with _Bar(show, draws) as bar:
            result = _run(scn, settings, backend, bar.update, writer)
        document = mc_document(result)
        rec.finish(document)
    for text in document.notes:
        say(text)
    where = (f"on the Dask cluster at {scheduler} ({result.workers} threads)"
             if result.backend == "dask" else
             "in this process" if result.workers == 1 or job.chunks == 1 else
             f"on {result.workers} worker processes")
    say(f"{draws:,} draws of {count(len(result.inputs), 'uncertain input')} {where}, "
        f"chunks of {job.chunk:,}")
    if draws_out:
        say(f"per-draw rows written to {draws_out}")
    page = Page(title_of(scn) + (": Monte Carlo" if fmt is Format.markdown else ""),
                tuple(mc_blocks(scn, document)))
    emit_page(page, fmt, document)


def _run(scn: Scenario, settings: MonteCarloSettings, backend: Backend, progress: Progress,
         writer: DrawsWriter | None) -> McResult:
    if writer is None:
        return run_monte_carlo(scn, settings, backend, progress=progress)
    with writer:
        return run_monte_carlo(scn, settings, backend, progress=progress, rows=writer.write)
