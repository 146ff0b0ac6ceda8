"""Property tests of the spatial model (KTAB SMP) and its parts (hypothesis)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.models.spatial.bargain import interpolate
from accord.models.spatial.pce import pce
from accord.models.spatial.utility import utility
from accord.models.spatial.votes import coalitions, vote
from accord.scenario.schema import Scenario
from accord.workflows.registry import MODELS

UNIT = st.floats(min_value=0, max_value=1, allow_nan=False, allow_infinity=False)
SYMMETRIC = ["Binary", "PropBin", "Prop", "PropCbc", "Cubic"]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n = draw(st.integers(min_value=2, max_value=7))
    d = draw(st.integers(min_value=1, max_value=3))
    lo = draw(st.sampled_from([0.0, -10.0, 4.0]))
    width = draw(st.sampled_from([100.0, 6.0, 1.0]))
    position = st.integers(min_value=0, max_value=100).map(lambda v: lo + width * v / 100)
    stances: list[dict[str, Any]] = []
    for k in range(n):
        for j in range(d):
            stances.append({"actor": f"a{k}", "issue": f"i{j}", "position": draw(position),
                            "salience": draw(st.integers(0, 20)) / 20})
    return Scenario.model_validate({
        "id": "prop", "title": "property",
        "actors": [{"id": f"a{k}", "name": f"A{k}",
                    "capability": draw(st.integers(1, 200)) / 2} for k in range(n)],
        "issues": [{"id": f"i{j}", "name": f"I{j}", "range": [lo, lo + width]}
                   for j in range(d)],
        "stances": stances})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["mean", "mode"]))
def test_a_run_is_a_forecast_inside_the_positions(s: Scenario, point: str) -> None:
    result = MODELS["smp"].run(s, params={"point_forecast": point, "rounds": 30})
    diag = result.diagnostics
    distinct = diag["distinct_positions"]
    assert sum(e["probability"] for e in distinct) == pytest.approx(1.0)
    assert all(e["probability"] >= 0 for e in distinct)
    assert sorted(a for e in distinct for a in e["actors"]) == sorted(a.id for a in s.actors)
    for e in distinct:
        for a in e["actors"]:
            assert diag["actor_probability"][a] == e["probability"]
    assert 1 <= diag["steps"] <= 30
    for issue in s.issues:
        finals = list(result.final_positions[issue.id].values())
        assert all(issue.low - 1e-9 <= v <= issue.high + 1e-9 for v in finals)
        value = result.outcome[issue.id]
        assert value is not None
        assert min(finals) - 1e-9 <= value <= max(finals) + 1e-9


@settings(max_examples=200)
@given(arrays(np.float64, 8, elements=st.floats(-1, 1)), st.sampled_from(SYMMETRIC),
       st.floats(0, 100))
def test_symmetric_votes_are_odd(du: np.ndarray, rule: str, w: float) -> None:
    assert np.array_equal(vote(rule, w, -du), -vote(rule, w, du))  # type: ignore[arg-type]


@settings(max_examples=100)
@given(st.integers(2, 6), st.integers(1, 6), st.sampled_from(SYMMETRIC), st.randoms())
def test_pce_does_not_depend_on_option_order(m: int, k: int, rule: str, rnd: Any) -> None:
    rng = np.random.default_rng(rnd.randint(0, 2**32))
    util = rng.random((k, m))
    w = rng.random(k) + 0.1
    perm = rng.permutation(m)
    p, _ = pce(rule, "Linear", "Conditional", w, util)  # type: ignore[arg-type]
    q, _ = pce(rule, "Linear", "Conditional", w, util[:, perm])  # type: ignore[arg-type]
    assert q == pytest.approx(p[perm], rel=1e-9, abs=1e-15)
    c = coalitions(rule, w, util)  # type: ignore[arg-type]
    assert np.all(c >= 1e-8)


@settings(max_examples=200)
@given(arrays(np.float64, (3, 2), elements=UNIT), arrays(np.float64, (3, 2), elements=UNIT),
       arrays(np.float64, (3, 2), elements=UNIT), arrays(np.float64, (3, 2), elements=UNIT),
       arrays(np.float64, 3, elements=UNIT), st.sampled_from(["S1P1", "S2P2", "S2PMax"]))
def test_bargains_lie_between_the_two_positions(x_i: np.ndarray, x_j: np.ndarray,
                                                s_i: np.ndarray, s_j: np.ndarray,
                                                p: np.ndarray, rule: str) -> None:
    y_i, y_j = interpolate(x_i, x_j, s_i, s_j, p, rule)  # type: ignore[arg-type]
    lo, hi = np.minimum(x_i, x_j) - 1e-4, np.maximum(x_i, x_j) + 1e-4   # one rounding unit
    for y in (y_i, y_j):
        assert np.all((lo <= y) & (y <= hi))


@settings(max_examples=200)
@given(arrays(np.float64, 10, elements=UNIT), st.floats(-1, 1))
def test_utility_falls_with_distance(delta: np.ndarray, risk: float) -> None:
    d = np.sort(delta)
    u = utility(d, risk)
    assert np.all(np.diff(u) <= 1e-12)
    assert np.all((u >= -1e-12) & (u <= 1 + 1e-12))
