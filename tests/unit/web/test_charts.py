"""Chart images: the results page's charts, the ledger's calibration chart, served as SVG with a
policy of their own, cached, and refused with 404/400 (never a 500) when asked for badly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.reports.chartkit import save_figure
from accord.reports.charts import comparison_figure
from accord.web.chart_images import CHART_CSP
from accord.web.results_query import compute, settings_from_query
from accord.web.security import CSP
from tests.unit.web.helpers import Dashboard

BASE = f"/s/{DEFAULT_CASE}"


def images(html: str) -> list[str]:
    return [src.replace("&amp;", "&") for src in re.findall(r'<img src="([^"]+)"', html)]


def assert_svg(response: object) -> bytes:
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["content-type"] == "image/svg+xml"
    # its own policy, alone: nothing loads, nothing runs, only its inline styles apply
    assert headers.get_list("content-security-policy") == [CHART_CSP]
    assert headers["x-content-type-options"] == "nosniff"
    data: bytes = response.content  # type: ignore[attr-defined]
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return data


def test_the_results_page_shows_every_chart_and_each_one_loads(web: Dashboard) -> None:
    html = web.client.get(f"{BASE}/results").text
    sources = images(html)
    scn = load_case(DEFAULT_CASE)
    names = [re.search(r"/charts/([^?]+)\.svg", s).group(1) for s in sources]  # type: ignore[union-attr]
    assert names[0] == "models"
    assert [n for n in names if n.startswith("issue-")] == [f"issue-{i.id}" for i in scn.issues]
    assert "rounds-eum" in names
    assert '<section id="charts"' in html and 'id="chart-issue-nato"' in html
    for src in sources:
        assert src.startswith(f"{BASE}/charts/") and "model=compromise" in src
        assert_svg(web.client.get(src))
    # the page's own policy still forbids inline styles: the charts are images
    assert web.client.get(f"{BASE}/results").headers["content-security-policy"] == CSP


def test_a_chart_is_the_library_chart_of_the_same_settings(web: Dashboard) -> None:
    query = "model=compromise&model=mean&horizon=12"
    data = assert_svg(web.client.get(f"{BASE}/charts/models.svg?{query}"))
    scn = load_case(DEFAULT_CASE)
    analysis = compute(scn, settings_from_query(
        {"model": ["compromise", "mean"], "horizon": ["12"]})).analysis
    expected = save_figure(comparison_figure(scn, analysis.results, analysis.bargaining), "svg")
    assert data == expected


def test_charts_are_cached_and_revalidated(web: Dashboard) -> None:
    url = f"{BASE}/charts/issue-territory.svg?model=compromise"
    first = web.client.get(url)
    assert_svg(first)
    again = web.client.get(url)
    assert again.content == first.content
    assert (web.state.charts.misses, web.state.charts.hits) == (1, 1)
    etag = first.headers["etag"]
    cached = web.client.get(url, headers={"if-none-match": etag})
    assert cached.status_code == 304 and cached.content == b""
    # other settings are another chart
    other = web.client.get(url.replace("compromise", "mean"))
    assert other.headers["etag"] != etag and web.state.charts.misses == 2


@pytest.mark.parametrize(("path", "status"), [
    (f"{BASE}/charts/nope.svg", 404),
    (f"{BASE}/charts/issue-nope.svg", 404),
    (f"{BASE}/charts/issue-.svg", 404),
    (f"{BASE}/charts/rounds-compromise.svg", 404),          # compromise has no rounds
    (f"{BASE}/charts/rounds-eum.svg?model=mean", 404),      # eum did not run
    (f"{BASE}/charts/models.png", 404),
    (f"{BASE}/charts/models.svg?model=<script>", 400),
    (f"{BASE}/charts/models.svg?horizon=-1", 400),
    (f"{BASE}/charts/models.svg?loss=cubic", 400),
    (f"{BASE}/charts/models.svg?preset-eum=nope", 400),
    ("/s/nope/charts/models.svg", 404),
    ("/s/" + "0" * 64 + "/charts/models.svg", 404),
])
def test_bad_chart_requests_are_refused_with_a_page(web: Dashboard, path: str,
                                                    status: int) -> None:
    response = web.client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text


def test_the_ledger_shows_its_calibration_chart(web: Dashboard) -> None:
    assert "/ledger/calibration.svg" not in web.client.get("/ledger").text   # nothing resolved
    assert web.post("/ledger/import", {"case": "ukraine"}).status_code == 303
    page = web.client.get("/ledger?show=open").text
    ids = re.findall(r'action="/ledger/(\d+)/resolve"', page)
    for k, forecast_id in enumerate(ids[:3]):
        response = web.post(f"/ledger/{forecast_id}/resolve",
                            {"outcome": "true" if k % 2 else "false", "on": "2026-01-01"})
        assert response.status_code == 303
    html = web.client.get("/ledger").text
    assert '<img src="/ledger/calibration.svg"' in html
    first = assert_svg(web.client.get("/ledger/calibration.svg"))
    assert b"Calibration of the ledger" in first
    # resolving another forecast changes the bins, so the chart is drawn again
    response = web.post(f"/ledger/{ids[3]}/resolve", {"outcome": "true", "on": "2026-01-01"})
    assert response.status_code == 303
    assert assert_svg(web.client.get("/ledger/calibration.svg")) != first
