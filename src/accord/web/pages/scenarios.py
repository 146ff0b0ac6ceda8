"""The scenarios: the list (built-in case, stored scenarios, upload) and one scenario's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accord.cases import DEFAULT_CASE, list_cases, load_case
from accord.scenario.save import dump_scenario
from accord.store.runs import get_scenario_version
from accord.store.versions import save_scenario_version, scenario_histories
from accord.web.error_pages import WebError
from accord.web.lookup import clean_filename, find_scenario, read_scenario_upload
from accord.web.pages import note_text
from accord.web.render import page, path_part
from accord.web.scope import form_of
from accord.web.state import state_of
from accord.web.views import scale_points, stances_by_issue

if TYPE_CHECKING:
    from accord.web.lookup import Uploaded

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
@router.get("/scenarios", response_class=HTMLResponse)
def scenarios(request: Request) -> HTMLResponse:

    state = state_of(request)
    return page(request, "scenarios.html", cases=list_cases(),
                timeline_case=load_case(DEFAULT_CASE).case,
                histories=scenario_histories(state.store),
                max_bytes=state.settings.max_scenario_bytes,
                note=note_text(request.query_params.get("note")))


@router.post("/scenarios/upload")
def upload(request: Request) -> Response:
    """Read an uploaded (or pasted) scenario, keep it as a version, show it."""

    state = state_of(request)
    form = form_of(request.scope)
    limit = state.settings.max_scenario_bytes
    file = form.file("file")
    pasted = form.get("text")
    if file is not None and pasted.strip():
        raise WebError(400, "Two scenarios given", "Upload a file or paste a scenario, not "
                                                   "both.", back="/scenarios")
    loaded: Uploaded
    if file is not None:
        loaded = read_scenario_upload(file.data, file.filename, limit)
    elif pasted.strip():
        name = clean_filename(form.get("name"), "pasted.yaml")
        if "." not in name:
            name += ".yaml"
        loaded = read_scenario_upload(pasted.encode("utf-8"), name, limit)
    else:
        raise WebError(400, "Nothing uploaded", "Choose a scenario file (or paste one) and "
                                                "upload it again.", back="/scenarios")
    info, created = save_scenario_version(state.store, loaded.scenario, loaded.yaml_text)
    return RedirectResponse(f"/s/{info.digest}?note={'uploaded' if created else 'known'}",
                            status_code=303)


@router.get("/s/{ref}", response_class=HTMLResponse)
def scenario(request: Request, ref: str) -> HTMLResponse:
    found = find_scenario(state_of(request), ref)
    scn = found.scenario
    return page(request, "scenario.html", found=found, scn=scn,
                groups=stances_by_issue(scn), scale_points=scale_points,
                note=note_text(request.query_params.get("note")))


@router.get("/s/{ref}/scenario.yaml")
def download(request: Request, ref: str) -> Response:
    """The scenario as a YAML file (the stored text of a stored version)."""

    state = state_of(request)
    found = find_scenario(state, ref)
    text = (dump_scenario(found.scenario) if found.builtin
            else get_scenario_version(state.store, found.digest).text)
    name = path_part(f"{found.scenario.id}.yaml")
    return Response(text, media_type="application/yaml; charset=utf-8",
                    headers={"content-disposition": f"attachment; filename*=UTF-8''{name}"})
