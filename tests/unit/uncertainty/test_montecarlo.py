"""The Monte Carlo run: same answer whatever the backend, prefixes, exact at zero width."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from accord.bargaining import DEAL, BargainOptions, analyse
from accord.uncertainty import (
    McSettings,
    Noise,
    ProcessPool,
    Serial,
    monte_carlo,
)
from accord.uncertainty.chunks import ChunkResult
from accord.workflows.mc_job import job_settings
from accord.workflows.registry import get_model
from accord.workflows.settings import BargainSettings, MonteCarloSettings
from accord.workflows.specs import mc_settings_of, mc_spec
from tests.helpers import configured, mc_json
from tests.unit.uncertainty.cases import plain, talks, zero_width

MODELS = tuple(configured(m) for m in ("compromise", "weighted-median", "mean", "median",
                                        "status-quo"))
EUM = configured("eum", "scholz2011", {"rounds": 6})


def _settings(draws: int, chunk: int = 0, models: tuple[Any, ...] = MODELS,
              seed: int = 5, bargain: bool = True) -> McSettings:
    return McSettings(draws=draws, seed=seed, models=models,
                      bargain=BargainOptions(horizon=36) if bargain else None, chunk=chunk)


def _rows(scenario, settings, backend=None):  # type: ignore[no-untyped-def]
    chunks: list[ChunkResult] = []
    result = monte_carlo(scenario, settings, backend or Serial(), rows=chunks.append)
    cat = {name: np.concatenate([getattr(c, name) for c in chunks])
           for name in ("values", "outcomes", "deal", "zones", "opening", "never")
           if getattr(chunks[0], name) is not None}
    assert [c.index for c in chunks] == list(range(settings.chunks))
    return result, cat


def test_serial_one_worker_and_two_workers_give_identical_documents() -> None:
    settings = _settings(600, chunk=150, models=(*MODELS, EUM))
    docs = [mc_json(monte_carlo(talks(), settings, backend))
            for backend in (Serial(), ProcessPool(1), ProcessPool(2))]
    assert docs[0] == docs[1] == docs[2]
    assert docs[0]["draws"] == 600 and docs[0]["chunk"] == 150


def test_a_short_run_is_a_prefix_of_a_long_one_whatever_the_chunks() -> None:
    _, short = _rows(talks(), _settings(100, chunk=30, models=(*MODELS, EUM)))
    _, long = _rows(talks(), _settings(600, chunk=250, models=(*MODELS, EUM)), ProcessPool(2))
    for name, values in short.items():
        assert np.array_equal(values, long[name][:100], equal_nan=True), name
    assert not np.array_equal(long["values"][:100], long["values"][100:200])


def test_zero_width_distributions_reproduce_the_deterministic_results() -> None:
    scn = zero_width()
    result, rows = _rows(scn, _settings(60, chunk=25, models=(*MODELS, EUM)))
    m = len(scn.issues)
    for e, entry in enumerate(result.settings.models):
        model, preset = entry.model, entry.preset
        det = model.run(scn, preset=preset, params=dict(entry.choice.params)).outcome
        want = np.array([np.nan if det[i.id] is None else det[i.id] for i in scn.issues])
        block = rows["outcomes"][:, e * m:(e + 1) * m]
        assert np.array_equal(block, np.broadcast_to(want, block.shape), equal_nan=True), \
            entry.label
    a = analyse(scn, BargainOptions(horizon=36))
    assert np.all(rows["deal"] == (a.verdict == DEAL))
    assert np.all(rows["zones"] == [z is not None for z in a.zones])
    assert np.all(rows["opening"] == (a.opening.month if a.opening.month is not None else -1))
    doc = mc_json(result)
    tariff = doc["models"][0]["issues"]["tariff"]
    assert tariff["median"] == tariff["interval90"][0] == tariff["interval90"][1] \
        == tariff["point"] and tariff["sd"] == 0
    assert doc["bargain"]["point"]["opens"] == a.opening.label


def test_vectorised_models_equal_running_the_model_on_each_drawn_scenario() -> None:
    from accord.uncertainty.chunks import McJob, prepare
    from accord.uncertainty.sampling import draw_scenario

    settings = _settings(40, models=(*MODELS, EUM, configured("exchange")), bargain=False)
    _result, rows = _rows(talks(), settings)
    prep = prepare(McJob(talks(), settings))
    m = len(talks().issues)
    for row in (0, 13, 39):
        scn = draw_scenario(prep.point, prep.layout, rows["values"][row])
        for e, entry in enumerate(settings.models):
            model, preset = entry.model, entry.preset
            out = model.run(scn, preset=preset, params=dict(entry.choice.params)).outcome
            want = [np.nan if out[i.id] is None else out[i.id] for i in scn.issues]
            got = rows["outcomes"][row, e * m:(e + 1) * m]
            assert np.array_equal(got, want, equal_nan=True), (entry.label, row)


def test_the_summary_matches_the_draws() -> None:
    result, rows = _rows(talks(), _settings(1200, chunk=500))
    st = result.stats
    values = rows["outcomes"]
    assert np.array_equal(st.n, np.isfinite(values).sum(axis=0))
    finite = np.isfinite(values[0])
    assert np.allclose(st.mean[finite], values[:, finite].mean(axis=0), rtol=1e-12)
    assert np.allclose(st.sd()[finite], values[:, finite].std(axis=0, ddof=1), rtol=1e-9)
    for k in np.flatnonzero(finite):
        width = (st.high[k] - st.low[k]) / 2000
        for p in (5, 25, 50, 75, 95):  # in the bin of the order statistic that reaches p%
            want = np.percentile(values[:, k], p, method="inverted_cdf")
            assert abs(st.quantile(k, p) - want) <= width * (1 + 1e-9)
        assert st.counts[k].sum() == st.n[k]
    b = result.bargain
    assert b is not None and b.draws == 1200 and b.deal == rows["deal"].sum()
    assert np.array_equal(b.zones, rows["zones"].sum(axis=0))
    assert b.beyond == (rows["opening"] < 0).sum() and b.never == rows["never"].sum()


def test_document_probabilities_hang_together() -> None:
    doc = mc_json(monte_carlo(talks(), _settings(1000), Serial()))
    bargain = doc["bargain"]
    deal_by = bargain["deal_by"]
    assert list(deal_by)[:3] == ["2026-01", "2026-02", "2026-03"] and len(deal_by) == 37
    values = list(deal_by.values())
    assert values == sorted(values) and values[0] == bargain["p_deal"]
    assert bargain["verdict"][DEAL] + bargain["verdict"]["no deal"] == pytest.approx(1)
    assert bargain["opening"]["by_horizon"] == values[-1]
    assert 0 < values[-1] < 1 and bargain["opening"]["never"] <= 1 - values[-1] + 1e-9
    sens = doc["sensitivity"]
    assert sens["sample"] == 1000 and sens["outputs"][-1]["output"] == "opening"
    for out in sens["outputs"]:
        rhos = [abs(x["rho"]) for x in out["inputs"]]
        assert rhos == sorted(rhos, reverse=True)
    tariff = next(o for o in sens["outputs"] if o["output"] == "compromise:tariff")
    top = tariff["inputs"][0]
    assert top["input"] == "position:A:tariff" and top["rho"] > 0.5   # the heaviest input
    others = {x["input"]: x["rho"] for x in tariff["inputs"]}
    assert abs(others.get("position:B:quota", 0)) < 0.1                  # another issue


def test_a_scenario_without_distributions_runs_and_says_so() -> None:
    result = monte_carlo(plain(), _settings(50), Serial())
    doc = mc_json(result)
    assert doc["inputs"] == [] and "no distributions" in doc["notes"][0]
    x = doc["models"][0]["issues"]["x"]
    assert x["sd"] == 0 and x["median"] == x["point"]
    noisy = mc_json(monte_carlo(plain(), McSettings(
        draws=50, seed=1, models=MODELS, bargain=None,
        noise=Noise(position_sd=5, salience_sd=0.1)), Serial()))
    assert len(noisy["inputs"]) == 12 and noisy["notes"] == []
    assert noisy["models"][0]["issues"]["x"]["sd"] > 0


def test_settings_are_checked_and_round_trip() -> None:
    from accord.errors import UsageError

    for bad in ({"draws": 0}, {"draws": -3}, {"seed": -1}):
        with pytest.raises(UsageError):
            McSettings(**{"draws": 10, "seed": 0, "models": MODELS, "bargain": None, **bad})
    with pytest.raises(UsageError):
        McSettings(draws=10, seed=0, models=(), bargain=None)
    settings = MonteCarloSettings(
        draws=1234, seed=5, models=tuple(c.choice for c in (*MODELS, EUM)),
        bargain=BargainSettings(horizon=36))
    job = job_settings(settings, talks())
    spec = mc_spec(talks(), settings, job.chunk)
    again = mc_settings_of(spec)
    assert again.models == settings.models and again.bargain == settings.bargain
    assert again.chunk == job.chunk  # a re-run keeps the recorded chunk size
    assert job_settings(again, talks()) == McSettings(
        draws=1234, seed=5, models=(*MODELS, EUM), bargain=BargainSettings(horizon=36).options(),
        chunk=job.chunk, shape=(len(talks().actors), len(talks().issues)))
    # chunks are sized for what a draw runs: the bargaining analysis makes them smaller
    plain = McSettings(draws=10, seed=0, models=MODELS, bargain=None, shape=(4, 3)).chunk
    assert plain > McSettings(draws=10, seed=0, models=MODELS, bargain=BargainOptions(),
                              shape=(4, 3)).chunk
    assert get_model("compromise")  # the registry is there for the rerun
