"""The what-if panel: edit a scenario's numbers in a form and see the comparison with the
scenario as stated, without saving anything.

A GET page (``/s/REF/whatif``): the form's fields are the edits (:mod:`accord.web.whatif_form`),
the rest of the query is the results page's settings, parsed the same way (a bad one is the
same 400 page). The scenario as stated and the edited one are analysed through the server's
cache (:meth:`accord.web.state.WebState.analysis`), compared by
:func:`accord.workflows.compare.compare_analyses`, and shown as the blocks ``accord compare``
prints (:func:`accord.reports.compare_view.compare_blocks`), autoescaped like every page. With
JavaScript, htmx swaps in the comparison alone (``_whatif.html``); without it the form is an
ordinary GET that reloads the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accord.errors import UsageError
from accord.reports.compare_view import compare_blocks
from accord.web.error_pages import WebError
from accord.web.lookup import find_scenario
from accord.web.render import is_htmx, page
from accord.web.results_query import query_of, settings_from_items
from accord.web.scope import gone_of
from accord.web.state import state_of
from accord.web.whatif_form import STANCE_FIELDS, form_edits, read_form, settings_items
from accord.workflows.compare import compare_analyses, side
from accord.workflows.whatif_input import edited

router = APIRouter()


@router.get("/s/{ref}/whatif", response_class=HTMLResponse)
def whatif(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    items = request.query_params.multi_items()
    settings = settings_from_items(settings_items(items))
    form = read_form(items)
    edits = form_edits(form)
    scn = found.scenario
    comparison = None
    if edits:
        try:
            other = edited(scn, edits, "the what-if")
        except UsageError as exc:
            raise WebError(400, "Bad edit", f"{str(exc)[:1].upper()}{str(exc)[1:600]}.",
                           back=f"/s/{found.ref}/whatif") from None
        base = state.analysis(scn, settings, gone_of(request.scope)).analysis
        shown = state.analysis(other, settings, gone_of(request.scope)).analysis
        comparison = compare_analyses(side("as stated", base),
                                      side("what if", shown, edits=edits))
    query = query_of(settings)
    context: dict[str, Any] = {
        "found": found, "scn": scn, "form": form, "stance_fields": STANCE_FIELDS,
        "query": query, "results_query": urlencode(query),
        "blocks": [] if comparison is None else compare_blocks(comparison),
        "edits": len(edits),
    }
    name = "_whatif.html" if is_htmx(request) else "whatif.html"
    return page(request, name, **context)
