"""The forecast ledger page: import, add, resolve (plain and inline), scores."""

from __future__ import annotations

import pytest

from accord.cases import timeline
from accord.ledger.forecast_scores import group_score
from accord.ledger.prediction_forecasts import prediction_forecasts
from accord.store.forecasts import NewForecast, add_forecast, list_forecasts
from tests.unit.web.helpers import Dashboard, text_of

HX = {"hx-request": "true"}


def test_an_empty_ledger(web: Dashboard) -> None:
    response = web.client.get("/ledger")
    assert response.status_code == 200 and "the ledger is empty" in text_of(response.text)


def test_importing_the_built_in_predictions_once(web: Dashboard) -> None:
    response = web.post("/ledger/import", {"case": "ukraine"})
    assert response.status_code == 303 and response.headers["location"] == "/ledger?note=imported"
    expected = prediction_forecasts(timeline("ukraine"))
    assert len(list_forecasts(web.store)) == len(expected) > 0
    web.post("/ledger/import", {"case": "ukraine"})
    assert len(list_forecasts(web.store)) == len(expected)
    page = text_of(web.client.get("/ledger").text)
    for item in expected[:3]:
        assert item.statement in page
    overall = group_score("all forecasts", list_forecasts(web.store))
    assert overall.brier is not None and f"{overall.brier:.3f}" in page


def test_filters(web: Dashboard) -> None:
    web.post("/ledger/import", {"case": "ukraine"})
    everything = list_forecasts(web.store)
    open_ones = [f for f in everything if not f.resolved]
    page = web.client.get("/ledger", params={"show": "open"}).text
    assert page.count('<tr id="forecast-') == len(open_ones)
    assert web.client.get("/ledger", params={"show": "bad"}).status_code == 400


@pytest.mark.parametrize(("form", "kind"), [
    ({"statement": "A ceasefire by June 2026", "probability": "30%", "by": "Jane Doe",
      "resolves": "2026-06"}, "probability"),
    ({"statement": "Territory outcome", "kind": "value", "value": "72.5", "issue": "territory"},
     "value"),
    ({"statement": "Russia reaches breaking point", "kind": "claim"}, "statement"),
])
def test_adding_forecasts(web: Dashboard, form: dict[str, str], kind: str) -> None:
    response = web.post("/ledger/add", form)
    assert response.status_code == 303
    [forecast] = list_forecasts(web.store)
    assert forecast.kind == kind and forecast.statement == form["statement"]
    if kind == "probability":
        assert forecast.probability == pytest.approx(0.3) and forecast.author == "Jane Doe"


@pytest.mark.parametrize(("form", "expected"), [
    ({"statement": "", "probability": "0.5"}, "statement"),
    ({"statement": "x", "probability": "1.5"}, "probability"),
    ({"statement": "x", "probability": "lots"}, "'lots' is not a number"),
    ({"statement": "x", "probability": ""}, "probability is required"),
    ({"statement": "x", "kind": "value", "value": ""}, "value is required"),
    ({"statement": "x", "probability": "0.5", "made": "2026-13-01"}, "made"),
    ({"statement": "x", "probability": "0.5", "resolves": "soon"}, "resolves"),
    ({"statement": "x", "kind": "guess"}, "kind of forecast"),
])
def test_bad_forecasts_show_the_form_again(web: Dashboard, form: dict[str, str],
                                           expected: str) -> None:
    response = web.post("/ledger/add", form)
    assert response.status_code == 422 and expected in text_of(response.text)
    assert f'value="{form["statement"]}"' in response.text
    assert list_forecasts(web.store) == []


def add(web: Dashboard, **fields: object) -> int:
    item = NewForecast(statement="A ceasefire by June 2026", made="2026-01", **fields)
    return add_forecast(web.store, item)[0]


def test_resolving_a_forecast(web: Dashboard) -> None:
    ident = add(web, probability=0.8)
    response = web.post(f"/ledger/{ident}/resolve", {"outcome": "true", "on": "2026-06-30"})
    assert response.status_code == 303
    [done] = list_forecasts(web.store)
    assert done.outcome == 1.0 and done.resolved_on == "2026-06-30"
    assert "0.040" in text_of(web.client.get("/ledger").text)   # Brier (0.8 - 1)^2


def test_resolving_inline_returns_the_row(web: Dashboard) -> None:
    ident = add(web, value=70.0)
    response = web.post(f"/ledger/{ident}/resolve", {"outcome": "64"}, headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="forecast-{ident}">')
    assert "64" in text_of(response.text) and "<form" not in response.text
    assert list_forecasts(web.store)[0].outcome == 64.0


def test_a_wrong_outcome_is_explained(web: Dashboard) -> None:
    ident = add(web, value=70.0)
    inline = web.post(f"/ledger/{ident}/resolve", {"outcome": "true"}, headers=HX)
    assert inline.status_code == 422 and "resolve it with the number" in inline.text
    assert "<form" in inline.text
    plain = web.post(f"/ledger/{ident}/resolve", {"outcome": "maybe"})
    assert plain.status_code == 400 and "true, false or a number" in text_of(plain.text)
    assert not list_forecasts(web.store)[0].resolved


@pytest.mark.parametrize(("path", "status"), [
    ("/ledger/999/resolve", 404), ("/ledger/abc/resolve", 404), ("/ledger/-1/resolve", 404),
])
def test_resolving_an_unknown_forecast_is_404(web: Dashboard, path: str, status: int) -> None:
    assert web.post(path, {"outcome": "true"}).status_code == status


def test_importing_an_unknown_case_is_400(web: Dashboard) -> None:
    response = web.post("/ledger/import", {"case": "atlantis"})
    assert response.status_code == 400 and list_forecasts(web.store) == []


@pytest.mark.parametrize("outcome", ["nan", "NaN", "inf", "-inf", "1e999", "-Infinity"])
@pytest.mark.parametrize("headers", [{}, HX])
def test_an_outcome_that_is_not_finite_is_refused(web: Dashboard, outcome: str,
                                                 headers: dict[str, str]) -> None:
    ident, _ = add_forecast(web.store, NewForecast(statement="Tariff at 10", made="2026",
                                                   value=10.0))
    response = web.post(f"/ledger/{ident}/resolve", {"outcome": outcome}, headers=headers)
    assert 400 <= response.status_code < 500
    assert "must be a finite number" in text_of(response.text)
    assert not next(f for f in list_forecasts(web.store) if f.id == ident).resolved


@pytest.mark.parametrize("value", ["nan", "inf", "-1e999"])
def test_a_forecast_value_that_is_not_finite_is_refused(web: Dashboard, value: str) -> None:
    response = web.post("/ledger/add", {"statement": "Tariff at 10", "kind": "value",
                                        "value": value})
    assert response.status_code == 422 and "must be a finite number" in text_of(response.text)
    assert list_forecasts(web.store) == []
