"""``accord leverage`` through the command line (in process): the three-actor compromise worked
by hand, the concessions that open a closed zone as ranges, a model with jumps, the JSON shape,
bad input and Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli
from tests.e2e.test_actors_cli import hand
from tests.e2e.test_markdown_escaping import _inert

THREE = """\
accord: 1
id: three
title: Three actors
actors:
  - {id: A, name: Atlantis, capability: 1}
  - {id: B, name: Borduria, capability: 2}
  - {id: C, name: Carpania, capability: 2.5}
issues:
  - {id: x, name: Issue x, range: [0, 100]}
stances:
  - {actor: A, issue: x, position: 0, salience: 1.0}
  - {actor: B, issue: x, position: 40, salience: 0.5}
  - {actor: C, issue: x, position: 100, salience: 0.8}
"""


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """A at 0 (weight c s = 1), B at 40 (1), C at 100 (2): the compromise is 240 / 4 = 60."""
    path = tmp_path / "three.yaml"
    path.write_text(THREE)
    return path


def _json(*args: Any) -> dict[str, Any]:
    proc = cli("leverage", *args, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_three_actor_compromise_worked_by_hand(three: Path) -> None:
    """Target 45 from 60: the weighted moves must add up to W (45 - 60) = -60.

    Positions: A (w 1) would go to -60 and B (w 1) to -20, off the scale; C (w 2) moves
    -60 / 2 = -30, from 100 to 70. Weights: any w' = B_o (T - y_o) / (x - T) reaches T, with
    B_o and y_o the others' weight and weighted mean. C: B_o = 2, y_o = 20, w' = 2 * 25 / 55
    = 10/11: salience (10/11) / 2.5 = 4/11 (43.6 points below 0.8) or capability
    (10/11) / 0.8 = 25/22 (54.5% below 2.5). A: B_o = 3, y_o = 80, w' = 3 * 35 / 45 = 7/3:
    salience 7/3 (above 1: infeasible) or capability 7/3 (+133.3%). B: B_o = 3,
    y_o = 200/3, w' = 13: capability 26 (+1200%), salience 6.5 (infeasible). Cheapest first.
    """
    doc = _json(three, "--issue", "x", "--target", "45")
    assert doc["current"] == 60.0 and doc["request"]["model"]["model"] == "compromise"
    got = [(m["actor"], m["kind"], m["from"], m["to"], m["size"]) for m in doc["singles"]]
    assert got == [
        ("C", "position", 100.0, pytest.approx(70.0), pytest.approx(30.0)),
        ("C", "salience", 0.8, pytest.approx(4 / 11, abs=1e-6), pytest.approx(48 / 1.1)),
        ("C", "capability", 2.5, pytest.approx(25 / 22, abs=1e-6), pytest.approx(600 / 11)),
        ("A", "capability", 1.0, pytest.approx(7 / 3, abs=1e-6), pytest.approx(400 / 3)),
        ("B", "capability", 2.0, pytest.approx(26.0), pytest.approx(1200.0))]
    assert all(m["exact"] and m["forecast"] == 45.0 for m in doc["singles"])
    combined = doc["combined"]
    assert combined["cost"] == 30.0 and [m["actor"] for m in combined["moves"]] == ["C"]
    # no veto player and no red line: the whole scale is the zone, nothing to open
    assert doc["zone"] == [0.0, 100.0] and doc["target_in_zone"] is True
    assert doc["concessions"] is None


def test_the_best_move_of_two_actors_by_hand(three: Path) -> None:
    """Target 5: sum w_i d_i = 4 (5 - 60) = -220. C alone reaches -200 (100 to 0); B adds -20
    (40 to 20): 100 + 20 = 120 points. With one actor allowed there is no combined move."""
    doc = _json(three, "--issue", "x", "--target", "5", "--kinds", "position", "--actors", "2")
    assert doc["singles"] == []
    moves = [(m["actor"], m["from"], m["to"]) for m in doc["combined"]["moves"]]
    assert moves == [("C", 100.0, 0.0), ("B", 40.0, 20.0)]
    assert doc["combined"]["cost"] == 120.0 and doc["combined"]["forecast"] == 5.0
    assert _json(three, "--issue", "x", "--target", "5", "--actors", "1")["combined"] is None
    out = cli("leverage", three, "--issue", "x", "--target", "5", "--kinds", "position").stdout
    text = " ".join(out.split())
    assert "No single actor's move of the kinds allowed (position) reaches the target" in text
    assert "Best position move of up to 2 actors" in text and "Total cost 120.0" in text


def test_the_table_and_costs(three: Path) -> None:
    proc = cli("leverage", three, "--issue", "x", "--target", "45", "--kinds",
               "position,salience", "--cost", "position=2")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    # a point of position now costs 2: C's salience (43.6) is cheaper than its position (60)
    assert ("The cheapest single move: Carpania moves its salience from 0.8 to 0.364 "
            "(43.6 pts, cost 43.6)") in text
    rows = [line for line in proc.stdout.splitlines() if line.startswith("│ Carpania")]
    assert "salience" in rows[0] and "position" in rows[1] and "60.0" in rows[1]


def test_a_move_that_jumps_past_the_target_says_where_it_lands(three: Path) -> None:
    doc = _json(three, "--issue", "x", "--target", "45", "--model", "eum")
    jumps = [m for m in doc["singles"] if not m["exact"]]
    assert jumps, "the EUM's median jumps: some moves land past the target"
    for m in jumps:
        assert m["forecast"] < 45.0          # past it, coming down from 100
    out = cli("leverage", three, "--issue", "x", "--target", "45", "--model", "eum").stdout
    shown = f"{jumps[0]['forecast']:g} (jumps past the target)"
    assert shown in out


def test_a_closed_zone_is_opened_by_ranges_never_by_zero_moves(tmp_path: Path) -> None:
    """A accepts at most 40, B at least 60: the gap of 20 is shared either way; neither must
    move in every minimal plan, each may take all of it; nothing else is listed."""
    doc = _json(hand(tmp_path, 40, 60), "--issue", "x", "--target", "50")
    assert doc["zone"] is None and doc["target_in_zone"] is None
    cs = doc["concessions"]
    assert cs["possible"] and cs["total"] == 20.0 and not cs["unique"]
    ranges = {r["actor"]: r for r in cs["ranges"]}
    assert set(ranges) == {"A", "B"}
    assert (ranges["A"]["side"], ranges["A"]["stated"], ranges["A"]["least"],
            ranges["A"]["most"], ranges["A"]["most_to"]) == ("max", 40.0, 0.0, 20.0, 60.0)
    assert (ranges["B"]["side"], ranges["B"]["most_to"]) == ("min", 40.0)
    assert all(r["most"] > 0 for r in cs["ranges"])
    out = " ".join(cli("leverage", hand(tmp_path, 40, 60), "--issue", "x", "--target",
                       "50").stdout.split())
    assert "What opens the zone on Issue x" in out and "Several plans are equally small" in out
    # weighted by salience, the cheaper mover takes the whole gap: one plan, required
    salient = tmp_path / "salient.yaml"
    salient.write_text(hand(tmp_path, 40, 60).read_text().replace(
        "position: 100, salience: 0.5", "position: 100, salience: 0.9"))
    weighted = _json(salient, "--issue", "x", "--target", "50", "--weighted")["concessions"]
    assert weighted["unique"] and [(r["actor"], r["least"], r["required"])
                                   for r in weighted["ranges"]] == [("A", 20.0, True)]


def test_the_built_in_case() -> None:
    doc = _json("--issue", "territory", "--target", "55")
    assert doc["scenario"]["id"] == "ukraine-2025-12" and doc["zone"] is None
    first = doc["singles"][0]
    assert first["exact"] and first["forecast"] == 55.0
    ranges = doc["concessions"]["ranges"]
    assert ranges and all(r["most"] > 0 for r in ranges)
    assert {r["issue"] for r in ranges} >= {"territory"}


@pytest.mark.parametrize(("args", "message"), [
    (["--issue", "nope", "--target", "5"], "--issue: unknown issue 'nope' (issues: x)"),
    (["--issue", "x", "--target", "120"], "--target 120 is outside the range of 'x' [0, 100]"),
    (["--issue", "x", "--target", "-1"], "--target -1 is outside the range of 'x' [0, 100]"),
    (["--issue", "x", "--target", "50", "--model", "nope"], "unknown model 'nope'"),
    (["--issue", "x", "--target", "50", "--kinds", "position,charm"],
     "--kinds: unknown kind 'charm' (kinds: position, salience, capability)"),
    (["--issue", "x", "--target", "50", "--actors", "0"],
     "--actors must be a whole number from 1 to 10, not '0'"),
    (["--issue", "x", "--target", "50", "--cost", "position=0"],
     "--cost: position: the cost must be a number above 0"),
    (["--issue", "x", "--target", "50", "--cost", "charm=1"], "--cost: unknown kind 'charm'"),
    (["--issue", "x", "--target", "50", "--cost", "position"], "--cost takes KIND=WEIGHT"),
    (["--target", "50"], "--issue is required"),
    (["--issue", "x"], "--target is required"),
])
def test_bad_input(three: Path, args: list[str], message: str) -> None:
    proc = cli("leverage", three, *args)
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_markdown_keeps_scenario_text_inert(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hand(tmp_path, 40, 60).read_text()
                    .replace("name: Atlantis", "name: \"<script>x</script>\"")
                    .replace("name: Issue x", "name: \"<img src=x onerror=y>\"")
                    .replace("title: Hand-made talks",
                             "title: \"Talks [x](javascript:alert(2))\""))
    proc = cli("leverage", path, "--issue", "x", "--target", "45", "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    _inert(proc.stdout)
    assert "script" in proc.stdout and "onerror" in proc.stdout and "javascript" in proc.stdout
