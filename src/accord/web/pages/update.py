"""Review of ``accord update``: paste or upload a new article, accept or reject each proposed
change, save the draft of the next snapshot as a new version of the scenario.

The same steps as ``accord update`` (docs/evidence.md), in two forms, both through
:func:`accord.workflows.update.draft_update`:

1. ``POST /s/REF/update``: the article (pasted text or one uploaded .txt/.html file, read in
   memory by :func:`accord.web.articles.read_article`) is read against the scenario's actors
   and issues and turned into proposals; the page lists them, one row each, with accept and
   reject (accepted by default exactly when ``accord update`` would apply them) or, for a new
   actor or issue, "add by hand". The article's text, the date and the new id travel in the
   form (nothing is kept on the server between the two steps).
2. ``POST /s/REF/update/apply``: the article is read again, the proposals are made again and
   the accepted ids applied (unknown ids, or a new actor or issue accepted: a 400 page); every
   other stance is carried over. The draft is saved as a version in the store, and the page
   says what was applied and links to the new version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.reports.update_view import change
from accord.store.versions import save_scenario_version
from accord.web.articles import read_article
from accord.web.error_pages import WebError
from accord.web.lookup import find_scenario
from accord.web.render import page
from accord.web.scope import form_of
from accord.web.state import state_of
from accord.workflows.update import draft_update

if TYPE_CHECKING:
    from accord.evidence import Article
    from accord.web.forms import Form
    from accord.web.lookup import Found
    from accord.workflows.update import Update

router = APIRouter()

RETRY = "draft the update again"
CHOICE = "choice:"
"""Prefix of a proposal's accept/reject field: ``choice:ID`` is ``accept`` or ``reject``."""
NAMES = {"accept": "Accepted", "reject": "Rejected", "as_of": "As of"}
"""How the review's messages name its choices (the command line says --accept, ...)."""


def _update(found: Found, form: Form, article: Article, *,
            accept: list[str] | None = None, reject: list[str] | None = None) -> Update:
    """The proposals of ``article`` and the draft with ``accept`` applied (None: what
    ``accord update`` applies by default), with the date and id of the form."""
    return draft_update(found.scenario, [article], accept=accept, reject=reject,
                        as_of=form.get("as_of").strip() or None,
                        new_id=form.get("new_id").strip() or None, names=NAMES)


def _choices(form: Form) -> tuple[list[str], list[str]]:
    """The ids the review accepted and rejected (a 400 page for another answer)."""
    accept: list[str] = []
    reject: list[str] = []
    for name, values in form.fields.items():
        if not name.startswith(CHOICE):
            continue
        ident, answer = name.removeprefix(CHOICE), values[0] if values else ""
        if answer not in ("accept", "reject"):
            raise WebError(400, "Bad choice", f"Proposal {ident[:80]}: choose accept or "
                                              "reject.")
        (accept if answer == "accept" else reject).append(ident)
    return accept, reject


@router.get("/s/{ref}/update", response_class=HTMLResponse)
def update_form(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    return page(request, "update.html", found=found, scn=found.scenario,
                max_bytes=state.settings.max_article_bytes)


@router.post("/s/{ref}/update", response_class=HTMLResponse)
def proposals(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    form = form_of(request.scope)
    article, raw = read_article(form, state.settings.max_article_bytes, retry=RETRY)
    done = _update(found, form, article)
    return page(request, "update_proposals.html", found=found, scn=found.scenario,
                article=article, raw=raw, update=done, change=change,
                as_of=form.get("as_of").strip(), new_id=form.get("new_id").strip())


@router.post("/s/{ref}/update/apply", response_class=HTMLResponse)
def apply(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    form = form_of(request.scope)
    article, _ = read_article(form, state.settings.max_article_bytes, retry=RETRY)
    accept, reject = _choices(form)
    done = _update(found, form, article, accept=accept, reject=reject)  # bad ids: 400
    version, created = save_scenario_version(state.store, done.new)
    return page(request, "update_applied.html", found=found, scn=found.scenario,
                article=article, update=done, change=change, version=version,
                created=created)
