"""``accord run --model eum`` as a user runs it: presets, --rounds, --param, bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import cli

CSV = "actor,capability,position,salience\nA,5,10,0.9\nB,3,80,0.5\nC,1,50,0.3\nD,2,60,0.7\n"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "four.csv"
    path.write_text("# range: 0, 100\n" + CSV)
    return path


def test_run_eum_json_shape(scenario: Path) -> None:
    proc = cli("run", scenario, "--model", "eum", "--preset", "masad2014", "--rounds", "3",
               "--param", "capitulation=false", "--param", "q=0.5", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)["results"]
    assert result["model"] == "eum" and result["preset"] == "masad2014"
    assert result["params"]["rounds"] == 3 and result["params"]["capitulation"] is False
    assert result["params"]["q"] == 0.5 and result["params"]["probability"] == "net"
    rows = result["trajectory"]["issue"]
    diag = result["diagnostics"]["issues"]["issue"]
    assert 1 <= len(rows) <= 4 and len(rows) == diag["rounds_run"] + 1
    assert all(len(row) == 4 for row in rows)
    assert rows[0] == [10.0, 80.0, 50.0, 60.0]
    assert set(diag) >= {"median", "mean", "weighted_mean", "risk_round1", "stop"}
    assert result["outcome"]["issue"] == diag["median"][-1]


def test_run_eum_table_and_markdown(scenario: Path) -> None:
    table = cli("run", scenario, "--model", "eum")
    assert table.returncode == 0, table.stderr
    assert "eum (scholz2011)" in table.stdout
    md = cli("run", scenario, "--model", "eum", "--preset", "scholz-code", "-f", "markdown")
    assert md.returncode == 0 and "eum (scholz-code)" in md.stdout


@pytest.mark.parametrize("args, fragment", [
    (["--param", "q=abc"], "q: Input should be a valid number"),
    (["--param", "vote-exponent=cubic"], "vote_exponent: Input should be 'none' or 'voter'"),
    (["--param", "stop=never"], "stop: Input should be 'converged' or 'rounds'"),
    (["--preset", "bdm1994"], "no preset 'bdm1994'"),
    (["--param", "gamma=1"], "no parameter 'gamma'"),
])
def test_bad_values_exit_2(scenario: Path, args: list[str], fragment: str) -> None:
    proc = cli("run", scenario, "--model", "eum", *args, "-f", "json")
    assert proc.returncode == 2
    assert fragment in proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr


def test_models_lists_eum() -> None:
    models = json.loads(cli("models", "-f", "json").stdout)
    (eum,) = [m for m in models if m["name"] == "eum"]
    assert eum["presets"] == ["scholz2011", "scholz-code", "masad2014"]
    assert eum["default_preset"] == "scholz2011"
    assert {"range", "probability", "offer_choice", "q", "t", "rounds"} <= set(eum["parameters"])
