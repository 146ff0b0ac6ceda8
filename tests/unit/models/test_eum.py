"""The expected-utility model: degenerate inputs, the model wrapper, parameters."""

from __future__ import annotations

import numpy as np
import pytest

from accord.errors import UsageError
from accord.models.eum import PRESETS, STOP_REASONS, EumParams, eum_rounds
from accord.scenario.schema import Scenario
from accord.workflows.registry import MODELS

ALL = [EumParams(**PRESETS[p]) for p in sorted(PRESETS)] + [
    EumParams(**{**PRESETS["scholz2011"], "q": 0.5, "t": 0.5, "range": "current"})]


def _finite(run: object) -> bool:
    return all(np.all(np.isfinite(getattr(run, name)))
               for name in ("positions", "median", "mean"))


@pytest.mark.parametrize("params", ALL, ids=lambda p: f"{p.probability}-{p.offer_choice}")
@pytest.mark.parametrize("n", [1, 2, 5])
def test_everyone_at_one_position(params: EumParams, n: int) -> None:
    run = eum_rounds(np.full(n, 7.0), np.arange(1.0, n + 1), np.linspace(0.2, 1, n), params)
    assert _finite(run)
    assert np.all(run.positions == 7.0) and run.outcome[0] == 7.0
    assert run.rounds_run[0] == 0
    assert STOP_REASONS[int(run.stop[0])] == "equal-exposures"
    assert np.all(run.risk[0, 0] == 1.0)


@pytest.mark.parametrize("params", ALL, ids=lambda p: f"{p.probability}-{p.offer_choice}")
def test_two_actors(params: EumParams) -> None:
    run = eum_rounds([0.0, 10.0], [3.0, 1.0], [0.9, 0.4], params, 5)
    assert _finite(run)
    assert np.all((run.positions >= 0) & (run.positions <= 10))


@pytest.mark.parametrize("params", ALL, ids=lambda p: f"{p.probability}-{p.offer_choice}")
def test_zero_salience_everywhere(params: EumParams) -> None:
    run = eum_rounds([0.0, 3.0, 10.0, 10.0], [1.0, 2.0, 3.0, 4.0], np.zeros(4), params, 5)
    assert _finite(run)
    assert np.all((run.positions >= 0) & (run.positions <= 10))


def test_equal_exposures_stop_with_r_one() -> None:
    """Two identical actors at opposite ends: S_max = S_min, r = 1 and the run stops."""
    for name in PRESETS:
        run = eum_rounds([0.0, 100.0], [1.0, 1.0], [0.5, 0.5], EumParams(**PRESETS[name]))
        assert np.all(run.risk[0, 0] == 1.0)
        assert STOP_REASONS[int(run.stop[0])] == "equal-exposures"
        assert np.all(run.positions[0] == [0.0, 100.0])


def test_zero_range_with_current_range() -> None:
    """The current range shrinks to 0 when everyone meets: no division by zero."""
    params = EumParams(**{**PRESETS["masad2014"], "range": "current"})
    run = eum_rounds([[1.0, 1.0, 1.0], [0.0, 0.0, 5.0]], [[1, 2, 3], [5, 5, 1]],
                     [[0.5, 0.5, 0.5], [1, 1, 0.2]], params, 6)
    assert _finite(run)


def test_round_limit_zero_and_stop_reasons() -> None:
    run = eum_rounds([1.0, 5.0, 9.0], [1, 2, 3], [0.5, 0.6, 0.7], EumParams(), 0)
    assert run.positions.shape == (1, 1, 3) and run.risk.shape == (1, 0, 3)
    assert run.rounds_run[0] == 0


def test_converged_stop_is_earlier_than_the_limit() -> None:
    # A dominant actor pulls everyone to its position, then nothing moves.
    x, c, s = [0.0, 40.0, 100.0], [100.0, 1.0, 1.0], [1.0, 0.5, 0.5]
    conv = eum_rounds(x, c, s, EumParams(**PRESETS["scholz2011"]), 50)
    assert 0 < conv.rounds_run[0] < 50
    assert STOP_REASONS[int(conv.stop[0])] in ("converged", "equal-exposures")
    full = eum_rounds(x, c, s, EumParams(**PRESETS["scholz2011"], stop="rounds"), 50)
    assert full.rounds_run[0] == 50 or STOP_REASONS[int(full.stop[0])] == "equal-exposures"
    np.testing.assert_allclose(full.final, conv.final, atol=1e-4)


def test_bad_arrays_are_rejected() -> None:
    params = EumParams()
    with pytest.raises(ValueError, match="finite"):
        eum_rounds([1.0, np.nan], [1, 1], [1, 1], params)
    with pytest.raises(ValueError, match=r"\(B, n\)"):
        eum_rounds(np.zeros((2, 2, 2)), np.ones((2, 2, 2)), np.ones((2, 2, 2)), params)
    with pytest.raises(ValueError, match="saliences in"):
        eum_rounds([1.0, 2.0], [1, 1], [1.5, 1], params)
    with pytest.raises(ValueError, match="capabilities must be"):
        eum_rounds([1.0, 2.0], [-1, 1], [1, 1], params)
    with pytest.raises(ValueError, match="scale"):
        eum_rounds([1.0, 2.0], [1, 1], [1, 1], EumParams(range="scale"))


def test_range_scale_uses_the_issue_width() -> None:
    x, c, s = [4.0, 7.0, 10.0, 4.0], [1, 2, 3, 1], [0.4, 0.8, 0.6, 0.9]
    wide = eum_rounds(x, c, s, EumParams(range="scale"), 3, scale=60.0)
    same = eum_rounds(x, c, s, EumParams(range="initial"), 3)
    assert _finite(wide)
    assert not np.allclose(wide.positions, same.positions)


def _scenario() -> Scenario:
    return Scenario.model_validate({
        "id": "t", "title": "T",
        "actors": [{"id": i, "name": i, "capability": c}
                   for i, c in (("A", 5.0), ("B", 3.0), ("C", 1.0), ("D", 2.0))],
        "issues": [{"id": "x", "name": "X", "range": [0, 100]},
                   {"id": "y", "name": "Y", "range": [-10, 10]}],
        "stances": [
            {"actor": "A", "issue": "x", "position": 10, "salience": 0.9},
            {"actor": "B", "issue": "x", "position": 80, "salience": 0.5},
            {"actor": "C", "issue": "x", "position": 50, "salience": 0.3},
            {"actor": "D", "issue": "x", "position": 60, "salience": 0.7},
            {"actor": "A", "issue": "y", "position": -10, "salience": 0.6},
            {"actor": "C", "issue": "y", "position": 5, "salience": 1.0},
        ],
    })


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_model_result_carries_trajectory_and_diagnostics(preset: str) -> None:
    result = MODELS["eum"].run(_scenario(), preset=preset, params={"rounds": 4})
    assert result.trajectory is not None
    diag = result.diagnostics["issues"]["x"]
    rows = result.trajectory["x"]
    assert len(rows) == diag["rounds_run"] + 1 == len(diag["median"]) == len(diag["mean"])
    assert all(row[3] is not None for row in rows)
    assert result.outcome["x"] == diag["median"][-1]
    assert set(diag["risk_round1"]) == {"A", "B", "C", "D"}
    assert diag["stop"] in STOP_REASONS
    # B and D have no stance on y: null in the trajectory, absent from final positions
    assert all(row[1] is None and row[3] is None for row in result.trajectory["y"])
    assert set(result.final_positions["y"]) == {"A", "C"}
    assert -10 <= (result.outcome["y"] or 0) <= 10


def test_rounds_stop_keeps_every_row() -> None:
    result = MODELS["eum"].run(_scenario(), params={"rounds": 7, "stop": "rounds"})
    assert result.trajectory is not None and len(result.trajectory["x"]) == 8


def test_string_parameters_coerce() -> None:
    preset, params = MODELS["eum"].resolve("masad2014", {
        "q": "0.5", "t": "1", "capitulation": "false", "rounds": "3", "range": "current",
        "tolerance": "1e-3"})
    assert preset == "masad2014"
    assert isinstance(params, EumParams)
    assert (params.q, params.t, params.capitulation, params.rounds, params.range) == (
        0.5, 1.0, False, 3, "current")
    assert params.probability == "net"  # the preset's other choices stay


@pytest.mark.parametrize("key, value, fragment", [
    ("q", "abc", "q: Input should be a valid number"),
    ("q", "1.5", "q: Input should be less than or equal to 1"),
    ("q", "nan", "q: Input should be a finite number"),
    ("rounds", "-1", "rounds: Input should be greater than or equal to 0"),
    ("rounds", "2.5", "rounds: Input should be a valid integer"),
    ("capitulation", "maybe", "capitulation: Input should be a valid boolean"),
    ("offer_choice", "best", "offer_choice: Input should be 'least-move-then-max-eu'"),
    ("probability", "Published", "probability: Input should be 'published'"),
])
def test_bad_parameters_are_named(key: str, value: str, fragment: str) -> None:
    with pytest.raises(UsageError, match="bad parameters for model 'eum'") as err:
        MODELS["eum"].resolve(None, {key: value})
    assert fragment in str(err.value)


def test_default_preset_is_the_published_reading() -> None:
    preset, params = MODELS["eum"].resolve()
    assert preset == "scholz2011"
    assert params == EumParams(**PRESETS["scholz2011"])
