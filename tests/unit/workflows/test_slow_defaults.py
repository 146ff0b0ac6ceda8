"""Default models that would take minutes on a scenario are left out with a note
(workflows.registry.leave_out_slow); a model the user names always runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.cases import load_case
from accord.models.choice import ModelChoice
from accord.scenario.importers.bdm import read_bdm_csv
from accord.workflows.registry import LONG_RUN_SECONDS, MODELS, leave_out_slow
from tests.conftest import cli
from tests.unit.bargaining.test_scale import _bench

EVERY = [ModelChoice(model=n) for n in MODELS]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slow") / "bdm400.csv"
    path.write_text(_bench().bdm_csv(400), encoding="utf-8")   # SMP: about 32 s by its model
    return path


def test_the_built_in_case_keeps_every_model() -> None:
    kept, notes = leave_out_slow(EVERY, load_case("ukraine-2025-12"))
    assert [c.model for c in kept] == list(MODELS) and notes == []


def test_smp_is_left_out_on_hundreds_of_actors(big_file: Path) -> None:
    scenario, _ = read_bdm_csv(big_file.read_text(encoding="utf-8"), str(big_file))
    kept, notes = leave_out_slow(EVERY, scenario)
    assert [c.model for c in kept] == [n for n in MODELS if n != "smp"]
    assert notes == ["left out smp: about 32 s on 400 actors (name it with --model smp to "
                     "run it anyway)"]
    smp = MODELS["smp"]
    assert smp.draw_seconds(400, 1, smp.resolve()[1]) > LONG_RUN_SECONDS


def test_accord_actors_says_so_and_runs_a_named_model(big_file: Path) -> None:
    default = cli("actors", big_file, "-f", "json")
    assert default.returncode == 0, default.stderr
    assert "note: left out smp: about 32 s on 400 actors" in default.stderr
    doc = json.loads(default.stdout)
    assert "smp" not in doc["models"] and doc["coalitions"] is None
    assert "eum" in doc["models"]
    named = cli("actors", big_file, "--model", "compromise", "-f", "json")
    assert "left out" not in named.stderr and json.loads(named.stdout)["models"] == ["compromise"]


def test_accord_report_leaves_it_out_too(big_file: Path, tmp_path: Path) -> None:
    out = cli("report", big_file, "-o", tmp_path / "r.html")
    assert out.returncode == 0, out.stderr
    assert "note: left out smp: about 32 s on 400 actors" in out.stderr
    assert (tmp_path / "r.html").stat().st_size > 10_000
