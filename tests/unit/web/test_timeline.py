"""The timeline pages: the built-in case across its snapshots, as ``accord timeline`` shows it;
the chart; helpful 404s for what is not a case."""

from __future__ import annotations

import re

import pytest

from accord.cases import timeline
from accord.reports.chartkit import save_figure
from accord.reports.timeline_chart import timeline_figure
from accord.reports.timeline_view import issue_rows, verdict_rows
from accord.workflows.settings import BargainSettings
from accord.workflows.timeline import build_timeline
from tests.unit.web.helpers import Dashboard, text_of


def test_the_navigation_and_the_scenarios_page_lead_to_the_timeline(web: Dashboard) -> None:
    html = web.client.get("/scenarios").text
    assert '<a href="/timeline">Timeline</a>' in html
    assert '<a href="/timeline/ukraine">' in html
    index = web.client.get("/timeline")
    assert index.status_code == 200
    assert '<a href="/timeline/ukraine"><code>ukraine</code></a>' in index.text
    assert "2022-01" in text_of(index.text) and "aria-current" in index.text


def test_the_case_timeline_says_what_accord_timeline_says(web: Dashboard) -> None:
    response = web.client.get("/timeline/ukraine")
    assert response.status_code == 200
    page = text_of(response.text)
    t = build_timeline(timeline("ukraine"))
    for row in verdict_rows(t):
        assert " ".join(row) in page
    for it in t.issues:
        assert it.issue.name in page
        for row in issue_rows(t, it.id):
            assert " ".join(row) in page
    for run in t.runs:  # a link to every snapshot and its results
        assert f'href="/s/{run.id}"' in response.text
        assert f'href="/s/{run.id}/results"' in response.text
    src = re.search(r'<img src="(/timeline/ukraine/chart\.svg\?[^"]+)"', response.text)
    assert src is not None
    chart = web.client.get(src.group(1).replace("&amp;", "&"))
    assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
    assert chart.content == save_figure(timeline_figure(t), "svg")


def test_settings_choose_the_models_and_the_horizon(web: Dashboard) -> None:
    page = text_of(web.client.get("/timeline/ukraine?model=mean&horizon=6").text)
    t = build_timeline(timeline("ukraine"), ["mean"], BargainSettings(horizon=6))
    for row in verdict_rows(t):
        assert " ".join(row) in page
    assert "Models: mean." in page
    chart = web.client.get("/timeline/ukraine/chart.svg?model=mean&horizon=6")
    assert chart.content == save_figure(timeline_figure(t), "svg")
    web.client.get("/timeline/ukraine?model=mean&horizon=6")
    assert web.state.timelines.hits >= 2 and web.state.timelines.misses == 1


@pytest.mark.parametrize(("path", "status", "says"), [
    ("/timeline/nope", 404, "There is no built-in case 'nope' with dated snapshots (cases: "
                            "ukraine)."),
    ("/timeline/ukraine-2025-12", 404, "'ukraine-2025-12' is one snapshot of the case "
                                       "'ukraine'"),
    ("/timeline/%3Cscript%3E", 404, "There is no built-in case '<script>'"),
    ("/timeline/nope/chart.svg", 404, "There is no built-in case"),
    ("/timeline/ukraine?horizon=x", 400, "the horizon must be a whole number of months"),
    ("/timeline/ukraine?model=nope", 400, "There is no model 'nope'"),
    ("/timeline/ukraine/chart.svg?power=nope", 400, "power must be one of"),
])
def test_what_is_not_a_case_is_a_helpful_page(web: Dashboard, path: str, status: int,
                                              says: str) -> None:
    response = web.client.get(path)
    assert response.status_code == status
    assert says in text_of(response.text)
    assert "<script>" not in response.text


def test_a_snapshot_id_points_to_its_case(web: Dashboard) -> None:
    html = web.client.get("/timeline/ukraine-2025-12").text
    assert '<a href="/timeline/ukraine">Back</a>' in html
