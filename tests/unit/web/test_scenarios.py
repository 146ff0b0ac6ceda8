"""The scenarios list, uploads (good and bad) and a scenario's page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.cases import DEFAULT_CASE, case_ids, load_case
from accord.scenario.load import parse_scenario
from accord.store.runs import get_scenario_version
from accord.store.versions import list_scenario_versions
from accord.web.state import WebSettings
from tests.unit.web.helpers import BDM_CSV, SMALL_YAML, Dashboard, dashboard, text_of


def test_the_list_shows_every_built_in_snapshot(web: Dashboard) -> None:
    for path in ("/", "/scenarios"):
        response = web.client.get(path)
        assert response.status_code == 200
        page = text_of(response.text)
        for ident in case_ids():
            assert ident in page
        assert "None yet" in page and "Upload a scenario" in page


def test_the_built_in_case_page_shows_actors_issues_stances_and_evidence(web: Dashboard
                                                                         ) -> None:
    scn = load_case(DEFAULT_CASE)
    response = web.client.get(f"/s/{DEFAULT_CASE}")
    assert response.status_code == 200
    page = text_of(response.text)
    for actor in scn.actors:
        assert actor.name in page
    for issue in scn.issues:
        assert issue.name in page
        for label in issue.labels.values():
            assert label in page
    assert page.count("Edit") >= len(scn.stances)
    quote = scn.stance("RUS", "nato").evidence[0].quote  # type: ignore[union-attr]
    assert quote in page and scn.source("s001").title in page
    assert scn.digest()[:12] in page


def test_the_latest_snapshot_of_a_case_by_its_case_id(web: Dashboard) -> None:
    response = web.client.get("/s/ukraine")
    assert response.status_code == 200
    assert load_case("ukraine").title in text_of(response.text)


@pytest.mark.parametrize("path", [
    "/s/no-such-case", "/s/" + "0" * 64, "/s/" + "a" * 63, "/s/..%2F..%2Fetc%2Fpasswd",
    "/s/no-such-case/results", "/s/no-such-case/evidence", "/s/no-such-case/scenario.yaml",
    "/no/such/page",
])
def test_unknown_scenarios_and_pages_are_404_pages(web: Dashboard, path: str) -> None:
    response = web.client.get(path)
    assert response.status_code == 404
    assert "<h1" in response.text and "Not found" in response.text


def test_a_yaml_upload_is_kept_as_the_user_wrote_it(web: Dashboard) -> None:
    response = web.post("/scenarios/upload",
                        files={"file": ("small.yaml", SMALL_YAML.encode(), "text/yaml")})
    assert response.status_code == 303
    digest = parse_scenario(SMALL_YAML, "x").digest()
    assert response.headers["location"] == f"/s/{digest}?note=uploaded"
    stored = get_scenario_version(web.store, digest)
    assert stored.text == SMALL_YAML and stored.text_kind == "file"
    page = web.client.get(response.headers["location"])
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Small talks" in text and "version 1 of 1" in text and "saved in the store" in text
    listing = text_of(web.client.get("/scenarios").text)
    assert "small-talks" in listing and "None yet" not in listing
    # the same file again: nothing new
    again = web.post("/scenarios/upload",
                     files={"file": ("small.yaml", SMALL_YAML.encode(), "text/yaml")})
    assert again.headers["location"].endswith("note=known")
    assert len(list_scenario_versions(web.store)) == 1


def test_a_pasted_scenario_and_a_bdm_csv(web: Dashboard) -> None:
    pasted = web.post("/scenarios/upload", {"text": SMALL_YAML})
    assert pasted.status_code == 303
    csv = web.post("/scenarios/upload", files={"file": ("emissions.csv", BDM_CSV.encode())})
    assert csv.status_code == 303
    page = text_of(web.client.get(csv.headers["location"]).text)
    assert "Atlantis" in page and "Borduria" in page
    kinds = sorted(get_scenario_version(web.store, v.digest).text_kind
                   for v in list_scenario_versions(web.store))
    assert kinds == ["canonical", "file"]


def test_the_stored_text_downloads(web: Dashboard) -> None:
    location = web.post("/scenarios/upload", {"text": SMALL_YAML}).headers["location"]
    digest = location.split("/")[2].split("?")[0]
    response = web.client.get(f"/s/{digest}/scenario.yaml")
    assert response.status_code == 200 and response.text == SMALL_YAML
    assert "attachment" in response.headers["content-disposition"]
    builtin = web.client.get(f"/s/{DEFAULT_CASE}/scenario.yaml")
    assert parse_scenario(builtin.text, "x") == load_case(DEFAULT_CASE)


BAD_YAML = SMALL_YAML.replace("salience: 0.6", "salience: 60").replace(
    "range: [0, 25]", "range: [0, 25]\n    colour: blue")


@pytest.mark.parametrize(("name", "data", "status", "expected"), [
    ("empty.yaml", b"", 422, "empty.yaml:1:1: file is empty"),
    ("blank.yaml", b"  \n\n", 422, "file is empty"),
    ("binary.yaml", b"accord: 1\nid: x\x00y\n", 422, "binary.yaml:2:6: binary file"),
    ("latin1.yaml", "accord: 1\ntitle: Tür\n".encode("latin-1"), 422,
     "latin1.yaml:2:9: not UTF-8 text"),
    ("bad.yaml", BAD_YAML.encode(), 422, "bad.yaml:11:5: unknown field 'colour'"),
    ("bad.yaml", BAD_YAML.encode(), 422, "salience 60 is outside [0, 1]"),
    ("syntax.yaml", b"accord: 1\nid: [unclosed\n", 422, "syntax.yaml:"),
    ("list.yaml", b"- 1\n- 2\n", 422, "must be a mapping"),
    ("bad.csv", b"actor,capability,position,salience\nA,sixty,10,0.5\n", 422, "bad.csv:2:"),
    ("odd.csv", b"a,b,c\n1,2,3\n", 422, "unrecognised CSV"),
    ("data.tsv", b"a\tb\n", 422, "DEU TSV"),
    ("notes.txt", b"hello", 422, "Cannot tell how to read"),
    ("noext", b"accord: 1", 422, "Cannot tell how to read"),
    ("bad.xml", b"<scenario><unclosed></scenario>", 422, "bad.xml:"),
])
def test_bad_uploads_are_located_problems_never_a_500(web: Dashboard, name: str, data: bytes,
                                                       status: int, expected: str) -> None:
    response = web.post("/scenarios/upload", files={"file": (name, data)})
    assert response.status_code == status
    assert expected in text_of(response.text)
    assert "nothing was saved" in response.text or "Cannot tell" in response.text \
        or "DEU TSV" in response.text
    assert list_scenario_versions(web.store) == []


def test_deu_data_in_a_csv_file_is_refused_as_a_collection(web: Dashboard) -> None:
    """A .csv holding DEU data is read as DEU data (as `accord run` reads it), then refused:
    the dashboard takes one scenario."""
    from tests.conftest import REFERENCE

    if not (REFERENCE / "deu" / "deu-dev.tsv").exists():
        pytest.skip("../shared/reference is not available")
    lines = (REFERENCE / "deu" / "deu-dev.tsv").read_text("utf-8").splitlines()[:8]
    response = web.post("/scenarios/upload",
                        files={"file": ("deu.csv", ("\n".join(lines) + "\n").encode())})
    assert response.status_code == 422
    assert "Not one scenario" in response.text and "collection of" in response.text
    assert list_scenario_versions(web.store) == []


def test_a_bad_file_shows_the_lines_its_problems_point_at(web: Dashboard) -> None:
    response = web.post("/scenarios/upload", files={"file": ("bad.yaml", BAD_YAML.encode())})
    assert response.status_code == 422
    assert '<span class="marked"><span class="lineno">   11</span>     colour: blue</span>' in \
        response.text


def test_too_large_a_scenario_is_a_413(tmp_path: Path) -> None:
    with dashboard(tmp_path, WebSettings(max_scenario_bytes=200)) as web:
        response = web.post("/scenarios/upload", files={"file": ("big.yaml", b"#" * 201)})
        assert response.status_code == 413
        assert "201 bytes" in response.text and "at most 200 bytes" in response.text
        pasted = web.post("/scenarios/upload", {"text": "#" * 300})
        assert pasted.status_code == 413


@pytest.mark.parametrize(("data", "files", "status", "expected"), [
    ({}, None, 400, "Choose a scenario file"),
    ({"text": "   "}, None, 400, "Choose a scenario file"),
    ({"text": SMALL_YAML}, {"file": ("a.yaml", SMALL_YAML.encode())}, 400, "not both"),
])
def test_bad_upload_forms(web: Dashboard, data: dict[str, str], files: object, status: int,
                          expected: str) -> None:
    response = web.post("/scenarios/upload", data, files=files)
    assert response.status_code == status and expected in response.text


def test_an_upload_with_a_path_in_its_name_is_only_a_name(web: Dashboard) -> None:
    response = web.post("/scenarios/upload",
                        files={"file": ("../../etc/evil.yaml", b"accord: 2\n")})
    assert response.status_code == 422
    assert "evil.yaml:1:" in text_of(response.text) and "../" not in response.text


@pytest.mark.parametrize(("given", "name"), [
    ("C:\\Users\\ann\\talks.yaml", "talks.yaml"), ("a/b/c.csv", "c.csv"),
    ("bell\x07\n.yaml", "bell.yaml"), ("", "default.yaml"), ("///", "default.yaml"),
    (None, "default.yaml"), ("x" * 300 + ".yaml", "x" * 120),
])
def test_file_names_are_cleaned(given: str | None, name: str) -> None:
    from accord.web.lookup import clean_filename

    assert clean_filename(given, "default.yaml") == name


def test_uploads_go_to_a_postgresql_store_too(tmp_path: Path, db_url: str) -> None:
    from accord.store.migrate import open_store
    from tests.unit.web.helpers import Dashboard

    store = open_store(db_url)
    try:
        web = Dashboard(store)
        response = web.post("/scenarios/upload", {"text": SMALL_YAML})
        assert response.status_code == 303
        assert web.client.get(response.headers["location"]).status_code == 200
        assert [v.scenario_id for v in list_scenario_versions(store)] == ["small-talks"]
    finally:
        store.close()


def test_predictions_show_how_they_turned_out(web: Dashboard) -> None:
    html = web.client.get("/s/ukraine-2025-01").text
    outcomes = re.findall(r"<td>(came true|did not|open)</td></tr>", html)
    expected = [{True: "came true", False: "did not", None: "open"}[
        p.resolution.outcome if p.resolution else None]  # type: ignore[index]
        for p in load_case("ukraine-2025-01").predictions]
    assert outcomes == expected
