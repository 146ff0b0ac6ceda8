"""What-if edits, named variants in a scenario file, and the input diff of two scenarios."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from accord.bargaining import analyse
from accord.errors import InputError, UsageError
from accord.scenario.diff import diff_scenarios
from accord.scenario.edits import EditError, apply_edits, apply_variant
from accord.scenario.load import load_scenario, parse_scenario
from accord.scenario.numbers import Triangular
from accord.scenario.save import dump_scenario
from accord.scenario.schema import Actor, Scenario, Stance
from accord.scenario.variants import (
    AddActor,
    DropActor,
    DropCost,
    FixOutcome,
    ScaleCapability,
    SetCapability,
    SetCost,
    SetStance,
    SetVeto,
)
from tests.conftest import ROOT, cli

BASE = """\
accord: 1
id: toy
title: Toy talks
as_of: 2026-01
sources:
  - {id: s1, title: An article}
actors:
  - {id: A, name: Alpha, capability: 1, veto: true}
  - {id: B, name: Beta, capability: 1, veto: true}
  - {id: C, name: Gamma, capability: 2}
issues:
  - {id: x, name: Issue x}
  - {id: y, name: Issue y, status_quo: 30}
stances:
  - {actor: A, issue: x, position: 0, salience: 0.5, reservation: 60}
  - {actor: B, issue: x, position: 100, salience: 0.5, reservation: 70}
  - {actor: C, issue: x, position: 50, salience: 0.5}
  - {actor: A, issue: y, position: 20, salience: 0.5}
  - actor: B
    issue: y
    position: 80
    salience: 0.5
    reservation: {dist: triangular, low: 20, mode: 30, high: 40}
costs:
  - {actor: A, issue: x, drift: 1}
"""

VARIANTS = """\
variants:
  - id: b-softens
    title: Beta softens
    rationale: Beta's envoy hinted at flexibility
    evidence: [{source: s1, quote: Beta could live with less}]
    edits:
      - {edit: set-stance, actor: B, issue: x, field: reservation, value: 55}
  - id: no-beta-veto
    rationale: Beta loses its say
    edits:
      - {edit: set-veto, actor: B, veto: false}
"""


def toy(extra: str = "") -> Scenario:
    return parse_scenario(BASE + extra, "toy.yaml")


def test_the_base_has_no_zone_and_dropping_the_blocking_veto_player_opens_it() -> None:
    s = toy()
    assert analyse(s).verdict == "no deal"          # A <= 60, B >= 70
    dropped = apply_edits(s, [DropActor(actor="B")])
    assert [a.id for a in dropped.actors] == ["A", "C"]
    assert all(st.actor != "B" for st in dropped.stances)
    assert analyse(dropped).verdict == "deal possible"
    assert analyse(apply_edits(s, [SetVeto(actor="B", veto=False)])).verdict == "deal possible"


def test_each_kind_of_edit_changes_what_it_says() -> None:
    s = toy()
    t = apply_edits(s, [
        SetStance(actor="B", issue="x", field="position", value=90.0),
        SetStance(actor="B", issue="y", field="reservation", value=None),
        SetStance(actor="A", issue="x", field="veto", value=False),
        ScaleCapability(actor="C", factor=1.5),
        SetCapability(actor="A", value=3.0),
        SetVeto(actor="C", issue="x", veto=True),
        SetCost(actor="A", issue="x", drift=2.5),
        SetCost(actor="B", issue=None, drift=0.5, floor=None),
    ])
    st = t.stance("B", "x")
    assert st is not None and st.position == 90.0
    st_y = t.stance("B", "y")
    assert st_y is not None and st_y.reservation is None
    assert not t.has_veto("A", "x") and t.has_veto("A", "y")
    assert t.actor("C").capability == 3.0 and t.actor("A").capability == 3.0
    assert t.has_veto("C", "x") and not t.has_veto("C", "y")
    assert [(c.actor, c.issue, c.drift) for c in t.costs] == [("A", "x", 2.5), ("B", None, 0.5)]
    assert t.variants == ()
    assert apply_edits(t, [DropCost(actor="B")]).costs == t.costs[:1]


def test_scaling_a_distribution_scales_all_of_it() -> None:
    s = apply_edits(toy(), [SetCapability(actor="A", value=Triangular(
        dist="triangular", low=1.0, mode=2.0, high=4.0))])
    t = apply_edits(s, [ScaleCapability(actor="A", factor=0.5)])
    assert t.actor("A").capability == Triangular(dist="triangular", low=0.5, mode=1.0,
                                                 high=2.0)


def test_adding_an_actor_with_stances() -> None:
    s = toy()
    new = Actor(id="D", name="Delta", capability=4.0, veto=True)
    t = apply_edits(s, [AddActor(actor=new, stances=(
        Stance(actor="D", issue="x", position=65.0, salience=1.0, reservation=65.0),))])
    assert t.actor("D").capability == 4.0 and t.has_veto("D", "x")
    with pytest.raises(EditError, match="already an actor 'A'"):
        apply_edits(s, [AddActor(actor=Actor(id="A", name="again", capability=1.0))])
    with pytest.raises(EditError, match="names actor 'A', not 'D'"):
        apply_edits(s, [AddActor(actor=new, stances=(
            Stance(actor="A", issue="x", position=1.0, salience=1.0),))])


def test_fixing_an_outcome_settles_the_issue_for_models_and_bargaining() -> None:
    from accord.workflows.registry import MODELS

    s = toy()
    t = apply_edits(s, [FixOutcome(issue="x", value=65.0)])
    assert all(st.position == 65.0 and st.reservation is None
               for st in t.stances if st.issue == "x")
    assert t.issue("x").status_quo == 65.0 and t.meta["fixed.x"] == 65.0
    assert all(c.issue != "x" for c in t.costs)
    for name in ("compromise", "eum", "weighted-median", "exchange"):
        assert MODELS[name].run(t).outcome["x"] == pytest.approx(65.0), name
    a = analyse(t)
    assert a.zones[0] == (0.0, 100.0) and a.verdict == "deal possible"
    assert a.nash is not None
    assert a.problem.to_issue_scale(0, float(a.nash.package[0])) == pytest.approx(65.0)


@pytest.mark.parametrize(("edits", "fragment"), [
    ([DropActor(actor="Z")], "edit 1 (drop actor Z): unknown actor 'Z' (known: A, B, C)"),
    ([SetStance(actor="C", issue="y", field="position", value=1.0)], "C has no stance on y"),
    ([SetStance(actor="A", issue="q", field="position", value=1.0)], "unknown issue 'q'"),
    ([SetStance(actor="A", issue="x", field="reservation", value=120.0)],
     "makes the scenario invalid: stances[0].reservation: reservation 120 is outside"),
    ([ScaleCapability(actor="A", factor=2.0), SetStance(actor="A", issue="x",
                                                       field="salience", value=1.5)],
     "edit 2 (set A's salience on x to 1.5): makes the scenario invalid"),
    ([DropCost(actor="B", issue="x")], "B has no cost entry on x to drop"),
    ([SetCost(actor="B", issue="x", floor=20.0)], "give a drift to add one"),
    ([FixOutcome(issue="y", value=150.0)], "status quo 150 is outside"),
    ([DropActor(actor="A"), DropActor(actor="B"), DropActor(actor="C")],
     "at least one actor"),
])
def test_bad_edits_say_which_edit_and_why(edits: list[object], fragment: str) -> None:
    with pytest.raises(EditError) as err:
        apply_edits(toy(), edits)  # type: ignore[arg-type]
    assert fragment in str(err.value)
    assert isinstance(err.value, UsageError)


def test_edits_from_plain_data() -> None:
    from accord.scenario.edits import parse_edits

    edits = parse_edits([{"edit": "drop-actor", "actor": "C"},
                         {"edit": "set-stance", "actor": "A", "issue": "x",
                          "field": "reservation", "value": 50}])
    assert edits == [DropActor(actor="C"), SetStance(actor="A", issue="x",
                                                     field="reservation", value=50.0)]
    with pytest.raises(UsageError, match=r"edit 2: field: Input should be 'position'"):
        parse_edits([{"edit": "drop-actor", "actor": "C"},
                     {"edit": "set-stance", "actor": "A", "issue": "x", "field": "colour",
                      "value": 1}])
    with pytest.raises(UsageError, match=r"edit 1: Input tag 'frobnicate'"):
        parse_edits([{"edit": "frobnicate"}])


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"field": "veto", "value": 3.0}, "a veto is true or false"),
    ({"field": "position", "value": True}, "position takes a number"),
    ({"field": "salience"}, "salience needs a value"),
    ({"field": "colour", "value": 1.0}, "field"),
])
def test_ill_typed_edits_are_refused_when_made(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        SetStance(actor="A", issue="x", **kwargs)  # type: ignore[arg-type]


def test_variants_in_a_file_load_apply_and_round_trip(tmp_path: Path) -> None:
    s = toy(VARIANTS)
    assert [v.id for v in s.variants] == ["b-softens", "no-beta-veto"]
    soft = apply_variant(s, "b-softens")
    assert soft.id == "toy.b-softens" and soft.meta["variant"] == "b-softens"
    assert soft.variants == () and analyse(soft).verdict == "deal possible"
    with pytest.raises(UsageError,
                       match=r"no variant 'nope' \(variants: b-softens, no-beta-veto\)"):
        apply_variant(s, "nope")
    path = tmp_path / "again.yaml"
    path.write_text(dump_scenario(s), encoding="utf-8")
    assert load_scenario(path) == s


def test_a_scenario_without_variants_keeps_its_digest() -> None:
    s, t = toy(), toy(VARIANTS)
    assert "variants" not in s.canonical()
    assert t.digest() != s.digest()


BAD_VARIANTS = """\
variants:
  - id: v1
    rationale: r
    evidence: [{source: s9, quote: q}]
    edits:
      - {edit: drop-actor, actor: Z}
      - {edit: set-stance, actor: A, issue: x, field: reservation, value: 120}
  - id: v1
    rationale: r
    edits: []
  - id: v3
    rationale: r
    edits:
      - {edit: frobnicate, actor: A}
      - {actor: A}
      - {edit: scale-capability, actor: A, factor: 0}
"""


def test_bad_variants_are_reported_located_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BASE + BAD_VARIANTS, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    found = {(p.line, p.message) for p in err.value.problems}
    first = BASE.count("\n") + 1
    assert (first + 3, "unknown source 's9'") in found
    assert (first + 5, "drop actor Z: unknown actor 'Z' (known: A, B, C)") in found
    assert (first + 7, "duplicate variant id 'v1' (first used by variants[0])") in found
    assert (first + 9, "a variant needs at least one edit") in found
    messages = " | ".join(m for _, m in found)
    assert "unknown edit 'frobnicate'" in messages
    assert "missing 'edit'" in messages
    assert "factor: Input should be greater than 0" in messages
    # the second edit of v1 is not checked: the first already fails
    proc = cli("validate", path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{path}:{first + 5}:" in proc.stderr


def test_an_edit_that_breaks_the_scenario_is_located_at_its_value(tmp_path: Path) -> None:
    text = BASE + """\
variants:
  - id: v
    rationale: r
    edits:
      - {edit: set-stance, actor: A, issue: x, field: reservation, value: 120}
"""
    with pytest.raises(InputError) as err:
        parse_scenario(text, "t.yaml")
    (problem,) = err.value.problems
    line = text.count("\n")
    assert (problem.line, problem.col) == (line, text.splitlines()[-1].index("120") + 1)
    assert "reservation 120 is outside the issue's range" in problem.message


def test_the_variants_module_imports_on_its_own() -> None:
    proc = subprocess.run([sys.executable, "-c", "import accord.scenario.variants"],
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")},
                          check=False)
    assert proc.returncode == 0, proc.stderr


def test_diff_lists_what_changed_with_old_and_new() -> None:
    s = toy()
    t = apply_edits(s, [DropActor(actor="C"), SetStance(actor="B", issue="y",
                                                        field="reservation", value=45.0),
                        ScaleCapability(actor="A", factor=2.0), FixOutcome(issue="x", value=50)])
    d = diff_scenarios(s, t)
    assert d.actors_removed == ("C",) and d.actors_added == ()
    assert d.stances_removed == (("C", "x"),)
    assert d.costs_removed == (("A", "x"),)
    changes = {(c.what, c.actor, c.issue, c.field): (c.old, c.new) for c in d.changes}
    assert changes[("actor", "A", None, "capability")] == (1.0, 2.0)
    assert changes[("stance", "B", "y", "reservation")] == (
        {"dist": "triangular", "low": 20.0, "mode": 30.0, "high": 40.0}, 45.0)
    assert changes[("stance", "A", "x", "position")] == (0.0, 50.0)
    assert changes[("stance", "B", "x", "reservation")] == (70.0, None)
    assert changes[("issue", None, "x", "status_quo")] == (None, 50.0)
    assert changes[("meta", None, None, "fixed.x")] == (None, 50.0)
    assert diff_scenarios(s, s).empty and not d.empty
    back = diff_scenarios(t, s)
    assert back.actors_added == ("C",) and back.costs_added == (("A", "x"),)
    assert d.to_dict()["actors"] == {"added": [], "removed": ["C"]}
