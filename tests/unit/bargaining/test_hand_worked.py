"""Bargaining answers worked out by hand (docs/bargaining.md, "Worked examples")."""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining import BargainOptions, analyse, build_problem, check_package
from accord.bargaining.concessions import apply_concessions, minimal_concessions
from accord.bargaining.nash import nash_solution
from accord.bargaining.zopa import blocking_pairs, issue_zones
from tests.unit.bargaining.helpers import scenario, stance, two_actors


def test_overlapping_red_lines_zone_is_the_overlap_and_nash_its_midpoint() -> None:
    # A (at 0) accepts at most 70, B (at 100) at least 40: the zone is [40, 70]. Each rates
    # its own red line equal to no deal, so with linear loss and equal power the Nash product
    # (0.5 (70 - y)) (0.5 (y - 40)) peaks at the midpoint 55.
    s = two_actors(70, 40)
    problem = build_problem(s)
    assert issue_zones(problem) == [(40.0, 70.0)]
    assert blocking_pairs(problem) == []
    a = analyse(s)
    assert a.verdict == "deal possible"
    assert a.nash is not None
    assert a.nash.package[0] == pytest.approx(55.0, abs=1e-6)
    assert a.plan.moves == ()
    # The utilities at 55: -0.5 * 55 and -0.5 * 45; no deal: -0.5 * 70 and -0.5 * 60.
    assert a.nash.utilities == pytest.approx([-27.5, -22.5], abs=1e-6)
    assert problem.disagreement == pytest.approx([-35.0, -30.0])


def test_overlap_on_another_scale() -> None:
    # The same on a 4-10 scale: the zone and the solution are reported on the issue's scale.
    s = scenario(["A", "B"], [{"id": "years", "name": "Years", "range": [4, 10]}],
                 [stance("A", "years", 4, 0.5, 8.2), stance("B", "years", 10, 0.5, 6.4)])
    a = analyse(s)
    assert a.zones == ((pytest.approx(6.4), pytest.approx(8.2)),)
    assert a.nash is not None
    assert a.problem.to_issue_scale(0, a.nash.package[0]) == pytest.approx(7.3, abs=1e-6)


def test_non_overlapping_red_lines_no_deal_blocking_pair_and_concession_equals_gap() -> None:
    # A accepts at most 40, B at least 60: 20 points apart.
    s = two_actors(40, 60)
    a = analyse(s)
    assert a.verdict == "no deal"
    assert a.zones == (None,)
    assert len(a.blocking) == 1
    b = a.blocking[0]
    assert b.actors == ("B", "A") and b.issue == "i0"
    assert (b.minimum, b.maximum, b.gap) == pytest.approx((60.0, 40.0, 20.0))
    # The least total movement is the gap; equally small plans are spread evenly.
    assert a.plan.possible
    assert a.plan.total == pytest.approx(20.0)
    moved = {c.actor: (c.start, c.end) for c in a.plan.moves}
    assert moved == {"A": pytest.approx((40.0, 50.0)), "B": pytest.approx((60.0, 50.0))}
    assert check_package(apply_concessions(a.problem, a.plan)).feasible
    # After the concessions the zone is the single point 50, and so is the Nash solution.
    assert a.nash_after is not None
    assert a.nash_after.package[0] == pytest.approx(50.0, abs=1e-6)


def test_salience_weighted_concession_falls_on_who_cares_least() -> None:
    s = two_actors(40, 60, sal_a=0.2, sal_b=0.8)
    plan = minimal_concessions(build_problem(s), weighted=True)
    assert [(c.actor, c.start, c.end) for c in plan.moves] == [
        ("A", 40.0, pytest.approx(60.0, abs=1e-6))]
    assert plan.weighted_total == pytest.approx(0.2 * 20)
    unweighted = minimal_concessions(build_problem(s))
    assert unweighted.total == pytest.approx(20.0)


def _trade_scenario() -> tuple[object, BargainOptions]:
    # Three issues, status quo 50 on each (the no-deal outcome). A sits at 0 and cares most
    # about i1, B at 100 and cares most about i2; both care equally about i3, where A's red line
    # (at most 10) rules out the status quo.
    issues = [{"id": i, "name": i, "status_quo": 50} for i in ("i1", "i2", "i3")]
    stances = [stance("A", "i1", 0, 0.9), stance("A", "i2", 0, 0.1),
               stance("A", "i3", 0, 0.5, 10),
               stance("B", "i1", 100, 0.1), stance("B", "i2", 100, 0.9),
               stance("B", "i3", 100, 0.5)]
    s = scenario(["A", "B"], issues, stances)
    return s, BargainOptions(disagreement="status-quo", power="equal")


def test_package_deal_exists_only_through_a_trade_across_issues() -> None:
    s, options = _trade_scenario()
    problem = build_problem(s, options)  # type: ignore[arg-type]
    # No deal: d_A = d_B = -(0.9 + 0.1 + 0.5) * 50 = -75.
    assert problem.disagreement == pytest.approx([-75.0, -75.0])
    # Every issue has a zone on its own ...
    assert issue_zones(problem) == [(0.0, 100.0), (0.0, 100.0), (0.0, 10.0)]
    # ... but without a trade B loses: the status quo elsewhere and i3 at A's red line give B
    # -(5 + 45 + 45) = -95 < -75.
    assert problem.utility(np.array([50.0, 50.0, 10.0]))[1] == pytest.approx(-95.0)
    a = analyse(s, options)  # type: ignore[arg-type]
    assert a.verdict == "deal possible"
    # Nash by hand: along the frontier the cheapest trades for A come first: i2 (A gives 0.1
    # for B's 0.9) to 100, then i3 to A's red line 10 (0.5 for 0.5), then i1 (0.9 for 0.1).
    # The product (75 - 0.1 y2 - 0.5 y3 - 0.9 y1)(-75 + 0.9 y2 + 0.5 y3 + 0.1 y1) still rises
    # at the end of each of the first two segments and falls along the third: the solution
    # is (0, 100, 10), with gains 60 for A and 20 for B.
    assert a.nash is not None
    assert a.nash.package == pytest.approx([0.0, 100.0, 10.0], abs=1e-5)
    assert a.nash.utilities - problem.disagreement == pytest.approx([60.0, 20.0], abs=1e-5)


def test_participation_alone_can_block_and_names_the_holdout() -> None:
    # One issue, status quo 50 between A (at 0) and B (at 100); B's red line demands at least
    # 70, which A rates worse than no deal (it cannot be compensated on another issue).
    issues = [{"id": "i", "name": "i", "status_quo": 50}]
    s = scenario(["A", "B"], issues, [stance("A", "i", 0, 1.0), stance("B", "i", 100, 1.0, 70)])
    a = analyse(s, BargainOptions(disagreement="status-quo"))
    assert a.verdict == "no deal"
    assert a.blocking == ()
    assert a.check.red_lines_ok and not a.check.feasible
    assert [(h.actor, h.alone) for h in a.holdouts] == [("A", True)]
    # Moving B's red line down to the status quo (20 points) is what it takes.
    assert a.plan.total == pytest.approx(20.0)
    assert [(c.actor, c.end) for c in a.plan.moves] == [("B", pytest.approx(50.0))]


def test_red_lines_of_actors_without_a_veto_do_not_bind() -> None:
    s = scenario([{"id": "A", "name": "A", "capability": 1, "veto": True},
                  {"id": "B", "name": "B", "capability": 1, "veto": False}],
                 ["i"], [stance("A", "i", 0, 0.5, 40), stance("B", "i", 100, 0.5, 60)])
    a = analyse(s)
    assert a.zones == ((0.0, 40.0),)
    assert a.verdict == "deal possible"
    # A stance-level veto overrides the actor's flag.
    s2 = scenario([{"id": "A", "name": "A", "capability": 1, "veto": True},
                   {"id": "B", "name": "B", "capability": 1, "veto": False}],
                  ["i"], [stance("A", "i", 0, 0.5, 40),
                          stance("B", "i", 100, 0.5, 60, veto=True)])
    assert analyse(s2).verdict == "no deal"


def test_nash_pins_a_player_that_cannot_gain() -> None:
    # The status quo (50) lies between A and B on the only issue: every move hurts one of
    # them, so the Nash solution is the status quo itself.
    issues = [{"id": "i", "name": "i", "status_quo": 50}]
    s = scenario(["A", "B"], issues, [stance("A", "i", 0, 1.0), stance("B", "i", 100, 1.0)])
    problem = build_problem(s, BargainOptions(disagreement="status-quo"))
    solution = nash_solution(problem)
    assert solution is not None
    assert solution.package[0] == pytest.approx(50.0, abs=1e-6)
    assert set(solution.pinned) == {"A", "B"}


def test_zone_opens_when_drifting_red_lines_meet() -> None:
    # A's maximum 40 drifts up 1 point a month, B's minimum 60 down 0.5: the 20-point gap
    # closes after 13.3 months, so the first month with a zone is month 14: 2027-03.
    costs = [{"actor": "A", "drift": 1.0}, {"actor": "B", "issue": "i0", "drift": 0.5}]
    a = analyse(two_actors(40, 60, costs=costs))
    assert (a.opening.month, a.opening.label, a.opening.never) == (14, "2027-03", False)
    # B starts conceding only in July 2026 (month 6): A closes 6 points alone, the other 14
    # take 9.3 months together, so month 16: 2027-05.
    costs = [{"actor": "A", "drift": 1.0},
             {"actor": "B", "drift": 0.5, "start": "2026-07"}]
    a = analyse(two_actors(40, 60, costs=costs))
    assert (a.opening.month, a.opening.label) == (16, "2027-05")


def test_floors_keep_the_zone_closed_for_ever() -> None:
    costs = [{"actor": "A", "issue": "i0", "drift": 1.0, "floor": 45},
             {"actor": "B", "issue": "i0", "drift": 1.0, "floor": 55}]
    a = analyse(two_actors(40, 60, costs=costs))
    assert a.opening.month is None and a.opening.never
    assert a.opening.at.upper[0, 0] == pytest.approx(45.0)
    assert a.opening.at.lower[1, 0] == pytest.approx(55.0)


def test_zone_beyond_the_horizon_is_not_never() -> None:
    costs = [{"actor": "A", "drift": 0.1}]
    a = analyse(two_actors(40, 60, costs=costs), BargainOptions(horizon=60))
    assert a.opening.month is None and not a.opening.never
    a = analyse(two_actors(40, 60, costs=costs), BargainOptions(horizon=240))
    assert a.opening.month == 200


def test_drift_on_another_scale_is_in_the_issues_units() -> None:
    # On a 4-10 scale a drift of 0.3 years a month is 5 points of the 0-100 scale.
    issues = [{"id": "y", "name": "y", "range": [4, 10]}]
    s = scenario(["A", "B"], issues,
                 [stance("A", "y", 4, 0.5, 6.0), stance("B", "y", 10, 0.5, 7.5)],
                 costs=[{"actor": "A", "drift": 0.3}])
    a = analyse(s)
    assert a.opening.month == 5


def test_no_date_gives_months_without_a_label() -> None:
    a = analyse(two_actors(40, 60, costs=[{"actor": "A", "drift": 5.0}], as_of=None))
    assert (a.opening.month, a.opening.label) == (4, None)


def test_nothing_binds_without_veto_players_or_red_lines() -> None:
    s = two_actors(None, None, veto=False)
    a = analyse(s)
    assert a.verdict == "deal possible"
    assert a.zones == ((0.0, 100.0),)
    assert a.nash is not None
    # Worst-case no-deal point for both: the symmetric Nash solution is the middle.
    assert a.nash.package[0] == pytest.approx(50.0, abs=1e-5)


def test_issue_specific_cost_replaces_the_general_one_and_same_level_costs_add() -> None:
    from accord.bargaining.drift import drift_from_costs, red_lines_at

    costs = [{"actor": "A", "drift": 1.0}, {"actor": "A", "drift": 0.5},
             {"actor": "A", "issue": "i1", "drift": 2.0}]
    s = two_actors(40, 60, issues=2, costs=costs)
    problem = build_problem(s)
    at = red_lines_at(problem, drift_from_costs(s, problem), 4)
    # i0: the two general entries add up to 1.5 a month; i1: the specific entry alone, 2.
    assert at.upper[0] == pytest.approx([46.0, 48.0])
    assert at.lower[1] == pytest.approx([60.0, 60.0])
    # B's no-deal utility measured at its red lines does not move; A's falls with its own.
    assert at.disagreement[1] == pytest.approx(problem.disagreement[1])
    assert at.disagreement[0] == pytest.approx(-0.5 * (46 + 48))


def test_costs_move_red_lines_that_do_not_bind_and_thereby_the_no_deal_utility() -> None:
    from accord.bargaining.drift import drift_from_costs, red_lines_at

    s = scenario([{"id": "A", "name": "A", "capability": 1, "veto": True},
                  {"id": "B", "name": "B", "capability": 1, "veto": False}],
                 ["i"], [stance("A", "i", 0, 0.5, 40), stance("B", "i", 100, 0.5, 60)],
                 costs=[{"actor": "B", "drift": 2.0}])
    problem = build_problem(s)
    at = red_lines_at(problem, drift_from_costs(s, problem), 5)
    assert at.lower[1, 0] == pytest.approx(50.0)
    assert not at.binding[1, 0]


def test_point_red_lines_concede_on_the_cheaper_side() -> None:
    # a0 at 10 accepts only 10 (salience 0.1), a1 at 0 only 0 (salience 0.2). Weighted by
    # salience, a0 moving 10 points down costs 1, a1 moving up costs 2. (Found by the
    # brute-force property: starting the linearisation at "no movement" split a0's fall of
    # no-deal utility between its two sides and missed this plan.)
    s = scenario(["a0", "a1"], ["i"],
                 [stance("a0", "i", 10, 0.1, 10), stance("a1", "i", 0, 0.2, 0)])
    plan = minimal_concessions(build_problem(s), weighted=True)
    assert plan.weighted_total == pytest.approx(1.0)
    assert [(c.actor, c.side) for c in plan.moves] == [("a0", "min")]
    assert plan.moves[0].end == pytest.approx(0.0, abs=1e-6)
