"""The HTML report in headless Chromium: opens cleanly, loads nothing, runs nothing it quotes."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import screenshot, watched_page
from tests.conftest import cli

pytestmark = pytest.mark.slow  # headless Chromium

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "reports" / "hostile.yaml"


def _open(browser: Any, path: Path, **options: Any) -> tuple[Any, Any, list[str]]:
    page, watch = watched_page(browser, java_script_enabled=True, **options)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    return page, watch, dialogs


def test_the_built_in_report_opens_cleanly_and_loads_nothing(
        browser: Any, builtin_report: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, proc = builtin_report
    assert proc.returncode == 0, proc.stderr
    page, watch, dialogs = _open(browser, path, viewport={"width": 1200, "height": 900})
    watch.assert_clean()
    assert watch.network == [path.as_uri()], watch.network  # the page itself, nothing else
    assert not watch.failed and not dialogs
    headings = page.locator("h2").all_inner_texts()
    assert headings == ["Summary", "Issue by issue", "How the models compare",
                        "Who gains, who loses", "What it would take",
                        "Round by round: the expected-utility model", "Over time", "Evidence",
                        "Predictions and how they fared", "Sources"]
    assert page.locator("figure.chart svg").count() == 16
    # every chart is drawn at a readable size inside the text column
    widths = page.eval_on_selector_all("figure.chart svg",
                                       "els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 600
    verdict = page.locator("#summary .facts dd").first.inner_text()
    assert verdict.startswith("No deal: Russia's red line on Ukraine's government")
    screenshot(page, "report-builtin")
    page.context.close()


def test_the_model_table_fits_a_laptop_screen(
        browser: Any, builtin_report: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """Issue 19: at 1280 px, "How the models compare" showed four models only after a
    sideways scroll."""
    path, proc = builtin_report
    assert proc.returncode == 0, proc.stderr
    page, watch, _ = _open(browser, path, viewport={"width": 1280, "height": 900})
    watch.assert_clean()
    boxes = page.eval_on_selector_all(
        "#models .table-wrap", "els => els.map(e => [e.scrollWidth, e.clientWidth])")
    assert boxes, "no table in the models section"
    for scroll, client in boxes:
        assert scroll <= client, (scroll, client)
    headers = page.eval_on_selector_all("#models thead th", "els => els.map(e => e.innerText)")
    assert {"eum", "smp", "exchange", "nash"} <= {" ".join(h.split()) for h in headers}
    page.context.close()


def test_the_built_in_report_at_phone_width_and_in_print(
        browser: Any, builtin_report: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    path, _ = builtin_report
    page, watch, _ = _open(browser, path, viewport={"width": 390, "height": 844},
                           is_mobile=True)
    watch.assert_clean()
    # nothing wider than the screen: long tables scroll inside their box or become cards
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    label = page.eval_on_selector("#evidence tbody td", "td => getComputedStyle(td, "
                                                        "'::before').content")
    assert label == '"Actor"'
    screenshot(page, "report-builtin-phone")
    page.emulate_media(media="print")
    assert page.eval_on_selector("nav.toc", "e => getComputedStyle(e).display") == "none"
    page.context.close()


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "hostile.html"
    proc = cli("report", HOSTILE, "-o", out, "-m", "compromise", "-m", "eum")
    assert proc.returncode == 0, proc.stderr
    return out


def test_markup_in_the_scenario_stays_text(browser: Any, hostile_report: Path) -> None:
    page, watch, dialogs = _open(browser, hostile_report)
    watch.assert_clean()
    assert watch.network == [hostile_report.as_uri()], watch.network  # no <img src=x> fetched
    assert not dialogs
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script, img, iframe, object, embed").count() == 0
    assert page.locator("h1").count() == 1
    assert page.locator("[onerror], [onload], [onclick]").count() == 0
    text = page.inner_text("body")
    for shown in ('Talks <script>window.__pwned = "title"</script> & co',
                  '<script>window.__pwned = "actor"</script>Atlantis',
                  'Tariff <script>window.__pwned = "issue"</script>level',
                  'free trade <script>window.__pwned = "label"</script>',
                  '“We want <script>window.__pwned = "quote"</script> free trade”',
                  '<img src=x onerror="window.__pwned=7"> tariffs stay',
                  '<script>window.__pwned = "source"</script>Evil source',
                  '<script>window.__pwned = "prediction"</script>A deal by June',
                  "</td></tr></table><h1>broken out</h1>",
                  "javascript:window.__pwned=3"):
        assert shown in text, shown
    # the javascript: address is shown, never linked; the charts' text is text too
    assert page.locator("a[href^='javascript']").count() == 0
    labels = page.locator("svg text").all_text_contents()
    assert any("<script>window.__pwned" in t for t in labels)
    screenshot(page, "report-hostile")
    page.context.close()
