"""Review of ``accord update``: proposals from a pasted or uploaded article, accepted or rejected
one by one into the next snapshot, saved as a new version."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.evidence import parse_article
from accord.scenario.numbers import point
from accord.scenario.schema import Scenario, Stance
from accord.store.runs import get_scenario_version
from accord.store.versions import list_scenario_versions
from accord.web.state import WebSettings
from accord.workflows.update import draft_update
from tests.conftest import REFERENCE, need_shared
from tests.unit.web.helpers import Dashboard, dashboard, text_of

UPDATE = f"/s/{DEFAULT_CASE}/update"
ARTICLE = ("Talks stall in Geneva\n\n"
           "Putin wants an explicit guarantee that Ukraine will never join Nato.\n"
           "Kyiv rejected any deal that would give up territory in the Donbas.\n"
           "The weather in the capital was cold.\n")
CHOICE = re.compile(r'<input type="radio" name="choice:([^"]+)" value="(accept|reject)"'
                    r'( checked)?>')
HIDDEN = re.compile(r'<input type="hidden" name="(name|text|as_of|new_id)" value="([^"]*)">')


def reference(name: str) -> tuple[str, bytes]:
    """A development article of ../shared/reference/articles (the test skips without it)."""
    need_shared()
    path = REFERENCE / "articles" / name
    if not path.is_file():
        pytest.skip(f"../shared/reference/articles/{name} is not available")
    return name, path.read_bytes()


def choices(page: str) -> dict[str, bool]:
    """Proposal id -> accepted by default, for every accept/reject choice of the page."""
    out: dict[str, bool] = {}
    for ident, answer, checked in CHOICE.findall(page):
        if checked:
            out[ident] = answer == "accept"
    return out


def carried_form(page: str) -> dict[str, str]:
    """The hidden fields the proposals page sends back (as a browser would send them)."""
    return {name: html.unescape(value) for name, value in HIDDEN.findall(page)}


def review(page: str, accept: set[str]) -> dict[str, Any]:
    """The apply form of a proposals page with ``accept`` accepted, every other one rejected."""
    form: dict[str, Any] = carried_form(page)
    for ident in choices(page):
        form[f"choice:{ident}"] = "accept" if ident in accept else "reject"
    return form


def stance_of(scenario: Scenario, actor: str | None, issue: str | None) -> Stance:
    stance = scenario.stance(actor or "", issue or "")
    assert stance is not None, (actor, issue)
    return stance


def test_the_form_page_and_its_tab(web: Dashboard) -> None:
    response = web.client.get(UPDATE)
    assert response.status_code == 200
    for field in ('name="text"', 'type="file"', 'name="as_of"', 'name="new_id"'):
        assert field in response.text
    assert "One article per draft" in text_of(response.text)
    scenario = web.client.get(f"/s/{DEFAULT_CASE}").text
    assert f'href="{UPDATE}"' in scenario and 'href="/s/ukraine-2025-12/evidence"' in scenario


def test_a_reference_article_gives_the_proposals_accord_update_gives(web: Dashboard) -> None:
    name, data = reference("ntnone-2025-12-19.txt")
    response = web.post(UPDATE, files={"file": (name, data)})
    assert response.status_code == 200
    done = draft_update(load_case(DEFAULT_CASE), [parse_article(data.decode(), name)])
    addable = [p for p in done.proposals if p.addable]
    manual = [p for p in done.proposals if not p.addable]
    assert addable and manual  # quotes to add, and Belgium to add by hand
    # one accept/reject choice per proposal that can be applied, accepted as by the CLI
    assert choices(response.text) == {p.id: p.id in done.accepted for p in addable}
    assert all(choices(response.text).values())
    page = text_of(response.text)
    for p in done.proposals:
        assert f"{p.file}:{p.line}:{p.col} · {p.id}" in page and p.reason in page
    for p in manual:
        assert f'name="choice:{p.id}"' not in response.text
        assert re.search(rf'<tr id="proposal-{re.escape(p.id)}">\s*<td class="choice">\s*'
                         r'<span class="badge muted">add by hand</span>', response.text)
    assert "Not in the scenario" in page and done.findings
    assert all(f.quote in page for f in done.findings)
    assert f"{len(done.untouched)} of {len(done.old.stances)} stances" in page
    assert carried_form(response.text)["text"] == data.decode()


def test_applying_a_subset_saves_exactly_the_accepted_changes(web: Dashboard) -> None:
    name, data = reference("wsjm-2026-02-04.txt")
    proposals = web.post(UPDATE, files={"file": (name, data)})
    assert proposals.status_code == 200
    ids = list(choices(proposals.text))
    moved = next(i for i in ids if i.startswith("pos-"))
    louder = next(i for i in ids if i.startswith("sal-"))
    rejected = [i for i in ids if i not in (moved, louder)]
    assert rejected
    response = web.post(f"{UPDATE}/apply", review(proposals.text, {moved, louder}))
    assert response.status_code == 200
    [version] = list_scenario_versions(web.store)
    page = text_of(response.text)
    assert "Saved as a new version" in page and f"2 of {len(ids)} proposals applied" in page
    assert f'href="/s/{version.digest}"' in response.text
    assert f'href="/s/{version.digest}/scenario.yaml"' in response.text
    new = get_scenario_version(web.store, version.digest).scenario()
    # the same draft as `accord update --accept` of the same two ids
    old = load_case(DEFAULT_CASE)
    cli = draft_update(old, [parse_article(data.decode(), name)], accept=[moved, louder])
    assert new.digest() == cli.new.digest() and new.id == "ukraine-2026-02"
    by_id = {p.id: p for p in cli.proposals}
    touched = {(by_id[i].actor, by_id[i].issue) for i in (moved, louder)}
    assert len(new.stances) == len(old.stances)
    for stance in new.stances:
        assert stance.carried_over is ((stance.actor, stance.issue) not in touched)
    pos, sal = by_id[moved], by_id[louder]
    assert point(stance_of(new, pos.actor, pos.issue).position) == pos.new
    assert point(stance_of(new, sal.actor, sal.issue).salience) == sal.new
    for ident in rejected:  # a rejected proposal changes nothing
        p = by_id[ident]
        assert (stance_of(new, p.actor, p.issue).model_dump(exclude={"carried_over"})
                == stance_of(old, p.actor, p.issue).model_dump(exclude={"carried_over"}))
    carried = sum(s.carried_over for s in new.stances)
    assert f"{carried} of {len(new.stances)} stances carried over" in page
    yaml = web.client.get(f"/s/{version.digest}/scenario.yaml")
    assert yaml.status_code == 200 and "carried_over: true" in yaml.text


def test_rejecting_every_proposal_carries_every_stance_over(web: Dashboard) -> None:
    proposals = web.post(UPDATE, {"text": ARTICLE, "name": "geneva.txt"})
    assert len(choices(proposals.text)) == 3
    response = web.post(f"{UPDATE}/apply", review(proposals.text, set()))
    assert response.status_code == 200
    assert "0 of 3 proposals applied" in text_of(response.text)
    [version] = list_scenario_versions(web.store)
    new = get_scenario_version(web.store, version.digest).scenario()
    assert all(s.carried_over for s in new.stances)
    old = load_case(DEFAULT_CASE)
    assert ([s.model_dump(exclude={"carried_over"}) for s in new.stances]
            == [s.model_dump(exclude={"carried_over"}) for s in old.stances])


def test_the_date_and_id_travel_with_the_form(web: Dashboard) -> None:
    proposals = web.post(UPDATE, {"text": ARTICLE, "name": "geneva.txt",
                                  "as_of": "2026-03-02", "new_id": "ukraine-next"})
    assert proposals.status_code == 200
    assert "The draft: ukraine-next , as of 2026-03-02" in text_of(proposals.text)
    form = review(proposals.text, set(choices(proposals.text)))
    assert form["as_of"] == "2026-03-02" and form["new_id"] == "ukraine-next"
    response = web.post(f"{UPDATE}/apply", form)
    assert response.status_code == 200
    [version] = list_scenario_versions(web.store)
    assert version.scenario_id == "ukraine-next" and version.as_of == "2026-03-02"


def test_crlf_line_ends_from_the_browser_give_the_same_proposals(web: Dashboard) -> None:
    lf = choices(web.post(UPDATE, {"text": ARTICLE, "name": "a.txt"}).text)
    crlf = choices(web.post(UPDATE, {"text": ARTICLE.replace("\n", "\r\n"),
                                     "name": "a.txt"}).text)
    assert lf == crlf and lf


def test_an_unknown_id_is_a_400_and_saves_nothing(web: Dashboard) -> None:
    proposals = web.post(UPDATE, {"text": ARTICLE, "name": "geneva.txt"})
    form = review(proposals.text, set(choices(proposals.text)))
    form["choice:pos-RUS-nato-ffffff"] = "accept"
    response = web.post(f"{UPDATE}/apply", form)
    assert response.status_code == 400
    assert "Accepted: no proposal with id pos-RUS-nato-ffffff" in text_of(response.text)
    bad = review(proposals.text, set())
    bad[f"choice:{next(iter(choices(proposals.text)))}"] = "maybe"
    assert web.post(f"{UPDATE}/apply", bad).status_code == 400
    assert list_scenario_versions(web.store) == []


def test_accepting_a_new_actor_is_a_400_and_saves_nothing(web: Dashboard) -> None:
    name, data = reference("ntnone-2025-12-19.txt")
    proposals = web.post(UPDATE, files={"file": (name, data)})
    manual = re.findall(r'<tr id="proposal-(actor-[^"]+)">', proposals.text)
    assert manual
    form = review(proposals.text, set(choices(proposals.text)))
    form[f"choice:{manual[0]}"] = "accept"
    response = web.post(f"{UPDATE}/apply", form)
    assert response.status_code == 400
    page = text_of(response.text)
    assert f"Accepted {manual[0]}" in page and "add them to the scenario by hand" in page
    assert list_scenario_versions(web.store) == []


@pytest.mark.parametrize(("data", "files", "status", "expected"), [
    ({}, None, 400, "Paste the article's text or choose a file, then draft the update again"),
    ({"text": "  \n "}, None, 400, "Paste the article's text"),
    ({"text": "x"}, {"file": ("a.txt", b"y")}, 400, "not both"),
    ({}, {"file": ("a.txt", b"caf\xe9")}, 422, "not UTF-8"),
    ({}, {"file": ("a.txt", b"abc\x00def")}, 422, "a.txt:1:4: binary file"),
    ({"text": ARTICLE, "as_of": "2026-13-01"}, None, 400,
     "As of: '2026-13-01' is not a date: there is no month 13"),
    ({"text": ARTICLE, "as_of": "next week"}, None, 400, "use YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"text": ARTICLE, "new_id": "no spaces allowed"}, None, 400,
     "the draft is not a valid scenario"),
])
def test_bad_input_is_a_page_that_says_why(web: Dashboard, data: dict[str, str], files: object,
                                          status: int, expected: str) -> None:
    for url in (UPDATE, f"{UPDATE}/apply"):
        response = web.post(url, data, files=files)
        assert response.status_code == status and expected in text_of(response.text)
    assert list_scenario_versions(web.store) == []


def test_an_article_over_the_limit_is_a_413(tmp_path: Path) -> None:
    with dashboard(tmp_path, WebSettings(max_article_bytes=100)) as web:
        response = web.post(UPDATE, {"text": "a" * 101})
        assert response.status_code == 413 and "at most 100 bytes" in text_of(response.text)


def test_the_article_is_never_echoed_as_markup(web: Dashboard) -> None:
    script = "<script>alert(1)</script>"
    article = (f"Talks {script}\n\nPutin wants an explicit guarantee that Ukraine will never "
               f"join Nato {script}.\nKyiv rejected any deal that would give up territory in "
               f"the Donbas {script}.\n")
    proposals = web.post(UPDATE, {"text": article, "name": "<b onmouseover=x>.txt"})
    assert proposals.status_code == 200 and choices(proposals.text)
    assert script not in proposals.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in \
        proposals.text
    assert "<b onmouseover" not in proposals.text
    assert carried_form(proposals.text)["text"] == article  # sent back exactly, as text
    applied = web.post(f"{UPDATE}/apply", review(proposals.text, set(choices(proposals.text))))
    assert applied.status_code == 200
    assert script not in applied.text and "<b onmouseover" not in applied.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in applied.text
