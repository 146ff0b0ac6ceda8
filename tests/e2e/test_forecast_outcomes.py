"""``accord forecast resolve --outcome`` takes finite numbers only, and the ledger's listing and
scores survive a non-finite outcome an older version stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import cli


def _ledger(tmp_path: Path) -> tuple[str, list[str]]:
    db = str(tmp_path / "ledger.db")
    ids = []
    for args in (["--value", "5"], ["--probability", "0.3"]):
        done = cli("forecast", "add", "a forecast", *args, "--made", "2024-01-01", "--db", db)
        assert done.returncode == 0, done.stderr
        ids.append(done.stdout.split("New ids: ")[1].strip(" .\n"))
    return db, ids


@pytest.mark.parametrize("outcome", ["nan", "inf", "-inf", "1e400", "NaN"])
def test_a_non_finite_outcome_is_a_usage_error(tmp_path: Path, outcome: str) -> None:
    db, ids = _ledger(tmp_path)
    for fid in ids:
        done = cli("forecast", "resolve", fid, "--outcome", outcome, "--db", db)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "finite number" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    listed = cli("forecast", "list", "--db", db, "-f", "json")
    assert [f["outcome"] for f in json.loads(listed.stdout)] == [None, None]


def test_list_and_score_survive_a_stored_infinity(tmp_path: Path) -> None:
    import sqlite3

    db, ids = _ledger(tmp_path)
    with sqlite3.connect(db) as conn:       # what `resolve --outcome inf` used to store
        conn.execute("UPDATE forecasts SET outcome = 9e999 WHERE id = ?", (int(ids[0]),))
    for command in (["list"], ["score"], ["list", "--resolved"]):
        for fmt in ("json", "table"):
            done = cli("forecast", *command, "--db", db, "-f", fmt)
            assert done.returncode == 0, done.stderr
    listed = json.loads(cli("forecast", "list", "--db", db, "-f", "json").stdout)
    assert [f["outcome"] for f in listed] == [None, None]       # read as open
    again = cli("forecast", "resolve", ids[0], "--outcome", "6", "--db", db)
    assert again.returncode == 0, again.stderr
