"""Scenario versions and runs: write and read them, each write one transaction.

A run is written twice: :func:`start_run` commits a ``running`` row (with its scenario version)
before the work starts, and :func:`finish_run` (or :func:`fail_run`) sets the outcome, the
payload and the end time in one UPDATE. A process killed in between, or during that UPDATE,
leaves the run ``running`` with no payload: never ``finished`` with half a result.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from contextlib import suppress
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Row, select
from sqlalchemy.dialects import postgresql, sqlite

from accord._version import __version__
from accord.errors import UsageError
from accord.jsonable import clean_json
from accord.runspec import RunSpec
from accord.scenario.load import parse_scenario
from accord.scenario.save import dump_scenario
from accord.scenario.schema import Scenario
from accord.store.engine import Store, StoreError
from accord.store.records import FAILED, FINISHED, INTERRUPTED, RUNNING, RunRecord, ScenarioVersion
from accord.store.tables import runs, scenario_versions


def utcnow() -> dt.datetime:
    """Now in UTC, without a time zone (how the store keeps times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def payload_text(payload: Any) -> str:
    """JSON text of what a run produced: a Result, a list of Results, or any JSON document.

    Pydantic models are dumped in JSON mode; numpy values become plain numbers and NaN becomes
    null (JSON has no NaN).
    """
    def plain(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json")
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        return value

    try:
        return json.dumps(clean_json(plain(payload)), ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot store this result as JSON: {exc}") from None


def scenario_text(scenario: Scenario, file_text: str | None = None) -> tuple[str, str]:
    """(text, kind) to keep for a scenario: the user's file when it reads back to the same
    scenario, else canonical YAML (:func:`accord.scenario.save.dump_scenario`)."""

    digest = scenario.digest()
    if file_text is not None:
        with suppress(Exception):  # not a YAML scenario (e.g. a CSV): keep canonical YAML
            if parse_scenario(file_text, "<file>").digest() == digest:
                return file_text, "file"
    text = dump_scenario(scenario)
    if parse_scenario(text, "<canonical>").digest() != digest:
        raise StoreError(f"scenario {scenario.id} does not read back from YAML unchanged; "
                         "it cannot be stored for re-running")
    return text, "canonical"


def _has_version(conn: Connection, digest: str) -> bool:
    return conn.execute(select(scenario_versions.c.digest)
                        .where(scenario_versions.c.digest == digest)).first() is not None


def _insert_version(conn: Connection, scenario: Scenario, text: str, kind: str) -> None:
    values = {"digest": scenario.digest(), "scenario_id": scenario.id,
              "title": scenario.title, "as_of": scenario.as_of, "text": text,
              "text_kind": kind, "created_at": utcnow()}
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    conn.execute(dialect.insert(scenario_versions).values(**values)
                 .on_conflict_do_nothing(index_elements=["digest"]))


def start_run(store: Store, spec: RunSpec, scenario: Scenario,
              file_text: str | None = None) -> int:
    """Record that a run starts (status ``running``); its id. Commits before returning.

    The scenario's text is prepared before the write transaction (scenario versions are never
    deleted, so one seen stored stays stored), to hold SQLite's write lock briefly.
    """
    digest = scenario.digest()
    if spec.scenario_digest != digest:
        raise StoreError(f"the run spec names scenario digest {spec.scenario_digest[:12]}, "
                         f"but the scenario given has {digest[:12]}")
    with store.reading() as conn:
        known = _has_version(conn, digest)
    version = None if known else scenario_text(scenario, file_text)
    with store.writing() as conn:
        if version is not None:
            _insert_version(conn, scenario, *version)
        row = conn.execute(runs.insert().values(
            kind=spec.kind, spec=spec.model_dump_json(), scenario_digest=digest,
            accord_version=__version__, status=RUNNING, started_at=utcnow(),
            host=socket.gethostname(), pid=os.getpid(),
        ).returning(runs.c.id)).scalar_one()
    return int(row)


def finish_run(store: Store, run_id: int, payload: Any) -> None:
    """Store what run ``run_id`` produced and mark it ``finished``, in one transaction."""
    text = payload if isinstance(payload, str) else payload_text(payload)
    _close(store, run_id, FINISHED, payload=text)


def fail_run(store: Store, run_id: int, error: str) -> None:
    """Mark run ``run_id`` ``failed`` with the reason."""
    _close(store, run_id, FAILED, error=error[:10_000])


def _close(store: Store, run_id: int, status: str, *, payload: str | None = None,
           error: str | None = None) -> None:
    with store.writing() as conn:
        done = conn.execute(
            runs.update().where(runs.c.id == run_id, runs.c.status == RUNNING)
            .values(status=status, payload=payload, error=error, finished_at=utcnow()))
        if done.rowcount != 1:
            raise StoreError(f"run {run_id} is not running (it was not started, or already "
                             "ended)")


def record_run(store: Store, spec: RunSpec, scenario: Scenario, payload: Any,
               file_text: str | None = None) -> int:
    """Record a run that has already produced ``payload`` (start and finish); its id."""
    run_id = start_run(store, spec, scenario, file_text)
    finish_run(store, run_id, payload)
    return run_id


_RUN_COLUMNS = (runs.c.id, runs.c.kind, runs.c.spec, runs.c.scenario_digest,
                scenario_versions.c.scenario_id, scenario_versions.c.title,
                runs.c.accord_version, runs.c.status, runs.c.started_at, runs.c.finished_at,
                runs.c.error, runs.c.host, runs.c.pid)


def _record(row: Row[Any, *tuple[Any, ...]], payload: str | None = None) -> RunRecord:
    m = row._mapping
    return RunRecord(
        id=m["id"], kind=m["kind"], spec=RunSpec.model_validate_json(m["spec"]),
        scenario_digest=m["scenario_digest"], scenario_id=m["scenario_id"],
        scenario_title=m["title"], accord_version=m["accord_version"], status=m["status"],
        started_at=m["started_at"], finished_at=m["finished_at"], error=m["error"],
        host=m["host"], pid=m["pid"], payload_text=payload)


def get_run(store: Store, run_id: int, *, with_payload: bool = True) -> RunRecord:
    """Run ``run_id`` (with its payload unless told otherwise); UsageError if there is none."""
    columns = (*_RUN_COLUMNS, runs.c.payload) if with_payload else _RUN_COLUMNS
    query = select(*columns).join_from(runs, scenario_versions).where(runs.c.id == run_id)
    with store.reading() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise UsageError(f"there is no run {run_id} in {store.display_url}")
    return _record(row, row._mapping["payload"] if with_payload else None)


def list_runs(store: Store, *, kind: str | None = None, status: str | None = None,
              scenario: str | None = None, limit: int | None = 50) -> list[RunRecord]:
    """Recorded runs, newest first, without payloads."""
    query = select(*_RUN_COLUMNS).join_from(runs, scenario_versions).order_by(runs.c.id.desc())
    if kind:
        query = query.where(runs.c.kind == kind)
    if status:
        query = query.where(runs.c.status == status)
    if scenario:
        query = query.where(scenario_versions.c.scenario_id == scenario)
    if limit:
        query = query.limit(limit)
    with store.reading() as conn:
        return [_record(row) for row in conn.execute(query)]


def get_scenario_version(store: Store, digest: str) -> ScenarioVersion:
    """The stored scenario version with this digest."""
    with store.reading() as conn:
        row = conn.execute(select(scenario_versions)
                           .where(scenario_versions.c.digest == digest)).first()
    if row is None:
        raise StoreError(f"scenario version {digest[:12]} is missing from the store")
    return ScenarioVersion(**row._mapping)


def run_state(record: RunRecord, host: str | None = None) -> str:
    """The status to show: ``interrupted`` for a ``running`` run whose process is gone.

    Only a run started on this host can be checked; elsewhere it stays ``running``.
    """
    if record.status != RUNNING or record.pid is None:
        return record.status
    if record.host != (host or socket.gethostname()) or os.name == "nt":
        return record.status  # (on Windows, os.kill(pid, 0) would signal the process)
    try:
        os.kill(record.pid, 0)
    except ProcessLookupError:
        return INTERRUPTED
    except PermissionError:
        return record.status
    return record.status
