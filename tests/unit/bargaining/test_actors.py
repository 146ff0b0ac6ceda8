"""Who gains and who walks away, pivotal actors, voting power, and concession ranges."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.bargaining import build_problem, minimal_concessions
from accord.bargaining.concession_ranges import concession_ranges
from accord.bargaining.gains import actor_gains
from accord.bargaining.pivotal import pivotal_actors
from accord.bargaining.power import EXACT_LIMIT, issue_power, voting_power
from accord.errors import UsageError
from tests.unit.bargaining.helpers import scenario, stance, two_actors

# --- gains ------------------------------------------------------------------------------------


def test_gains_worked_by_hand() -> None:
    # A at 0 accepts at most 70, B at 100 at least 40, both salience 0.5: no deal is measured
    # at the red lines: d_A = -0.5 * 70 = -35, d_B = -0.5 * 60 = -30.
    p = build_problem(two_actors(70, 40))
    at_55 = {g.actor: g for g in actor_gains(p, {"i0": 55.0})}
    assert at_55["A"].utility == pytest.approx(-27.5) and at_55["A"].no_deal == -35.0
    assert at_55["A"].gain == pytest.approx(7.5) and at_55["B"].gain == pytest.approx(7.5)
    assert at_55["A"].relative == pytest.approx(7.5 / 50.0)   # R = 0.5 * 100
    assert not at_55["A"].walks_away and at_55["A"].verdict == "gains"
    # 80 is beyond A's red line: A would walk away, B gains more.
    at_80 = {g.actor: g for g in actor_gains(p, {"i0": 80.0})}
    assert at_80["A"].walks_away and at_80["A"].crossed == ("i0",)
    assert at_80["A"].gain == pytest.approx(-5.0) and at_80["A"].verdict == "loses"
    assert at_80["B"].gain == pytest.approx(20.0) and not at_80["B"].walks_away
    # at the red line itself A is indifferent and stays
    at_70 = {g.actor: g for g in actor_gains(p, {"i0": 70.0})}
    assert at_70["A"].verdict == "indifferent" and not at_70["A"].walks_away


def test_the_gains_of_the_nash_solution_are_never_below_no_deal() -> None:
    from accord.bargaining import analyse
    from accord.bargaining.gains import package_of

    a = analyse(two_actors(70, 40))
    assert a.nash is not None
    gains = actor_gains(a.problem, package_of(a.problem, a.nash.package))
    assert [g.gain for g in gains] == pytest.approx([7.5, 7.5], abs=1e-5)
    assert not any(g.walks_away for g in gains)


def test_open_issues_count_in_neither_utility_nor_no_deal() -> None:
    p = build_problem(two_actors(70, 40, issues=2))
    (a, _) = actor_gains(p, {"i0": 55.0, "i1": None})
    assert a.open == ("i1",) and [g.issue for g in a.issues] == ["i0"]
    assert a.gain == pytest.approx(7.5)
    with pytest.raises(UsageError, match="unknown issue"):
        actor_gains(p, {"nope": 1.0})


# --- pivotal actors ---------------------------------------------------------------------------


def test_pivotal_actors_of_a_single_gap() -> None:
    p = build_problem(two_actors(40, 60))
    pivots = {(x.actor, x.scope, x.kind): x.distance for x in pivotal_actors(p)}
    assert pivots[("A", "i0", "veto")] == pytest.approx(20.0)
    assert pivots[("B", "i0", "veto")] == pytest.approx(20.0)
    assert pivots[("A", "package", "veto")] is None
    assert pivots[("A", "package", "move")] == pytest.approx(20.0)
    assert pivots[("B", "package", "move")] == pytest.approx(20.0)
    assert pivotal_actors(build_problem(two_actors(70, 40))) == []


def test_two_minimums_above_one_maximum_only_the_maximum_is_pivotal_alone() -> None:
    s = scenario(["A", "B", "C"], ["x"], [stance("A", "x", 0, 0.5, 40),
                                         stance("B", "x", 100, 0.5, 60),
                                         stance("C", "x", 100, 0.5, 70)])
    pivots = {(x.actor, x.kind) for x in pivotal_actors(build_problem(s)) if x.scope == "x"}
    assert pivots == {("A", "veto")}
    move = {x.actor: x.distance for x in pivotal_actors(build_problem(s))
            if x.kind == "move"}
    assert move == {"A": pytest.approx(30.0)}


# --- voting power -----------------------------------------------------------------------------


def test_power_of_a_dictator_a_dummy_and_a_veto_player() -> None:
    dictator = issue_power("x", ["a", "b", "c"], np.array([3.0, 1.0, 1.0]),
                           np.zeros(3, dtype=bool))
    assert [p.shapley_shubik for p in dictator.players] == [1.0, 0.0, 0.0]
    assert [p.banzhaf for p in dictator.players] == [1.0, 0.0, 0.0]
    # four equal players, a holds a veto: a wins with any one other (weight 2 of 4 is not more
    # than half: needs 3). Swings: a in 4 coalitions {b,c},{b,d},{c,d},{b,c,d}; b in {a,c},
    # {a,d}: beta = 4/8, 2/8, 2/8, 2/8; Shapley-Shubik: a is pivotal when third or fourth:
    # 1/2; the others share the rest.
    veto = issue_power("x", list("abcd"), np.ones(4), np.array([True, False, False, False]))
    assert [p.banzhaf for p in veto.players] == [0.5, 0.25, 0.25, 0.25]
    assert [p.banzhaf_normalised for p in veto.players] == pytest.approx([0.4, 0.2, 0.2, 0.2])
    assert [p.shapley_shubik for p in veto.players] == pytest.approx([0.5, 1 / 6, 1 / 6, 1 / 6])


def test_two_veto_players_share_the_power_of_a_unanimity_game() -> None:
    s = two_actors(40, 60)
    (ip,) = voting_power(s)
    assert [p.shapley_shubik for p in ip.players] == [0.5, 0.5]
    assert [p.banzhaf for p in ip.players] == [0.5, 0.5]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8))
def test_shapley_shubik_adds_up_to_one(weights: list[float], vetoes: list[bool]) -> None:
    n = len(weights)
    ip = issue_power("x", [f"a{k}" for k in range(n)], np.array(weights),
                     np.array(vetoes[:n]))
    assert sum(p.shapley_shubik for p in ip.players) == pytest.approx(1.0)
    assert sum(p.banzhaf_normalised for p in ip.players) == pytest.approx(1.0)
    for p in ip.players:
        assert 0.0 <= p.banzhaf <= 1.0
        if p.veto:   # a veto player swings in every coalition that wins with it
            assert p.banzhaf >= max(q.banzhaf for q in ip.players) - 1e-12


def test_sampling_above_the_exact_limit_agrees_with_enumeration(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    w = rng.random(10)
    veto = np.zeros(10, dtype=bool)
    veto[4] = True
    exact = issue_power("x", [f"a{k}" for k in range(10)], w, veto)
    monkeypatch.setattr("accord.bargaining.power.EXACT_LIMIT", 5)
    with pytest.raises(UsageError, match="explicit random generator"):
        issue_power("x", [f"a{k}" for k in range(10)], w, veto)
    sampled = issue_power("x", [f"a{k}" for k in range(10)], w, veto, samples=40_000,
                          rng=np.random.default_rng(0))
    assert not sampled.exact and exact.exact
    for e, s in zip(exact.players, sampled.players, strict=True):
        assert s.shapley_shubik == pytest.approx(e.shapley_shubik, abs=0.01)
        assert s.banzhaf == pytest.approx(e.banzhaf, abs=0.015)
    assert EXACT_LIMIT == 20


def test_bad_quota() -> None:
    with pytest.raises(UsageError, match="quota"):
        voting_power(two_actors(40, 60), quota=1.0)


# --- concession ranges ------------------------------------------------------------------------


def test_a_gap_between_two_actors_is_shared_either_way() -> None:
    cs = concession_ranges(build_problem(two_actors(40, 60)))
    assert cs.possible and cs.total == pytest.approx(20.0) and not cs.unique
    ranges = {r.actor: r for r in cs.ranges}
    assert ranges["A"].least == 0.0 and ranges["A"].most == pytest.approx(20.0)
    assert ranges["A"].most_to == pytest.approx(60.0) and ranges["B"].most_to == \
        pytest.approx(40.0)
    assert cs.required == ()


def test_weighted_concession_is_unique_and_required() -> None:
    cs = concession_ranges(build_problem(two_actors(40, 60, sal_a=0.2, sal_b=0.8)),
                           weighted=True)
    assert cs.unique and [r.actor for r in cs.ranges] == ["A"]
    (a,) = cs.required
    assert a.least == pytest.approx(20.0) and a.least_to == pytest.approx(60.0)


def test_only_moving_red_lines_are_listed_and_the_total_matches_the_plan() -> None:
    # Issue i1 already has a zone: its red lines never move and are not listed.
    s = scenario(["A", "B"], ["i0", "i1"],
                 [stance("A", "i0", 0, 0.5, 40), stance("B", "i0", 100, 0.5, 60),
                  stance("A", "i1", 0, 0.5, 70), stance("B", "i1", 100, 0.5, 30)])
    p = build_problem(s)
    cs = concession_ranges(p)
    assert {r.issue for r in cs.ranges} == {"i0"}
    assert cs.total == pytest.approx(minimal_concessions(p).total)


def test_a_gap_priced_by_falling_no_deal_utilities_is_still_shared() -> None:
    # Red lines measure no deal here, so the face is linearised; the first tangent alone made
    # A's least 2 points while the spread minimal plan moves A by 1.5 (found by hypothesis).
    s = scenario(["a0", "a1"], ["i0"], [stance("a0", "i0", 56, 0.2, 12),
                                        stance("a1", "i0", 5, 0.2, 9)])
    p = build_problem(s)
    cs, plan = concession_ranges(p), minimal_concessions(p)
    assert cs.total == pytest.approx(plan.total, abs=1e-6)
    ranges = {r.actor: r for r in cs.ranges}
    for c in plan.moves:
        assert ranges[c.actor].least - 1e-6 <= c.points <= ranges[c.actor].most + 1e-6
    assert ranges["a0"].least == pytest.approx(0.0, abs=1e-6)


def test_restricted_to_one_actor_and_unknown_actors() -> None:
    p = build_problem(two_actors(40, 60))
    only_b = concession_ranges(p, actors=["B"])
    assert only_b.movers == ("B",) and only_b.unique
    assert [(r.actor, r.least) for r in only_b.ranges] == [("B", pytest.approx(20.0))]
    with pytest.raises(UsageError, match="unknown actor"):
        concession_ranges(p, actors=["Z"])


def test_no_movement_opens_a_zone_when_participation_cannot_be_met() -> None:
    # A veto player without any red line whose no-deal (status quo at its own position) beats
    # every package the other's red line allows.
    s = scenario(["A", "B"], [{"id": "x", "name": "x", "status_quo": 0}],
                 [stance("A", "x", 0, 1.0), stance("B", "x", 100, 1.0, 100)])
    p = build_problem(s, None)
    assert not concession_ranges(p, actors=["A"]).possible
