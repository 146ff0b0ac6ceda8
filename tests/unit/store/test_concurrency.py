"""Transactions under stress: two processes writing at once lose nothing, and a process
SIGKILLed in the middle of writing a large result leaves a consistent database with no run
marked finished."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import text

from accord.store.migrate import current_revision, open_store
from accord.store.records import FINISHED, INTERRUPTED, RUNNING
from accord.store.runs import get_run, list_runs, record_run, run_state
from accord.store.tables import HEAD
from tests.conftest import ROOT
from tests.unit.store.helpers import model_run, talks
from tests.unit.store.procs import big_payload

pytestmark = pytest.mark.slow  # processes killed mid-write

RUNS_EACH = 200


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    return subprocess.Popen([sys.executable, "-m", "tests.unit.store.procs", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _expect(proc: subprocess.Popen[str], line: str, timeout: float = 60) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    got = proc.stdout.readline().strip()
    while not got.startswith(line):
        if time.monotonic() > deadline or proc.poll() is not None:
            stderr = proc.stderr.read() if proc.stderr else ""
            raise AssertionError(f"expected {line!r}, got {got!r}; stderr:\n{stderr}")
        got = proc.stdout.readline().strip()
    return got


def test_two_processes_writing_at_once_lose_nothing(db_url: str) -> None:
    # the database is fresh: both writers also create the schema at the same moment
    procs = [_start("writer", db_url, tag, str(RUNS_EACH)) for tag in ("a", "b")]
    for proc in procs:
        _expect(proc, "ready")
    for proc in procs:                       # release both together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    store = open_store(db_url)
    try:
        with store.reading() as conn:
            assert current_revision(conn) == HEAD
        records = list_runs(store, limit=None)
        assert len(records) == 2 * RUNS_EACH
        assert len({r.id for r in records}) == 2 * RUNS_EACH
        assert all(r.status == FINISHED for r in records)
        tags = Counter((r.spec.options["writer"], r.spec.options["index"]) for r in records)
        assert set(tags) == {(t, k) for t in ("a", "b") for k in range(RUNS_EACH)}
        assert max(tags.values()) == 1
        _, results = model_run(talks(), ("compromise",))
        for run_id in (records[0].id, records[-1].id):
            stored = get_run(store, run_id).payload
            assert stored == json.loads(json.dumps([r.model_dump(mode="json")
                                                    for r in results]))
    finally:
        store.close()


def _check_consistent(db_url: str) -> None:
    store = open_store(db_url)
    try:
        if store.backend == "sqlite":
            with store.reading() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        for record in list_runs(store, limit=None):
            full = get_run(store, record.id)
            if full.status == FINISHED:
                assert full.finished_at is not None
                payload = full.payload
                if full.kind == "mc":
                    assert len(payload["draws"]) == payload["size"]   # the whole document
            else:
                assert full.payload_text is None and full.finished_at is None
        # the database still takes writes (no lock left behind)
        spec, results = model_run(talks(), ("mean",))
        assert get_run(store, record_run(store, spec, talks(), results)).status == FINISHED
    finally:
        store.close()


def test_kill_during_a_large_write_leaves_no_run_finished(db_url: str) -> None:
    store = open_store(db_url)
    spec, results = model_run(talks(), ("compromise",))
    earlier = record_run(store, spec, talks(), results)
    store.close()
    proc = _start("big", db_url, "200000")             # about 20 MB of JSON
    run_id = int(_expect(proc, "run").split()[1])
    _expect(proc, "UPDATED", timeout=120)              # the UPDATE is in, not committed
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    store = open_store(db_url)
    try:
        killed = get_run(store, run_id)
        assert killed.status == RUNNING and killed.payload_text is None
        assert killed.finished_at is None
        assert run_state(killed) == INTERRUPTED        # its process is gone
        assert get_run(store, earlier).status == FINISHED
    finally:
        store.close()
    _check_consistent(db_url)


def test_kills_at_random_moments_while_streaming_large_results(db_url: str) -> None:
    rng = random.Random(7)
    for _ in range(2):
        proc = _start("stream", db_url, "60000")       # about 6 MB per run
        _expect(proc, "ready")
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    _check_consistent(db_url)
    store = open_store(db_url)
    try:
        states = Counter(r.status for r in list_runs(store, limit=None))
        assert states[RUNNING] <= 2                    # at most the one each kill cut short
    finally:
        store.close()


def test_big_payload_helper_is_what_the_check_expects() -> None:
    doc = big_payload(5)
    assert len(doc["draws"]) == doc["size"] == 5
