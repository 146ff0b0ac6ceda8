"""Red lines that harden and no-deal outcomes that move (docs/bargaining.md, "Time").

Hand-worked examples: every number below is worked out in the comments, not read from the
code. One issue on 0-100, actors with salience 0.5, month 0 = January 2026.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from accord.bargaining import BargainOptions, analyse, build_problem, check_package
from accord.bargaining.drift import (
    drift_from_costs,
    first_opening,
    is_open_limit,
    opening_month,
    red_lines_at,
    settle_month,
)
from accord.scenario.schema import Scenario
from accord.uncertainty.verdicts import bargain_draw
from tests.unit.bargaining.helpers import scenario, stance, two_actors


def _open(s: Scenario, month: float, options: BargainOptions | None = None) -> bool:
    problem = build_problem(s, options)
    return check_package(red_lines_at(problem, drift_from_costs(s, problem), month)).feasible


def open_then_close() -> Scenario:
    """A (at 0) accepts at most 40 and loosens 3 a month up to 70; B (at 100) accepts at least
    60 and hardens 0.5 a month up to 90 (its alternative improves).

    A(k) = min(40 + 3k, 70), B(k) = min(60 + 0.5k, 90). The zone is open while A(k) >= B(k):
    40 + 3k >= 60 + 0.5k from k = 8 (A 64, B 64); A stops at 70 at k = 10, B passes 70 after
    k = 20. Open in months 8..20, closed from 21 on; B reaches 90 at month 60.
    """
    costs = [{"actor": "A", "drift": 3.0, "floor": 70, "issue": "i0"},
             {"actor": "B", "drift": 0.5, "direction": "harden", "floor": 90, "issue": "i0"}]
    return two_actors(40, 60, costs=costs)


def test_a_zone_opens_and_closes_again() -> None:
    s = open_then_close()
    assert [_open(s, k) for k in (0, 7, 8, 15, 20, 21, 40, 60)] == [
        False, False, True, True, True, False, False, False]
    a = analyse(s)
    assert (a.opening.month, a.opening.label) == (8, "2026-09")
    assert not a.opening.never
    assert a.opening.at.upper[0, 0] == pytest.approx(64.0)
    assert a.opening.at.lower[1, 0] == pytest.approx(64.0)


def test_bisection_would_miss_it_so_the_months_are_scanned() -> None:
    """At the horizon (60) the zone is closed again: bisection, which assumes a zone once
    open stays open, would report no opening; the scan finds month 8."""
    s = open_then_close()
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert not drift.loosens_only and not drift.hardens_only
    assert not _open(s, 60)
    seen: list[float] = []

    def is_open(k: float) -> bool:
        seen.append(k)
        return check_package(red_lines_at(problem, drift, k)).feasible

    assert opening_month(is_open, drift, 60) == (8, False)
    assert seen == [0, 1, 2, 3, 4, 5, 6, 7, 8]


def test_a_zone_that_opens_only_between_two_horizons() -> None:
    """With a horizon of 5 months nothing opens, but the zone has not settled (B moves until
    month 60), so it is not 'never'; a horizon of 30 finds month 8."""
    s = open_then_close()
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert first_opening(problem, drift, 5).month is None
    assert first_opening(problem, drift, 5).never is False
    assert first_opening(problem, drift, 30).month == 8


def test_hardening_alone_never_opens_a_closed_zone() -> None:
    costs = [{"actor": "B", "drift": 1.0, "direction": "harden"}]
    a = analyse(two_actors(40, 60, costs=costs))
    assert a.opening.month is None and a.opening.never
    assert a.drifting


def test_a_hardening_red_line_stops_at_the_position_and_at_its_floor() -> None:
    # B at 100 with a minimum of 60 hardening 5 a month: 100 after 8 months, never beyond.
    s = two_actors(40, 60, costs=[{"actor": "B", "drift": 5.0, "direction": "harden"}])
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert red_lines_at(problem, drift, 4).lower[1, 0] == pytest.approx(80.0)
    assert red_lines_at(problem, drift, 30).lower[1, 0] == pytest.approx(100.0)
    # With a floor of 70 it stops there; a floor behind the red line (50) keeps it at 60.
    for floor, expected in ((70, 70.0), (50, 60.0)):
        costs = [{"actor": "B", "drift": 5.0, "direction": "harden", "floor": floor,
                  "issue": "i0"}]
        s = two_actors(40, 60, costs=costs)
        problem = build_problem(s)
        moved = red_lines_at(problem, drift_from_costs(s, problem), 30)
        assert moved.lower[1, 0] == pytest.approx(expected)
    # A maximum hardens downward: A at 0 with a maximum of 40, 2 a month, to 30 after 5.
    s = two_actors(40, 60, costs=[{"actor": "A", "drift": 2.0, "direction": "harden"}])
    problem = build_problem(s)
    assert red_lines_at(problem, drift_from_costs(s, problem), 5).upper[0, 0] == \
        pytest.approx(30.0)


def test_hardening_and_loosening_entries_add_up() -> None:
    """B loosens 2 a month and hardens 0.5 a month from month 4: 60 - 2k + 0.5(k - 4)."""
    costs = [{"actor": "B", "drift": 2.0, "issue": "i0"},
             {"actor": "B", "drift": 0.5, "direction": "harden", "issue": "i0",
              "start": "2026-05"}]
    s = two_actors(40, 60, costs=costs)
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert red_lines_at(problem, drift, 10).lower[1, 0] == pytest.approx(60 - 20 + 3)
    # Net 1.5 a month after month 4: 60 - 8 - 1.5 (k - 4) = 40 at k = 12.
    assert analyse(s).opening.month == 12


def moving_no_deal(drift: float | dict[str, Any] = -2.0, limit: float | None = 20.0,
                   ) -> Scenario:
    """A at 50 accepts at most 55 (binding); B at 100 states no red line, so its no deal is
    the status quo, 80 now and moving ``drift`` a month.

    d_B(k) = -0.5 (100 - q(k)): B accepts y >= q(k). d_A is measured at A's red line,
    -0.5 * max(50 - 0, 55 - 50) = -25, and shifts by 0.5 (|50 - 80| - |50 - q(k)|). With
    q(k) = 80 - 2k: B accepts y >= 80 - 2k, closed until 80 - 2k <= 55, i.e. k >= 12.5:
    month 13 (q = 54; A's shift 0.5 (30 - 4) = 13, d_A = -12, A accepts [26, 74]; zone
    [54, 55]). At month 12, B wants at least 56 > 55.
    """
    sqd: dict[str, Any] = {"drift": drift}
    if limit is not None:
        sqd["limit"] = limit
    issue = {"id": "i0", "name": "Issue", "status_quo": 80, "status_quo_drift": sqd}
    return scenario(["A", "B"], [issue], [stance("A", "i0", 50, 0.5, 55),
                                           stance("B", "i0", 100, 0.5)])


def test_a_moving_no_deal_outcome_opens_the_zone() -> None:
    s = moving_no_deal()
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert not drift.loosens_only and drift.moves
    at12 = red_lines_at(problem, drift, 12)
    assert at12.disagreement == pytest.approx([-25 + 0.5 * (30 - 6), -0.5 * 44])
    assert [_open(s, k) for k in (0, 12, 13, 30, 60)] == [False, False, True, True, True]
    a = analyse(s)
    assert (a.opening.month, a.opening.label) == (13, "2027-02")
    # The no-deal outcome stops at its limit, 20, at month 30.
    assert red_lines_at(problem, drift, 45).disagreement[1] == pytest.approx(-0.5 * 80)


def test_a_moving_no_deal_outcome_can_close_an_open_zone() -> None:
    """The same with the status quo at 30 moving up 1 a month: B accepts y >= 30 + k; A's
    shift is 0.5 (20 - |20 - k|), so A accepts [k, 100 - k] for k <= 20. The zone
    [30 + k, 55] is open now and closes after month 25."""
    issue = {"id": "i0", "name": "Issue", "status_quo": 30,
             "status_quo_drift": {"drift": 1.0, "limit": 90}}
    s = scenario(["A", "B"], [issue], [stance("A", "i0", 50, 0.5, 55),
                                       stance("B", "i0", 100, 0.5)])
    assert [_open(s, k) for k in (0, 25, 26, 59)] == [True, True, False, False]
    assert analyse(s).opening.month == 0


def test_the_no_deal_outcome_moves_only_where_the_rule_uses_it() -> None:
    """``worst`` and an explicit ``--no-deal`` outcome ignore the status quo, and with it
    its movement."""
    s = moving_no_deal()
    for options in (BargainOptions(disagreement="worst"), BargainOptions(no_deal={"i0": 80})):
        problem = build_problem(s, options)
        drift = drift_from_costs(s, problem)
        assert drift.no_deal == ()
        assert red_lines_at(problem, drift, 20).disagreement == \
            pytest.approx(problem.disagreement)


def test_without_movement_nothing_changes() -> None:
    """A drift of 0 leaves every no-deal utility and red line exactly as stated."""
    s = moving_no_deal(drift=0.0)
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    assert not drift.moves
    np.testing.assert_array_equal(red_lines_at(problem, drift, 30).disagreement,
                                  problem.disagreement)
    assert analyse(s).opening.never


def test_the_limit_and_settling() -> None:
    s = moving_no_deal()
    problem = build_problem(s)
    drift = drift_from_costs(s, problem)
    # 80 -> 20 at 2 a month: it stops after 30 months; settled from the month after.
    assert settle_month(drift) == 31
    assert is_open_limit(problem, drift)


def test_monte_carlo_draws_follow_the_same_rules() -> None:
    """bargain_draw (Monte Carlo's shortcut path) gives analyse's answers."""
    for s in (open_then_close(), moving_no_deal(), moving_no_deal(limit=None)):
        draw = bargain_draw(s, BargainOptions())
        a = analyse(s)
        assert (draw.opening, draw.never) == (a.opening.month, a.opening.never)


def test_monte_carlo_draws_the_no_deal_drift() -> None:
    from accord.uncertainty.sampling import (
        draw_scenario,
        draw_values,
        layout,
        uncertain_inputs,
    )

    s = moving_no_deal(drift={"dist": "uniform", "low": -3.0, "high": -1.0})
    inputs = uncertain_inputs(s)
    assert [i.id for i in inputs] == ["status_quo_drift:i0"]
    values = draw_values(inputs, np.array([[0.0], [0.5], [1.0]]))
    assert values[:, 0] == pytest.approx([-3.0, -2.0, -1.0])
    lay = layout(s, inputs)
    drawn = draw_scenario(s.with_point_values(), lay, values[2])
    sqd = drawn.issue("i0").status_quo_drift
    assert sqd is not None and sqd.drift == pytest.approx(-1.0)
    # -1 a month: 80 - k <= 55 from month 25.
    assert bargain_draw(drawn, BargainOptions()).opening == 25
