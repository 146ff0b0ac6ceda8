"""Re-running a recorded run reproduces its Result exactly, or says what changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

import numpy as np
import pytest
from sqlalchemy import text

from accord.errors import UsageError
from accord.models.base import Forecast, Model, Params
from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.store.engine import Store
from accord.store.migrate import open_store
from accord.store.runs import get_run, record_run, start_run
from accord.workflows.rerun import NotRerunnable, json_differences, rerun, rerun_models
from tests.unit.store.helpers import TALKS_2024, model_run, talks


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def test_rerun_reproduces_the_stored_result_exactly(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario, seed=11)
    run_id = record_run(store, spec, scenario, results, TALKS_2024.read_text())
    report = rerun(store, run_id)
    assert report.identical and report.differences == ()
    assert report.payload == get_run(store, run_id).payload          # exactly equal JSON
    assert [c.stored for c in report.outcomes] == [c.now for c in report.outcomes]
    assert len(report.outcomes) == len(results) * len(scenario.issues)
    assert rerun_models(spec, scenario) == results                   # same Results


class _NoisyParams(Params):
    spread: float = 5.0
    rounds: int = 2


class _Noisy(Model):
    """A test model with a parameter, a preset and random steps (so the seed matters)."""

    name = "noisy-test"
    title = "compromise plus noise"
    citation = "test only"
    params_type = _NoisyParams
    presets: ClassVar[dict[str, dict[str, float]]] = {"wide": {"spread": 20.0}}

    def forecast(self, scenario: Scenario, params: Params,
                 rng: np.random.Generator | None) -> Forecast:
        assert isinstance(params, _NoisyParams) and rng is not None
        outcome: dict[str, float | None] = {}
        for issue in scenario.issues:
            value = 50.0
            for _ in range(params.rounds):
                value += float(rng.normal(0.0, params.spread))
            outcome[issue.id] = value
        return Forecast(outcome=outcome, diagnostics={"draws": params.rounds})


def test_rerun_replays_the_preset_parameters_and_seed(store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.models.choice import ModelChoice
    from accord.workflows.registry import MODELS
    from accord.workflows.settings import AnalysisSettings
    from accord.workflows.specs import run_spec

    def models_spec(preset: str | None, params: dict[str, str], seed: int) -> RunSpec:
        return run_spec(scenario, AnalysisSettings(
            models=(ModelChoice(model=_Noisy.name, preset=preset, params=params),),
            bargain=None, seed=seed))

    monkeypatch.setitem(MODELS, _Noisy.name, _Noisy())
    scenario = talks()
    overrides = {"rounds": "7"}
    spec = models_spec("wide", overrides, 2024)
    results = [_Noisy().run(scenario, preset="wide", params=overrides, seed=2024)]
    assert results[0].params == {"spread": 20.0, "rounds": 7}
    run_id = record_run(store, spec, scenario, results)
    assert rerun(store, run_id).identical
    # the seed, preset and parameters all matter: change any and the result changes
    for change in ({"seed": 2025}, {"preset": None}, {"params": {}}):
        other = models_spec(change.get("preset", "wide"),  # type: ignore[arg-type]
                            change.get("params", overrides),  # type: ignore[arg-type]
                            change.get("seed", 2024))  # type: ignore[arg-type]
        assert rerun_models(other, scenario) != results


def test_a_changed_result_is_shown_per_issue_and_model(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario)
    run_id = record_run(store, spec, scenario, results)
    stored = get_run(store, run_id).payload
    stored[0]["outcome"]["territory"] = 12.5           # what an older version of the code gave
    stored[1]["diagnostics"]["extra"] = 1
    with store.writing() as conn:
        conn.execute(text("UPDATE runs SET payload = :p WHERE id = :i"),
                     {"p": json.dumps(stored), "i": run_id})
    report = rerun(store, run_id)
    assert not report.identical
    (change,) = report.changed_outcomes
    assert (change.model, change.issue, change.stored) == ("compromise", "territory", 12.5)
    assert change.now == results[0].outcome["territory"]
    paths = {d.path for d in report.differences}
    assert paths == {"/0/outcome/territory", "/1/diagnostics/extra"}


def test_a_kind_without_a_rerun_function_is_refused_clearly(store: Store) -> None:
    # a kind no command registered (e.g. one a newer accord wrote into a shared database)
    spec = RunSpec(kind="experiment", scenario_id=talks().id, scenario_digest=talks().digest())
    run_id = record_run(store, spec, talks(), {"verdict": "no deal"})
    with pytest.raises(NotRerunnable, match="'experiment' runs is not available"):
        rerun(store, run_id)
    # a command can register how to re-run its kind
    report = rerun(store, run_id, {"experiment": lambda s, scn: {"verdict": "no deal"}})
    assert report.identical


def test_an_unfinished_run_cannot_be_compared(store: Store) -> None:
    spec, _ = model_run(talks(), ("mean",))
    run_id = start_run(store, spec, talks())
    with pytest.raises(UsageError, match="running"):
        rerun(store, run_id)


def test_json_differences() -> None:
    assert json_differences({"a": [1, 2.0]}, {"a": [1.0, 2]}) == []
    diffs = json_differences({"a": [1, 2], "b": True, "c/d": "x"},
                             {"a": [1, 3, 4], "b": 1, "e": None})
    assert [(d.path, d.stored, d.now) for d in diffs] == [
        ("/a/1", 2, 3), ("/a/length", 2, 3), ("/b", True, 1), ("/c~1d", "x", None),
        ("/e", None, None)]
    assert json_differences(0.1 + 0.2, 0.3) != []       # exact, not approximate
