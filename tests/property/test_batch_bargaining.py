"""The batch bargaining analysis against the single one on random scenarios (hypothesis).

A drawn structure (actors, vetoes, which stances and red lines exist, costs that loosen or
harden with floors and start months, a moving no-deal outcome with its limit and start) takes
several sets of the numbers Monte Carlo draws (capabilities, positions, saliences, red lines,
drifts, the no-deal drift: the draws of a chunk); verdict,
zones, opening month and ``never`` of every draw must equal :func:`accord.bargaining.analyse`.
Positions and red lines are often on a coarse grid, so ties and touching red lines occur.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord.bargaining import BargainOptions
from accord.scenario.schema import Scenario
from tests.unit.bargaining.batch_helpers import check_against_single
from tests.unit.bargaining.helpers import scenario

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _value(draw: Any, grid: bool, low: float = 0.0, high: float = 100.0) -> float:
    if grid:
        return float(draw(st.integers(int(low) // 10, int(high) // 10)) * 10)
    return float(draw(st.floats(low, high)))


@st.composite
def chunks(draw: Any) -> tuple[list[Scenario], BargainOptions]:
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 3))
    issues = [f"i{j}" for j in range(m)]
    vetoes = [draw(st.booleans()) or k < 2 for k in range(n)]
    polar = draw(st.booleans())     # even actors low, odd actors high: red lines cross
    cells = [(k, j, draw(st.booleans()) or k < 2, draw(st.booleans()))
             for k in range(n) for j in range(m)]          # (actor, issue, stance, red line)
    grid = draw(st.booleans())
    # Floors and start months are structure (Monte Carlo draws only the drifts).
    costs_shape = [(k, draw(st.sampled_from([None, *issues])),
                    _value(draw, grid) if draw(st.booleans()) else None,
                    draw(st.sampled_from([None, "2026-03", "2026-09"])),
                    draw(st.sampled_from(["loosen", "loosen", "harden"])))
                   for k in draw(st.lists(st.integers(0, n - 1), max_size=4))]
    moving = draw(st.booleans())    # issue i0's no-deal outcome moves
    moving_sign = draw(st.sampled_from([-1.0, 1.0]))   # toward the low or the high end
    moving_limit = draw(st.sampled_from([None, 50.0 + 30.0 * moving_sign]))
    moving_start = draw(st.sampled_from([None, "2026-06"]))
    options = BargainOptions(loss=draw(st.sampled_from(["linear", "quadratic"])),
                             disagreement=draw(st.sampled_from(["reservation", "status-quo",
                                                                "worst"])),
                             horizon=draw(st.integers(0, 30)))
    out = []
    for _ in range(draw(st.integers(1, 4))):
        actors = [{"id": f"a{k}", "name": f"a{k}", "capability": draw(st.integers(1, 9)),
                   "veto": vetoes[k]} for k in range(n)]
        stances = []
        for k, j, has, red in cells:
            if not has:
                continue
            x = (_value(draw, grid, 60.0 * (k % 2), 40.0 + 60.0 * (k % 2)) if polar
                 else _value(draw, grid))
            s: dict[str, Any] = {"actor": f"a{k}", "issue": issues[j], "position": x,
                                 "salience": draw(st.sampled_from([0.0, 0.2, 0.5, 1.0]))}
            if red:
                s["reservation"] = (_value(draw, grid, 30.0, 70.0) if polar
                                    else _value(draw, grid))
            stances.append(s)
        costs = []
        for k, issue, floor, start, direction in costs_shape:
            c: dict[str, Any] = {"actor": f"a{k}", "drift": draw(st.sampled_from(
                [0.0, 0.5, 1.0, 2.5, 7.0])), "direction": direction}
            if issue is not None:
                c["issue"] = issue
            if floor is not None and issue is not None:
                c["floor"] = floor
            if start:
                c["start"] = start
            costs.append(c)
        first: dict[str, Any] = {"id": issues[0], "name": issues[0], "status_quo": 50.0}
        if moving:
            first["status_quo_drift"] = {
                "drift": moving_sign * draw(st.sampled_from([0.0, 0.4, 1.5])),
                "limit": moving_limit,
                "start": moving_start}
        out.append(scenario(actors, [first, *issues[1:]], stances, costs=costs))
    return out, options


@SETTINGS
@given(chunks())
def test_batch_equals_single_analysis(chunk: tuple[list[Scenario], BargainOptions]) -> None:
    draws, options = chunk
    got = check_against_single(draws, options, block=2)
    event("a deal" if got.deal.any() else "no deal")
    event("opens later" if (got.opening > 0).any() else "never" if got.never.any() else "-")
    event("linear programs" if got.programs else "certificates only")
