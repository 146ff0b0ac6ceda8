"""``accord bargain`` as a subprocess: the JSON contract, the table, Markdown, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import cli

CASE_SPEC = """\
accord: 1
id: two-sides
title: Two sides, one issue
as_of: 2026-01
actors:
  - {id: A, name: Atlantis, capability: 1, veto: true}
  - {id: B, name: Borduria, capability: 1, veto: true}
issues:
  - {id: tariff, name: Tariff level, range: [0, 100]}
stances:
  - {actor: A, issue: tariff, position: 0, salience: 0.5, reservation: RES_A}
  - {actor: B, issue: tariff, position: 100, salience: 0.5, reservation: RES_B}
costs:
  - {actor: A, drift: 1.0}
  - {actor: B, drift: 0.5}
"""


def _write(tmp_path: Path, res_a: float, res_b: float) -> Path:
    path = tmp_path / "two.yaml"
    path.write_text(CASE_SPEC.replace("RES_A", str(res_a)).replace("RES_B", str(res_b)))
    return path


@pytest.fixture(scope="module")
def builtin_json() -> dict:  # type: ignore[type-arg]
    proc = cli("bargain", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_json_contract_on_the_builtin_case(builtin_json: dict) -> None:  # type: ignore[type-arg]
    doc = builtin_json
    assert doc["scenario"]["id"] == "ukraine-2025-12"
    assert re.fullmatch(r"[0-9a-f]{64}", doc["scenario"]["digest"])
    assert doc["accord"]
    assert doc["verdict"] == "no deal"
    for item in doc["issues"].values():
        assert item["zopa"] is None or (len(item["zopa"]) == 2
                                        and item["zopa"][0] <= item["zopa"][1])
        for b in item["blocking"]:
            assert set(b) >= {"actors", "issue", "gap"} and b["gap"] > 0
    # The stumbling block The Times names: Russia wants the rest of Donetsk, Kyiv will not sign
    # away land; the government gap (two inferred red lines) is wider.
    territory = doc["issues"]["territory"]
    assert territory["zopa"] is None
    assert {"actors": ["RUS", "UKR"], "issue": "territory", "gap": 20.0}.items() <= \
        territory["blocking"][0].items()
    assert [(b["issue"], b["gap"]) for b in doc["blocking"]] == [
        ("government", 25.0), ("territory", 20.0), ("army", 10.0)]
    assert doc["package"]["feasible"] is False
    assert doc["package"]["nash"] is None
    assert isinstance(doc["concessions"], list) and doc["concessions"]
    for c in doc["concessions"]:
        assert set(c) >= {"actor", "issue", "from", "to"}
    assert {c["issue"] for c in doc["concessions"]} >= {"territory"}
    # no zone within the 60-month horizon, but the red lines have not settled: not "never"
    assert doc["opens"] is None and doc["timeline"]["opens"] is None
    assert doc["timeline"]["never"] is False and doc["timeline"]["costs"] is True


def test_table_reads_like_a_summary() -> None:
    proc = cli("bargain")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert "No deal: " in text
    assert "Russia's red line on territory (≥ 75) and Ukraine's (≤ 55) are 20 points apart" \
        in text
    assert "The smallest concession that opens a zone" in text
    assert "no zone opens within 60 months" in text
    assert "Smallest concessions" in text


def test_markdown() -> None:
    proc = cli("bargain", "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("## Bargaining space: ")
    assert "| Issue | Zone | Blocking red lines |" in proc.stdout


def test_deal_possible_file(tmp_path: Path) -> None:
    proc = cli("bargain", _write(tmp_path, 70, 40), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["verdict"] == "deal possible"
    assert doc["issues"]["tariff"]["zopa"] == [40.0, 70.0]
    assert doc["package"]["nash"]["tariff"] == pytest.approx(55.0, abs=1e-5)
    assert doc["concessions"] == []
    assert doc["opens"] == "2026-01"
    table = cli("bargain", _write(tmp_path, 70, 40))
    assert "Deal possible" in table.stdout


def test_no_deal_file_opens_later(tmp_path: Path) -> None:
    proc = cli("bargain", _write(tmp_path, 40, 60), "-f", "json", "--weighted",
               "--loss", "quadratic", "--horizon", "24")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["verdict"] == "no deal"
    assert doc["blocking"][0]["gap"] == 20.0
    assert doc["opens"] == "2027-03"      # 20 points at 1.5 a month: month 14
    assert doc["options"] == {"loss": "quadratic", "disagreement": "reservation",
                              "power": "capability-salience", "weighted": True,
                              "horizon": 24, "no_deal": {}}
    short = cli("bargain", _write(tmp_path, 40, 60), "-f", "json", "--horizon", "6")
    assert json.loads(short.stdout)["opens"] is None


@pytest.mark.parametrize("args, message", [
    (["no-such-file.yaml"], "no-such-file.yaml"),
    (["no-such-case"], "neither a file nor a built-in case"),
    (["--loss", "cubic"], "--loss must be one of linear, quadratic, not 'cubic'"),
    (["--disagreement", "maybe"], "--disagreement must be one of reservation, status-quo"),
    (["--power", "guns"], "--power must be one of capability-salience, capability, equal"),
    (["--no-deal", "bogus=5"], "unknown issue"),
    (["--no-deal", "territory=abc"], "--no-deal territory must be a number, not 'abc'"),
    (["--no-deal", "territory"], "ISSUE=VALUE"),
    (["--no-deal", "territory=500"], "outside its range"),
    (["--horizon", "-1"], "--horizon"),
])
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    proc = cli("bargain", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_bad_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(CASE_SPEC.replace("RES_A", "170").replace("RES_B", "40"))
    proc = cli("bargain", path, "-f", "json")
    assert proc.returncode == 2
    assert re.search(r"bad\.yaml:\d+:\d+: reservation 170 is outside", proc.stderr)
    assert proc.stdout == ""
