"""Whatever a browser sends, the answer is a page with a 2xx, 3xx or 4xx status, never a 500.

Random text in every field a user types into (hypothesis), and a list of malformed requests.
The server here does not raise errors into the test: a bug shows as a 500 status, which these
tests forbid.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.cases import DEFAULT_CASE
from accord.store.forecasts import NewForecast, add_forecast
from tests.unit.web.helpers import Dashboard, dashboard

STANCE = f"/s/{DEFAULT_CASE}/stances/RUS/nato"
typed = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    ["", "1e309", "-0", "0x10", "1_000", "{dist: normal}", "{dist: normal, mean: 1e400, sd: 1}",
     "[1, 2]", "{a: {b: c}}", "&amp;", "\u2212 5", "５０", "nan", "{dist: uniform, low: 9, "
     "high: 1}", "!!python/object:os.system ls", "{a: !!python/object/apply:os.system [ls]}",
     "{a: &x [1, 1], b: [*x, *x]}", "{dist: triangular, low: 0, mode: 5, high: 9}"])


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    with dashboard(tmp_path_factory.mktemp("no500"), raise_errors=False) as d:
        yield d


def ok(status: int) -> bool:
    return 200 <= status < 500


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=typed, salience=typed, reservation=typed)
def test_any_stance_edit(web: Dashboard, position: str, salience: str, reservation: str
                         ) -> None:
    values = {"position": position, "salience": salience, "reservation": reservation}
    assert ok(web.client.get(f"{STANCE}/check", params=values).status_code)
    assert ok(web.post(STANCE, values).status_code)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statement=typed, probability=typed, value=typed, made=typed, resolves=typed,
       kind=st.sampled_from(["probability", "value", "claim", "other"]), outcome=typed)
def test_any_forecast_form(web: Dashboard, statement: str, probability: str, value: str,
                           made: str, resolves: str, kind: str, outcome: str) -> None:
    response = web.post("/ledger/add", {"statement": statement, "probability": probability,
                                        "value": value, "made": made, "resolves": resolves,
                                        "kind": kind})
    assert ok(response.status_code)
    ident, _ = add_forecast(web.store, NewForecast(statement="x", made="2026", value=1.0))
    for headers in ({}, {"hx-request": "true"}):
        response = web.post(f"/ledger/{ident}/resolve", {"outcome": outcome, "on": made},
                            headers=headers)
        assert ok(response.status_code)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.lists(st.tuples(st.sampled_from(
    ["model", "preset-eum", "preset-nash", "loss", "disagreement", "power", "weighted",
     "horizon", "show", "note", "run"]), typed), max_size=6))
def test_any_results_query(web: Dashboard, params: list[tuple[str, str]]) -> None:
    assert ok(web.client.get(f"/s/{DEFAULT_CASE}/results", params=params).status_code)
    assert ok(web.client.get("/ledger", params=params).status_code)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=typed | st.sampled_from(["models", "issue-nato", "rounds-eum", "rounds-smp",
                                     "issue-", "rounds-"]),
       params=st.lists(st.tuples(st.sampled_from(
           ["model", "preset-eum", "loss", "horizon", "output"]), typed), max_size=4))
def test_any_chart_or_timeline_query(web: Dashboard, name: str,
                                     params: list[tuple[str, str]]) -> None:
    from urllib.parse import quote

    path = quote(name, safe="")
    for url in (f"/s/{DEFAULT_CASE}/charts/{path}.svg", f"/timeline/{path}",
                "/timeline/ukraine", "/timeline/ukraine/chart.svg",
                f"/s/{DEFAULT_CASE}/mc/{path}", f"/s/{DEFAULT_CASE}/mc?from={path}"):
        assert ok(web.client.get(url, params=params).status_code), url


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(draws=typed | st.sampled_from(["1", "100000", "100001", "1,000"]), seed=typed,
       horizon=typed, position_sd=typed, salience_sd=typed,
       models=st.lists(typed | st.sampled_from(["compromise", "eum", "smp"]), max_size=3),
       preset=typed, bargain=st.sampled_from(["", "1", "on", "x"]))
def test_any_monte_carlo_form(web: Dashboard, draws: str, seed: str, horizon: str,
                              position_sd: str, salience_sd: str, models: list[str],
                              preset: str, bargain: str) -> None:
    # a valid form starts a job: one that waits (and the next ones queue) costs nothing
    web.state.jobs.target = "tests.unit.web.mc_targets:stall"
    response = web.post(f"/s/{DEFAULT_CASE}/mc", {
        "draws": draws, "seed": seed, "horizon": horizon, "position_sd": position_sd,
        "salience_sd": salience_sd, "model": models, "preset-eum": preset, "bargain": bargain,
        "loss": "linear", "disagreement": "reservation"})
    assert ok(response.status_code)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=typed, data=st.binary(max_size=300))
def test_any_uploaded_file(web: Dashboard, name: str, data: bytes) -> None:
    for suffix in (".yaml", ".csv", ".xml", ""):
        response = web.post("/scenarios/upload", files={"file": (name + suffix, data)})
        assert ok(response.status_code)
    response = web.post(f"/s/{DEFAULT_CASE}/evidence", files={"file": (name + ".html", data)})
    assert ok(response.status_code)


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/s/%00"), ("GET", "/s/%E2%80%AE"), ("GET", "/s/" + "x" * 5000),
    ("GET", f"/s/{DEFAULT_CASE}/stances/%2F/%2F/edit"), ("GET", "/static/../pyproject.toml"),
    ("GET", "/static/%2e%2e/app.py"), ("DELETE", "/scenarios"), ("PUT", "/ledger/1/resolve"),
    ("POST", "/s/nope/record"), ("POST", "/s/nope/evidence/apply"),
    ("POST", f"/s/{DEFAULT_CASE}/stances/RUS/nato/check"),
    ("POST", f"/s/{DEFAULT_CASE}/mc/%00/cancel"), ("POST", f"/s/{DEFAULT_CASE}/mc/x/record"),
    ("GET", f"/s/{DEFAULT_CASE}/mc/%2e%2e.json"), ("GET", "/timeline/%00/chart.svg"),
    ("GET", f"/s/{DEFAULT_CASE}/charts/%2F.svg"), ("POST", "/ledger/calibration.svg"),
])
def test_malformed_requests(web: Dashboard, method: str, path: str, tmp_path: Path) -> None:
    token = web.token()
    response = web.client.request(method, path, headers={"x-csrf-token": token},
                                  data={"csrf_token": token})
    assert ok(response.status_code)


BIG = "9" * 4301  # past int()'s 4,300 digits
RESULTS = f"/s/{DEFAULT_CASE}/results"


@pytest.mark.parametrize(("path", "params", "expected"), [
    (RESULTS, {"run": "²"}, "run must be a whole number"),
    (RESULTS, {"run": "99999999999999999999999"}, "run must be a whole number"),
    (RESULTS, {"horizon": "²"}, "the horizon must be a whole number of months"),
    (RESULTS, {"horizon": BIG}, "the horizon must be a whole number of months"),
    (RESULTS, {"horizon": "５"}, "the horizon must be a whole number of months"),
    (f"/s/{DEFAULT_CASE}/leverage", {"issue": "nato", "target": "50", "actors": "²"},
     "actors must be a whole number from 1 to 10"),
    (f"/s/{DEFAULT_CASE}/leverage", {"issue": "nato", "target": "50", "actors": BIG},
     "actors must be a whole number from 1 to 10"),
])
def test_numbers_in_a_query_are_ascii_digits(web: Dashboard, path: str,
                                             params: dict[str, str], expected: str) -> None:
    from tests.unit.web.helpers import text_of

    response = web.client.get(path, params=params)
    assert response.status_code == 400
    assert expected in text_of(response.text)


@pytest.mark.parametrize("fields", [
    {"draws": "²"}, {"draws": BIG}, {"draws": "10", "seed": "²"}, {"draws": "10", "seed": BIG},
    {"draws": "10", "horizon": "²"}, {"draws": "10", "horizon": BIG},
])
def test_numbers_in_the_monte_carlo_form_are_ascii_digits(web: Dashboard,
                                                          fields: dict[str, str]) -> None:
    response = web.post(f"/s/{DEFAULT_CASE}/mc", {"model": "compromise", **fields})
    assert response.status_code == 422
    assert "must be a whole number" in response.text


@pytest.mark.parametrize("ident", ["²", "99999999999999999999999", BIG, "１"])
def test_a_forecast_id_that_is_no_number_is_404(web: Dashboard, ident: str) -> None:
    response = web.post(f"/ledger/{ident}/resolve", {"outcome": "true"})
    assert response.status_code == 404 and "There is no forecast" in response.text


@pytest.mark.parametrize("text", ["{" * 199 + "}" * 199, "{a:" * 95 + "}" * 95,
                                  "{dist: normal, mean: [[[[[[[[[[[[[[[]]]]]]]]]]]]]]], sd: 1}"])
def test_a_deeply_nested_stance_value_is_a_problem_not_a_crash(web: Dashboard,
                                                                text: str) -> None:
    values = {"position": text, "salience": "0.5", "reservation": ""}
    response = web.client.get(f"{STANCE}/check", params=values)
    assert response.status_code == 200
    assert "cannot read" in response.text and "no nested braces or brackets" in response.text
    assert web.post(STANCE, values).status_code == 422
