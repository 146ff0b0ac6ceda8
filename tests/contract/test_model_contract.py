"""The contract every model in the registry passes, with every preset (DESIGN.md, tests).

Outcomes inside each issue's range; reordering actors changes nothing by id; unanimity returns
the shared position; zero-salience actors have no influence where the model says so; the same
input gives an equal Result; Result JSON round-trips. A model added to the registry is tested
here without further work.
"""

from __future__ import annotations

import json

import pytest

from accord.models import Model, Result
from accord.workflows.registry import MODELS
from tests.contract.scenarios import reordered, synthetic, with_inert_actor

CASES = [(name, preset) for name, m in MODELS.items()
         for preset in (list(m.presets) or [None])]
IDS = [f"{n}[{p}]" if p else n for n, p in CASES]
SEEDS = [1, 2, 3]


def _run(name: str, preset: str | None, seed: int, **kw: int) -> tuple[Model, Result]:
    model = MODELS[name]
    return model, model.run(synthetic(seed, **kw), preset=preset, seed=0)


def _tolerance(model: Model, low: float, high: float) -> float:
    return getattr(model, "contract_tolerance", 1e-9) * max(1.0, high - low)


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_outcome_inside_range(name: str, preset: str | None, seed: int) -> None:
    _model, result = _run(name, preset, seed)
    scenario = synthetic(seed)
    for issue in scenario.issues:
        value = result.outcome[issue.id]
        if value is None:
            assert "issues" in result.diagnostics  # a missing forecast is explained
            continue
        assert issue.low - 1e-9 <= value <= issue.high + 1e-9
        for pos in result.final_positions.get(issue.id, {}).values():
            assert issue.low - 1e-9 <= pos <= issue.high + 1e-9


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_actor_order_does_not_matter(name: str, preset: str | None, seed: int) -> None:
    model = MODELS[name]
    scenario = synthetic(seed)
    a = model.run(scenario, preset=preset, seed=0)
    b = model.run(reordered(scenario), preset=preset, seed=0)
    for issue in scenario.issues:
        tol = _tolerance(model, issue.low, issue.high)
        va, vb = a.outcome[issue.id], b.outcome[issue.id]
        assert (va is None) == (vb is None)
        if va is not None:
            assert va == pytest.approx(vb, abs=tol)
        fa, fb = a.final_positions.get(issue.id, {}), b.final_positions.get(issue.id, {})
        assert fa.keys() == fb.keys()
        for actor in fa:
            assert fa[actor] == pytest.approx(fb[actor], abs=tol)


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
def test_unanimity_returns_shared_position(name: str, preset: str | None) -> None:
    model = MODELS[name]
    scenario = synthetic(5, same_position=0.3)
    result = model.run(scenario, preset=preset, seed=0)
    for issue in scenario.issues:
        shared = issue.low + 0.3 * (issue.high - issue.low)
        value = result.outcome[issue.id]
        if value is None:
            continue
        assert value == pytest.approx(shared, abs=_tolerance(model, issue.low, issue.high))


@pytest.mark.parametrize("name, preset", [c for c in CASES
                                          if getattr(MODELS[c[0]], "zero_salience_inert", False)],
                         ids=lambda v: str(v))
@pytest.mark.parametrize("seed", SEEDS)
def test_zero_salience_actor_has_no_influence(name: str, preset: str | None, seed: int) -> None:
    model = MODELS[name]
    scenario = synthetic(seed)
    a = model.run(scenario, preset=preset, seed=0)
    b = model.run(with_inert_actor(scenario), preset=preset, seed=0)
    for issue in scenario.issues:
        tol = _tolerance(model, issue.low, issue.high)
        assert a.outcome[issue.id] == pytest.approx(b.outcome[issue.id], abs=tol)


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
def test_same_input_equal_result(name: str, preset: str | None) -> None:
    model = MODELS[name]
    scenario = synthetic(7)
    assert model.run(scenario, preset=preset, seed=3) == model.run(scenario, preset=preset,
                                                                   seed=3)


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
def test_result_json_round_trip(name: str, preset: str | None) -> None:
    _, result = _run(name, preset, 11)
    again = Result.from_json(result.to_json())
    assert again == result
    assert json.loads(result.to_json())["scenario_digest"] == synthetic(11).digest()
    if result.trajectory is not None:
        for rounds in result.trajectory.values():
            assert all(len(row) == len(result.actors) for row in rounds)


@pytest.mark.parametrize("name, preset", CASES, ids=IDS)
def test_tidy_rows(name: str, preset: str | None) -> None:
    _, result = _run(name, preset, 12)
    rows = result.to_rows()
    outcomes = [r for r in rows if r["kind"] == "outcome"]
    assert {r["issue"] for r in outcomes} == set(result.outcome)
    frame = result.to_frame()
    assert len(frame) == len(rows)
