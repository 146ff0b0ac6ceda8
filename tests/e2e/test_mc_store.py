"""``kill -9`` of a real ``accord mc`` while it stores a large result leaves the store
consistent: no run is ``finished`` without its whole payload (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from accord.store.migrate import open_store
from accord.store.records import FINISHED, INTERRUPTED, RUNNING
from accord.store.runs import get_run, list_runs, run_state
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # accord mc killed while it stores

ISSUES = 100


def _big_scenario(path: Path) -> Path:
    """100 issues x 4 actors, one uncertain position per issue: a document of about 1.3 MB."""
    lines = ["accord: 1", "id: many-issues", "title: Many issues", "actors:"]
    lines += [f"  - {{id: A{k}, name: Actor {k}, capability: {k + 1}, veto: {str(k < 2).lower()}}}"
              for k in range(4)]
    lines.append("issues:")
    lines += [f"  - {{id: i{j}, name: Issue {j}}}" for j in range(ISSUES)]
    lines.append("stances:")
    for j in range(ISSUES):
        lines.append(f"  - {{actor: A0, issue: i{j}, salience: 0.5, position: "
                     f"{{dist: triangular, low: 10, mode: {20 + j % 50}, high: 80}}}}")
        for k in range(1, 4):
            lines.append(f"  - {{actor: A{k}, issue: i{j}, position: {(31 * k + j) % 100}, "
                         f"salience: 0.{k + 2}}}")
    path.write_text("\n".join(lines) + "\n")
    return path


def _mc(scenario: Path, db: str, *, hang: bool = False) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    env.pop("ACCORD_DEBUG", None)
    module = ["-m", "tests.e2e.mc_procs"] if hang else ["-m", "accord"]
    args = ["mc", str(scenario), "--draws", "300", "--no-bargain", "--workers", "1",
            "-m", "compromise", "-m", "mean", "-m", "median", "--db", db, "-f", "json"]
    return subprocess.Popen([sys.executable, *module, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _check_consistent(db: str) -> list[int]:
    store = open_store(db)
    try:
        if store.backend == "sqlite":
            with store.reading() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        finished = []
        for record in list_runs(store, limit=None):
            full = get_run(store, record.id)
            if full.status == FINISHED:
                doc = full.payload
                assert full.finished_at is not None and doc["draws"] == 300
                assert len(doc["models"]) == 3 and len(doc["models"][2]["issues"]) == ISSUES
                assert len(doc["sensitivity"]["outputs"]) == 3 * ISSUES
                finished.append(record.id)
            else:
                assert full.payload_text is None and full.finished_at is None
        return finished
    finally:
        store.close()


def test_kill_9_of_accord_mc_while_it_stores_its_result(db_url: str, tmp_path: Path) -> None:
    scenario = _big_scenario(tmp_path / "many.yaml")
    hung = _mc(scenario, db_url, hang=True)           # frozen inside the storing transaction
    assert hung.stdout is not None
    line = hung.stdout.readline().strip()
    assert line == "UPDATED", hung.stderr.read() if hung.stderr else ""
    hung.send_signal(signal.SIGKILL)
    hung.communicate(timeout=60)
    assert hung.returncode == -signal.SIGKILL

    victim = _mc(scenario, db_url)                    # and one killed at a random moment
    time.sleep(random.Random(7).uniform(0.5, 2.5))
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=60)

    finished = _check_consistent(db_url)             # (the victim may have got that far)
    store = open_store(db_url)
    try:
        runs = list_runs(store, limit=None)
        running = [r for r in runs if r.status == RUNNING]
        assert len(running) + len(finished) == len(runs) and 1 <= len(running) <= 2
        assert all(run_state(r) == INTERRUPTED for r in running)
    finally:
        store.close()

    after = _mc(scenario, db_url)                     # the store still takes runs
    out, err = after.communicate(timeout=300)
    assert after.returncode == 0, err
    assert len(out) > 1_000_000 and json.loads(out)["scenario"]["id"] == "many-issues"
    assert len(_check_consistent(db_url)) == len(finished) + 1


@pytest.fixture(autouse=True)
def _no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACCORD_DB", raising=False)
