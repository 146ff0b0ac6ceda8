"""Evidence review: candidates from a pasted or uploaded article, accepted into a new version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.evidence import Extractor, accept_top, parse_article
from accord.store.runs import get_scenario_version
from accord.store.versions import list_scenario_versions
from accord.web.state import WebSettings
from tests.unit.web.helpers import DATA, Dashboard, dashboard, text_of

EVIDENCE = f"/s/{DEFAULT_CASE}/evidence"
ARTICLE = ("Talks stall in Geneva\n\n"
           "Putin wants an explicit guarantee that Ukraine will never join Nato.\n"
           "Kyiv rejected any deal that would give up territory in the Donbas.\n"
           "The weather in the capital was cold.\n")
HTML = DATA / "evidence" / "html" / "talks-stall.html"


def candidate_ids(html: str) -> tuple[list[str], list[str]]:
    """(every candidate id, the ticked ones) of a candidates page."""
    boxes = re.findall(r'<input type="checkbox" name="accept" value="([^"]+)"( checked)?',
                       html)
    return [b[0] for b in boxes], [b[0] for b in boxes if b[1]]


def test_the_form_page(web: Dashboard) -> None:
    response = web.client.get(EVIDENCE)
    assert response.status_code == 200
    assert 'name="text"' in response.text and 'type="file"' in response.text


def test_pasted_text_gives_the_candidates_accord_evidence_gives(web: Dashboard) -> None:
    response = web.post(EVIDENCE, {"text": ARTICLE, "name": "geneva.txt"})
    assert response.status_code == 200
    ids, ticked = candidate_ids(response.text)
    claims = Extractor(load_case(DEFAULT_CASE)).extract_all([parse_article(ARTICLE,
                                                                           "geneva.txt")])
    assert set(ids) <= {c.id for c in claims} and ids
    assert set(ticked) == {c.id for c in accept_top(claims)}
    page = text_of(response.text)
    assert "Putin wants an explicit guarantee that Ukraine will never join Nato." in page
    assert "geneva.txt:3:1" in page
    # the article travels with the form, exactly
    assert re.search(r'<input type="hidden" name="name" value="geneva.txt">', response.text)


def test_accepting_candidates_saves_a_version_with_the_quotes(web: Dashboard) -> None:
    candidates = web.post(EVIDENCE, {"text": ARTICLE, "name": "geneva.txt"})
    _, ticked = candidate_ids(candidates.text)
    rus_nato = [i for i in ticked if i.startswith("RUS-nato-")]
    assert rus_nato
    response = web.post(f"{EVIDENCE}/apply", {"text": ARTICLE, "name": "geneva.txt",
                                              "accept": rus_nato})
    assert response.status_code == 200
    page = text_of(response.text)
    assert "Saved as a new version" in page and "1 quote added" in page
    [version] = list_scenario_versions(web.store)
    scn = get_scenario_version(web.store, version.digest).scenario()
    stance = scn.stance("RUS", "nato")
    assert stance is not None
    quotes = [(e.source, e.quote) for e in stance.evidence]
    assert ("geneva", "Putin wants an explicit guarantee that Ukraine will never join Nato.") \
        in quotes
    assert scn.source("geneva").title == "Talks stall in Geneva"
    # accepting it again adds nothing
    again = web.post(f"/s/{version.digest}/evidence/apply",
                     {"text": ARTICLE, "name": "geneva.txt", "accept": rus_nato})
    assert "already cited" in text_of(again.text) and "unchanged" in text_of(again.text)
    assert len(list_scenario_versions(web.store)) == 1


def test_crlf_line_ends_from_the_browser_give_the_same_candidates(web: Dashboard) -> None:
    # browsers send form text with CRLF line ends; the ids must not depend on that
    lf = candidate_ids(web.post(EVIDENCE, {"text": ARTICLE, "name": "a.txt"}).text)
    crlf = candidate_ids(web.post(EVIDENCE, {"text": ARTICLE.replace("\n", "\r\n"),
                                             "name": "a.txt"}).text)
    assert lf == crlf


def test_an_uploaded_html_page(web: Dashboard) -> None:
    response = web.post(EVIDENCE, files={"file": ("talks-stall.html", HTML.read_bytes())})
    assert response.status_code == 200
    page = text_of(response.text)
    assert "Talks stall over Donetsk" in page and "html" in page
    _, ticked = candidate_ids(response.text)
    assert ticked
    # the raw HTML goes back with the form, so that the same candidates are found again
    raw = re.search(r'<input type="hidden" name="text" value="([^"]*)"', response.text)
    assert raw is not None and "&lt;article&gt;" in raw.group(1)
    applied = web.post(f"{EVIDENCE}/apply", {"name": "talks-stall.html",
                                             "text": HTML.read_text(), "accept": ticked[:1]})
    assert applied.status_code == 200 and "1 quote added" in text_of(applied.text)


def test_a_quote_without_a_stance_is_skipped_or_drafted(web: Dashboard) -> None:
    text = "Envoys meet\n\nChina wants sanctions on Russia lifted at once.\n"
    candidates = web.post(EVIDENCE, {"text": text, "name": "china.txt"})
    ids, _ = candidate_ids(candidates.text)
    chn = [i for i in ids if i.startswith("CHN-sanctions-")]
    assert chn and "no stance yet" in text_of(candidates.text)
    skipped = web.post(f"{EVIDENCE}/apply", {"text": text, "name": "china.txt",
                                             "accept": chn[:1]})
    assert "Not added" in text_of(skipped.text) and list_scenario_versions(web.store) == []
    drafted = web.post(f"{EVIDENCE}/apply", {"text": text, "name": "china.txt",
                                             "accept": chn[:1], "draft": "1"})
    assert "Drafted stances" in text_of(drafted.text)
    assert len(list_scenario_versions(web.store)) == 1


@pytest.mark.parametrize(("data", "files", "status", "expected"), [
    ({}, None, 400, "Paste the article's text"),
    ({"text": "   "}, None, 400, "Paste the article's text"),
    ({"text": "x"}, {"file": ("a.txt", b"y")}, 400, "not both"),
    ({}, {"file": ("a.txt", b"abc\x00def")}, 422, "a.txt:1:4: binary file"),
    ({}, {"file": ("a.txt", b"caf\xe9")}, 422, "not UTF-8"),
    ({}, {"file": ("a.txt", b"")}, 422, "file is empty"),
    ({}, {"file": ("no-text.html", (DATA / "evidence/html/no-text.html").read_bytes())}, 422,
     "no article text found"),
])
def test_bad_articles_are_pages_that_say_why(web: Dashboard, data: dict[str, str],
                                             files: object, status: int,
                                             expected: str) -> None:
    response = web.post(EVIDENCE, data, files=files)
    assert response.status_code == status and expected in text_of(response.text)


def test_bad_apply_forms(web: Dashboard) -> None:
    nothing = web.post(f"{EVIDENCE}/apply", {"text": ARTICLE, "name": "a.txt"})
    assert nothing.status_code == 400 and "Tick at least one" in text_of(nothing.text)
    unknown = web.post(f"{EVIDENCE}/apply", {"text": ARTICLE, "name": "a.txt",
                                             "accept": "RUS-nato-ffffff"})
    assert unknown.status_code == 400 and "no candidate with id" in text_of(unknown.text)
    assert list_scenario_versions(web.store) == []


def test_an_article_over_the_limit_is_a_413(tmp_path: Path) -> None:
    with dashboard(tmp_path, WebSettings(max_article_bytes=100)) as web:
        response = web.post(EVIDENCE, {"text": "a" * 101})
        assert response.status_code == 413 and "at most 100 bytes" in text_of(response.text)
