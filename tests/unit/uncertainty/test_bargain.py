"""One draw's verdict, zones and opening month equal what the bargaining analysis says."""

from __future__ import annotations

import numpy as np

from accord.bargaining import DEAL, BargainOptions, analyse
from accord.bargaining.drift import drift_from_costs, first_opening
from accord.bargaining.package import check_package
from accord.bargaining.problem import build_problem
from accord.bargaining.zopa import issue_zones
from accord.cases import load_case
from accord.scenario.schema import Scenario
from accord.uncertainty.sampling import (
    Noise,
    batch_arrays,
    draw_scenario,
    draw_values,
    layout,
    uncertain_inputs,
)
from accord.uncertainty.seeds import child_uniforms
from accord.uncertainty.verdicts import Feasibility, bargain_draw
from tests.unit.uncertainty.cases import talks


def _drawn(scn: Scenario, noise: Noise, n: int, seed: int) -> list[Scenario]:
    inputs = uncertain_inputs(scn, noise)
    lay = layout(scn, inputs)
    arr = batch_arrays(lay, draw_values(inputs, child_uniforms(seed, 0, n, len(inputs))))
    point = scn.with_point_values()
    return [draw_scenario(point, lay, arr.values[k]) for k in range(n)]


def _library(scn: Scenario, options: BargainOptions) -> tuple[bool, tuple[bool, ...],
                                                              int | None, bool]:
    """What accord.bargaining.analyse computes for these fields, step by step."""
    problem = build_problem(scn, options)
    opening = first_opening(problem, drift_from_costs(scn, problem), options.horizon)
    return (check_package(problem).feasible, tuple(z is not None for z in issue_zones(problem)),
            opening.month, opening.never)


def _compare(scenarios: list[Scenario], options: BargainOptions) -> list[int | None]:
    feasible = Feasibility()
    months = []
    for k, scn in enumerate(scenarios):
        got = bargain_draw(scn, options, feasible)
        assert (got.deal, got.zones, got.opening, got.never) == _library(scn, options), k
        months.append(got.opening)
    return months


def test_same_answers_as_the_library_on_the_builtin_case() -> None:
    case = load_case("ukraine-2025-12")
    scenarios = _drawn(case.with_point_values(), Noise(position_sd=6, salience_sd=0.08), 50,
                       seed=3)
    # a horizon of 20 years: the revised case rarely opens a zone within five
    months = _compare(scenarios + _drawn(case, Noise(), 20, seed=3), BargainOptions(horizon=240))
    assert len(set(months)) > 3                    # the draws really differ
    assert any(m is None for m in months) and any(m is not None for m in months)


def test_same_answers_on_a_small_case_with_other_options() -> None:
    scenarios = _drawn(talks(), Noise(position_sd=8), 60, seed=4)
    months = _compare(scenarios, BargainOptions(horizon=24))
    _compare(scenarios[:8], BargainOptions(loss="quadratic", disagreement="status-quo"))
    assert 0 in months and len(set(months)) > 2


def test_the_full_analysis_agrees_on_a_few_draws() -> None:
    for scn in _drawn(talks(), Noise(), 3, seed=8):
        a = analyse(scn)
        got = bargain_draw(scn, BargainOptions())
        assert got.deal == (a.verdict == DEAL)
        assert got.opening == a.opening.month and got.never == a.opening.never
        assert got.zones == tuple(z is not None for z in a.zones)


def test_the_shortcuts_spare_most_programs() -> None:
    scenarios = _drawn(load_case("ukraine-2025-12"), Noise(position_sd=6), 40, seed=1)
    feasible = Feasibility()
    for scn in scenarios:
        bargain_draw(scn, BargainOptions(), feasible)
    assert feasible.programs < len(scenarios)       # fewer than one program per draw
    assert np.isfinite(feasible.programs)
