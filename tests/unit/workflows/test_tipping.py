"""Tipping points by root finding on a verdict; knife-edge numbers."""

from __future__ import annotations

import pytest

from accord.bargaining import analyse
from accord.errors import UsageError
from accord.scenario.schema import Scenario
from accord.workflows.tipping import (
    find_number,
    scenario_numbers,
    set_number,
    tipping_all,
    tipping_points,
)
from tests.unit.bargaining.helpers import scenario, stance, two_actors


def verdict(s: Scenario) -> str:
    return analyse(s).verdict


def test_two_veto_players_overlapping_from_40_to_60_tip_at_40_and_60() -> None:
    """The issue's done-when: A (at 0) accepts at most 60, B (at 100) at least 40. A's red
    line closes the zone below 40, B's above 60."""
    s = two_actors(60, 40)
    a = tipping_points(s, find_number(s, "A", "i0", "reservation"), verdict)
    b = tipping_points(s, find_number(s, "B", "i0", "reservation"), verdict)
    assert a.verdict == "deal possible" and len(a.switches) == 1
    assert a.switches[0].value == pytest.approx(40.0, abs=0.01)
    assert (a.switches[0].before, a.switches[0].after) == ("deal possible", "no deal")
    assert b.switches[0].value == pytest.approx(60.0, abs=0.01) and len(b.switches) == 1
    assert not a.knife_edge          # 20 points away
    assert a.evaluations < 40        # bracketing and bisection, not a grid


def test_touching_red_lines_are_knife_edge() -> None:
    s = two_actors(50, 50)
    t = tipping_points(s, find_number(s, "A", "i0", "reservation"), verdict)
    assert t.knife_edge and t.switches[0].value == pytest.approx(50.0, abs=0.01)


def test_a_switch_inside_the_stated_range_is_knife_edge() -> None:
    s = scenario(["A", "B"], ["i0"],
                 [stance("A", "i0", 0, 0.5, {"dist": "uniform", "low": 30, "high": 70}),
                  stance("B", "i0", 100, 0.5, 40)])
    n = find_number(s, "A", "i0", "reservation")
    assert (n.value, n.low, n.high, n.uncertain) == (50.0, 30.0, 70.0, True)
    t = tipping_points(s, n, verdict)
    assert t.switches[0].value == pytest.approx(40.0, abs=0.01) and t.knife_edge


def test_the_opening_month_tips_with_a_drift() -> None:
    # A's red line (at most 40) drifts 1 point a month, B's (at least 60) 0.5 from 2026-01:
    # the 20-point gap closes after 13.3 months: 2027-03 (docs/bargaining.md example 4).
    s = scenario(["A", "B"], ["i0"], [stance("A", "i0", 0, 0.5, 40),
                                      stance("B", "i0", 100, 0.5, 60)],
                 costs=[{"actor": "A", "drift": 1.0}, {"actor": "B", "drift": 0.5}])

    def opens(x: Scenario) -> str | None:
        return analyse(x).opening.label

    assert opens(s) == "2027-03"
    t = tipping_points(s, find_number(s, "A", None, "drift"), opens, max_switches=2)
    # it opens after ceil(20 / (d + 0.5)) months: 13 (2027-02) from d = 20/13 - 0.5 = 1.038
    # up, 15 (2027-04) below d = 20/14 - 0.5 = 0.929
    up, down = t.switches[0], t.switches[1]
    assert up.value == pytest.approx(20 / 13 - 0.5, abs=1e-4)
    assert (up.before, up.after) == ("2027-03", "2027-02")
    assert down.value == pytest.approx(20 / 14 - 0.5, abs=1e-4)
    assert (down.before, down.after) == ("2027-03", "2027-04")
    assert t.knife_edge   # 0.038 from 1.0: within 5%


def test_numbers_of_a_scenario_and_setting_them() -> None:
    s = two_actors(60, 40)
    numbers = scenario_numbers(s)
    assert [(n.actor, n.issue, n.field) for n in numbers] == [
        ("A", None, "capability"), ("B", None, "capability"),
        ("A", "i0", "position"), ("A", "i0", "salience"), ("A", "i0", "reservation"),
        ("B", "i0", "position"), ("B", "i0", "salience"), ("B", "i0", "reservation")]
    res_a = numbers[4]
    assert res_a.domain == (0.0, 100.0) and res_a.margin == 5.0 and res_a.tol == 0.01
    assert numbers[7].domain == (0.0, 100.0)   # B at 100: a minimum from 0 to 100
    moved = set_number(s, res_a, 45.0)
    st = moved.stance("A", "i0")
    assert st is not None and st.reservation == 45.0
    with pytest.raises(UsageError, match="no reservation of A on i9"):
        find_number(s, "A", "i9", "reservation")
    with pytest.raises(UsageError, match="unknown field"):
        scenario_numbers(s, ("charm",))  # type: ignore[arg-type]


def test_every_number_at_once() -> None:
    s = two_actors(60, 40)
    results = tipping_all(s, verdict, scenario_numbers(s, ("reservation",)))
    assert [round(t.switches[0].value, 1) for t in results] == [40.0, 60.0]
