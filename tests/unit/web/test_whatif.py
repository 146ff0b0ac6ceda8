"""The what-if panel: edit numbers in a form, see the comparison with the scenario as stated,
nothing saved; the results page's settings and errors; markup from the file and the form
shown as text."""

from __future__ import annotations

import re

from accord.store.versions import list_scenario_versions
from accord.web.whatif_form import form_edits, read_form
from tests.unit.web.helpers import DATA, Dashboard, text_of
from tests.unit.web.test_xss import XSS, assert_inert

HARBOUR = DATA / "whatif" / "harbour.yaml"


def upload(web: Dashboard, path: str = str(HARBOUR)) -> str:
    with open(path, "rb") as f:
        response = web.post("/scenarios/upload", files={"file": ("s.yaml", f.read())})
    assert response.status_code == 303
    return str(response.headers["location"]).split("/")[2].split("?")[0]


def test_the_results_page_links_to_the_panel_with_its_settings(web: Dashboard) -> None:
    digest = upload(web)
    html = web.client.get(f"/s/{digest}/results", params={"model": "median",
                                                           "horizon": "24"}).text
    link = re.search(r'<a href="(/s/[0-9a-f]+/whatif\?[^"]+)">What if', html)
    assert link and "model=median" in link.group(1) and "horizon=24" in link.group(1)
    page = web.client.get(link.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    assert 'name="horizon" value="24"' in page.text and 'name="model" value="median"' in page.text
    assert "Choose an edit above" in text_of(page.text)


def test_dropping_the_city_opens_the_wage_zone_and_saves_nothing(web: Dashboard) -> None:
    digest = upload(web)
    before = len(list_scenario_versions(web.store))
    response = web.client.get(f"/s/{digest}/whatif", params={"model": "compromise",
                                                              "drop-actor": "CITY"})
    assert response.status_code == 200
    page = text_of(response.text)
    assert "Edits: drop actor CITY." in page
    assert "Verdict no deal deal possible changed" in page
    assert "Wage rise none 8–12 changed" in page                # the zones table
    assert "Dockers' union ≥ vs City council ≤ 3 —" in page     # the resolved blocking pair
    assert len(list_scenario_versions(web.store)) == before
    # the form keeps what was chosen
    assert '<option value="CITY" selected>' in response.text


def test_htmx_gets_the_comparison_alone(web: Dashboard) -> None:
    digest = upload(web)
    response = web.client.get(f"/s/{digest}/whatif", params={
        "model": "median", "stance-actor": "UNION", "stance-issue": "wage",
        "stance-field": "reservation", "stance-value": "5"}, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "<form" not in response.text
    page = text_of(response.text)
    assert "set UNION's reservation on wage to 5" in page
    assert "Forecasts: unchanged. The changes touch only red lines" in page


def test_each_group_of_the_form_is_an_edit() -> None:
    form = read_form([("drop-actor", "SHIP"), ("stance-actor", "PORT"),
                      ("stance-issue", "wage"), ("stance-field", "reservation"),
                      ("stance-value", "none"), ("veto-actor", "CITY"), ("veto", "take"),
                      ("scale-actor", "UNION"), ("scale-factor", "2"),
                      ("cost-actor", "UNION"), ("cost-issue", "wage"), ("cost-drift", "0.3"),
                      ("fix-issue", "hours"), ("fix-value", "60"), ("model", "mean"),
                      ("edits", '{"edit": "drop-cost", "actor": "CITY", "issue": "wage"}')])
    from accord.scenario.variants import describe

    assert [describe(e) for e in form_edits(form)] == [
        "drop actor SHIP", "set PORT's reservation on wage to none", "take CITY's veto",
        "scale UNION's capability by 2", "set UNION's cost on wage: drift 0.3",
        "fix the outcome of hours at 60", "drop CITY's cost on wage"]
    assert form_edits(read_form([("stance-actor", "PORT"), ("stance-issue", "wage")])) == []


def test_bad_settings_and_bad_edits_are_400_pages(web: Dashboard) -> None:
    digest = upload(web)
    url = f"/s/{digest}/whatif"
    bad = web.client.get(url, params={"horizon": "5000", "drop-actor": "CITY"})
    results = web.client.get(f"/s/{digest}/results", params={"horizon": "5000"})
    assert bad.status_code == results.status_code == 400
    message = "the horizon must be a whole number of months from 0 to 1,200, not '5000'"
    assert message in text_of(bad.text) and message in text_of(results.text)
    for params, words in [
        ({"scale-actor": "PORT", "scale-factor": "abc"},
         "Scale a capability: the factor must be a number, not 'abc'."),
        ({"scale-actor": "PORT", "scale-factor": "-1"},
         "Scale a capability: factor: Input should be greater than 0."),
        ({"drop-actor": "TOWN"},
         "The what-if: edit 1 (drop actor TOWN): unknown actor 'TOWN' (known: PORT, UNION, "
         "CITY, SHIP)."),
        ({"stance-actor": "CITY", "stance-issue": "wage", "stance-field": "reservation",
          "stance-value": "30"}, "reservation 30 is outside the issue's range [0, 20]"),
        ({"edits": "[1]"}, "Further edits: an edit is a JSON object"),
        ({"veto-actor": "CITY", "veto": "maybe"}, "Give or take a veto: choose give or take"),
    ]:
        response = web.client.get(url, params=params)
        assert response.status_code == 400, params
        assert words in text_of(response.text), text_of(response.text)
    htmx = web.client.get(url, params={"drop-actor": "TOWN"}, headers={"hx-request": "true"})
    assert htmx.status_code == 400 and htmx.headers["hx-retarget"] == "body"


def test_markup_from_the_file_and_the_form_stays_text(web: Dashboard) -> None:
    digest = upload(web, str(XSS))
    hostile = '{"edit": "drop-actor", "actor": "</textarea><script>alert(1)</script>"}'
    response = web.client.get(f"/s/{digest}/whatif", params={"drop-actor": "B"})
    assert response.status_code == 200
    assert_inert(response.text)
    page = text_of(response.text)
    assert "<script>document.title='pwned-actor'</script>Atlantis" in page
    assert "Tariff <img src=x onerror=\"document.title='pwned-issue'\">" in page
    # what the form sent comes back escaped, in the form and on the error page
    shown = web.client.get(f"/s/{digest}/whatif", params={
        "scale-actor": "A", "scale-factor": "<b onmouseover=x>"})
    assert shown.status_code == 400
    assert_inert(shown.text)
    error = web.client.get(f"/s/{digest}/whatif", params={"edits": hostile})
    assert error.status_code == 400
    assert_inert(error.text)
    assert "<script>alert(1)" not in error.text
    # a valid edit carrying markup: echoed in the textarea and named in the comparison
    added = ('{"edit": "add-actor", "actor": {"id": "Z", "capability": 1, '
             '"name": "</textarea><script>alert(2)</script>Zed"}}')
    response = web.client.get(f"/s/{digest}/whatif", params={"edits": added})
    assert response.status_code == 200
    assert_inert(response.text)
    assert "<script>alert(2)" not in response.text
    assert "Actors only in B: </textarea><script>alert(2)</script>Zed (Z)." in text_of(
        response.text)
