"""Inline editing of a stance: the edit row, immediate validation, save as a new version.

With JavaScript (htmx) the stance's row of the scenario page turns into a form in place, every
keystroke is checked (``/check``, a GET: checking changes nothing) and saving redirects to the
new version. Without JavaScript the same URLs give a page with the form, and a failed save
shows it again with the problems (422).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.store.versions import save_scenario_version
from accord.web.error_pages import not_found
from accord.web.lookup import Found, find_scenario
from accord.web.render import is_htmx, number_input, page
from accord.web.scope import form_of
from accord.web.stance_edit import FIELDS, Edit, edit_stance
from accord.web.state import state_of
from accord.web.views import StanceView, stance_view

router = APIRouter()


def _stance(request: Request, ref: str, actor: str, issue: str) -> tuple[Found, StanceView]:
    found = find_scenario(state_of(request), ref)
    stance = found.scenario.stance(actor, issue)
    if stance is None:
        raise not_found(f"Scenario {found.scenario.id} has no stance of '{actor[:40]}' on "
                        f"'{issue[:40]}'.")
    return found, stance_view(found.scenario, stance)


def _edit_page(request: Request, found: Found, view: StanceView, values: dict[str, str],
               problems: tuple[tuple[str, str], ...], status: int = 200) -> HTMLResponse:
    issue = found.scenario.issue(view.issue_id)
    name = "_stance_edit.html" if is_htmx(request) else "stance_edit.html"
    return page(request, name, status=status, found=found, scn=found.scenario, view=view,
                issue=issue, values=values, problems=problems)


@router.get("/s/{ref}/stances/{actor}/{issue}", response_class=HTMLResponse)
def show(request: Request, ref: str, actor: str, issue: str) -> Response:
    """The stance's row (htmx: cancelling an edit); without htmx, the scenario page."""
    found, view = _stance(request, ref, actor, issue)
    if not is_htmx(request):
        return RedirectResponse(f"/s/{found.ref}#stance-{actor}-{issue}", status_code=303)
    return page(request, "_stance_row.html", found=found, scn=found.scenario, view=view)


@router.get("/s/{ref}/stances/{actor}/{issue}/edit", response_class=HTMLResponse)
def edit(request: Request, ref: str, actor: str, issue: str) -> HTMLResponse:
    found, view = _stance(request, ref, actor, issue)
    values = {f: number_input(getattr(view.stance, f)) for f in FIELDS}
    return _edit_page(request, found, view, values, ())


@router.get("/s/{ref}/stances/{actor}/{issue}/check", response_class=HTMLResponse)
def check(request: Request, ref: str, actor: str, issue: str) -> HTMLResponse:
    """Immediate validation of the edit form's values (nothing is saved)."""
    found, _ = _stance(request, ref, actor, issue)
    values = {f: request.query_params.get(f, "") for f in FIELDS}
    result = edit_stance(found.scenario, actor, issue, values)
    status = ("invalid" if not result.ok else
              "unchanged" if result.scenario == found.scenario else "valid")
    return page(request, "_stance_check.html", problems=result.problems, check_status=status)


@router.post("/s/{ref}/stances/{actor}/{issue}")
def save(request: Request, ref: str, actor: str, issue: str) -> Response:
    """Save the edited stance as a new version of the scenario in the store."""

    found, view = _stance(request, ref, actor, issue)
    form = form_of(request.scope)
    values = {f: form.get(f) for f in FIELDS}
    result: Edit = edit_stance(found.scenario, actor, issue, values)
    if not result.ok or result.scenario is None:
        return _edit_page(request, found, view, result.values, result.problems, status=422)
    if result.scenario == found.scenario:
        target = f"/s/{found.ref}?note=unchanged#stance-{actor}-{issue}"
    else:
        info, _ = save_scenario_version(state_of(request).store, result.scenario)
        target = f"/s/{info.digest}?note=saved#stance-{actor}-{issue}"
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
