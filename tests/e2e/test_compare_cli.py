"""``accord compare`` and ``--variant`` of ``accord run`` and ``accord bargain`` (issue 16).

On ``tests/data/whatif/harbour.yaml`` the union's red line on wages (at least 8%) and the city
council's (at most 5%) cross 3 points apart; the city is a veto player, so dropping it opens
the zone it blocked: 8-12% (the port's maximum is 12%).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.cases import DEFAULT_CASE
from accord.scenario.load import load_scenario
from accord.scenario.save import save_scenario
from tests.conftest import ROOT, cli
from tests.e2e.test_markdown_escaping import HOSTILE, LINK, _inert

HARBOUR = ROOT / "tests" / "data" / "whatif" / "harbour.yaml"
DROP_CITY = '{"edit": "drop-actor", "actor": "CITY"}'


def compare_json(*args: str | Path) -> dict[str, Any]:
    proc = cli("compare", *args, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc: dict[str, Any] = json.loads(proc.stdout)
    return doc


def zone(doc: dict[str, Any], side: str, issue: str) -> Any:
    return next(z[side] for z in doc["outputs"]["zones"] if z["issue"] == issue)


def test_dropping_a_veto_player_opens_the_zone_it_blocked() -> None:
    doc = compare_json(HARBOUR, "--edit", DROP_CITY)
    out = doc["outputs"]
    assert zone(doc, "a", "wage") is None and zone(doc, "b", "wage") == [8.0, 12.0]
    assert out["verdict"] == {"a": "no deal", "b": "deal possible", "changed": True}
    assert out["blocking"]["resolved"] == [
        {"actors": ["UNION", "CITY"], "issue": "wage", "gap": 3.0, "minimum": 8.0,
         "maximum": 5.0}]
    assert out["blocking"]["b"] == [] and out["blocking"]["new"] == []
    assert out["opening"]["a"]["opens"] == "2027-09" and out["opening"]["b"]["months"] == 0
    assert out["concessions"]["a"]["actors"] == ["UNION", "CITY"]
    assert out["concessions"]["b"] == {"points": 0.0, "actors": [], "moves": []}
    assert doc["inputs"]["actors"]["removed"] == ["CITY"]
    assert doc["inputs"]["costs"]["removed"] == [["CITY", "wage"]]
    assert doc["b"]["edits"][0]["describe"] == "drop actor CITY"
    # the gains: the union lost against no deal after the concessions, gains in the deal
    union = next(g for g in out["gains"]["actors"] if g["actor"] == "UNION")
    assert union["sign_changed"] and union["a"]["verdict"] == "loses"
    assert union["b"]["verdict"] == "gains" and not union["b"]["walks_away"]
    assert out["gains"]["package"] == {"a": "nash-after-concessions", "b": "nash"}
    city = next(g for g in out["gains"]["actors"] if g["actor"] == "CITY")
    assert city["b"] is None


def test_a_variant_named_scenario_at_variant_gives_the_same_comparison() -> None:
    edited = compare_json(HARBOUR, "--edit", DROP_CITY)
    one = compare_json(f"{HARBOUR}@city-leaves")      # the scenario against its variant
    two = compare_json(HARBOUR, f"{HARBOUR}@city-leaves")
    assert one["outputs"] == two["outputs"] == edited["outputs"]
    assert one["a"]["label"] == str(HARBOUR) and one["b"]["label"] == f"{HARBOUR}@city-leaves"
    variant = one["b"]["variant"]
    assert variant["id"] == "city-leaves" and variant["title"] == "The city council steps back"
    assert variant["edits"] == [{"edit": "drop-actor", "actor": "CITY"}]
    assert one["b"]["scenario"]["id"] == "harbour-talks.city-leaves"
    table = cli("compare", f"{HARBOUR}@city-leaves").stdout
    assert "Variant city-leaves: The city council steps back. The mayor said" in table
    assert "no deal" in table and "deal possible" in table


def test_edits_repeat_and_lists_apply_in_order() -> None:
    doc = compare_json(HARBOUR, "--edit", '[{"edit": "set-veto", "actor": "CITY", "veto": '
                       'false}]', "--edit", '{"edit": "set-stance", "actor": "PORT", '
                       '"issue": "wage", "field": "reservation", "value": 10}')
    assert [e["describe"] for e in doc["b"]["edits"]] == [
        "take CITY's veto", "set PORT's reservation on wage to 10"]
    assert zone(doc, "b", "wage") == [8.0, 10.0]
    # the edits of B apply after B's variant
    doc = compare_json(HARBOUR, f"{HARBOUR}@city-leaves", "--edit",
                       '{"edit": "set-stance", "actor": "UNION", "issue": "wage", '
                       '"field": "reservation", "value": 13}')
    assert zone(doc, "b", "wage") is None
    assert doc["outputs"]["blocking"]["new"][0]["actors"] == ["UNION", "PORT"]


def test_why_an_output_did_not_move() -> None:
    port = compare_json(HARBOUR, "--edit", '{"edit": "drop-actor", "actor": "PORT"}')
    assert port["outputs"]["opening"]["changed"] is False
    why = {w["output"]: w for w in port["unchanged"]}
    assert why["opening"]["code"] == "last-to-meet" and why["opening"]["actors"] == ["PORT"]
    assert why["opening"]["pairs"] == [{"issue": "wage", "actors": ["UNION", "CITY"]}]
    assert why["verdict"]["code"] == "still-blocking"
    text = cli("compare", HARBOUR, "--edit", '{"edit": "drop-actor", "actor": "PORT"}').stdout
    assert "so no one's costs depend on Port authority" in " ".join(text.split())
    # the shipping lines hold no veto: nothing the bargaining reads moves
    ship = compare_json(f"{HARBOUR}@shipping-weighs-in")
    codes = {w["output"]: w["code"] for w in ship["unchanged"]}
    assert codes == dict.fromkeys(("zones", "verdict", "blocking", "concessions", "opening",
                                   "gains"), "no-veto")
    assert any(f["changed"] for f in ship["outputs"]["forecasts"])
    # a red line moves: the models (none reads red lines) do not
    union = compare_json(f"{HARBOUR}@union-softens")
    assert {w["output"]: w["code"] for w in union["unchanged"]} == {"forecasts": "models-blind"}


def test_two_snapshots_and_the_json_shape() -> None:
    doc = compare_json("ukraine-2025-01", DEFAULT_CASE, "--model", "compromise")
    assert set(doc) == {"accord", "a", "b", "settings", "inputs", "outputs", "unchanged"}
    assert set(doc["outputs"]) == {"forecasts", "zones", "verdict", "blocking", "concessions",
                                   "opening", "gains"}
    assert set(doc["a"]) == {"label", "scenario", "variant", "edits", "failures"}
    assert doc["settings"]["models"] == [{"model": "compromise", "preset": None, "params": {}}]
    assert {f["model"] for f in doc["outputs"]["forecasts"]} == {"compromise"}
    assert doc["a"]["scenario"]["id"] == "ukraine-2025-01"
    for f in doc["outputs"]["forecasts"]:
        assert set(f) == {"model", "issue", "a", "b", "change", "changed"}
    # the US withdraws from the built-in case (its numbers are the case files', not pinned)
    us = compare_json("--edit", '{"edit": "drop-actor", "actor": "USA"}', "--model", "mean")
    assert us["inputs"]["actors"]["removed"] == ["USA"]
    assert us["a"]["label"] == DEFAULT_CASE


def test_run_and_bargain_take_a_variant() -> None:
    proc = cli("run", HARBOUR, "--variant", "city-leaves", "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["scenario"]["id"] == "harbour-talks.city-leaves"
    assert all("CITY" not in r["actors"] for r in doc["results"])
    proc = cli("bargain", HARBOUR, "--variant", "city-leaves", "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["verdict"] == "deal possible" and doc["issues"]["wage"]["zopa"] == [8.0, 12.0]
    for command in ("run", "bargain"):
        proc = cli(command, HARBOUR, "--variant", "nope", "--no-store")
        assert proc.returncode == 2
        assert ("scenario 'harbour-talks' has no variant 'nope' (variants: city-leaves, "
                "union-softens, shipping-weighs-in)") in proc.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--edit", '{"edit": "drop-actor", "actor": "XX"}'],
     "--edit: edit 1 (drop actor XX): unknown actor 'XX' (known: PORT, UNION, CITY, SHIP)"),
    (["--edit", '{"edit": "set-stance", "actor": "PORT", "issue": "zz", "field": "position", '
                '"value": 5}'],
     "--edit: edit 1 (set PORT's position on zz to 5): unknown issue 'zz' (known: wage, hours)"),
    (["--edit", '{"edit": "fix-outcome", "issue": "wage", "value": 5}', "--edit",
      '{"edit": "set-stance", "actor": "CITY", "issue": "wage", "field": "reservation", '
      '"value": 30}'],
     "--edit: edit 2 (set CITY's reservation on wage to 30): makes the scenario invalid: "
     "stances[2].reservation: reservation 30 is outside the issue's range [0, 20]"),
    (["--edit", '{"edit": "drop-actor", "actor": '], "--edit: not valid JSON ("),
    (["--edit", '"drop"'], "--edit: an edit is a JSON object such as"),
    (["--edit", '{"edit": "explode", "actor": "PORT"}'], "--edit: edit 1: Input tag 'explode'"),
    (["--edit", '{"edit": "scale-capability", "actor": "PORT", "factor": 0}'],
     "--edit: edit 1: factor: Input should be greater than 0"),
    ([], "nothing to compare: give a second scenario, SCENARIO@VARIANT or --edit JSON"),
])
def test_bad_edits_exit_2_saying_which_edit_and_what(args: list[str], message: str) -> None:
    proc = cli("compare", HARBOUR, *args)
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_unknown_variants_and_files() -> None:
    proc = cli("compare", f"{HARBOUR}@nope")
    assert proc.returncode == 2
    assert "has no variant 'nope' (variants: city-leaves, union-softens" in proc.stderr
    proc = cli("compare", "@nope")
    assert proc.returncode == 2
    assert f"scenario '{DEFAULT_CASE}' has no variant 'nope'" in proc.stderr
    proc = cli("compare", "no-such-case", DEFAULT_CASE)
    assert proc.returncode == 2 and "neither a file nor a built-in case" in proc.stderr


def test_a_bad_variant_in_a_file_is_located(tmp_path: Path) -> None:
    text = HARBOUR.read_text().replace(
        "      - {edit: drop-actor, actor: CITY}", "      - {edit: drop-actor, actor: TOWN}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    line = text.splitlines().index("      - {edit: drop-actor, actor: TOWN}") + 1
    proc = cli("compare", f"{bad}@city-leaves")
    assert proc.returncode == 2
    assert f"{bad}:{line}:" in proc.stderr
    assert "drop actor TOWN: unknown actor 'TOWN'" in proc.stderr


def test_markdown_keeps_the_scenarios_text_inert(tmp_path: Path) -> None:
    base = load_scenario(HOSTILE)
    hostile = base.model_copy(update={
        "title": f"{base.title} {LINK}",
        "actors": tuple(a.model_copy(update={"name": f"{a.name} {LINK}"}) for a in base.actors),
        "issues": tuple(i.model_copy(update={"name": f"{i.name} {LINK}"}) for i in base.issues),
    })
    data = hostile.model_dump(mode="python")
    data["variants"] = [{"id": "b-leaves", "title": "<script>window.__pwned=1</script> B goes",
                         "rationale": f"<img src=x onerror=\"window.__pwned=2\"> {LINK}",
                         "edits": [{"edit": "drop-actor", "actor": "B"}]}]
    path = tmp_path / "hostile.yaml"
    save_scenario(type(base).model_validate(data), path)
    proc = cli("compare", f"{path}@b-leaves", "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    _inert(proc.stdout)
    assert "javascript" in proc.stdout and "Borduria" in proc.stdout and "onerror" in proc.stdout
    report = tmp_path / "hostile.md"
    proc = cli("report", path, "-o", report, "--model", "compromise", "--no-timeline")
    assert proc.returncode == 0, proc.stderr
    text = report.read_text()
    _inert(text, images="hostile_files")
    assert "B goes" in text.split("## What if")[1]
