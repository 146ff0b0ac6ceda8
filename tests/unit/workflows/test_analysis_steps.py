"""What ``analyse`` tells a face while it works (the status line of `accord run`/`actors`)."""

from __future__ import annotations

from accord.cases import load_case
from accord.models.choice import ModelChoice
from accord.workflows.actors import analyse_actors
from accord.workflows.analysis import analyse
from accord.workflows.settings import AnalysisSettings

MODELS = (ModelChoice(model="compromise"), ModelChoice(model="median"))


def test_each_model_and_the_bargaining_analysis_is_announced_in_order() -> None:
    said: list[str] = []
    case = load_case("ukraine-2025-12")
    settings = AnalysisSettings(models=MODELS, record=False)
    first = analyse(case, settings, step=said.append)
    assert said == ["model compromise (1 of 2)", "model median (2 of 2)",
                    "the bargaining analysis"]
    # what is reused from a known analysis is not announced again
    said.clear()
    analyse(case, settings, known=first, step=said.append)
    assert said == []
    said.clear()
    analyse_actors(case, settings, step=said.append)
    assert said[-1] == "the actors' gains, power and readings" and len(said) == 4


def test_a_scenario_past_the_bargaining_limits_is_refused_before_any_model_runs(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pytest

    import accord.bargaining.limits as limits
    from accord.errors import UsageError

    monkeypatch.setattr(limits, "MAX_ACTORS", 3)
    said: list[str] = []
    with pytest.raises(UsageError, match="the bargaining analysis handles at most 3"):
        analyse(load_case("ukraine-2025-12"), AnalysisSettings(models=MODELS, record=False),
                step=said.append)
    assert said == []
    # without the bargaining analysis the models run as before
    done = analyse(load_case("ukraine-2025-12"),
                   AnalysisSettings(models=MODELS, bargain=None, record=False))
    assert len(done.results) == 2


def test_a_report_announces_its_stages_after_the_models() -> None:
    from accord.workflows.report_data import gather

    said: list[str] = []
    gather(load_case("ukraine-2025-12"), models=["compromise"], with_tipping=False,
           step=said.append)
    assert said == ["model compromise (1 of 1)", "the bargaining analysis",
                    "the timeline of the case",
                    "why the models differ, what the verdict depends on, the actors"]
