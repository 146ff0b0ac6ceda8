"""``accord mc``: Monte Carlo over the scenario's distributions (docs/uncertainty.md)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli.app import (
    Format,
    FormatOption,
    command,
    emit_json,
    emit_text,
    note,
    parse_params,
    stdout_console,
)
from accord.cli.bargain import HorizonOption
from accord.cli.run import (
    ModelOption,
    ParamOption,
    PresetOption,
    RoundsOption,
    ScenarioArg,
    plan_models,
)
from accord.cli.store import DbOption, NoStoreOption, RecordedRun, input_text
from accord.errors import UsageError

if TYPE_CHECKING:
    from accord.scenario.schema import Scenario
    from accord.uncertainty import Backend, McResult, McSettings
    from accord.uncertainty.drawsfile import DrawsWriter
    from accord.uncertainty.montecarlo import Progress


def _backend(workers: int | None, scheduler: str | None, timeout: float) -> Backend:
    from accord.uncertainty import DaskCluster, ProcessPool

    if scheduler is not None:
        if workers is not None:
            raise UsageError("give --workers (local processes) or --scheduler (a Dask "
                             "cluster), not both")
        cluster = DaskCluster(scheduler, timeout)
        cluster.check_address()
        return cluster
    return ProcessPool(workers)


class _Bar:
    """A rich progress bar on stderr, updated once per chunk (none when not on a terminal)."""

    def __init__(self, show: bool, total: int) -> None:
        self.progress = None
        if show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
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
    draws: Annotated[int, typer.Option(
        "--draws", "-n", min=1, max=2**32, help="Number of draws.")] = 10_000,
    seed: Annotated[int, typer.Option(
        "--seed", min=0, help="Root seed (a whole number, 0 or more).")] = 0,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Local worker processes (default: one per CPU; 1 "
                                       "runs in this process).", show_default=False)] = None,
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
    horizon: HorizonOption = 60,
    loss: Annotated[str, typer.Option(
        "--loss", help="Bargaining: loss of distance, linear or quadratic.")] = "linear",
    no_deal_rule: Annotated[str, typer.Option(
        "--disagreement", help="Bargaining: what each veto player expects from no deal "
                               "(reservation, status-quo or worst; see accord bargain).")
    ] = "reservation",
    position_sd: Annotated[float | None, typer.Option(
        "--position-sd", min=0, help="Add a normal of this sd (points of the 0-100 scale, "
                                     "truncated to the issue's range) to every plain "
                                     "position.", show_default=False)] = None,
    salience_sd: Annotated[float | None, typer.Option(
        "--salience-sd", min=0, help="Add a normal of this sd (truncated to [0, 1]) to every "
                                     "plain salience.", show_default=False)] = None,
    draws_out: Annotated[str | None, typer.Option(
        "--draws-out", metavar="FILE.csv", help="Write every draw's inputs and outputs to "
                                                "this CSV file.")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no notes about the run on stderr (the "
                              "store still names the run it recorded).")] = False,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    from accord.bargaining import BargainOptions
    from accord.models import DEFAULT_MODELS
    from accord.runspec import RunSpec
    from accord.scenario.inputs import load_input
    from accord.uncertainty import McSettings, ModelEntry, Noise, mc_document
    from accord.uncertainty.outcomes import check_entries

    say = (lambda text: None) if quiet else note
    overrides = parse_params(param)
    if rounds is not None:
        overrides["rounds"] = str(rounds)
    plan = plan_models(model or list(DEFAULT_MODELS), preset, overrides)
    entries = tuple(ModelEntry(m.name, p, o) for m, p, o in plan)
    check_entries(entries)
    options = BargainOptions(loss=loss, disagreement=no_deal_rule,  # type: ignore[arg-type]
                             horizon=horizon) if bargain else None
    try:
        noise = Noise(position_sd=position_sd, salience_sd=salience_sd)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    settings = McSettings(draws=draws, seed=seed, models=entries, bargain=options, noise=noise)
    backend = _backend(workers, scheduler, connect_timeout)
    loaded = load_input(scenario)
    for text in loaded.notes:
        say(text)
    scn = loaded.scenario
    spec = RunSpec(kind="mc", scenario_id=scn.id, scenario_digest=scn.digest(), draws=draws,
                   seed=seed, options=settings.options())
    writer = None
    if draws_out is not None:  # checked before the run is recorded
        from accord.uncertainty.drawsfile import DrawsWriter, header
        from accord.uncertainty.sampling import uncertain_inputs

        writer = DrawsWriter(draws_out, header(scn, settings,
                                               uncertain_inputs(scn, settings.noise)))
    show = not quiet and sys.stderr.isatty()
    with RecordedRun(db, not no_store, spec, scn, input_text(scenario, loaded)) as rec:
        with _Bar(show, draws) as bar:
            result = _run(scn, settings, backend, bar.update, writer)
        document = mc_document(result)
        rec.finish(document)
    for text in document["notes"]:
        say(text)
    where = (f"on the Dask cluster at {scheduler} ({result.workers} threads)"
             if result.backend == "dask" else
             "in this process" if result.workers == 1 or settings.chunks == 1 else
             f"on {result.workers} worker processes")
    say(f"{draws:,} draws of {len(result.inputs)} uncertain input(s) {where}, "
        f"chunks of {settings.chunk:,}")
    if draws_out:
        say(f"per-draw rows written to {draws_out}")
    if fmt is Format.json:
        emit_json(document)
    elif fmt is Format.markdown:
        from accord.cli.mc_render import mc_markdown

        emit_text(mc_markdown(scn, document))
    else:
        from accord.cli.mc_render import print_tables

        print_tables(stdout_console(), scn, document)


def _run(scn: Scenario, settings: McSettings, backend: Backend, progress: Progress,
         writer: DrawsWriter | None) -> McResult:
    from accord.uncertainty import monte_carlo

    if writer is None:
        return monte_carlo(scn, settings, backend, progress=progress)
    with writer:
        return monte_carlo(scn, settings, backend, progress=progress, rows=writer.write)
