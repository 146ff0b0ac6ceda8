"""The actors page and the leverage form: the same blocks as ``accord actors`` and ``accord
leverage``, the results page's settings, the htmx partial, 400 pages for bad settings, and a
scenario's markup shown as text."""

from __future__ import annotations

import re

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.models.choice import ModelChoice
from accord.reports.actors_view import findings
from accord.reports.bargain_view import Namer
from accord.reports.leverage_view import move_sentence
from accord.workflows.actors import analyse_actors
from accord.workflows.leverage_answer import LeverageSettings, leverage
from accord.workflows.settings import AnalysisSettings, BargainSettings, every_model
from tests.unit.web.helpers import SMALL_YAML, Dashboard, text_of
from tests.unit.web.test_xss import assert_inert, upload

ACTORS = f"/s/{DEFAULT_CASE}/actors"
LEVERAGE = f"/s/{DEFAULT_CASE}/leverage"


def test_the_results_page_links_to_both_with_its_settings(web: Dashboard) -> None:
    html = web.client.get(f"/s/{DEFAULT_CASE}/results?model=compromise&loss=quadratic").text
    for page in ("actors", "leverage"):
        link = re.search(rf'href="(/s/{DEFAULT_CASE}/{page}\?[^"]+)"', html)
        assert link, page
        assert "model=compromise" in link.group(1) and "loss=quadratic" in link.group(1)


def test_the_actors_page_shows_what_accord_actors_says(web: Dashboard) -> None:
    response = web.client.get(ACTORS)
    assert response.status_code == 200
    page = text_of(response.text)
    for heading in ("Who gains, who loses", "Pivotal actors", "Voting power per issue",
                    "Expected-utility model: who challenges whom, who moved whom",
                    "SMP's coalitions", "Exchange model: trades"):
        assert heading in page
    expected = analyse_actors(load_case(DEFAULT_CASE), AnalysisSettings(models=every_model()))
    for sentence in findings(expected):
        assert sentence in page


def test_the_settings_and_the_focus_come_from_the_query(web: Dashboard) -> None:
    page = text_of(web.client.get(f"{ACTORS}?model=compromise&loss=quadratic&issue=territory"
                                  "&actor=RUS").text)
    assert "models: compromise; quadratic loss; focus on issue territory and actor RUS" in page
    assert "Expected-utility model" not in page          # the EUM did not run
    scn = load_case(DEFAULT_CASE)
    only = analyse_actors(scn, AnalysisSettings(
        models=(ModelChoice(model="compromise"),), bargain=BargainSettings(loss="quadratic")),
        issue="territory", actor="RUS")
    gain = only.packages[0].of("RUS")
    assert f"{100 * gain.relative:+.1f}%" in page


@pytest.mark.parametrize(("query", "message"), [
    ("issue=nope", "issue: unknown issue 'nope' (issues: nato,"),
    ("actor=ZZ", "actor: unknown actor 'ZZ' (actors: RUS,"),
    ("horizon=-4", "the horizon must be a whole number of months from 0 to 1,200"),
    ("model=nope", "There is no model 'nope'"),
])
def test_bad_settings_of_the_actors_page(web: Dashboard, query: str, message: str) -> None:
    response = web.client.get(f"{ACTORS}?{query}")
    assert response.status_code == 400
    assert message in text_of(response.text)


def test_the_leverage_form_alone_then_its_answer(web: Dashboard) -> None:
    empty = web.client.get(LEVERAGE)
    assert empty.status_code == 200
    assert 'name="target"' in empty.text and "Choose an issue and a target" in empty.text
    full = web.client.get(f"{LEVERAGE}?issue=territory&target=55&model=compromise"
                          "&kinds=position&actors=2")
    assert full.status_code == 200 and "<html" in full.text
    page = text_of(full.text)
    # the engine's own answer, as accord leverage words it
    scenario = load_case(DEFAULT_CASE).with_point_values()
    answer = leverage(scenario, LeverageSettings(issue="territory", target=55,
                                                 model=ModelChoice(model="compromise"),
                                                 kinds=("position",), actors=2))
    cheapest = move_sentence(Namer(scenario), "territory", answer.leverage.singles[0])
    assert f"The cheapest single move: {cheapest}." in page
    assert "What opens the zone on Territory" in page
    # the form shows the question asked
    assert re.search(r'<input type="number" name="target" step="any" required value="55">',
                     full.text)
    assert re.search(r'<input type="checkbox" name="kinds" value="salience">', full.text)


def test_the_answer_updates_in_place_with_htmx(web: Dashboard) -> None:
    response = web.client.get(f"{LEVERAGE}?issue=territory&target=55",
                              headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "<form" not in response.text
    assert "Single-actor moves, cheapest first" in text_of(response.text)
    form = web.client.get(LEVERAGE).text
    assert 'hx-get="/s/ukraine-2025-12/leverage" hx-target="#leverage-answer"' in form
    assert 'method="get" action="/s/ukraine-2025-12/leverage"' in form   # works without JS


@pytest.mark.parametrize(("query", "message"), [
    ("issue=nope&target=3", "issue: unknown issue 'nope'"),
    ("issue=territory&target=500", "target 500 is outside the range of 'territory' [0, 100]"),
    ("issue=territory&target=x", "target must be a number, not 'x'"),
    ("issue=territory", "target: give the outcome wanted"),
    ("issue=territory&target=5&actors=0", "actors must be a whole number from 1 to 10"),
    ("issue=territory&target=5&kinds=charm", "kinds: unknown kind 'charm'"),
    ("issue=territory&target=5&model=zzz", "unknown model 'zzz'"),
    ("issue=territory&target=5&loss=cubic", "loss must be one of linear, quadratic"),
])
def test_bad_leverage_requests(web: Dashboard, query: str, message: str) -> None:
    response = web.client.get(f"{LEVERAGE}?{query}")
    assert response.status_code == 400
    assert message in text_of(response.text)


def test_a_stored_scenario(web: Dashboard) -> None:
    response = web.post("/scenarios/upload", files={"file": ("small.yaml", SMALL_YAML)})
    ref = str(response.headers["location"]).split("/")[2].split("?")[0]
    page = text_of(web.client.get(f"/s/{ref}/actors").text)
    assert "Who gains, who loses" in page
    answer = text_of(web.client.get(f"/s/{ref}/leverage?issue=tariff&target=11").text)
    assert "the target is 11, inside the zone every veto player accepts (10–12)" in answer


def test_a_scenarios_markup_is_shown_as_text(web: Dashboard) -> None:
    digest = upload(web)
    for path in (f"/s/{digest}/actors", f"/s/{digest}/actors?issue=tariff&actor=A",
                 f"/s/{digest}/leverage", f"/s/{digest}/leverage?issue=tariff&target=8"):
        response = web.client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)
    html = web.client.get(f"/s/{digest}/leverage?issue=tariff&target=8").text
    assert "Tariff &lt;img src=x onerror=" in html
