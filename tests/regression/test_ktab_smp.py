"""KTAB's Spatial Model of Politics: accord's ``smp`` model against KTAB ``smpc`` outputs.

shared/reference/ktab/expected/ holds what ``smpc`` (default parameters) produced on its bundled
inputs: every actor's final position per dimension (0-100, 2 decimals), the final probability
of its position (4 decimals) and the step count; ``dummyData_3Dim.history.csv`` has every
state. The issue's targets are 0.1 for positions and 0.005 for probabilities; the tolerances
below are the rounding of the reference files, which the model meets.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from accord.models import Result
from accord.scenario.files import read_file
from accord.workflows.registry import MODELS
from tests.conftest import REFERENCE, cli, need_shared

KTAB = REFERENCE / "ktab"
INPUTS = ["dummyData_3Dim", "SOE-Pol-Comp", "SOE-Policy", "SOE-Competitive", "dummyData_6Dim",
          "dummyData-a040", "dummyData-a080"]
POSITION_TOL = 0.01      # reference positions have 2 decimals (issue target: 0.1)
PROBABILITY_TOL = 0.001  # reference probabilities have 4 decimals (issue target: 0.005)


@dataclass
class Expected:
    steps: int
    actors: list[str]
    dims: list[str]
    final: dict[str, list[float]]       # actor -> final position per dimension
    prob: dict[str, float]


def expected(name: str) -> Expected:
    path = KTAB / "expected" / f"{name}.final.csv"
    lines = path.read_text().splitlines()
    match = re.search(r"(\d+) steps", lines[0])
    assert match, lines[0]
    rows = list(csv.reader(lines[1:]))
    header = rows[0]
    dims = [h.removesuffix("_init") for h in header[1:-1:2]]
    final = {r[0]: [float(r[2 + 2 * d]) for d in range(len(dims))] for r in rows[1:]}
    prob = {r[0]: float(r[-1]) for r in rows[1:]}
    return Expected(int(match.group(1)), [r[0] for r in rows[1:]], dims, final, prob)


def run_smp(path: Path) -> tuple[Result, list[str], list[str]]:
    """The smp result, with the scenario's actor and issue names (KTAB's labels)."""
    scenario = read_file(path).scenario
    result = MODELS["smp"].run(scenario)
    return result, [a.name for a in scenario.actors], [i.name for i in scenario.issues]


def compare(result: dict[str, Any], names: list[str], dims: list[str],
            exp: Expected) -> tuple[float, float]:
    """Largest position and probability deviations; asserts labels and step count match.

    The probability compared is ``ktab_final_prob``: KTAB's report, which merges near-equal
    positions in input order.
    """
    assert names == exp.actors
    assert dims == exp.dims
    assert result["diagnostics"]["steps"] == exp.steps
    final = result["final_positions"]
    issue_ids = list(final)
    prob = result["diagnostics"]["ktab_final_prob"]
    pairs = list(zip(result["actors"], names, strict=True))
    worst_pos = max(abs(final[issue_ids[d]][ident] - exp.final[name][d])
                    for ident, name in pairs for d in range(len(dims)))
    worst_prob = max(abs(prob[ident] - exp.prob[name]) for ident, name in pairs)
    return worst_pos, worst_prob


@pytest.mark.parametrize("name", INPUTS)
def test_final_state_matches_ktab(name: str) -> None:
    need_shared()
    result, names, dims = run_smp(KTAB / "inputs" / f"{name}.csv")
    exp = expected(name)
    worst_pos, worst_prob = compare(result.to_dict(), names, dims, exp)
    assert worst_pos <= POSITION_TOL
    assert worst_prob <= PROBABILITY_TOL


@pytest.mark.parametrize("name", ["dummyData_3Dim", "SOE-Pol-Comp"])
def test_cli_json_matches_ktab(name: str) -> None:
    need_shared()
    proc = cli("run", KTAB / "inputs" / f"{name}.csv", "--model", "smp", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    result = doc["results"][0]
    scenario = read_file(KTAB / "inputs" / f"{name}.csv").scenario
    worst_pos, worst_prob = compare(result, [a.name for a in scenario.actors],
                                    [i.name for i in scenario.issues], expected(name))
    assert worst_pos <= POSITION_TOL
    assert worst_prob <= PROBABILITY_TOL
    # outcome: the probability-weighted mean of the distinct final positions, on 0-100
    forecasts = result["diagnostics"]["point_forecasts"]
    assert result["outcome"] == forecasts["mean"]
    distinct = result["diagnostics"]["distinct_positions"]
    assert sum(d["probability"] for d in distinct) == pytest.approx(1.0)
    for issue, value in result["outcome"].items():
        mean = sum(d["probability"] * d["position"][issue] for d in distinct)
        assert value == pytest.approx(mean)
        assert forecasts["mode"][issue] == distinct[0]["position"][issue]


def test_history_matches_ktab_at_every_state() -> None:
    need_shared()
    result, names, dims = run_smp(KTAB / "inputs" / "dummyData_3Dim.csv")
    assert result.trajectory is not None
    rows = list(csv.reader(
        (KTAB / "expected" / "dummyData_3Dim.history.csv").read_text().splitlines()[1:]))
    states = len(rows[0]) - 2
    issue_ids = list(result.issues)
    checked = 0
    for row in rows[1:]:
        k, d = names.index(row[0]), dims.index(row[1])
        ours = result.trajectory[issue_ids[d]]
        assert len(ours) == states
        for t in range(states):
            value = ours[t][k]
            assert value is not None
            assert abs(value - float(row[2 + t])) <= POSITION_TOL, (row[0], row[1], t)
            checked += 1
    assert checked == 7 * 3 * 11


def test_csv_without_final_comma_is_the_same_run() -> None:
    need_shared()
    a, _, _ = run_smp(KTAB / "inputs" / "dummyData_3Dim.csv")
    b, _, _ = run_smp(KTAB / "inputs" / "dummyData_3Dim-no-final-comma.csv")
    assert a.final_positions == b.final_positions
    assert a.trajectory == b.trajectory


def test_xml_reproduces_the_csv_run() -> None:
    """``dummyData_3Dim.xml`` has no <IdealAdjustment>: KTAB refuses it, accord runs it."""
    need_shared()
    csv_result, _, _ = run_smp(KTAB / "inputs" / "dummyData_3Dim.csv")
    proc = cli("run", KTAB / "inputs" / "dummyData_3Dim.xml", "-m", "smp", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    xml_result = json.loads(proc.stdout)["results"][0]
    assert xml_result["final_positions"] == csv_result.final_positions
    assert xml_result["trajectory"] == csv_result.trajectory
    assert xml_result["outcome"] == csv_result.outcome
    assert xml_result["diagnostics"]["steps"] == 10


def test_smp_example_xml_with_empty_coordinate_is_a_located_error() -> None:
    """KTAB logs "no text for the following xml element: dCoord" and exits with status 0."""
    need_shared()
    path = KTAB / "inputs" / "smpExample.xml"
    proc = cli("run", path, "-m", "smp", "-f", "json")
    assert proc.returncode == 2
    assert f"{path}:32:9: <dCoord> is empty" in proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
