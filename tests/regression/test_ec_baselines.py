"""EC car-emission example (Bueno de Mesquita 1994): baseline forecasts by the command line."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REFERENCE, cli, need_shared


@pytest.mark.parametrize("model, expected", [("compromise", 7.390), ("weighted-median", 7.0)])
def test_ec_baselines(model: str, expected: float) -> None:
    need_shared()
    proc = cli("run", REFERENCE / "ec-emissions" / "actors.csv", "--model", model, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    outcome = json.loads(proc.stdout)["results"][0]["outcome"]["issue"]
    assert outcome == pytest.approx(expected, abs=5e-4)  # published to 3 decimals
