"""The command line as a user runs it: default case, formats, help, errors."""

from __future__ import annotations

import json

from tests.conftest import cli


def test_run_default_case_table() -> None:
    proc = cli("run")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "compromise" in out and "weighted-median" in out
    assert "NATO" in out or "Nato" in out
    assert "Nearest point on the scale" in out


def test_run_default_case_json_contract() -> None:
    proc = cli("run", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"accord", "scenario", "results"}
    assert doc["scenario"]["id"] == "ukraine-2025-12"
    assert len(doc["scenario"]["digest"]) == 64
    for result in doc["results"]:
        assert set(result) == {"model", "preset", "params", "outcome", "actors",
                               "final_positions", "trajectory", "diagnostics"}
        assert "nato" in result["outcome"] and "RUS" in result["actors"]


def test_run_markdown() -> None:
    proc = cli("run", "--model", "compromise", "--format", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip().startswith("## ")
    assert "| Issue | Model | Outcome | 80% interval | Nearest point on the scale |" in proc.stdout


def test_cases_and_models() -> None:
    cases = json.loads(cli("cases", "-f", "json").stdout)
    assert any(c["default"] and c["id"] == "ukraine-2025-12" for c in cases)
    models = json.loads(cli("models", "-f", "json").stdout)
    assert {"compromise", "weighted-median", "mean", "median"} <= {m["name"] for m in models}


def test_help_explains() -> None:
    proc = cli("--help")
    assert proc.returncode == 0
    for command in ("run", "validate", "cases", "models"):
        assert command in proc.stdout
    assert "built-in case" in cli("run", "--help").stdout


def test_usage_errors_exit_2() -> None:
    for args, fragment in ((["run", "--model", "nope"], "unknown model 'nope'"),
                           (["run", "--param", "x"], "KEY=VALUE"),
                           (["run", "--model", "compromise", "--param", "rounds=3"],
                            "no parameter"),
                           (["run", "no-such-case"], "neither a file nor a built-in case"),
                           (["run", "--format", "yaml"], "yaml")):
        proc = cli(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert fragment in proc.stderr, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert proc.stdout == ""


def test_json_stdout_is_pure_json_with_notes_on_stderr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ec.csv"
    path.write_text("actor,capability,position,salience\nA,1,4,80\nB,1,10,40\n")
    proc = cli("run", path, "-f", "json")
    assert proc.returncode == 0
    json.loads(proc.stdout)
    assert "0-100 scale" in proc.stderr


BRACKETS = """\
accord: 1
id: brackets
title: "Talks [/bold] [red]in brackets[/red]"
as_of: 2026-01
actors:
  - {id: A, name: "[bold]Atlantis", capability: 60, veto: true}
  - {id: B, name: "Borduria [/]", capability: 40, veto: true}
issues:
  - id: tariff
    name: "Tariff [level]"
    labels: {0: "free [trade]", 100: "[/i] closed"}
stances:
  - {actor: A, issue: tariff, position: 20, salience: 0.8, reservation: 60}
  - {actor: B, issue: tariff, position: 80, salience: 0.6, reservation: 40}
"""


def test_text_from_the_file_is_printed_as_it_is_not_read_as_markup(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Names and titles with square brackets print literally in every table view (the
    terminal library would otherwise read "[/bold]" as markup, or fail on "[/]")."""
    path = tmp_path / "brackets.yaml"
    path.write_text(BRACKETS, "utf-8")
    for command in (("run",), ("bargain",), ("mc", "--draws", "50", "--position-sd", "5")):
        proc = cli(*command, path, "--no-store")
        assert proc.returncode == 0, (command, proc.stderr)
        assert "Talks [/bold] [red]in brackets[/red]" in proc.stdout, command
        assert "Tariff [level]" in proc.stdout, command
