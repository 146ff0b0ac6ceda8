"""``accord runs list|show|rerun``: the runs recorded in the store (docs/store.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from accord.cli.app import Format, FormatOption, app, emit_page
from accord.cli.store import DbOption, open_db, store_command
from accord.models.result import results_from_payload
from accord.reports.document import Block, Bullets, Heading, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.reports.run_record_view import bargain_options_text, bargain_record_blocks
from accord.workflows.rerun import RerunReport, rerun

if TYPE_CHECKING:
    from accord.store.records import RunRecord

runs_app = typer.Typer(
    name="runs", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="Runs recorded in the store: list them, show one, re-run one to check that it "
         "reproduces.")
app.add_typer(runs_app)

RunId = Annotated[int, typer.Argument(metavar="RUN_ID",
    help="The run's id (see `accord runs list`).",
                                      show_default=False)]


def _time(value: Any) -> str | None:
    return None if value is None else value.isoformat(sep=" ", timespec="seconds")


def describe(record: RunRecord) -> str:
    """What ran, in a few words: the models (with presets) or the model, draws and seed."""
    spec = record.spec
    models = spec.options.get("models")
    if isinstance(models, list) and models:
        names = [m.get("model", "?") + (f" ({m['preset']})" if m.get("preset") else "")
                 for m in models if isinstance(m, dict)]
        text = ", ".join(names)
    else:
        text = (spec.model or "") + (f" ({spec.preset})" if spec.preset else "")
    extra = [f"{k}={v}" for k, v in (("draws", spec.draws), ("seed", spec.seed)) if v is not None]
    if not text and record.kind == "bargain":  # no model: the bargaining options say what ran
        text = bargain_options_text(spec.options)
    return ", ".join(x for x in [text, *extra] if x)


def run_summary(record: RunRecord, state: str) -> dict[str, Any]:
    return {
        "id": record.id, "kind": record.kind, "status": state,
        "scenario": {"id": record.scenario_id, "digest": record.scenario_digest,
                     "title": record.scenario_title},
        "what": describe(record), "spec": record.spec.model_dump(mode="json"),
        "accord_version": record.accord_version, "started": _time(record.started_at),
        "finished": _time(record.finished_at), "seconds": record.seconds,
        "error": record.error,
    }


@store_command("list", group=runs_app, help="Recorded runs, newest first.")
def list_command(
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND",
        help="Only runs of this kind "
             "(run, bargain, mc, ...).")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", metavar="STATUS",
        help="Only runs with this status (running, finished, failed).")] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", metavar="ID", help="Only runs on the scenario with this id.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", min=0,
                                       help="At most this many (0: all).")] = 50,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    # SQLAlchemy: the store's modules load with the command that opens it
    from accord.store.runs import list_runs, run_state

    store = open_db(db)
    try:
        records = list_runs(store, kind=kind, status=status, scenario=scenario,
                            limit=limit or None)
    finally:
        store.close()
    docs = [run_summary(r, run_state(r)) for r in records]
    rows = tuple((str(d["id"]), d["kind"], d["scenario"]["id"], d["what"], d["status"],
                  d["started"] or "", "" if d["seconds"] is None else f"{d['seconds']:.1f} s")
                 for d in docs)
    title = f"Runs in {store.display_url}" if rows else f"No runs recorded in {store.display_url}"
    table = Table(headers=("Run", "Kind", "Scenario", "What", "Status", "Started (UTC)",
                           "Took"), rows=rows, numeric=(0, 6))
    emit_page(Page(title, (table,) if rows else ()), fmt, docs)


@store_command("show", group=runs_app,
               help="One recorded run: what ran, on which scenario version, and its result.")
def show(run_id: RunId, db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    # SQLAlchemy: the store's modules load with the command that opens it
    from accord.store.engine import StoreError
    from accord.store.runs import get_run, get_scenario_version, run_state

    store = open_db(db)
    scenario = None
    try:
        record = get_run(store, run_id)
        if record.kind == "bargain" and record.payload_text is not None:
            try:  # the run's scenario version names the issues and actors of its verdict
                scenario = get_scenario_version(store, record.scenario_digest).scenario()
            except StoreError:
                scenario = None
    finally:
        store.close()
    doc = run_summary(record, run_state(record))
    facts = [("Run", str(record.id)), ("Kind", record.kind), ("Status", doc["status"]),
             ("Scenario", f"{record.scenario_id}: {record.scenario_title}"),
             ("Scenario digest", record.scenario_digest), ("What", doc["what"]),
             ("accord version", record.accord_version),
             ("Started (UTC)", doc["started"] or ""), ("Finished (UTC)", doc["finished"] or "")]
    if record.spec.params:
        facts.append(("Parameters", ", ".join(f"{k}={v}" for k, v in record.spec.params.items())))
    if record.error:
        facts.append(("Error", record.error))
    blocks: list[Block] = [Table(headers=("", ""), rows=tuple(facts))]
    if record.kind == "bargain" and record.payload_text is not None:
        blocks += bargain_record_blocks(record.payload, scenario)
    outcomes = _outcome_rows(record)
    if outcomes:
        blocks += [Heading("Outcomes"),
                   Table(headers=("Model", "Issue", "Outcome"), rows=tuple(outcomes),
                         numeric=(2,))]
    emit_page(Page(f"Run {record.id}", tuple(blocks)), fmt, {**doc, "payload": record.payload})


def _outcome_rows(record: RunRecord) -> list[tuple[str, str, str]]:
    if record.kind != "run" or record.payload_text is None:
        return []
    rows = []
    for result in results_from_payload(record.payload):
        label = result.model + (f" ({result.preset})" if result.preset else "")
        for issue, value in result.outcome.items():
            rows.append((label, issue, "—" if value is None else f"{value:.4g}"))
    return rows


def _number(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:.6g}" if isinstance(value, float) else str(value)


@store_command("rerun", group=runs_app,
               help="Run a recorded run again from its stored settings and scenario version, "
                    "and compare with what it stored: says whether the result is identical, "
                    "or shows what changed (per issue and model for model runs). Exit status "
                    "2 for a kind of run that cannot be re-run yet.")
def rerun_command(
    run_id: RunId,
    check: Annotated[bool, typer.Option(
        "--check", help="Exit with status 1 when the result differs.")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    store = open_db(db)
    try:
        report = rerun(store, run_id)
    finally:
        store.close()
    emit_page(_rerun_page(report), fmt, _rerun_document(report))
    if check and not report.identical:
        raise typer.Exit(1)


def _rerun_document(report: RerunReport) -> dict[str, Any]:
    return {
        "run": report.record.id, "identical": report.identical,
        "stored_version": report.record.accord_version, "version": report.version_now,
        "outcomes": [{"model": c.model, "issue": c.issue, "stored": c.stored, "now": c.now}
                     for c in report.outcomes],
        "differences": [{"path": d.path, "stored": d.stored, "now": d.now}
                        for d in report.differences],
    }


def _rerun_page(report: RerunReport) -> Page:
    rec = report.record
    head = f"Run {rec.id} ({rec.kind} on {rec.scenario_id}, {describe(rec)})"
    title = f"Re-run of run {rec.id}"
    version = (f" (stored by accord {rec.accord_version}, re-run with {report.version_now})"
               if rec.accord_version != report.version_now else "")
    if report.identical:
        return Page(title, (Paragraph(f"{head}: reproduced exactly; the result is identical "
                                     f"to the stored one{version}."),))
    blocks: list[Block] = [Paragraph(f"{head}: the result DIFFERS from the stored one in "
                                     f"{count(len(report.differences), 'value')}{version}.")]
    changed = report.changed_outcomes
    if changed:
        rows = tuple((c.model, c.issue, _number(c.stored), _number(c.now),
                      _number(c.now - c.stored) if c.now is not None and c.stored is not None
                      else "") for c in changed)
        blocks += [Heading("Outcomes that changed"),
                   Table(headers=("Model", "Issue", "Stored", "Now", "Change"), rows=rows,
                         numeric=(2, 3, 4))]
    elif report.outcomes:
        blocks.append(Paragraph("Every outcome is unchanged; other values differ."))
    shown = report.differences[:20]
    lines = [f"{d.path}: {_short(d.stored)} -> {_short(d.now)}" for d in shown]
    if len(report.differences) > len(shown):
        lines.append(f"... and {len(report.differences) - len(shown)} more (--format json "
                     "lists them all)")
    blocks += [Heading("Differences (stored -> now)"), Bullets(tuple(lines))]
    return Page(title, tuple(blocks))


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
