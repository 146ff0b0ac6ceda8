"""The ``smp`` model as a whole: options, randomness, ideals, scales, scenario settings."""

from __future__ import annotations

from typing import Any, get_args

import numpy as np
import pytest

from accord.errors import UsageError
from accord.models import Result
from accord.models.spatial import SpatialParams
from accord.models.spatial.options import KTAB_OPTIONS
from accord.scenario.schema import Scenario
from accord.workflows.registry import MODELS
from tests.contract.scenarios import reordered, synthetic

SMP = MODELS["smp"]


def scenario(n: int = 7, d: int = 3, seed: int = 2, meta: dict[str, Any] | None = None,
             drop: tuple[tuple[int, int], ...] = ()) -> Scenario:
    """KTAB-like actors on 0-100 with saliences adding up to less than 1."""
    rng = np.random.default_rng(seed)
    stances = []
    for k in range(n):
        sal = rng.dirichlet(np.ones(d)) * 0.9
        for j in range(d):
            if (k, j) not in drop:
                stances.append({"actor": f"a{k}", "issue": f"d{j}",
                                "position": float(np.round(rng.uniform(0, 100), 2)),
                                "salience": float(np.round(sal[j], 4))})
    return Scenario.model_validate({
        "id": "smp-test", "title": "smp test", "meta": meta or {},
        "actors": [{"id": f"a{k}", "name": f"A{k}", "capability": float(10 + 13 * k % 50)}
                   for k in range(n)],
        "issues": [{"id": f"d{j}", "name": f"D{j}"} for j in range(d)],
        "stances": stances})


def check_result(result: Result, s: Scenario) -> None:
    diag = result.diagnostics
    assert diag["steps"] >= 1
    assert sum(e["probability"] for e in diag["distinct_positions"]) == pytest.approx(1.0)
    for issue in s.issues:
        values = list(result.final_positions[issue.id].values())
        assert all(issue.low - 1e-9 <= v <= issue.high + 1e-9 for v in values)
        assert min(values) - 1e-9 <= result.outcome[issue.id] <= max(values) + 1e-9
        assert len(result.trajectory[issue.id]) == diag["steps"] + 1  # type: ignore[index]


OPTION_VALUES = [(o, v) for o in KTAB_OPTIONS
                 for v in get_args(SpatialParams.model_fields[o].annotation)
                 if v != SpatialParams.model_fields[o].default]


@pytest.mark.parametrize("option, value", OPTION_VALUES, ids=[f"{o}={v}" for o, v in
                                                              OPTION_VALUES])
def test_every_option_runs(option: str, value: str) -> None:
    s = scenario()
    result = SMP.run(s, params={option: value}, seed=5)
    assert result.params[option] == value
    check_result(result, s)


def test_big_r_adjust_full_runs_and_differs() -> None:
    """KTAB's Full always stops on a sanity check; here it is every actor knowing the truth."""
    s = scenario(n=9, seed=4)
    full = SMP.run(s, params={"BigRAdjust": "Full"})
    none = SMP.run(s, params={"BigRAdjust": "None"})
    assert full.final_positions != none.final_positions or \
        full.diagnostics["steps"] != none.diagnostics["steps"]


def test_no_and_full_commitment_give_different_runs() -> None:
    s = scenario(n=9, seed=4)
    no = SMP.run(s, params={"ThirdPartyCommit": "NoCommit"})
    full = SMP.run(s, params={"ThirdPartyCommit": "FullCommit"})
    assert no.trajectory != full.trajectory


def test_stochastic_runs_are_reproducible_by_seed() -> None:
    s = scenario(n=9, seed=3)
    params = {"StateTransitions": "Stochastic"}
    a = SMP.run(s, params=params, seed=11)
    b = SMP.run(s, params=params, seed=11)
    assert a == b
    others = [SMP.run(s, params=params, seed=k).trajectory for k in range(12, 17)]
    assert any(t != a.trajectory for t in others)
    assert a.diagnostics["stochastic"] is True


def test_deterministic_runs_ignore_the_seed() -> None:
    s = scenario()
    assert SMP.run(s, seed=1).trajectory == SMP.run(s, seed=2).trajectory


def test_final_positions_do_not_depend_on_actor_order_bit_for_bit() -> None:
    for seed in range(4):
        s = synthetic(seed, n_actors=12)
        a, b = SMP.run(s), SMP.run(reordered(s))
        assert a.final_positions == b.final_positions
        assert a.outcome == b.outcome
        assert a.diagnostics["distinct_positions"] == b.diagnostics["distinct_positions"]


def test_rounds_limit_and_zero_rounds() -> None:
    s = scenario()
    zero = SMP.run(s, params={"rounds": 0})
    assert zero.diagnostics["steps"] == 0
    for st in s.stances:
        assert zero.final_positions[st.issue][st.actor] == pytest.approx(st.position)
    one = SMP.run(s, params={"rounds": 1})
    assert one.diagnostics["steps"] == 1 and one.diagnostics["stopped"] == "step limit"


def test_issue_scales_map_onto_the_unit_cube_and_back() -> None:
    base = scenario(seed=6)
    data = base.model_dump()
    data["issues"] = [{**i, "range": [-50.0, 150.0]} for i in data["issues"]]
    for st in data["stances"]:
        st["position"] = -50.0 + 2.0 * st["position"]
    shifted = Scenario.model_validate(data)
    a, b = SMP.run(base), SMP.run(shifted)
    for issue in base.issues:
        assert b.outcome[issue.id] == pytest.approx(-50 + 2 * a.outcome[issue.id])  # type: ignore[operator]
        for actor, v in a.final_positions[issue.id].items():
            assert b.final_positions[issue.id][actor] == pytest.approx(-50 + 2 * v)


def test_saliences_adding_up_to_more_than_one_are_scaled_together() -> None:
    s = synthetic(3, n_actors=6)        # saliences up to 1 on each of 3 issues
    result = SMP.run(s)
    assert any("saliences divided by" in n for n in result.diagnostics["notes"])
    check_result(result, s)


def test_missing_stances_are_not_reported() -> None:
    s = scenario(drop=((0, 1), (3, 2)))
    result = SMP.run(s)
    assert "a0" not in result.final_positions["d1"]
    assert "a3" not in result.final_positions["d2"]
    assert result.trajectory is not None
    assert all(row[0] is None for row in result.trajectory["d1"])
    assert any("no stance" in n for n in result.diagnostics["notes"])


def test_unanimity() -> None:
    s = synthetic(5, same_position=0.3)
    result = SMP.run(s)
    assert result.diagnostics["steps"] == 2
    assert len(result.diagnostics["distinct_positions"]) == 1


def test_scenario_settings_are_used_unless_overridden() -> None:
    s = scenario(meta={"ktab.VotingRule": "Cubic", "ktab.BigRAdjust": "No"})
    result = SMP.run(s)
    assert result.params["VotingRule"] == "Cubic" and result.params["BigRAdjust"] == "None"
    same = SMP.run(scenario(), params={"VotingRule": "Cubic", "BigRAdjust": "None"})
    assert result.trajectory == same.trajectory
    override = SMP.run(s, params={"VotingRule": "Prop"})
    assert override.params["VotingRule"] == "Prop"
    # forecast() called directly also reads the scenario for fields the caller left unset
    direct = SMP.forecast(s, SpatialParams(), None)
    assert direct.trajectory == same.trajectory


def test_scenario_seed_is_used_unless_given() -> None:
    s = scenario(meta={"ktab.seed": 1234, "ktab.StateTransitions": "Stochastic"})
    assert SMP.run(s).seed == 1234
    assert SMP.run(s, seed=9).seed == 9
    assert SMP.run(scenario()).seed == 0xD67CC16FE69C185C     # KTAB's default seed


@pytest.mark.parametrize("meta, fragment", [
    ({"ktab.VotingRule": "Majority"}, "expected one of"),
    ({"ktab.seed": "x12"}, "not a whole number"),
    ({"ktab.IdealAdjustment": "a0:a1"}, "ADJUSTING:REFERENCE=VALUE"),
    ({"ktab.IdealAdjustment": "a0:zz=0.2"}, "names actor 'zz'"),
    ({"ktab.IdealAdjustment": "a0:a1=0.5"}, "add up to more than 1"),
    ({"ktab.IdealAdjustment": "a0:a1=1.5"}, "VALUE in [0, 1]"),
])
def test_bad_scenario_settings(meta: dict[str, Any], fragment: str) -> None:
    with pytest.raises(UsageError, match=None) as err:
        SMP.run(scenario(meta=meta))
    assert fragment in str(err.value)


def test_accommodation() -> None:
    """Identity: ideals follow positions (KTAB's CSV runs); fixed: ideals never move."""
    s = scenario(n=8, seed=9)
    identity = SMP.run(s)
    assert SMP.run(s, params={"accommodation": "identity"}) == identity.model_copy(
        update={"params": {**identity.params, "accommodation": "identity"}})
    fixed = SMP.run(s, params={"accommodation": "fixed"})
    assert fixed.trajectory != identity.trajectory
    matrix = SMP.run(scenario(n=8, seed=9, meta={
        "ktab.IdealAdjustment": "a0:a0=0.5; a1:a1=0.8, a1:a2=0.2"}))
    assert matrix.trajectory != identity.trajectory
    assert matrix.trajectory != fixed.trajectory


def test_actors_without_any_stance_and_issues_without_stances() -> None:
    s = scenario(n=5, drop=((4, 0), (4, 1), (4, 2)))
    result = SMP.run(s)
    assert "a4" not in result.final_positions["d0"]
    assert any("left out" in n for n in result.diagnostics["notes"])
    data = scenario(n=4, d=2).model_dump()
    data["issues"] = [*data["issues"], {"id": "empty", "name": "Nobody cares"}]
    result = SMP.run(Scenario.model_validate(data))
    assert result.outcome["empty"] is None
    assert any("empty" in n for n in result.diagnostics["notes"])


def test_point_forecast_choice() -> None:
    s = scenario()
    mean = SMP.run(s)
    mode = SMP.run(s, params={"point_forecast": "mode"})
    assert mean.outcome == mean.diagnostics["point_forecasts"]["mean"]
    assert mode.outcome == mean.diagnostics["point_forecasts"]["mode"]


def test_parameter_values_are_ktabs_vocabulary() -> None:
    """The model's Literals and the scenario-level list the XML importer checks agree."""
    from accord.scenario.ktab_settings import OPTIONS
    for option, values in OPTIONS.items():
        field = SpatialParams.model_fields[option]
        assert get_args(field.annotation) == values
        assert field.default in values
