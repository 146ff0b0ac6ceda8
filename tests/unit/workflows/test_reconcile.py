"""Reconciling the models: spread, zone, constrained forecast, reasons and intervals."""

from __future__ import annotations

import pytest

from accord.bargaining import analyse
from accord.cases import load_case
from accord.scenario.edits import apply_edits
from accord.scenario.variants import FixOutcome
from accord.workflows.reconcile import reconcile
from accord.workflows.registry import MODELS
from tests.unit.bargaining.helpers import scenario, stance


def _case():  # type: ignore[no-untyped-def]
    # Veto players A (at 0, accepts at most 60) and B (at 100, at least 50): zone [50, 60].
    # C, without a veto, weighs 4 at 100: the compromise is (0 + 100 + 400) / 6 = 83.3.
    return scenario(
        [{"id": "A", "name": "A", "capability": 1.0, "veto": True},
         {"id": "B", "name": "B", "capability": 1.0, "veto": True},
         {"id": "C", "name": "C", "capability": 4.0}],
        [{"id": "x", "name": "Issue x", "labels": {0: "none", 50: "half", 100: "all"}},
         {"id": "y", "name": "Issue y"}],
        [stance("A", "x", 0, 1.0, 60), stance("B", "x", 100, 1.0, 50), stance("C", "x", 100, 1.0),
         stance("A", "y", 0, 1.0, 30), stance("B", "y", 100, 1.0, 70)])


def test_a_forecast_outside_the_zone_gets_its_constrained_forecast_and_its_rejecter() -> None:
    s = _case()
    results = {"compromise": MODELS["compromise"].run(s), "mean": MODELS["mean"].run(s)}
    rec = reconcile(s, results, analyse(s))
    x = rec.of("x")
    assert x.zone == (50.0, 60.0) and x.headline == "compromise"
    comp = {f.label: f for f in x.forecasts}["compromise"]
    assert comp.value == pytest.approx(500 / 6)
    assert comp.inside_zone is False and comp.constrained == 60.0
    assert comp.rejected_by == ("A",) and comp.nearest_label == "all"
    assert x.constrained == 60.0
    mean = {f.label: f for f in x.forecasts}["mean"]
    assert mean.inside_zone is False and mean.constrained == 60.0   # 66.7
    assert x.spread == pytest.approx(500 / 6 - 200 / 3)
    (outside, *_) = [r for r in x.reasons if r.code == "outside-zone"]
    assert outside.model == "compromise"
    assert "beyond the red line of A (≤ 60)" in outside.sentence
    assert "nearest point every veto player accepts is 60" in outside.sentence
    # the intervals come from the shipped calibration (about 40 points at 80%)
    assert comp.interval is not None and comp.interval.high == 100.0
    assert 30 < comp.interval.conformal < 50


def test_no_zone_names_the_blocking_red_lines() -> None:
    s = _case()
    rec = reconcile(s, {"compromise": MODELS["compromise"].run(s)}, analyse(s))
    y = rec.of("y")
    assert y.zone is None and y.constrained is None
    (no_zone,) = [r for r in y.reasons if r.code == "no-zone"]
    assert "B demands at least 70 and A accepts at most 30, 40 apart" in no_zone.sentence
    (outside,) = [r for r in y.reasons if r.code == "outside-zone"]
    assert "outside every veto player's acceptable range" in outside.sentence
    assert "no point satisfies them all" in outside.sentence


def test_eum_non_convergence_is_a_warning_and_a_reason() -> None:
    s = load_case("ukraine-2025-12")
    results = {"eum": MODELS["eum"].run(s, params={"rounds": 2}),
               "nash": MODELS["nash"].run(s)}
    rec = reconcile(s, results, analyse(s))
    assert any("eum did not converge on" in w for w in rec.warnings)
    codes = {r.code for i in rec.issues for r in i.reasons}
    assert {"eum-not-converged", "no-forecast", "no-zone"} <= codes
    assert {f.label: f.value for f in rec.of("nato").forecasts}["nash"] is None


def test_a_fixed_issue_says_so_and_every_model_agrees() -> None:
    s = apply_edits(_case(), [FixOutcome(issue="x", value=55.0)])
    results = {m: MODELS[m].run(s) for m in ("compromise", "weighted-median", "eum")}
    x = reconcile(s, results, analyse(s)).of("x")
    assert x.reasons[0].code == "fixed" and "settled at 55" in x.reasons[0].sentence
    assert x.spread == pytest.approx(0.0)


def test_the_built_in_case_explains_the_spread_on_territory() -> None:
    s = load_case("ukraine-2025-12")
    names = ("compromise", "weighted-median", "procedural-compromise", "eum", "smp", "exchange")
    rec = reconcile(s, {m: MODELS[m].run(s) for m in names}, analyse(s))
    territory = rec.of("territory")
    values = [f.value for f in territory.forecasts if f.value is not None]
    assert territory.zone is None and territory.spread == pytest.approx(max(values) - min(values))
    assert territory.spread >= 5  # the models disagree by more than a rounding
    codes = {r.code for r in territory.reasons}
    assert {"no-zone", "outside-zone", "exchange-trades", "snapped"} <= codes
    comp = {f.label: f for f in territory.forecasts}["compromise"]
    assert set(comp.rejected_by) == {"RUS", "UKR"}
