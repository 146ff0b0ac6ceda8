"""Markup in a scenario's texts is shown as text on every page, never run.

``tests/data/web/xss.yaml`` puts ``<script>``, ``<img onerror>``, ``javascript:`` links and
table-breaking markup into every text a page shows. Each page must contain none of it as
markup; the browser test (tests/e2e/test_dashboard_browser.py) checks that nothing runs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from accord.ledger.prediction_forecasts import prediction_forecasts
from accord.scenario.load import load_scenario
from accord.store.forecasts import add_forecasts
from tests.unit.web.helpers import DATA, Dashboard, text_of

XSS = DATA / "web" / "xss.yaml"


class Markup(HTMLParser):
    """Every tag and attribute a page's HTML really holds (escaped text holds none)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


CHART_SRC = re.compile(r"/(s/[0-9a-z.-]+/(charts|mc/[0-9a-f]{12}/charts)/[a-z0-9.-]+\.svg"
                       r"|timeline/[a-z0-9.-]+/chart\.svg|ledger/calibration\.svg)(\?.*)?")


def assert_inert(html: str) -> None:
    parser = Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "img":  # the dashboard's own charts, and nothing else
            src = dict(attrs).get("src") or ""
            assert CHART_SRC.fullmatch(src), f"<img src={src!r}> reached the page"
            assert {name for name, _ in attrs} <= {"src", "alt", "loading"}, attrs
            continue
        assert tag not in ("svg", "iframe", "style", "b"), f"<{tag}> reached the page"
        if tag == "script":
            assert attrs == [("src", "/static/htmx.min.js"), ("defer", None)]
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=...> reached the page"
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith("javascript:")


HOSTILE = "Talks <script>alert(1)</script> [x](javascript:y)"
"""A title and actor name in the words of issue 19 (markup, and a Markdown link)."""
ESCAPED = "Talks &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:y)"


def hostile_yaml() -> str:
    """xss.yaml with :data:`HOSTILE` as its title and as an actor's name."""
    text = XSS.read_text()
    text = text.replace("title: <script>document.title='pwned-title'</script> talks",
                        f"title: '{HOSTILE}'")
    return text.replace("{id: B, name: Borduria,", f"{{id: B, name: '{HOSTILE}',")


def upload(web: Dashboard, text: str | None = None) -> str:
    data = XSS.read_bytes() if text is None else text.encode()
    response = web.post("/scenarios/upload", files={"file": ("xss.yaml", data)})
    assert response.status_code == 303
    return str(response.headers["location"]).split("/")[2].split("?")[0]


ARTICLE = ("Talks\n\nAtlantis wants free trade <script>document.title='pwned-article'</script>"
           " at once; Borduria said the tariff must stay at 20 percent.\n")
PAGES = [
    "/s/{d}", "/s/{d}/results", "/s/{d}/evidence", "/s/{d}/stances/A/tariff/edit",
    "/scenarios", "/ledger", "/s/{d}/mc", "/s/{d}/update", "/s/{d}/whatif",
    "/s/{d}/whatif?scale-actor=A&scale-factor=2&drop-actor=B", "/s/{d}/actors",
    "/s/{d}/actors?actor=A", "/s/{d}/leverage", "/s/{d}/leverage?issue=tariff&target=20",
    "/timeline", "/timeline/ukraine", "/s/{d}/stances/A/tariff/check?position=%3Cb%3E",
    "POST /s/{d}/update", "POST /s/{d}/evidence",
]


@pytest.mark.parametrize("hostile", [False, True], ids=["xss.yaml", "issue-19"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_the_files_markup_as_text(web: Dashboard, path: str,
                                                   hostile: bool) -> None:
    text = hostile_yaml() if hostile else None
    digest = upload(web, text)
    scenario = load_scenario(XSS) if text is None else None
    if scenario is not None:
        add_forecasts(web.store, prediction_forecasts([scenario]))
    for htmx in (False, True):
        headers = {"hx-request": "true"} if htmx else {}
        if path.startswith("POST "):
            response = web.post(path.removeprefix("POST ").format(d=digest),
                                {"text": ARTICLE, "name": "<b onmouseover=x>.txt"},
                                headers=headers)
        else:
            response = web.client.get(path.format(d=digest), headers=headers)
        assert response.status_code == 200, (path, htmx)
        assert_inert(response.text)
        if hostile:
            assert "<script>alert(1)" not in response.text
            if not htmx and "{d}" in path and "/check" not in path:  # the title, as text
                assert ESCAPED in response.text, (path, htmx)


def test_the_texts_are_there_escaped(web: Dashboard) -> None:
    digest = upload(web)
    html = web.client.get(f"/s/{digest}").text
    assert "&lt;script&gt;document.title=&#39;pwned-actor&#39;&lt;/script&gt;Atlantis" in html
    page = text_of(html)
    assert "<script>document.title='pwned-quote'</script> Atlantis wants free trade" in page
    assert """<img src=x onerror="document.title='pwned-label'">free trade""" in page
    # a javascript: URL is not a link at all
    assert 'href="javascript' not in html
    assert "pwned-url" not in html


def test_error_pages_escape_what_the_file_said(web: Dashboard) -> None:
    bad = XSS.read_text().replace("capability: 60", "capability: <script>x</script>")
    response = web.post("/scenarios/upload",
                        files={"file": ("<img src=x onerror=alert(1)>.yaml", bad.encode())})
    assert response.status_code == 422
    assert_inert(response.text)
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text


def test_evidence_candidates_escape_the_article(web: Dashboard) -> None:
    digest = upload(web)
    article = ("Talks\n\nAtlantis wants free trade <script>document.title='pwned-article'"
               "</script> at once.\n")
    response = web.post(f"/s/{digest}/evidence", {"text": article,
                                                  "name": "<b onmouseover=x>.txt"})
    assert response.status_code == 200
    assert "<script>document.title" not in response.text
    assert "onmouseover=x" not in response.text.replace("onmouseover=x&gt;", "")


SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(data: bytes) -> tuple[list[str], str]:
    """Every element of an SVG document (local names) and all its text, as an XML parser
    reads them: markup in a name would show up as elements, not text."""
    root = ET.fromstring(data)
    tags = [el.tag.removeprefix(SVG) for el in root.iter()]
    for el in root.iter():
        for name in el.attrib:
            assert not name.lower().startswith("on"), f"attribute {name} in the chart"
            if name.endswith("href"):
                assert el.attrib[name].startswith("#"), el.attrib[name]
    return tags, " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("chart", ["models", "issue-tariff"])
def test_chart_images_write_the_files_markup_as_text(web: Dashboard, chart: str) -> None:
    digest = upload(web)
    response = web.client.get(f"/s/{digest}/charts/{chart}.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    tags, text = svg_texts(response.content)
    assert not {"script", "foreignObject", "iframe", "image", "a"} & set(tags)
    assert b"<script" not in response.content and b"<img" not in response.content
    if chart == "issue-tariff":  # the names read back as text (cut to fit the chart)
        assert "<script>document.titl…" in text                       # the actor's name
        assert """Tariff <img src=x onerror="document.title='pwned-issue'">""" in text


@pytest.mark.slow
def test_a_monte_carlo_summary_of_the_file_shows_its_markup_as_text(web: Dashboard) -> None:
    import time

    digest = upload(web)
    response = web.post(f"/s/{digest}/mc", {"draws": "100", "seed": "0", "model": "compromise",
                                            "bargain": "1", "position_sd": "5",
                                            "horizon": "12", "loss": "linear",
                                            "disagreement": "reservation"})
    assert response.status_code == 303
    job = web.state.jobs.get(str(response.headers["location"]).rsplit("/", 1)[-1])
    assert job is not None
    deadline = time.monotonic() + 60
    while job.active and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.state == "done", job.error
    html = web.client.get(f"/s/{digest}/mc/{job.id}").text
    assert_inert(html)
    assert "Tariff &lt;img src=x onerror=" in html                 # the name, as text
    chart = web.client.get(f"/s/{digest}/mc/{job.id}/charts/distribution.svg")
    tags, text = svg_texts(chart.content)
    assert not {"script", "foreignObject", "image", "a"} & set(tags)
    assert "Tariff <img src=x" in text
