"""The exchange model on cases worked out by hand."""

from __future__ import annotations

import pytest

from accord.workflows.registry import MODELS
from tests.unit.bargaining.helpers import scenario, stance


def _two_by_two():  # type: ignore[no-untyped-def]
    # A at 0 and B at 100 on both issues, equal capability. A cares 0.8 about i1 and 0.2
    # about i2, B the reverse. Expected outcomes: O1 = 0.2 * 100 = 20, O2 = 0.8 * 100 = 80.
    return scenario(["A", "B"], ["i1", "i2"],
                    [stance("A", "i1", 0, 0.8), stance("A", "i2", 0, 0.2),
                     stance("B", "i1", 100, 0.2), stance("B", "i2", 100, 0.8)], veto=False)


def test_one_round_by_hand() -> None:
    # A gains on i1 (0.8 * 0.8 > 0.2 * 0.2). B can move O1 by at most 0.2 * 80 = 16 (moving
    # its own position to O1), A can move O2 by 0.2 * 80 = 16; the exchange rate
    # (0.8 + 0.2) / (0.2 + 0.8) = 1 makes both 16: B moves to 20 on i1, A to 80 on i2.
    # Each gains 16 * (0.64 - 0.04) / 1 = 9.6. New outcomes: O1 = 0.2 * 20 = 4, O2 = 96.
    result = MODELS["exchange"].run(_two_by_two(), params={"rounds": 1})
    assert result.outcome["i1"] == pytest.approx(4.0)
    assert result.outcome["i2"] == pytest.approx(96.0)
    assert result.final_positions["i1"] == pytest.approx({"A": 0.0, "B": 20.0})
    assert result.final_positions["i2"] == pytest.approx({"A": 80.0, "B": 100.0})
    log = result.diagnostics["log"]
    assert len(log) == 1 and log[0]["gain"] == pytest.approx(9.6)
    assert log[0]["gains_on"] == {"A": "i1", "B": "i2"}


def test_rounds_shrink_geometrically_until_below_min_gain() -> None:
    # Each round the shift is a fifth of the last (16, 3.2, 0.64, ...) and so is the gain
    # (9.6, 1.92, 0.384, 0.0768, 0.01536, 0.003): five exchanges gain more than 0.01.
    result = MODELS["exchange"].run(_two_by_two())
    assert result.diagnostics["exchanges"] == 5
    assert result.diagnostics["converged"] is True
    moved = 16 + 3.2 + 0.64 + 0.128 + 0.0256
    assert result.outcome["i1"] == pytest.approx(20 - moved)
    assert result.outcome["i2"] == pytest.approx(80 + moved)
    assert len(result.trajectory["i1"]) == result.diagnostics["rounds"] + 1  # type: ignore[index]


def test_no_exchange_when_salience_ratios_are_equal() -> None:
    s = scenario(["A", "B"], ["i1", "i2"],
                 [stance("A", "i1", 0, 0.6), stance("A", "i2", 0, 0.3),
                  stance("B", "i1", 100, 0.4), stance("B", "i2", 100, 0.2)], veto=False)
    result = MODELS["exchange"].run(s)
    compromise = MODELS["compromise"].run(s)
    assert result.diagnostics["exchanges"] == 0
    assert result.outcome == pytest.approx(compromise.outcome)


def test_one_at_a_time_preset_executes_one_exchange_per_round() -> None:
    s = scenario(["A", "B", "C"], ["i1", "i2", "i3"],
                 [stance("A", "i1", 0, 0.9), stance("A", "i2", 0, 0.1), stance("A", "i3", 0, 0.5),
                  stance("B", "i1", 100, 0.1), stance("B", "i2", 100, 0.9),
                  stance("B", "i3", 100, 0.2),
                  stance("C", "i1", 60, 0.5), stance("C", "i2", 30, 0.5),
                  stance("C", "i3", 90, 0.9)], veto=False)
    result = MODELS["exchange"].run(s, preset="one-at-a-time", params={"rounds": 3})
    assert [e["round"] for e in result.diagnostics["log"]] == [1, 2, 3]
