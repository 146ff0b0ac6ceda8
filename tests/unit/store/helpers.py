"""What the store's tests share: the two-snapshot test case and a real model run on it."""

from __future__ import annotations

from pathlib import Path

from accord.models import Result
from accord.models.choice import ModelChoice
from accord.runspec import RunSpec
from accord.scenario.load import load_scenario
from accord.scenario.schema import Scenario
from accord.workflows.registry import DEFAULT_MODELS, get_model
from accord.workflows.settings import AnalysisSettings
from accord.workflows.specs import run_spec

DATA = Path(__file__).resolve().parents[2] / "data" / "store"
TALKS_2024 = DATA / "talks-2024.yaml"
TALKS_2025 = DATA / "talks-2025.yaml"


def talks(year: int = 2024) -> Scenario:
    return load_scenario(TALKS_2024 if year == 2024 else TALKS_2025)


def model_run(scenario: Scenario, models: tuple[str, ...] = DEFAULT_MODELS,
              seed: int | None = None) -> tuple[RunSpec, list[Result]]:
    """The RunSpec ``accord run`` records, and the Results of really running the models."""
    spec = run_spec(scenario, AnalysisSettings(
        models=tuple(ModelChoice(model=m) for m in models), bargain=None, seed=seed))
    return spec, [get_model(m).run(scenario, seed=seed) for m in models]
