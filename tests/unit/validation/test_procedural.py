"""procedural-compromise: the model, its fitter and its shipped parameters agree."""

from __future__ import annotations

import numpy as np
import pytest

from accord.models.procedural import procedural_outcome, shipped_fit
from accord.scenario.files import read_file
from accord.scenario.schema import Scenario
from accord.validation.crossval import cross_validate
from accord.validation.outcomes import outcome_set
from accord.validation.procedural_fit import NAMES, VARIANTS, ProceduralFitter
from accord.workflows.registry import MODELS
from tests.conftest import REFERENCE, need_shared

MODEL = MODELS["procedural-compromise"]


def _scenario(meta: dict[str, str]) -> Scenario:
    actors = [("com", 4.0, 100.0, 0.8), ("ep", 4.0, 100.0, 0.9), ("de", 4.0, 0.0, 0.5),
              ("fr", 3.0, 30.0, 0.6), ("lu", 0.1, 60.0, 0.3)]
    return Scenario.model_validate({
        "id": "toy", "title": "Toy", "meta": meta,
        "actors": [{"id": a, "name": a, "capability": c} for a, c, _, _ in actors],
        "issues": [{"id": "i", "name": "I", "observed": 50.0}],
        "stances": [{"actor": a, "issue": "i", "position": x, "salience": s}
                    for a, _, x, s in actors]})


def test_hand_computed_forecast() -> None:
    x = np.array([100.0, 100.0, 0.0, 30.0, 60.0])
    w = np.array([3.2, 3.6, 2.0, 1.8, 0.03])
    comp = (w * x).sum() / w.sum()                  # 69.22
    blend = 0.8 * comp + 0.2 * 60.0                 # median of the positions is 60
    value, b, nearest = procedural_outcome(x, w, 0.2, 0.0)
    assert b == pytest.approx(blend) and value == pytest.approx(blend)
    assert nearest == 60.0                           # |60 - 67.4| < |100 - 67.4|
    gap = blend - 60.0                               # 7.38 points
    value, _, _ = procedural_outcome(x, w, 0.2, gap + 0.01)
    assert value == 60.0                             # within snap: the tabled position
    value, _, _ = procedural_outcome(x, w, 0.2, gap - 0.01)
    assert value == pytest.approx(blend)


def test_consultation_scales_the_parliament_only_when_the_procedure_says_so() -> None:
    params = {"consultation_weight": 0.0, "median_share": 0.0, "snap": 0.0,
              "capability_exponent": 1.0, "salience_exponent": 1.0}
    cns = MODEL.run(_scenario({"proc": "CNS"}), params=params).outcome["i"]
    cod = MODEL.run(_scenario({"proc": "COD"}), params=params).outcome["i"]
    none = MODEL.run(_scenario({}), params=params).outcome["i"]
    plain = MODELS["compromise"].run(_scenario({})).outcome["i"]
    assert cod == pytest.approx(plain) and none == pytest.approx(plain)
    w = np.array([3.2, 2.0, 1.8, 0.03])
    assert cns == pytest.approx((w * [100.0, 0.0, 30.0, 60.0]).sum() / w.sum())


def test_neutral_parameters_are_the_compromise_model() -> None:
    params = {"consultation_weight": 1.0, "median_share": 0.0, "snap": 0.0,
              "capability_exponent": 1.0, "salience_exponent": 1.0}
    for meta in ({"proc": "CNS"}, {}):
        s = _scenario(meta)
        assert MODEL.run(s, params=params).outcome["i"] == pytest.approx(
            MODELS["compromise"].run(s).outcome["i"])


def test_shipped_parameters_load_as_the_default_preset() -> None:
    fit = shipped_fit()
    preset, params = MODEL.resolve()
    assert preset == "deu-dev"
    assert set(fit["params"]) == set(NAMES)
    for key in NAMES:
        assert getattr(params, key) == fit["params"][key]
    assert fit["variant"] in VARIANTS
    assert fit["cross_validation"]["folds"] >= 2
    assert fit["cross_validation"]["mae"] > 0


def test_fitter_and_model_agree_on_every_deu_issue() -> None:
    need_shared()
    data = outcome_set(read_file(REFERENCE / "deu" / "deu-dev.tsv").scenarios, "deu")
    fitter = ProceduralFitter()
    prepared = fitter.prepare(data)
    _, params = MODEL.resolve()
    chosen = {k: getattr(params, k) for k in NAMES}
    fast = fitter.predict(prepared, chosen)
    slow = [MODEL.run(data.scenarios[it.scenario]).outcome[it.issue] for it in data.items]
    assert fast == pytest.approx(np.array(slow, dtype=float), abs=1e-9)


@pytest.mark.slow
def test_shipped_fit_and_cross_validated_figure_reproduce() -> None:
    need_shared()
    data = outcome_set(read_file(REFERENCE / "deu" / "deu-dev.tsv").scenarios, "deu")
    fitter = ProceduralFitter()
    prepared = fitter.prepare(data)
    fit = shipped_fit()
    assert fitter.fit(prepared, np.ones(len(data.items), dtype=bool)) == {
        "variant": fit["variant"], **fit["params"]}
    cv = fit["cross_validation"]
    maes = [cross_validate(fitter, data, cv["folds"], seed, prepared=prepared).mae
            for seed in cv["seeds"]]
    assert maes == pytest.approx(cv["mae_by_seed"], abs=1e-3)
    assert float(np.mean(maes)) == pytest.approx(cv["mae"], abs=1e-3)


def test_exponents_reweight_and_zero_salience_stays_inert() -> None:
    s = _scenario({})
    sqrt = MODEL.run(s, params={"capability_exponent": 0.5, "snap": 0.0}).outcome["i"]
    c = np.sqrt([4.0, 4.0, 4.0, 3.0, 0.1])
    w = c * np.array([0.8, 0.9, 0.5, 0.6, 0.3])
    assert sqrt == pytest.approx((w * [100.0, 100.0, 0.0, 30.0, 60.0]).sum() / w.sum())


def test_variant_choice_is_nested_inside_the_training_folds() -> None:
    need_shared()
    data = outcome_set(read_file(REFERENCE / "deu" / "deu-dev.tsv").scenarios, "deu")
    fitter = ProceduralFitter(variants={"compromise": (), "snap": ("snap",)}, inner_folds=4)
    prepared = fitter.prepare(data)
    train = np.zeros(len(data.items), dtype=bool)
    train[: len(train) // 2] = True
    variant, scores = fitter.choose_variant(prepared, train)
    assert set(scores) == {"compromise", "snap"}
    # Changing the held-out outcomes changes nothing the fit sees.
    shuffled = type(prepared)(prepared.configs, prepared.forecasts,
                              np.where(train, prepared.observed, 100 - prepared.observed),
                              prepared.groups, prepared.members)
    assert fitter.choose_variant(shuffled, train) == (variant, scores)
    assert fitter.fit(shuffled, train) == fitter.fit(prepared, train)
