"""Monte Carlo: a form that starts a background job, its live progress, its summary and charts.

``/s/REF/mc`` shows the form (the options of ``accord mc``) and the scenario's jobs; posting it
starts a job (:mod:`accord.web.jobs`: a process of its own, queued when another runs) or finds
the one with the same settings, and opens ``/s/REF/mc/JOB``. That page polls itself with htmx
every second while the job runs (a ``<progress>`` bar; without JavaScript the page reloads
itself every two seconds) and, once done, shows the summary read from the job's document
(:mod:`accord.reports.mc_view`, as ``accord mc`` prints it) with the charts of
:mod:`accord.reports.mc_charts`. A job can be
cancelled, and a finished one recorded in the store as ``accord mc`` records its runs (kind
``mc``, re-runnable with ``accord runs rerun``). ``/s/REF/mc/JOB.json`` is the document itself,
the same as ``accord mc -f json`` gives for the same scenario, draws, seed and settings.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from accord.bargaining.problem import LOSSES, NO_DEALS
from accord.reports import mc_charts, mc_view
from accord.web.chart_images import not_a_chart, rendered, svg_response
from accord.web.error_pages import WebError, not_found
from accord.web.jobs import DONE, Job
from accord.web.lookup import Found, find_scenario
from accord.web.mc_form import McChoices, choices_of, default_choices, parse_mc_form
from accord.web.pages import note_text
from accord.web.pages.results import model_choices
from accord.web.render import is_htmx, page
from accord.web.scope import form_of
from accord.web.state import WebState, state_of
from accord.workflows.mc_job import spec_of
from accord.workflows.recorder import record as record_run

router = APIRouter()

JOB_ID = re.compile(r"[0-9a-f]{12}")
MC_CHARTS = ("tornado", "distribution", "opening")


def _job(state: WebState, found: Found, job_id: str) -> Job:
    job = state.jobs.get(job_id) if JOB_ID.fullmatch(job_id) else None
    if job is None or job.digest != found.digest:
        raise not_found(f"There is no Monte Carlo job '{job_id[:20]}' for this scenario. Jobs "
                        "are kept until the dashboard stops; start a new one from the Monte "
                        "Carlo page.")
    return job


def _form_page(request: Request, found: Found, choices: McChoices, *,
               status: int = 200) -> HTMLResponse:
    state = state_of(request)
    return page(request, "mc.html", status=status, found=found, scn=found.scenario,
                choices=choices, models=model_choices(), losses=LOSSES, no_deals=NO_DEALS,
                max_draws=state.settings.max_draws,
                jobs=state.jobs.of_scenario(found.digest),
                uncertain=found.scenario.is_uncertain(),
                note=note_text(request.query_params.get("note")))


@router.get("/s/{ref}/mc", response_class=HTMLResponse)
def mc_form(request: Request, ref: str) -> HTMLResponse:
    state = state_of(request)
    found = find_scenario(state, ref)
    source = request.query_params.get("from")
    choices = default_choices()
    if source:
        choices = choices_of(_job(state, found, source).settings)
    return _form_page(request, found, choices)


@router.post("/s/{ref}/mc")
def start(request: Request, ref: str) -> Response:
    """Start a job (or find the one with the same settings) and open its page."""
    state = state_of(request)
    found = find_scenario(state, ref)
    choices = parse_mc_form(form_of(request.scope), state.settings.max_draws)
    if choices.settings is None:
        return _form_page(request, found, choices, status=422)
    try:
        job, reused = state.jobs.start(found.scenario, found.ref, choices.settings)
    except RuntimeError:
        raise WebError(503, "Stopping", "The dashboard is stopping; no job can start.") \
            from None
    note = "?note=reused" if reused else ""
    return RedirectResponse(f"/s/{found.ref}/mc/{job.id}{note}", status_code=303)


@router.get("/s/{ref}/mc/{job_id}.json")
def job_document(request: Request, ref: str, job_id: str) -> Response:
    """The job's document (``accord mc -f json``); 409 until the job is done."""
    state = state_of(request)
    job = _job(state, find_scenario(state, ref), job_id)
    if job.state != DONE or job.document is None:
        raise WebError(409, "Not finished", f"The job is {job.state}: its document exists "
                                            "once it is done.")
    return JSONResponse(job.document.model_dump(mode="json"), headers={
        "Content-Disposition": f'attachment; filename="mc-{job.id}.json"'})


def _job_context(request: Request, found: Found, job: Job) -> dict[str, Any]:
    context: dict[str, Any] = {"found": found, "scn": found.scenario, "job": job,
                               "note": note_text(request.query_params.get("note"))}
    doc = job.document
    if job.state == DONE and doc is not None:
        outputs, first = mc_view.tornado_outputs(found.scenario, doc)
        chosen = request.query_params.get("output") or first
        if outputs and chosen not in {o for o, _ in outputs}:
            raise WebError(400, "Unknown output", f"The job has no output '{chosen[:60]}'.")
        context.update(
            doc=doc, rows=mc_view.outcome_rows(found.scenario, doc),
            labels=[m.label for m in doc.models], bargain=doc.bargain,
            deal=mc_view.bargain_lines(doc), marks=mc_view.opening_marks(doc),
            drivers=mc_view.drivers(found.scenario, doc), outputs=outputs, output=chosen,
            concessions=mc_view.concession_summary(found.scenario, doc),
            package_note=mc_view.PACKAGE_NOTE)
    return context


@router.get("/s/{ref}/mc/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, ref: str, job_id: str) -> HTMLResponse:
    """The job: progress while it runs (htmx polls this page for its partial), then the
    summary."""
    state = state_of(request)
    found = find_scenario(state, ref)
    job = _job(state, found, job_id)
    name = "_mc_job.html" if is_htmx(request) else "mc_job.html"
    return page(request, name, **_job_context(request, found, job))


@router.post("/s/{ref}/mc/{job_id}/cancel")
def cancel(request: Request, ref: str, job_id: str) -> Response:
    state = state_of(request)
    found = find_scenario(state, ref)
    job = _job(state, found, job_id)
    state.jobs.cancel(job)
    return RedirectResponse(f"/s/{found.ref}/mc/{job.id}", status_code=303)


@router.post("/s/{ref}/mc/{job_id}/record")
def record(request: Request, ref: str, job_id: str) -> Response:
    """Record a finished job in the store as ``accord mc`` records a run (kind ``mc``)."""
    state = state_of(request)
    found = find_scenario(state, ref)
    job = _job(state, found, job_id)
    if job.state != DONE or job.document is None:
        raise WebError(409, "Not finished", f"The job is {job.state}: only a finished job can "
                                            "be recorded.", back=f"/s/{found.ref}/mc/{job.id}")
    with state.recording:
        if job.run_id is None:
            scn = found.scenario
            job.run_id = record_run(state.store, spec_of(scn, job.settings), scn,
                                    job.document)
    return RedirectResponse(f"/s/{found.ref}/mc/{job.id}?note=recorded", status_code=303)


@router.get("/s/{ref}/mc/{job_id}/charts/{name}.svg")
def job_chart(request: Request, ref: str, job_id: str, name: str) -> Response:
    """A chart of a finished job: ``tornado`` (``?output=``), ``distribution`` (``?model=``)
    or ``opening``; 404 for another name or an unfinished job, 400 for an unknown output or
    model."""
    state = state_of(request)
    found = find_scenario(state, ref)
    job = _job(state, found, job_id)
    doc = job.document
    if name not in MC_CHARTS or doc is None or (name == "opening" and not doc.bargain):
        raise not_a_chart(name)
    param = request.query_params.get("output" if name == "tornado" else "model") or None
    if name == "tornado" and param is not None and doc.output(param) is None:
        raise WebError(400, "Unknown output", f"The job has no output '{param[:60]}'.")
    if name == "distribution" and param is not None and doc.model(param) is None:
        raise WebError(400, "Unknown model", f"The job has no model '{param[:60]}'.")
    if name == "distribution" and not doc.models:
        raise not_a_chart(name)
    if name == "tornado" and not doc.sensitivity.outputs:
        raise not_a_chart(name)
    names = {i.id: i.name for i in found.scenario.issues}  # the chart cuts them, as text

    def draw() -> Any:
        if name == "tornado":
            return mc_charts.tornado_figure(doc, param)
        if name == "distribution":
            return mc_charts.distribution_figure(doc, param, names=names)
        return mc_charts.opening_figure(doc)

    data = rendered(state, ("mc", job.id, name, param or ""), draw)
    return svg_response(request, data)
