"""Evidence review: paste or upload an article, read the candidate claims, accept some into a
new version of the scenario.

The same steps as ``accord evidence`` (docs/evidence.md), in two forms:

1. ``POST /s/REF/evidence``: the article (pasted text or an uploaded .txt/.html file, at most
   5 MiB, read in memory) is read (:func:`accord.evidence.parse_article`) and searched for the
   scenario's actors and issues; the page lists the best candidates of each (actor, issue) with
   a checkbox, the ones ``--apply`` would accept by default already ticked. The article's text
   travels in the form (nothing is kept on the server between the two steps).
2. ``POST /s/REF/evidence/apply``: the article is read again, the ticked candidates (by id) are
   added as evidence (:func:`accord.evidence.apply_claims`), and the new scenario is saved as a
   version in the store. The page says what was added, skipped or already there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.evidence import Extractor, accept_ids, accept_top, apply_claims, by_cell
from accord.store.versions import save_scenario_version
from accord.web.articles import read_article
from accord.web.error_pages import WebError
from accord.web.lookup import Found, find_scenario
from accord.web.render import page
from accord.web.scope import form_of
from accord.web.state import state_of

if TYPE_CHECKING:
    from accord.evidence import Article, Claim

router = APIRouter()

PER_CELL = 3
RETRY = "look for evidence again"


def _claims(found: Found, article: Article) -> list[Claim]:

    return Extractor(found.scenario).extract_all([article])


@router.get("/s/{ref}/evidence", response_class=HTMLResponse)
def evidence_form(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    return page(request, "evidence.html", found=found, scn=found.scenario,
                max_bytes=state.settings.max_article_bytes)


@router.post("/s/{ref}/evidence", response_class=HTMLResponse)
def candidates(request: Request, ref: str) -> HTMLResponse:

    state = state_of(request)
    found = find_scenario(state, ref)
    article, raw = read_article(form_of(request.scope), state.settings.max_article_bytes,
                                retry=RETRY)
    claims = _claims(found, article)
    accepted = {c.id for c in accept_top(claims)}
    cells = [(cell, items[:PER_CELL]) for cell, items in by_cell(claims).items()]
    scn = found.scenario
    return page(request, "evidence_candidates.html", found=found, scn=scn, article=article,
                raw=raw, cells=cells, accepted=accepted, total=len(claims),
                actor_names={a.id: a.name for a in scn.actors},
                issue_names={i.id: i.name for i in scn.issues},
                has_stance={(s.actor, s.issue) for s in scn.stances})


@router.post("/s/{ref}/evidence/apply", response_class=HTMLResponse)
def apply(request: Request, ref: str) -> HTMLResponse:

    state = state_of(request)
    found = find_scenario(state, ref)
    form = form_of(request.scope)
    article, _ = read_article(form, state.settings.max_article_bytes, retry=RETRY)
    ids = form.getlist("accept")
    if not ids:
        raise WebError(400, "Nothing accepted", "Tick at least one candidate to add it as "
                                                "evidence.")
    claims = _claims(found, article)
    chosen = accept_ids(claims, ids)  # unknown ids: a UsageError page (400)
    draft = form.get("draft") in ("1", "on")
    new, report = apply_claims(found.scenario, chosen, [article], draft_stances=draft)
    version = None
    if report.added or report.drafted:
        version, _ = save_scenario_version(state.store, new)
    return page(request, "evidence_applied.html", found=found, scn=found.scenario,
                report=report, version=version, article=article)
