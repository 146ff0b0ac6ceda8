"""Leverage on the forecast: a three-actor compromise worked by hand, and root finding."""

from __future__ import annotations

import re

import pytest

from accord.errors import UsageError
from accord.models.leverage import forecast_leverage
from accord.workflows.registry import MODELS
from tests.unit.bargaining.helpers import scenario, stance


def _three():  # type: ignore[no-untyped-def]
    # A at 0 (c 1, s 1: w 1), B at 40 (c 2, s 0.5: w 1), C at 100 (c 2.5, s 0.8: w 2).
    # W = 4 and the compromise is (0 + 40 + 200) / 4 = 60.
    return scenario([{"id": "A", "name": "A", "capability": 1.0},
                     {"id": "B", "name": "B", "capability": 2.0},
                     {"id": "C", "name": "C", "capability": 2.5}], ["x"],
                    [stance("A", "x", 0, 1.0), stance("B", "x", 40, 0.5),
                     stance("C", "x", 100, 0.8)], veto=False)


def test_three_actor_compromise_worked_by_hand() -> None:
    """Target 45 from 60: sum w_i d_i must be W (45 - 60) = -60.

    Positions: A would need -60 (below 0) and B -60 (to -20): infeasible; C moves
    -60 / 2 = -30, to 70 (30 points). Weights: w' = B_o (T - y_o) / (x - T) with the others'
    weight B_o and mean y_o. C: B_o = 2, y_o = 20, w' = 2 * 25 / 55 = 10/11, so salience
    10/11 / 2.5 = 0.3636 (43.64 points from 0.8) or capability 10/11 / 0.8 = 1.1364 (54.55%
    below 2.5). A: B_o = 3, y_o = 80, w' = 3 * (-35) / (-45) = 7/3: salience 2.33 (above 1,
    infeasible) or capability 7/3 (+133.3%). B: B_o = 3, y_o = 200/3, w' = 3 (45 - 200/3) /
    (40 - 45) = 13: capability 26 (+1200%), salience 6.5 (infeasible).
    """
    lev = forecast_leverage(_three(), MODELS["compromise"], "x", 45.0)
    assert lev.current == pytest.approx(60.0)
    got = [(m.actor, m.kind, m.end, m.size) for m in lev.singles]
    assert got == [("C", "position", pytest.approx(70.0), pytest.approx(30.0)),
                   ("C", "salience", pytest.approx(4 / 11), pytest.approx(48 / 1.1)),
                   ("C", "capability", pytest.approx(25 / 22), pytest.approx(600 / 11)),
                   ("A", "capability", pytest.approx(7 / 3), pytest.approx(400 / 3)),
                   ("B", "capability", pytest.approx(26.0), pytest.approx(1200.0))]
    assert all(m.exact and m.method == "closed form" for m in lev.singles)
    assert lev.combined is not None and lev.combined.cost == pytest.approx(30.0)
    # every closed-form move, applied, gives the target
    from accord.models.moves import edit_for as _edit
    from accord.scenario.edits import apply_edits

    for m in lev.singles:
        moved = apply_edits(_three(), [_edit(m.actor, "x", m.kind, m.end)])
        assert MODELS["compromise"].run(moved).outcome["x"] == pytest.approx(45.0)


def test_the_best_move_of_two_actors_by_hand() -> None:
    """Target 5: sum w_i d_i = 4 (5 - 60) = -220. C alone reaches -200 at 0; B adds -20
    (40 to 20): 100 + 20 = 120 points. Nobody's single position move gets there; only A's
    capability, to 45 (w' = 3 (5 - 80) / (0 - 5) = 45, +4400%)."""
    lev = forecast_leverage(_three(), MODELS["compromise"], "x", 5.0, k=2)
    assert [(m.actor, m.kind) for m in lev.singles] == [("A", "capability")]
    assert lev.singles[0].size == pytest.approx(4400.0)
    assert lev.combined is not None
    assert [(m.actor, m.start, m.end) for m in lev.combined.moves] == [
        ("C", 100.0, pytest.approx(0.0)), ("B", 40.0, pytest.approx(20.0))]
    assert lev.combined.cost == pytest.approx(120.0)
    assert lev.combined.forecast == pytest.approx(5.0)
    assert forecast_leverage(_three(), MODELS["compromise"], "x", 5.0, k=1).combined is None


def test_costs_reorder_the_moves() -> None:
    lev = forecast_leverage(_three(), MODELS["compromise"], "x", 45.0,
                            costs={"position": 2.0}, kinds=("position", "salience"))
    assert [(m.actor, m.kind, m.cost) for m in lev.singles] == [
        ("C", "salience", pytest.approx(48 / 1.1)), ("C", "position", pytest.approx(60.0))]


def test_root_finding_agrees_with_the_closed_form() -> None:
    """The mean model has no closed form here; the procedural model with snapping off is
    solved both ways: closed form (its weights) and root finding on its forecast."""
    closed = forecast_leverage(_three(), MODELS["procedural-compromise"], "x", 45.0,
                               params={"snap": 0.0, "capability_exponent": 1.0})
    assert closed.singles[0].method == "closed form"
    numeric = forecast_leverage(_three(), MODELS["procedural-compromise"], "x", 45.0,
                                params={"snap": 0.0, "capability_exponent": 1.0,
                                        "median_share": 1e-12})
    assert {m.method for m in numeric.singles} == {"root finding"}
    pairs = {(m.actor, m.kind): m.end for m in numeric.singles}
    for m in closed.singles:
        assert pairs[(m.actor, m.kind)] == pytest.approx(m.end, rel=1e-4, abs=1e-4)


def test_a_model_with_jumps_reports_where_it_lands() -> None:
    lev = forecast_leverage(_three(), MODELS["eum"], "x", 45.0)
    assert lev.current == pytest.approx(100.0)
    best = lev.singles[0]
    assert (best.actor, best.kind, best.exact) == ("C", "position", True)
    assert best.forecast == pytest.approx(45.0, abs=1e-3)
    for m in lev.singles:
        if not m.exact:   # it jumped past the target: the forecast is on the other side
            assert m.forecast < 45.0


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"issue": "nope", "target": 1.0}, "unknown issue 'nope'"),
    ({"issue": "x", "target": 120.0}, "target 120 is outside the range of 'x' [0, 100]"),
    ({"issue": "x", "target": 50.0, "kinds": ("charm",)}, "unknown kind"),
    ({"issue": "x", "target": 50.0, "costs": {"position": 0.0}}, "costs must be above 0"),
    ({"issue": "x", "target": 50.0, "k": 0}, "k must be 1 or more"),
])
def test_bad_requests(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(UsageError, match=re.escape(fragment)):
        forecast_leverage(_three(), MODELS["compromise"], **kwargs)  # type: ignore[arg-type]
