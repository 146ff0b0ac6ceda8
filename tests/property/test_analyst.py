"""Properties of the analyst's tools (hypothesis): an edit shows in the diff as exactly what it
changed; concession ranges agree with the minimal plan; a closed-form leverage move lands on
its target; a tipping point separates two verdicts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.bargaining import analyse, build_problem, minimal_concessions
from accord.bargaining.concession_ranges import concession_ranges
from accord.models.leverage import forecast_leverage
from accord.models.moves import edit_for as _edit
from accord.scenario.diff import diff_scenarios
from accord.scenario.edits import apply_edits
from accord.scenario.variants import SetStance
from accord.workflows.registry import MODELS
from accord.workflows.tipping import find_number, tipping_points
from tests.unit.bargaining.helpers import scenario, stance

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def talks(draw: Any, veto: bool = True) -> Any:
    n = draw(st.integers(2, 4))
    actors = [{"id": f"a{k}", "name": f"a{k}", "capability": draw(st.integers(1, 10)),
               "veto": veto} for k in range(n)]
    stances = []
    for k in range(n):
        x = draw(st.integers(0, 100))
        res = draw(st.one_of(st.none(), st.integers(0, 100)))
        stances.append(stance(f"a{k}", "i0", x, draw(st.sampled_from([0.2, 0.5, 1.0])), res))
    return scenario(actors, ["i0"], stances)


@SETTINGS
@given(talks(), st.integers(0, 3), st.integers(0, 100))
def test_an_edit_is_exactly_its_diff(s: Any, who: int, value: int) -> None:
    actor = s.actors[who % len(s.actors)].id
    before = s.stance(actor, "i0").position
    t = apply_edits(s, [SetStance(actor=actor, issue="i0", field="position",
                                  value=float(value))])
    d = diff_scenarios(s, t)
    expected = [] if before == value else [("stance", actor, "i0", "position", before, value)]
    assert [(c.what, c.actor, c.issue, c.field, c.old, c.new) for c in d.changes] == expected
    assert not (d.actors_added or d.actors_removed or d.stances_added or d.stances_removed)


@SETTINGS
@given(talks())
def test_concession_ranges_agree_with_the_minimal_plan(s: Any) -> None:
    p = build_problem(s)
    plan = minimal_concessions(p)
    ranges = concession_ranges(p)
    assert ranges.possible == plan.possible
    if not plan.possible:
        return
    assert ranges.total == pytest.approx(plan.total, abs=1e-6)
    by_line = {(r.actor, r.issue, r.side): r for r in ranges.ranges}
    for c in plan.moves:   # the plan is one of the minimal plans: inside every range
        r = by_line[(c.actor, c.issue, c.side)]
        assert r.least - 1e-6 <= c.points <= r.most + 1e-6
    assert sum(r.least for r in ranges.ranges) <= ranges.total + 1e-6


@SETTINGS
@given(talks(veto=False), st.integers(0, 100))
def test_closed_form_moves_land_on_the_target(s: Any, target: int) -> None:
    lev = forecast_leverage(s, MODELS["compromise"], "i0", float(target))
    for m in lev.singles:
        moved = apply_edits(s, [_edit(m.actor, "i0", m.kind, m.end)])
        assert MODELS["compromise"].run(moved).outcome["i0"] == pytest.approx(target, abs=1e-6)
    if lev.combined is not None:
        assert lev.combined.forecast == pytest.approx(target, abs=1e-6)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(10, 90), st.integers(10, 90))
def test_a_tipping_point_separates_two_verdicts(high: int, low: int) -> None:
    # A (at 0) accepts at most `high`, B (at 100) at least `low`: the zone is open exactly
    # while A's red line is at or above `low`.
    s = scenario(["A", "B"], ["i0"], [stance("A", "i0", 0, 0.5, high),
                                      stance("B", "i0", 100, 0.5, low)])

    def verdict(x: Any) -> str:
        return analyse(x).verdict

    t = tipping_points(s, find_number(s, "A", "i0", "reservation"), verdict)
    assert len(t.switches) == 1
    assert t.switches[0].value == pytest.approx(low, abs=0.01)
