"""The results page: every model, the bargaining verdict and tables, trajectories, the cache,
and recording a run (re-runnable, with accord's forecasts in the ledger)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.bargaining import analyse, analysis_document
from accord.cases import DEFAULT_CASE, load_case
from accord.ledger.derive import results_of
from accord.models.choice import ModelChoice
from accord.reports.bargain_view import summary
from accord.store.forecasts import list_forecasts
from accord.store.runs import list_runs
from accord.web.error_pages import WebError
from accord.web.results_query import compute, query_of, settings_from_query
from accord.workflows.registry import MODELS
from accord.workflows.rerun import rerun
from accord.workflows.settings import AnalysisSettings, BargainSettings
from tests.unit.web.helpers import SMALL_YAML, Dashboard, text_of

TARGETS = "tests.unit.web.analysis_targets"
RESULTS = f"/s/{DEFAULT_CASE}/results"


def test_every_model_and_the_verdict_of_the_built_in_case(web: Dashboard) -> None:
    response = web.client.get(RESULTS)
    assert response.status_code == 200
    page = text_of(response.text)
    scn = load_case(DEFAULT_CASE)
    for name in MODELS:
        assert name in page
    for issue in scn.issues:
        assert issue.name in page
    doc = analysis_document(analyse(scn))
    assert f"Verdict: {doc.verdict}" in page
    for sentence in summary(scn, doc):
        assert sentence in page
    assert "Zones of possible agreement" in page and "Smallest concessions" in page
    assert "no zone opens within 60 months" in page
    # the compromise model's outcome on the NATO issue, as `accord run` prints it
    outcome = MODELS["compromise"].run(scn).outcome["nato"]
    assert outcome is not None and f"{outcome:.1f}" in page


def test_eum_trajectories_are_a_chart_with_a_compact_table_to_unfold(web: Dashboard) -> None:
    html = web.client.get(RESULTS).text
    assert re.search(r'<img src="/s/[^"]+/charts/rounds-eum\.svg\?model=compromise', html)
    assert re.search(r'<details class="trajectory">\s*<summary>eum \(scholz2011\): positions '
                     r'round by round as a table', html)
    result = MODELS["eum"].run(load_case(DEFAULT_CASE))
    rounds = (result.trajectory or {})["nato"]
    first = rounds[0][result.actors.index("RUS")]
    assert first is not None
    assert f"<th scope=\"row\">RUS</th><td class=\"num\">{first:.1f}</td>" in html


def test_results_are_cached_per_scenario_and_settings(web: Dashboard) -> None:
    cache = web.state.analyses
    web.client.get(RESULTS)
    web.client.get(RESULTS)
    assert (cache.misses, cache.hits) == (1, 1)
    web.client.get(RESULTS, params={"model": "compromise"})
    assert cache.misses == 2 and len(cache) == 2


def test_a_subset_of_models_and_options(web: Dashboard) -> None:
    response = web.client.get(RESULTS, params=[("model", "compromise"), ("model", "eum"),
                                               ("preset-eum", "masad2014"), ("loss", "quadratic"),
                                               ("weighted", "1"), ("horizon", "12")])
    assert response.status_code == 200
    page = text_of(response.text)
    assert "eum (masad2014)" in page and "smp" not in page.split("Forecasts per issue")[1]
    fragment = web.client.get(RESULTS, params={"model": "mean"},
                              headers={"hx-request": "true"})
    assert "<html" not in fragment.text and "Verdict" in fragment.text
    # going back to a URL the form pushed: htmx asks for the whole page
    restored = web.client.get(RESULTS, params={"model": "mean"}, headers={
        "hx-request": "true", "hx-history-restore-request": "true"})
    assert "<html" in restored.text and "Verdict" in restored.text


@pytest.mark.parametrize(("params", "expected"), [
    ({"model": "oracle"}, "There is no model 'oracle'"),
    ({"preset-eum": "nope"}, "model 'eum' has no preset 'nope'"),
    ({"loss": "cubic"}, "loss must be one of linear, quadratic"),
    ({"disagreement": "x"}, "disagreement must be one of"),
    ({"power": "x"}, "power must be one of"),
    ({"horizon": "-1"}, "whole number of months"),
    ({"horizon": "abc"}, "whole number of months"),
    ({"horizon": "99999"}, "whole number of months"),
])
def test_bad_settings_are_400_pages(web: Dashboard, params: dict[str, str],
                                    expected: str) -> None:
    response = web.client.get(RESULTS, params=params)
    assert response.status_code == 400 and expected in text_of(response.text)


def test_settings_round_trip_through_their_query() -> None:
    settings = settings_from_query({"model": ["eum", "mean"], "preset-eum": ["masad2014"],
                                    "weighted": ["on"], "horizon": ["24"]})
    assert settings.model_names == ("mean", "eum")          # registry order
    params: dict[str, list[str]] = {}
    for key, value in query_of(settings):
        params.setdefault(key, []).append(value)
    assert settings_from_query(params) == settings
    assert settings_from_query({}).model_names == tuple(MODELS)
    with pytest.raises(WebError):
        settings_from_query({"model": ["nope"]})


def test_a_model_that_fails_is_reported_and_the_others_still_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.errors import UsageError

    def broken(*args: object, **kwargs: object) -> object:
        raise UsageError("this model needs a status quo on every issue")

    monkeypatch.setattr(MODELS["smp"], "run", broken)
    shown = compute(load_case(DEFAULT_CASE), AnalysisSettings(
        models=(ModelChoice(model="compromise"), ModelChoice(model="smp"))))
    assert [r.model for r in shown.analysis.results] == ["compromise"]
    assert [(f.step, f.message) for f in shown.analysis.failures] == [
        ("smp", "this model needs a status quo on every issue")]
    assert shown.bargain is not None


def test_recording_stores_two_runs_that_rerun_identically(web: Dashboard) -> None:
    response = web.post(f"/s/{DEFAULT_CASE}/record",
                        {"model": ["compromise", "eum"], "loss": "linear", "horizon": "60"})
    assert response.status_code == 303
    runs = list_runs(web.store)
    assert sorted(r.kind for r in runs) == ["bargain", "run"]
    assert [f"run={r.id}" in response.headers["location"] for r in runs] == [True, True]
    for record in runs:
        assert rerun(web.store, record.id).identical
    page = text_of(web.client.get(response.headers["location"]).text)
    assert "Recorded as runs" in page
    assert list_forecasts(web.store) == []


def test_recording_can_add_accords_forecasts_to_the_ledger(web: Dashboard) -> None:
    location = web.post("/scenarios/upload", {"text": SMALL_YAML}).headers["location"]
    digest = location.split("/")[2].split("?")[0]
    response = web.post(f"/s/{digest}/record", {"model": "compromise", "ledger": "1",
                                                "resolves": "2026-12"})
    assert response.status_code == 303
    [run] = [r for r in list_runs(web.store) if r.kind == "run"]
    forecasts = list_forecasts(web.store)
    assert [(f.model, f.issue, f.resolves, f.run_id) for f in forecasts] == [
        ("compromise", "tariff", "2026-12", run.id)]
    from accord.store.runs import get_run

    assert forecasts[0].value == results_of(get_run(web.store, run.id))[0].outcome["tariff"]
    ledger = text_of(web.client.get("/ledger").text)
    assert "accord compromise" in ledger


@pytest.mark.parametrize(("data", "expected"), [
    ({"resolves": "2026-13"}, "When the forecasts resolve"),
    ({"model": "nope"}, "There is no model"),
])
def test_bad_record_forms_are_400(web: Dashboard, data: dict[str, str], expected: str) -> None:
    response = web.post(f"/s/{DEFAULT_CASE}/record", data)
    assert response.status_code == 400 and expected in text_of(response.text)
    assert list_runs(web.store) == []


def test_at_most_the_allowed_number_of_analyses_run_at_once(tmp_path: Path) -> None:
    import threading

    from accord.web.state import WebSettings
    from tests.unit.web.helpers import dashboard

    with dashboard(tmp_path, WebSettings(parallel_runs=2, analysis_seconds=600)) as web:
        answers: list[tuple[int, float, float]] = []

        def one() -> None:
            answers.append(web.state.pool.run(f"{TARGETS}:nap", (0.3,)))

        threads = [threading.Thread(target=one) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(answers) == 6
        assert len({pid for pid, _, _ in answers}) == 2         # two processes, reused
        for _, start, _ in answers:                             # never three at once
            assert sum(s <= start < e for _, s, e in answers) <= 2
        scn = load_case(DEFAULT_CASE)
        for h in range(3):
            web.state.analysis(scn, AnalysisSettings(models=(ModelChoice(model="mean"),),
                                                     bargain=BargainSettings(horizon=h)))
        assert len(web.state.analyses) == 3 and len(web.state.pool.processes()) == 2


def test_the_verdict_says_how_firm_it_is_and_why_the_models_differ(web: Dashboard) -> None:
    page = text_of(web.client.get(RESULTS).text)
    assert "How firm it is: This verdict depends on" in page
    assert "Ukraine's red line on recognition" in page
    assert "Why the models differ" in page and "did not converge" in page
