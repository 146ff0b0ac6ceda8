"""The store from the command line, as a subprocess, on SQLite and PostgreSQL:
``accord run`` records, ``accord runs``, ``accord forecast``, and bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.unit.store.helpers import TALKS_2024, TALKS_2025


def ok(*args: str | Path, env: dict[str, str] | None = None) -> str:
    proc = cli(*args, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def fails(code: int, fragment: str, *args: str | Path) -> str:
    proc = cli(*args)
    assert proc.returncode == code, (args, proc.stdout, proc.stderr)
    assert fragment in proc.stderr, (args, proc.stderr)
    assert "Traceback" not in proc.stderr
    return proc.stderr


def test_run_is_recorded_and_reruns_identically(db_url: str) -> None:
    out = json.loads(ok("run", TALKS_2024, "--db", db_url, "-f", "json", "--seed", "3"))
    runs = json.loads(ok("runs", "list", "--db", db_url, "-f", "json"))
    assert len(runs) == 1
    run = runs[0]
    assert (run["kind"], run["status"], run["scenario"]["id"]) == ("run", "finished",
                                                                   "talks-2024-11")
    assert run["scenario"]["digest"] == out["scenario"]["digest"]
    assert run["spec"]["seed"] == 3 and run["what"].startswith("compromise, weighted-median")
    shown = json.loads(ok("runs", "show", str(run["id"]), "--db", db_url, "-f", "json"))
    # the stored Results are the ones accord run printed
    for printed, stored in zip(out["results"], shown["payload"], strict=True):
        assert {k: stored[k] for k in printed} == printed
    text = ok("runs", "rerun", str(run["id"]), "--db", db_url, "--check")
    assert "reproduced exactly" in text and "identical" in text
    doc = json.loads(ok("runs", "rerun", str(run["id"]), "--db", db_url, "-f", "json"))
    assert doc["identical"] is True and doc["differences"] == []
    table = ok("runs", "show", str(run["id"]), "--db", db_url)
    assert "talks-2024-11" in table and "territory" in table


def test_a_changed_result_is_shown_and_check_fails(db_url: str) -> None:
    ok("run", TALKS_2024, "--db", db_url, "-m", "compromise", "-m", "median")
    from accord.store.migrate import open_store
    from accord.store.runs import get_run
    from accord.store.tables import runs

    store = open_store(db_url)
    try:
        payload = get_run(store, 1).payload
        payload[1]["outcome"]["sanctions"] = 99.0
        with store.writing() as conn:
            conn.execute(runs.update().where(runs.c.id == 1).values(
                payload=json.dumps(payload)))
    finally:
        store.close()
    text = ok("runs", "rerun", "1", "--db", db_url)
    assert "DIFFERS" in text and "median" in text and "sanctions" in text and "99" in text
    proc = cli("runs", "rerun", "1", "--db", db_url, "--check")
    assert proc.returncode == 1 and "DIFFERS" in proc.stdout


def test_no_store_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    ok("run", TALKS_2024, "--no-store", "--db", db)
    assert not db.exists()


def test_default_database_and_accord_db(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ok("run", TALKS_2024, "-m", "mean", env={"XDG_DATA_HOME": str(home)})
    default = home / "accord" / "accord.db"
    assert default.is_file()
    with sqlite3.connect(default) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    other = tmp_path / "other.db"
    ok("run", TALKS_2024, "-m", "mean", env={"XDG_DATA_HOME": str(home),
                                              "ACCORD_DB": f"sqlite:///{other}"})
    info = json.loads(ok("store", "info", "-f", "json", env={"ACCORD_DB": str(other)}))
    assert info["runs"] == 1 and info["schema"] == "0003" and str(other) in info["url"]


@pytest.mark.parametrize("db", [
    "postgresql+psycopg://ann:hunter2@127.0.0.1:9/x?connect_timeout=2",   # nothing listens
    "mysql://ann@db/accord",                                    # not supported
])
def test_a_store_that_fails_never_costs_the_forecast(db: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    proc = cli("run", TALKS_2024, "-m", "compromise", "-f", "json",
               "--db", db.format(tmp=tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["model"] == "compromise"
    assert "warning: this run is not recorded" in proc.stderr
    assert "hunter2" not in proc.stderr and "Traceback" not in proc.stderr


def test_store_commands_on_bad_databases(tmp_path: Path) -> None:
    fails(2, "unsupported database 'mysql'", "runs", "list", "--db", "mysql://a@b/c")
    err = fails(1, "cannot open the database", "runs", "list", "--db",
                "postgresql://ann:hunter2@127.0.0.1:9/x?connect_timeout=2")
    assert "hunter2" not in err
    fails(2, "there is no run 7", "runs", "show", "7", "--db", tmp_path / "a.db")
    fails(2, "Invalid value", "runs", "show", "seven", "--db", tmp_path / "a.db")


def test_rerun_of_a_kind_that_cannot_be_rerun_yet(db_url: str) -> None:
    from accord.runspec import RunSpec
    from accord.scenario.load import load_scenario
    from accord.store.migrate import open_store
    from accord.store.runs import record_run

    scenario = load_scenario(TALKS_2024)
    store = open_store(db_url)
    try:
        spec = RunSpec(kind="from-the-future", scenario_id=scenario.id,
                       scenario_digest=scenario.digest())
        run_id = record_run(store, spec, scenario, {"verdict": "no deal"})
    finally:
        store.close()
    fails(2, "re-running 'from-the-future' runs is not available", "runs", "rerun",
          str(run_id), "--db", db_url)
    assert "from-the-future" in ok("runs", "list", "--db", db_url, "--kind",
                                   "from-the-future")


def test_bargain_is_recorded_and_reruns_identically(db_url: str) -> None:
    out = json.loads(ok("bargain", TALKS_2024, "--db", db_url, "-f", "json",
                        "--loss", "quadratic", "--horizon", "24"))
    runs = json.loads(ok("runs", "list", "--db", db_url, "--kind", "bargain", "-f", "json"))
    assert len(runs) == 1 and runs[0]["status"] == "finished"
    assert runs[0]["spec"]["options"]["loss"] == "quadratic"
    shown = json.loads(ok("runs", "show", str(runs[0]["id"]), "--db", db_url, "-f", "json"))
    # the run keeps the bargaining document; the knife-edge summary is derived from it (and
    # from the scenario) each time, not recorded
    assert shown["payload"] == {k: v for k, v in out.items() if k != "knife_edges"}
    doc = json.loads(ok("runs", "rerun", str(runs[0]["id"]), "--db", db_url, "-f", "json"))
    assert doc["identical"] is True


def test_the_ledger_from_the_command_line(db_url: str) -> None:
    first = json.loads(ok("forecast", "import-case", TALKS_2024, TALKS_2025, "--db", db_url,
                          "-f", "json"))
    assert len(first["added"]) == 6
    again = json.loads(ok("forecast", "import-case", TALKS_2024, TALKS_2025, "--db", db_url,
                          "-f", "json"))
    assert again["added"] == [] and len(again["unchanged"]) == 11
    listed = json.loads(ok("forecast", "list", "--db", db_url, "-f", "json"))
    assert len(listed) == 6
    scores = json.loads(ok("forecast", "score", "--db", db_url, "-f", "json"))
    groups = {g["group"]: g for g in scores["groups"]}
    assert groups["Analyst A"]["brier"] == pytest.approx(0.2)
    assert groups["Analyst A"]["log_score"] == pytest.approx(-0.5697171, abs=1e-7)
    assert scores["overall"]["brier"] == pytest.approx(0.1633333, abs=1e-7)
    assert [b["count"] for b in scores["calibration"]] == [0, 0, 0, 1, 0, 0, 1, 0, 1, 0]
    table = ok("forecast", "score", "--db", db_url)
    assert "Analyst A" in table and "0.200" in table and "-0.570" in table
    assert "Calibration" in table and "80%" in table

    # pundits and accord, scored alike
    ok("run", TALKS_2025, "--db", db_url, "-m", "compromise")
    added = json.loads(ok("forecast", "add", "--from-run", "1", "--resolves", "2026-06",
                          "--issue", "territory", "--db", db_url, "-f", "json"))
    assert len(added["added"]) == 1
    assert json.loads(ok("forecast", "add", "--from-run", "1", "--resolves", "2026-06",
                         "--issue", "territory", "--db", db_url, "-f", "json"))["added"] == []
    (fid,) = added["added"]
    assert "accord compromise" not in ok("forecast", "score", "--db", db_url)  # none resolved
    assert "accord compromise" in ok("forecast", "score", "--all-groups", "--db", db_url)
    ok("forecast", "resolve", str(fid), "--outcome", "75", "--on", "2026-06", "--db", db_url)
    mine = json.loads(ok("forecast", "add", "A treaty by 2027", "--by", "Me", "-p", "0.9",
                         "--resolves", "2027", "--db", db_url, "-f", "json"))["added"][0]
    ok("forecast", "resolve", str(mine), "--outcome", "no", "--db", db_url)
    by_origin = {g["group"]: g for g in json.loads(ok(
        "forecast", "score", "--db", db_url, "-f", "json"))["groups"]}
    accord = by_origin["accord compromise"]
    assert accord["values"] == 1 and accord["mean_abs_error"] is not None
    assert by_origin["Me"]["brier"] == pytest.approx(0.81)
    by_model = json.loads(ok("forecast", "score", "--by", "model", "--db", db_url, "-f",
                             "json"))["groups"]
    assert {g["group"] for g in by_model} == {"compromise", "(not accord)"}
    md = ok("forecast", "score", "--db", db_url, "-f", "markdown")
    assert "\n| Forecaster |" in md and "| accord compromise |" in md
    assert "open" in ok("forecast", "list", "--open", "--db", db_url)


@pytest.mark.parametrize(("args", "fragment"), [
    (["forecast", "add", "x", "-p", "1.5"], "Invalid value for '--probability'"),
    (["forecast", "add", "x", "-p", "0.5", "--value", "3"], "not both"),
    (["forecast", "add", "x", "--made", "2025-13"], "--made: '2025-13' is not a date"),
    (["forecast", "add"], "give the STATEMENT"),
    (["forecast", "add", "x", "--pick", "/a"], "--pick goes with --from-run"),
    (["forecast", "add", "--from-run", "1", "-p", "0.5"], "--probability does not go with"),
    (["forecast", "add", "--from-run", "3"], "there is no run 3"),
    (["forecast", "resolve", "1", "--outcome", "maybe"], "takes true, false or a number"),
    (["forecast", "resolve", "99", "--outcome", "yes"], "no forecast 99"),
    (["forecast", "score", "--by", "colour"], "--by takes origin"),
    (["forecast", "list", "--open", "--resolved"], "exclude each other"),
    (["forecast", "import-case", "nosuchcase"], "neither a file nor a built-in case"),
    (["forecast", "score", "--chart", "x.txt"], "--chart writes .svg"),
])
def test_ledger_bad_input(args: list[str], fragment: str, tmp_path: Path) -> None:
    fails(2, fragment, *args, "--db", tmp_path / "a.db")


def test_forecast_add_pick_from_a_stored_document(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    ok("run", TALKS_2024, "--db", db, "-m", "compromise")
    added = json.loads(ok("forecast", "add", "Territory above 50", "--from-run", "1",
                          "--pick", "/0/outcome/territory", "--db", db, "-f", "json"))
    (f,) = json.loads(ok("forecast", "list", "--db", db, "-f", "json"))
    assert f["id"] == added["added"][0] and f["value"] > 0 and f["run"] == 1
    fails(2, "is 58.4", "forecast", "add", "p", "--from-run", "1", "--pick",
          "/0/outcome/territory", "--as-probability", "--db", db)
    fails(2, "no 'outcomes'", "forecast", "add", "p", "--from-run", "1", "--pick",
          "/0/outcomes", "--db", db)
    assert "1 forecast(s) removed" in ok("forecast", "remove", str(f["id"]), "--db", db)
    assert json.loads(ok("forecast", "list", "--db", db, "-f", "json")) == []


def test_import_the_built_in_case_predictions_once(tmp_path: Path) -> None:
    from accord.cases import timeline

    db = tmp_path / "a.db"
    expected = {p.id for s in timeline("ukraine") for p in s.predictions}
    resolved = {p.id for s in timeline("ukraine") for p in s.predictions if p.resolution}
    first = json.loads(ok("forecast", "import-case", "--db", db, "-f", "json"))
    assert len(first["added"]) == len(expected)
    second = json.loads(ok("forecast", "import-case", "ukraine", "--db", db, "-f", "json"))
    assert second["added"] == [] and second["resolved"] == []
    listed = json.loads(ok("forecast", "list", "--db", db, "-f", "json"))
    assert {f["key"] for f in listed} == {f"prediction:ukraine:{i}" for i in expected}
    assert sum(f["outcome"] is not None for f in listed) == len(resolved)
    table = ok("forecast", "score", "--db", db)
    assert "all forecasts" in table and "Calibration" in table
