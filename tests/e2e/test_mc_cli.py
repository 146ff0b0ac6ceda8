"""``accord mc`` as a subprocess: the JSON contract, tables, per-draw CSV, the store, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.unit.uncertainty.cases import PLAIN, TALKS

FAST = ["--draws", "200", "-m", "compromise", "-m", "median", "--no-store"]


@pytest.fixture(scope="module")
def talks_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mc") / "talks.yaml"
    path.write_text(TALKS)
    return path


@pytest.fixture(scope="module")
def builtin_doc() -> dict:  # type: ignore[type-arg]
    proc = cli("mc", "--draws", "300", "--seed", "3", "-f", "json", "--no-store")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_builtin_case_json_contract(builtin_doc: dict) -> None:  # type: ignore[type-arg]
    doc = builtin_doc
    assert doc["scenario"]["id"] == "ukraine-2025-12" and doc["draws"] == 300
    assert doc["seed"] == 3 and "SeedSequence" in doc["seeding"]
    assert [m["model"] for m in doc["models"]] == ["compromise", "weighted-median", "mean",
                                                   "median"]
    ids = {i["id"] for i in doc["inputs"]}
    assert {"reservation:UKR:nato", "drift:RUS:territory", "position:CHN:territory",
            "status_quo_drift:territory"} <= ids
    assert all(i["source"] == "file" for i in doc["inputs"])
    territory = doc["models"][0]["issues"]["territory"]
    low, high = territory["interval90"]
    assert low <= territory["median"] <= high and territory["n"] == 300
    assert sum(territory["histogram"]["counts"]) == 300
    bargain = doc["bargain"]
    assert bargain["point"] == {"verdict": "no deal", "opens": None,
                                "zones": bargain["point"]["zones"]}
    assert next(iter(bargain["deal_by"])) == "2025-12" and len(bargain["deal_by"]) == 61
    assert 0 <= bargain["p_deal"] <= bargain["deal_by"]["2030-12"] <= 1
    assert set(bargain["zones"]) == {i for i in doc["models"][0]["issues"]}
    outputs = [o["output"] for o in doc["sensitivity"]["outputs"]]
    assert outputs[-1] == "opening" and "compromise:nato" in outputs


def test_table_and_markdown(talks_file: Path) -> None:
    table = cli("mc", talks_file, *FAST)
    assert table.returncode == 0, table.stderr
    assert "median [90% interval]" in table.stdout and "Zone open" in table.stdout
    assert "What drives the results" in table.stdout
    assert "note: 200 draws of 13 uncertain inputs" in table.stderr
    md = cli("mc", talks_file, *FAST, "-f", "markdown")
    assert md.returncode == 0 and md.stdout.startswith("## Three parties, three issues")
    assert "| Issue | compromise | median | Zone open |" in md.stdout
    quiet = cli("mc", talks_file, *FAST, "-f", "json", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    json.loads(quiet.stdout)


def test_draws_out_is_a_prefix_and_independent_of_workers(talks_file: Path,
                                                          tmp_path: Path) -> None:
    short, long = tmp_path / "short.csv", tmp_path / "long.csv"
    a = cli("mc", talks_file, *FAST, "--draws", "100", "--workers", "1", "--draws-out", short)
    b = cli("mc", talks_file, *FAST, "--draws", "1000", "--workers", "2", "--draws-out", long)
    assert a.returncode == 0 and b.returncode == 0, b.stderr
    rows_a = list(csv.reader(short.open()))
    rows_b = list(csv.reader(long.open()))
    assert len(rows_a) == 101 and len(rows_b) == 1001
    assert rows_a == rows_b[:101]
    header = rows_a[0]
    assert header[:3] == ["draw", "capability:A", "capability:C"]
    assert "compromise:quota" in header and header[-1] == "opening" and "zone:border" in header
    assert [r[0] for r in rows_b[1:4]] == ["0", "1", "2"]
    assert not list(tmp_path.glob("*.part"))


def test_a_scenario_without_distributions_notes_it(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(PLAIN)
    proc = cli("mc", path, "--draws", "20", "--no-store", "-f", "json")
    assert proc.returncode == 0 and "no distributions" in proc.stderr
    noisy = cli("mc", path, "--draws", "20", "--no-store", "-f", "json", "--position-sd", "5",
                "--salience-sd", "0.1")
    doc = json.loads(noisy.stdout)
    assert len(doc["inputs"]) == 12 and doc["noise"] == {"position_sd": 5.0, "salience_sd": 0.1}


@pytest.mark.parametrize("args,message", [
    (["--draws", "0"], "--draws"),
    (["--draws", "-5"], "--draws"),
    (["--seed", "-1"], "--seed"),
    (["--workers", "0"], "--workers"),
    (["--position-sd", "-2"], "--position-sd"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:9"], "not both"),
    (["--model", "nonsense"], "unknown model"),
    (["--no-bargain", "--model", "eum", "--preset", "nope"], "preset"),
    (["--draws-out", "/nonexistent-folder/x.csv"], "does not exist"),
    (["--no-bargain", "--concessions", "5"], "bargaining"),
    (["--concessions", "-1"], "--concessions"),
])
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    proc = cli("mc", "--no-store", "--draws", "10", *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_concessions_of_the_first_draws(talks_file: Path) -> None:
    proc = cli("mc", talks_file, *FAST, "--concessions", "6", "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert "Smallest concessions (first 6 draws)" in proc.stdout
    assert "Nash package: median" in proc.stdout and "| Atlantis | 100% |" in proc.stdout


def test_a_bad_scenario_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TALKS.replace("salience: 0.4}", "salience: 4}"))
    proc = cli("mc", bad, "--draws", "10", "--no-store")
    assert proc.returncode == 2
    assert f"{bad}:" in proc.stderr and "salience 4 is outside [0, 1]" in proc.stderr
    line = proc.stderr.strip().splitlines()[0]
    assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit()
    missing = cli("mc", tmp_path / "none.yaml", "--draws", "10", "--no-store")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_a_bad_or_unreachable_scheduler_fails_clearly(talks_file: Path) -> None:
    proc = cli("mc", talks_file, *FAST, "--scheduler", "tcp://127.0.0.1:9",
               "--connect-timeout", "1")
    assert proc.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert "Traceback" not in proc.stderr
    for address in ("nonsense://host:1", "127.0.0.1:port"):
        proc = cli("mc", talks_file, *FAST, "--scheduler", address)
        assert proc.returncode == 2 and "bad Dask scheduler address" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_recorded_rerun_and_a_forecast_from_deal_by(talks_file: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'runs.db'}"
    proc = cli("mc", talks_file, "--draws", "200", "--seed", "2", "-m", "compromise",
               "--horizon", "24", "--db", db, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    run_id = int(proc.stderr.split("recorded as run ")[1].split()[0])
    shown = json.loads(cli("runs", "show", str(run_id), "--db", db, "-f", "json").stdout)
    assert shown["kind"] == "mc" and shown["spec"]["draws"] == 200
    assert shown["spec"]["seed"] == 2 and "workers" not in json.dumps(shown["spec"])
    again = cli("runs", "rerun", str(run_id), "--db", db, "-f", "json", "--check")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["identical"] is True
    p = doc["bargain"]["deal_by"]["2026-12"]
    added = cli("forecast", "add", "A zone of agreement is open by December 2026",
                "--from-run", str(run_id), "--pick", "/bargain/deal_by/2026-12",
                "--as-probability", "--resolves", "2026-12", "--db", db, "-f", "json")
    assert added.returncode == 0, added.stderr
    ledger = json.loads(cli("forecast", "list", "--run", str(run_id), "--db", db,
                            "-f", "json").stdout)
    assert len(ledger) == 1 and ledger[0]["probability"] == p and ledger[0]["author"] == "accord"
