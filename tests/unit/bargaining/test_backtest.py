"""The back-test of the costs of no deal (accord.bargaining.backtest), worked by hand."""

from __future__ import annotations

from typing import Any

import pytest

from accord.bargaining.backtest import backtest, backtest_document
from accord.scenario.schema import Scenario
from tests.unit.bargaining.helpers import stance


def snapshot(ident: str, as_of: str, res_a: float, res_b: float, sq: float,
             costs: list[dict[str, Any]] | None = None, sqd: dict[str, Any] | None = None,
             carried: bool = False) -> Scenario:
    issue: dict[str, Any] = {"id": "i", "name": "Issue", "range": [0, 50], "status_quo": sq}
    if sqd:
        issue["status_quo_drift"] = sqd
    return Scenario.model_validate({
        "id": ident, "title": ident, "as_of": as_of, "case": "c",
        "actors": [{"id": "A", "name": "A", "capability": 1, "veto": True},
                   {"id": "B", "name": "B", "capability": 1, "veto": True}],
        "issues": [issue],
        "stances": [stance("A", "i", 0, 0.5, res_a),
                    stance("B", "i", 50, 0.5, res_b, carried_over=carried)],
        "costs": costs or []})


def test_projection_against_what_the_next_snapshot_states() -> None:
    """The issue runs 0-50 (errors are on 0-100: twice the issue's units).

    First snapshot (2024-01): A accepts at most 10 and loosens 0.5 a month; B accepts at least
    40 and hardens 0.25 a month (its position 50 caps it); the no-deal outcome 20 moves 1 a
    month toward 30. Twelve months later A is projected at 16, B at 43, the no-deal outcome at
    30 (its limit). The second snapshot states 20, 35 and 25: errors (16 - 20) * 2 = -8,
    (43 - 35) * 2 = 16, (30 - 25) * 2 = 10, MAE 34 / 3; persistence: (10 - 20) * 2 = -20,
    (40 - 35) * 2 = 10, (20 - 25) * 2 = -10, MAE 40 / 3.
    """
    first = snapshot("c-1", "2024-01", 10, 40, 20,
                     costs=[{"actor": "A", "drift": 0.5},
                            {"actor": "B", "drift": 0.25, "direction": "harden"}],
                     sqd={"drift": 1.0, "limit": 30})
    second = snapshot("c-2", "2025-01-15", 20, 35, 25)
    bt = backtest([second, first])      # any order: taken by date
    (step,) = bt.steps
    assert (step.earlier, step.later, step.months, step.carried) == ("c-1", "c-2", 12, 0)
    rows = {(r.kind, r.actor): r for r in step.rows}
    a, b, q = rows[("red line", "A")], rows[("red line", "B")], rows[("no deal", None)]
    assert (a.side, a.start, a.projected, a.stated, a.error) == pytest.approx(
        ("max", 10, 16, 20, -8))
    assert (b.side, b.projected, b.error) == ("min", pytest.approx(43), pytest.approx(16))
    assert (q.projected, q.stated, q.error) == pytest.approx((30, 25, 10))
    assert all(r.moved for r in step.rows)
    assert step.mae == pytest.approx(34 / 3)
    assert step.persistence_mae == pytest.approx(40 / 3)
    doc = backtest_document(bt)
    assert doc["numbers"] == 3 and doc["mae"] == pytest.approx(34 / 3, abs=1e-6)
    assert doc["steps"][0]["numbers"][0]["projected"] == pytest.approx(16)


def test_carried_over_red_lines_are_not_scored_and_one_snapshot_gives_no_step() -> None:
    first = snapshot("c-1", "2024-01", 10, 40, 20, costs=[{"actor": "B", "drift": 1.0}])
    second = snapshot("c-2", "2024-07", 10, 40, 20, carried=True)
    (step,) = backtest([first, second]).steps
    assert step.carried == 1
    assert [(r.kind, r.actor) for r in step.rows] == [("red line", "A"), ("no deal", None)]
    assert step.mae == 0.0
    assert backtest([first]).steps == () and backtest([first]).mae is None
