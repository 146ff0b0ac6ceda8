"""``accord actors`` through the command line (in process): a hand-made scenario whose gains,
pivots and power are worked by hand, the JSON shape, the built-in case, bad input, Markdown
that keeps scenario text inert."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli, cli_process
from tests.e2e.test_markdown_escaping import _inert

HAND = """\
accord: 1
id: hand
title: Hand-made talks
actors:
  - {id: A, name: Atlantis, capability: 1, veto: true}
  - {id: B, name: Borduria, capability: 1, veto: true}
  - {id: C, name: Carpania, capability: 2}
issues:
  - {id: x, name: Issue x, range: [0, 100]}
stances:
  - {actor: A, issue: x, position: 0, salience: 0.5, reservation: RES_A}
  - {actor: B, issue: x, position: 100, salience: 0.5, reservation: RES_B}
  - {actor: C, issue: x, position: 50, salience: 1.0}
"""


def hand(tmp_path: Path, res_a: float, res_b: float) -> Path:
    """A (at 0, accepts at most res_a) and B (at 100, accepts at least res_b) hold vetoes,
    salience 0.5 and capability 1 each; C (at 50, salience 1, capability 2) has none."""
    path = tmp_path / f"hand-{res_a:g}-{res_b:g}.yaml"
    path.write_text(HAND.replace("RES_A", str(res_a)).replace("RES_B", str(res_b)))
    return path


def _json(*args: Any) -> dict[str, Any]:
    proc = cli("actors", *args, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _by_actor(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["actor"]: a for a in package["actors"]}


def test_gains_of_an_open_zone_worked_by_hand(tmp_path: Path) -> None:
    """The zone is [40, 70]; the compromise is (0.5 * 0 + 0.5 * 100 + 2 * 50) / 3 = 50.

    No deal is measured at the red lines: d_A = -0.5 * 70 = -35, d_B = -0.5 * 60 = -30; C has
    none, so its no deal is the far end of the scale: -1 * 50. At 50: A gains -25 + 35 = 10
    (20% of its largest loss 0.5 * 100), B -25 + 30 = 5 (10%), C 0 + 50 = 50 (50% of 100).
    The Nash solution maximises (35 - y/2)(y/2 - 20): y = 55, a gain of 7.5 each (15%), and C
    -5 + 50 = 45.
    """
    doc = _json(hand(tmp_path, 70, 40), "--model", "compromise")
    assert [p["name"] for p in doc["packages"]] == ["compromise", "best deal"]
    comp, nash = doc["packages"]
    assert comp["outcome"] == {"x": 50.0} and nash["kind"] == "nash"
    assert nash["outcome"]["x"] == pytest.approx(55.0, abs=1e-4)
    got = _by_actor(comp)
    assert (got["A"]["gain"], got["A"]["relative"], got["A"]["no_deal"]) == (10.0, 0.2, -35.0)
    assert (got["B"]["gain"], got["B"]["relative"]) == (5.0, 0.1)
    assert (got["C"]["gain"], got["C"]["relative"], got["C"]["player"]) == (50.0, 0.5, False)
    assert not any(a["walks_away"] for a in comp["actors"])
    deal = _by_actor(nash)
    assert deal["A"]["gain"] == pytest.approx(7.5, abs=1e-4)
    assert deal["B"]["gain"] == pytest.approx(7.5, abs=1e-4)
    assert deal["C"]["gain"] == pytest.approx(45.0, abs=1e-4)
    # an open zone: nobody is pivotal; A + B (weight 1 of 3) need C: a unanimity game
    assert doc["pivotal"] == []
    (power,) = doc["power"]
    assert [p["shapley_shubik"] for p in power["players"]] == pytest.approx([1 / 3] * 3)
    assert [p["banzhaf"] for p in power["players"]] == [0.25, 0.25, 0.25]
    # the models that did not run leave their parts empty
    assert doc["perceptions"] is None and doc["coalitions"] is None and doc["trades"] is None


def test_the_table_of_an_open_zone(tmp_path: Path) -> None:
    proc = cli("actors", hand(tmp_path, 70, 40), "-m", "compromise", "-m", "mean")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    text = " ".join(out.split())
    assert "Under the compromise forecast Carpania gains most (+50.0%)" in text
    assert "The zone's best deal, the Nash solution, gives every veto player" in text
    row = next(line for line in out.splitlines() if line.startswith("│ compromise "))
    assert row.split("│")[2:5] == [" +20.0% ", " +10.0% ", " +50.0% "]
    assert "Nash solution │ +15.0% │ +15.0% │ +45.0%" in out
    assert "Nobody is pivotal" in out
    assert "✗" not in out.split("Pivotal actors")[0].split("Gain over")[0]


def test_a_gap_of_20_makes_both_veto_players_pivotal_and_walk_away(tmp_path: Path) -> None:
    """A accepts at most 40, B at least 60: at 50 A gains -25 + 20 = -5 (-10%) and crosses
    its red line, as does B; each alone blocks the zone (20 apart) and alone could open it."""
    path = hand(tmp_path, 40, 60)
    doc = _json(path, "--model", "compromise")
    comp = _by_actor(doc["packages"][0])
    assert comp["A"]["gain"] == -5.0 and comp["A"]["walks_away"]
    assert comp["A"]["crossed"] == ["x"] and comp["B"]["walks_away"]
    assert not comp["C"]["walks_away"]            # no veto: never walks away
    assert doc["packages"][1]["kind"] == "nash-after-concessions"
    pivots = {(p["actor"], p["scope"], p["kind"]): p["distance"] for p in doc["pivotal"]}
    assert pivots == {("A", "x", "veto"): 20.0, ("B", "x", "veto"): 20.0,
                      ("A", "package", "veto"): None, ("B", "package", "veto"): None,
                      ("A", "package", "move"): 20.0, ("B", "package", "move"): 20.0}
    out = cli("actors", path, "-m", "compromise").stdout
    text = " ".join(out.split())
    assert "Atlantis and Borduria would walk away from every model's forecast" in text
    assert "-10.0% ✗" in out
    assert "Atlantis alone could open a zone by moving its red lines 20.0 points" in text


def test_every_model_gives_perceptions_coalitions_and_trades(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(HAND.replace("RES_A", "70").replace("RES_B", "40").replace(
        "  - {id: x, name: Issue x, range: [0, 100]}\n",
        "  - {id: x, name: Issue x, range: [0, 100]}\n  - {id: y, name: Issue y}\n") +
        "  - {actor: A, issue: y, position: 100, salience: 0.2}\n"
        "  - {actor: B, issue: y, position: 0, salience: 0.9}\n"
        "  - {actor: C, issue: y, position: 30, salience: 0.5}\n")
    doc = _json(path)
    assert doc["models"][:2] == ["compromise", "weighted-median"] and "eum" in doc["models"]
    perceptions = {e["issue"]: e for e in doc["perceptions"]}
    assert set(perceptions) == {"x", "y"}
    first = perceptions["x"]["rounds"][0]
    assert first["round"] == 1 and first["perceptions"]
    assert set(first["perceptions"][0]) == {"actor", "other", "own", "other_eu", "quadrant",
                                            "yields"}
    assert {p["quadrant"] for r in perceptions["x"]["rounds"] for p in r["perceptions"]} <= {
        "conflict", "compromise", "capitulation", "status-quo"}
    for c in doc["coalitions"]:
        assert set(c) == {"rank", "probability", "members", "capability_share", "position"}
    assert sum(c["probability"] for c in doc["coalitions"]) == pytest.approx(1.0, abs=1e-4)
    assert set(doc["trades"]) == {"complete", "rounds", "trades"}
    for t in doc["trades"]["trades"]:
        assert [set(leg) for leg in t["legs"]] == [{"actor", "issue", "gives_to", "from",
                                                    "to"}] * 2
    # a focus narrows every per-issue part
    only_y = _json(path, "--issue", "y")
    assert only_y["focus"] == {"issue": "y", "actor": None}
    assert [p["issue"] for p in only_y["power"]] == ["y"]
    assert [e["issue"] for e in only_y["perceptions"]] == ["y"]
    assert all(set(p["outcome"]) == {"y"} for p in only_y["packages"])
    only_c = _json(path, "--actor", "C")
    assert all([a["actor"] for a in p["actors"]] == ["C"] for p in only_c["packages"])


def test_the_built_in_case() -> None:
    proc = cli("actors")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in ("Who gains, who loses", "Pivotal actors", "Voting power per issue",
                    "Expected-utility model", "SMP's coalitions", "Exchange model: trades"):
        assert heading in out
    # Russia's and Ukraine's red lines on territory are 20 apart: each blocks the zone alone
    assert "Russia  │ Territory" in out and "Ukraine │ Territory" in out
    assert "The EUM did not converge on" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--issue", "nope"], "--issue: unknown issue 'nope' (issues: nato, territory,"),
    (["--actor", "ZZZ"], "--actor: unknown actor 'ZZZ' (actors: RUS, UKR,"),
    (["--model", "nope"], "unknown model 'nope'"),
    (["--loss", "cubic"], "--loss must be one of linear, quadratic"),
])
def test_bad_input(args: list[str], message: str) -> None:
    proc = cli("actors", *args)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_a_bad_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HAND.replace("RES_A", "70").replace("RES_B", "40")
                   .replace("capability: 2}", "capability: -2}"))
    proc = cli("actors", bad)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{bad}:") and "capability" in proc.stderr


def test_markdown_keeps_scenario_text_inert(tmp_path: Path) -> None:
    # names short enough to be shown in full (sentences use the id of a longer one)
    hostile = (HAND.replace("RES_A", "40").replace("RES_B", "60")
               .replace("name: Atlantis", "name: \"<script>x</script>\"")
               .replace("name: Issue x", "name: \"<img src=x onerror=y>\"")
               .replace("title: Hand-made talks", "title: \"Talks [x](javascript:alert(2))\""))
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile)
    proc = cli("actors", path, "-m", "compromise", "-m", "eum", "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    _inert(proc.stdout)
    assert "script" in proc.stdout and "onerror" in proc.stdout   # shown, as text


def test_the_console_script_runs_it() -> None:
    """``python -m accord actors`` imports only this command's module: it must still be read
    as the command, not as the program with ``actors`` for its SCENARIO."""
    proc = cli_process("actors", "--issue", "government", "-m", "compromise", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["focus"]["issue"] == "government"
