"""Monte Carlo jobs: the form, a job's life (start, progress, done, cancel, errors), reuse,
the same numbers as ``accord mc``, recording, and bad requests (never a 500).

Jobs run for real, in their own process (``python -m accord.web.mc_worker``); the sizes are
small where the size proves nothing more.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.store.runs import get_run
from accord.web.jobs import Job
from accord.workflows.registry import DEFAULT_MODELS
from accord.workflows.rerun import rerun
from tests.conftest import cli
from tests.unit.web.helpers import Dashboard, text_of

MC = f"/s/{DEFAULT_CASE}/mc"
FINISHED = ("done", "failed", "cancelled")
SMALL = {"draws": "200", "seed": "1", "model": ["compromise"], "horizon": "24",
         "loss": "linear", "disagreement": "reservation"}
"""A quick job: the compromise model alone, no bargaining analysis."""


def start(web: Dashboard, form: dict[str, Any]) -> tuple[Job, Any]:
    response = web.post(MC, form)
    assert response.status_code == 303, text_of(response.text)
    location = str(response.headers["location"])
    match = re.fullmatch(rf"{MC}/([0-9a-f]{{12}})(\?note=reused)?", location)
    assert match, location
    job = web.state.jobs.get(match.group(1))
    assert job is not None
    return job, response


def wait(job: Job, states: tuple[str, ...] = FINISHED, timeout: float = 120) -> Job:
    deadline = time.monotonic() + timeout
    while job.state not in states:
        assert time.monotonic() < deadline, f"job {job.id} still {job.state}"
        time.sleep(0.05)
    return job


def test_the_form_offers_the_defaults_of_accord_mc(web: Dashboard) -> None:
    response = web.client.get(MC)
    assert response.status_code == 200
    html = response.text
    assert f'<a href="{MC}" aria-current="page">Monte Carlo</a>' in html
    assert 'name="draws" min="1" max="100000" required value="10000"' in html
    assert 'name="seed" min="0" value="0"' in html
    checked = re.findall(r'name="model" value="([^"]+)" checked', html)
    assert checked == list(DEFAULT_MODELS)
    assert 'name="bargain" value="1" checked' in html
    assert "None yet." in text_of(html)
    results = web.client.get(f"/s/{DEFAULT_CASE}/results").text
    assert f'<a href="{MC}">Monte Carlo job</a>' in results      # the results page links it


@pytest.mark.slow
def test_a_job_shows_its_progress_then_its_summary(web: Dashboard) -> None:
    job, _ = start(web, {**SMALL, "draws": "2000", "model": ["compromise", "eum"],
                         "bargain": "1"})
    page = web.client.get(f"{MC}/{job.id}").text
    if job.active:  # without JavaScript the page reloads itself while the job runs
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    seen: list[int] = []
    while True:  # what htmx does: ask for the job's part of the page every second
        part = web.client.get(f"{MC}/{job.id}", headers={"hx-request": "true"}).text
        assert "<html" not in part
        bar = re.search(r'<progress id="progress" max="2000" value="(\d+)">', part)
        if bar is None:
            break
        assert 'hx-trigger="every 1s"' in part and "Cancel" in part
        seen.append(int(bar.group(1)))
        time.sleep(0.1)
    assert job.state == "done", job.error
    assert any(0 < v < 2000 for v in seen), seen          # chunks of 500 draws
    assert seen == sorted(seen)
    assert 'hx-trigger' not in part                          # the polling stops
    full = web.client.get(f"{MC}/{job.id}").text
    assert "http-equiv" not in full
    text = text_of(full)
    assert job.document is not None
    doc = job.document.model_dump(mode="json")
    assert doc["draws"] == 2000
    assert "A deal is possible as stated in 0% of draws" in text
    territory = doc["models"][0]["issues"]["territory"]
    assert f"{territory['median']:.1f} [{territory['interval90'][0]:.1f}–" in text
    assert "2026-12" in text and "the month a zone first opens" in text
    charts = [s.replace("&amp;", "&") for s in re.findall(r'<img src="([^"]+)"', full)]
    assert [c.split("/charts/")[1].split(".")[0] for c in charts] == [
        "opening", "tornado", "distribution", "distribution"]
    for src in charts:
        chart = web.client.get(src)
        assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert "output=opening" in charts[1] and "model=eum" in charts[3]
    other = web.client.get(f"{MC}/{job.id}/charts/tornado.svg?output=compromise:nato")
    assert other.status_code == 200 and b"compromise:nato" in other.content
    assert json.loads(web.client.get(f"{MC}/{job.id}.json").text) == doc
    listed = text_of(web.client.get(MC).text)
    assert job.id in listed and "done in" in listed


def test_the_same_numbers_as_accord_mc_and_recorded_as_it_records(web: Dashboard) -> None:
    form = {"draws": "300", "seed": "5", "model": ["compromise", "eum"], "bargain": "1",
            "horizon": "24", "loss": "linear", "disagreement": "reservation",
            "position_sd": "2", "preset-eum": "scholz2011"}   # the default preset: none
    job, _ = start(web, form)
    command = cli("mc", "--draws", "300", "--seed", "5", "-m", "compromise", "-m", "eum",
                  "--horizon", "24", "--position-sd", "2", "--no-store", "-f", "json")
    assert command.returncode == 0, command.stderr
    assert wait(job).state == "done", job.error
    assert job.document is not None
    assert job.document.model_dump(mode="json") == json.loads(command.stdout)

    url = f"{MC}/{job.id}/record"
    assert web.post(url, {}).headers["location"] == f"{MC}/{job.id}?note=recorded"
    assert web.post(url, {}).status_code == 303                    # again: the same run
    assert job.run_id is not None
    record = get_run(web.store, job.run_id)
    assert (record.kind, record.spec.draws, record.spec.seed) == ("mc", 300, 5)
    assert record.payload == job.document.model_dump(mode="json")
    assert rerun(web.store, job.run_id).identical
    page = text_of(web.client.get(f"{MC}/{job.id}?note=recorded").text)
    assert f"Recorded in the store as run {job.run_id}" in page


def test_rounds_and_parameters_as_accord_mc_takes_them(web: Dashboard) -> None:
    form = {**SMALL, "draws": "60", "model": ["compromise", "eum"], "rounds": "4",
            "params": "stop=rounds"}
    job, _ = start(web, form)
    command = cli("mc", "--draws", "60", "--seed", "1", "-m", "compromise", "-m", "eum",
                  "--rounds", "4", "--param", "stop=rounds", "--no-bargain", "--no-store",
                  "-f", "json")
    assert command.returncode == 0, command.stderr
    assert wait(job).state == "done", job.error
    assert job.document is not None
    assert job.document.model_dump(mode="json") == json.loads(command.stdout)
    again = web.client.get(f"{MC}?from={job.id}").text   # the form to run it again
    assert 'name="rounds" size="5" inputmode="numeric" value="4"' in again
    assert 'value="stop=rounds"' in again


def test_concessions_of_the_first_draws_as_accord_mc_gives_them(web: Dashboard) -> None:
    form = {**SMALL, "draws": "40", "bargain": "1", "concessions": "4"}
    job, _ = start(web, form)
    command = cli("mc", "--draws", "40", "--seed", "1", "-m", "compromise", "--horizon", "24",
                  "--concessions", "4", "--no-store", "-f", "json")
    assert command.returncode == 0, command.stderr
    assert wait(job).state == "done", job.error
    assert job.document is not None
    assert job.document.model_dump(mode="json") == json.loads(command.stdout)
    assert job.document.concessions is not None and job.document.concessions.draws == 4
    page = text_of(web.client.get(f"{MC}/{job.id}").text)
    assert "Smallest concessions (first 4 draws)" in page and "Nash package" in page
    assert 'name="concessions" min="0" max="100000" value="4"' in \
        web.client.get(f"{MC}?from={job.id}").text


def test_the_same_settings_reuse_the_job(web: Dashboard) -> None:
    first, _ = start(web, SMALL)
    again, response = start(web, SMALL)
    assert again is first and response.headers["location"].endswith("?note=reused")
    assert "already started: this is it" in text_of(
        web.client.get(response.headers["location"]).text)
    other, _ = start(web, {**SMALL, "seed": "2"})
    assert other is not first
    wait(first)
    wait(other)
    assert start(web, SMALL)[0] is first                     # done: still the same
    assert web.client.get(f"{MC}?from={first.id}").text.count('value="200"') == 1


def test_a_running_job_can_be_cancelled(web: Dashboard) -> None:
    job, _ = start(web, {**SMALL, "draws": "100000", "bargain": "1"})
    wait(job, ("running",))
    response = web.post(f"{MC}/{job.id}/cancel", {})
    assert response.headers["location"] == f"{MC}/{job.id}"
    assert wait(job, timeout=20).state == "cancelled"
    assert job.process is not None and job.process.poll() is not None   # the process is gone
    assert "This job was cancelled" in text_of(web.client.get(f"{MC}/{job.id}").text)
    # a cancelled job is not reused: the same settings start a new one
    again, _ = start(web, {**SMALL, "draws": "100000", "bargain": "1"})
    assert again is not job
    web.state.jobs.cancel(again)


def test_a_queued_job_waits_its_turn_and_can_be_cancelled(web: Dashboard) -> None:
    web.state.jobs.target = "tests.unit.web.mc_targets:stall"
    first, _ = start(web, SMALL)
    wait(first, ("running",))
    second, _ = start(web, {**SMALL, "seed": "9"})
    time.sleep(0.5)
    assert second.state == "queued"                          # one job at a time
    assert "Waiting for another Monte Carlo job" in text_of(
        web.client.get(f"{MC}/{second.id}").text)
    web.post(f"{MC}/{second.id}/cancel", {})
    assert wait(second, timeout=10).state == "cancelled" and second.started is None
    web.post(f"{MC}/{first.id}/cancel", {})
    assert wait(first, timeout=10).state == "cancelled"


@pytest.mark.parametrize(("target", "says"), [
    ("explode", "internal error: RuntimeError: boom <script>alert(1)</script>"),
    ("die", "the Monte Carlo process stopped unexpectedly (exit code 9)"),
])
def test_a_job_that_fails_says_why(web: Dashboard, target: str, says: str) -> None:
    web.state.jobs.target = f"tests.unit.web.mc_targets:{target}"
    job, _ = start(web, SMALL)
    assert wait(job, timeout=60).state == "failed"
    response = web.client.get(f"{MC}/{job.id}")
    assert response.status_code == 200
    assert says in text_of(response.text) and "<script>alert" not in response.text
    assert "Change the settings and try again" in text_of(response.text)
    for path, status in ((".json", 409), ("/charts/tornado.svg", 404)):
        assert web.client.get(f"{MC}/{job.id}{path}").status_code == status
    assert web.post(f"{MC}/{job.id}/record", {}).status_code == 409
    web.state.jobs.target = "accord.web.mc_worker:run_job"
    assert start(web, SMALL)[0] is not job                   # a failed job is not reused


@pytest.mark.parametrize(("change", "says"), [
    ({"draws": "0"}, "draws must be a whole number from 1 to 100,000, not '0'"),
    ({"draws": "100001"}, "draws must be a whole number from 1 to 100,000"),
    ({"draws": "many"}, "not 'many'"),
    ({"seed": "-1"}, "the seed must be a whole number"),
    ({"horizon": "5000"}, "the horizon must be a whole number of months from 0 to 1,200"),
    ({"position_sd": "-1"}, "position sd must be a number from 0 to 100"),
    ({"salience_sd": "nan"}, "salience sd must be a number from 0 to 1"),
    ({"model": ["<script>"]}, "there is no model '<script>'"),
    ({"preset-compromise": "x"}, "model 'compromise' has no preset 'x'"),
    ({"model": []}, "nothing to run: choose a model or keep the bargaining analysis"),
    ({"loss": "cubic", "bargain": "1"}, "loss must be one of"),
    ({"params": "nonsense"}, "parameters: 'nonsense' is not KEY=VALUE"),
    ({"rounds": "4"}, "model 'compromise' has no parameter 'rounds'"),
    ({"model": ["compromise", "eum"], "params": "zzz=1"},
     "none of the models has a parameter 'zzz'"),
    ({"model": ["eum"], "rounds": "-2"}, "rounds"),
    ({"concessions": "-3", "bargain": "1"}, "the draws with concessions must be a whole number"),
    ({"concessions": "5"}, "the draws with concessions need the bargaining analysis: tick"),
])
def test_a_bad_form_is_shown_again_with_its_problems(web: Dashboard, change: dict[str, Any],
                                                     says: str) -> None:
    response = web.post(MC, {**SMALL, **change})
    assert response.status_code == 422
    assert says in text_of(response.text)
    assert "<script>" not in response.text.split("</header>", 2)[-1]
    assert web.state.jobs.of_scenario(load_case(DEFAULT_CASE).digest()) == []
    if "draws" not in change:
        assert 'name="draws" min="1" max="100000" required value="200"' in response.text


def test_starting_a_job_is_protected_against_cross_site_requests(web: Dashboard) -> None:
    assert web.post(MC, SMALL, token=False).status_code == 403
    response = web.post(MC, SMALL, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403
    assert web.client.post(f"{MC}/000000000000/cancel").status_code == 403
    assert "None yet." in text_of(web.client.get(MC).text)


def test_unknown_jobs_and_charts_are_helpful_pages(web: Dashboard) -> None:
    job, _ = start(web, {**SMALL, "bargain": "1"})
    other = "/s/ukraine-2025-01/mc"
    cases = [(f"{MC}/000000000000", 404), (f"{MC}/{job.id}x", 404),
             (f"{MC}/%3Cscript%3E", 404), (f"{other}/{job.id}", 404),   # not its scenario
             (f"/s/nope/mc/{job.id}", 404)]
    wait(job)
    cases += [(f"{MC}/{job.id}/charts/nope.svg", 404),
              (f"{MC}/{job.id}/charts/tornado.svg?output=nope", 400),
              (f"{MC}/{job.id}/charts/distribution.svg?model=%3Cb%3E", 400),
              (f"{MC}/{job.id}?output=nope", 400),
              (f"{MC}?from=000000000000", 404)]
    for path, status in cases:
        response = web.client.get(path)
        assert response.status_code == status, path
        assert "<script>" not in response.text and "<b>" not in response.text
    assert web.client.get(f"{MC}/{job.id}/charts/opening.svg").status_code == 200
    assert web.post(f"{MC}/000000000000/record", {}).status_code == 404
