"""The dashboard in headless Chromium against a real ``accord serve`` (uvicorn, a free port, a
temporary SQLite store).

Every page is checked with ``watch.assert_clean()``: no console error (a blocked inline style
or script would be one, under the pages' Content-Security-Policy), no uncaught error, no request
leaving 127.0.0.1. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from accord.cases import DEFAULT_CASE, load_case
from accord.cases import timeline as case_timeline
from accord.store.migrate import open_store
from accord.store.versions import list_scenario_versions
from tests.browser import PageWatch, screenshot, watched_page
from tests.e2e.dashboard import running_server

pytestmark = pytest.mark.slow  # headless Chromium

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_YAML = b"""accord: 1
id: bad-talks
title: Bad talks
actors:
  - {id: A, name: Atlantis, capability: 60}
issues:
  - {id: tariff, name: Tariff, range: [0, 25]}
stances:
  - {actor: A, issue: tariff, position: 40, salience: 0.5}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("dashboard") / "accord.db"
    with running_server(db) as info:
        info["db"] = db
        yield info


def assert_image_loaded(page: Any, selector: str, timeout: float = 30_000) -> None:
    """The image has loaded and has a size (a broken or blocked image has naturalWidth 0)."""
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i && i.complete && "
        "i.naturalWidth > 0; }", arg=selector, timeout=timeout)


def expect_status_logged(watch: PageWatch, status: int) -> None:
    """Chromium logs every 4xx page it loads as a console error: take out the one this test
    caused on purpose (and only it), so that ``assert_clean`` checks everything else."""
    expected = [e for e in watch.console_errors if f"status of {status} " in e]
    assert len(expected) == 1, watch.console_errors
    watch.console_errors.remove(expected[0])


def versions(server: dict[str, Any]) -> int:
    store = open_store(str(server["db"]))
    try:
        return len(list_scenario_versions(store))
    finally:
        store.close()


def test_open_the_built_in_case_and_edit_a_stance(browser: Any, server: dict[str, Any]
                                                  ) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"])
    assert page.title() == "Scenarios · accord"
    page.get_by_role("link", name=DEFAULT_CASE).click()
    page.wait_for_url(f"**/s/{DEFAULT_CASE}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Russia–Ukraine")
    screenshot(page, "dashboard-scenario")

    row = page.locator("#stance-RUS-nato")
    row.get_by_role("link", name="Edit").click()
    form = page.locator("#stance-RUS-nato form")
    form.wait_for()
    assert page.url.endswith(f"/s/{DEFAULT_CASE}")          # edited in place
    position = form.locator("input[name=position]")
    position.fill("150")
    problem = page.locator("#check-RUS-nato .problems")
    problem.wait_for()
    assert "position 150 is outside the issue's range [0, 100]" in problem.inner_text()
    screenshot(page, "dashboard-stance-invalid")
    position.fill("95")
    page.locator("#check-RUS-nato .ok").wait_for()
    before = versions(server)
    form.get_by_role("button", name="Save as a new version").click()
    page.wait_for_url(re.compile(r"/s/[0-9a-f]{64}\?note=saved"))
    assert "Saved as a new version" in page.locator("p.note").inner_text()
    assert "version 1 of 1" in page.locator(".crumbs").inner_text()
    assert page.locator("#stance-RUS-nato .value").inner_text() == "95"
    assert versions(server) == before + 1
    screenshot(page, "dashboard-stance-saved")
    watch.assert_clean()


def test_run_the_models_and_see_the_verdict(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + f"s/{DEFAULT_CASE}")
    page.get_by_role("link", name="Results").click()
    page.wait_for_url("**/results")
    verdict = page.locator("#verdict")
    assert verdict.inner_text() == "Verdict: no deal"
    assert "no zone opens within 60 months" in page.locator("section.verdict").inner_text()
    assert page.locator("#outcomes thead th").count() == 11     # issue + 10 models
    assert_image_loaded(page, "#chart-models img")                # the model comparison
    page.locator("#chart-issue-territory img").scroll_into_view_if_needed()
    assert_image_loaded(page, "#chart-issue-territory img")       # loaded when scrolled to
    assert page.locator("#chart-rounds-eum img").count() == 1
    assert page.locator("details.trajectory:not([open])").count() >= 1   # tables fold out
    screenshot(page, "dashboard-results")

    # fewer models, re-run in place (htmx), the URL follows the settings
    for name in ("smp", "exchange", "eum", "nash", "procedural-compromise", "status-quo"):
        page.locator(f"input[type=checkbox][name=model][value={name}]").uncheck()
    page.get_by_role("button", name="Run models").click()
    page.wait_for_url(re.compile(r"results\?model=compromise"))
    page.locator("#outcomes thead th").nth(4).wait_for()
    assert page.locator("#outcomes thead th").count() == 5
    assert verdict.inner_text() == "Verdict: no deal"
    page.go_back()                       # to the page before the form's pushed URL: whole
    page.wait_for_url("**/results")
    page.locator("#outcomes thead th").nth(10).wait_for()
    assert page.locator("header.site").count() == 1 and page.locator("form.settings").count() == 1
    page.go_forward()
    page.wait_for_url(re.compile(r"results\?model=compromise"))
    page.locator("form.record").wait_for()
    assert page.locator("header.site").count() == 1
    page.get_by_role("button", name="Record this run").click()
    page.wait_for_url(re.compile(r"note=recorded"))
    assert "Recorded as runs" in page.locator("main").inner_text()
    watch.assert_clean()


def test_upload_a_bad_file_and_see_its_error_line(browser: Any, server: dict[str, Any]
                                                  ) -> None:
    page, watch = watched_page(browser)
    page.goto(server["url"] + "scenarios")
    page.set_input_files("input[name=file]", files=[
        {"name": "bad.yaml", "mimeType": "text/yaml", "buffer": BAD_YAML}])
    with page.expect_response("**/scenarios/upload") as response:
        page.get_by_role("button", name="Upload and check").click()
    assert response.value.status == 422
    problems = page.locator("ul.problems").inner_text()
    assert "bad.yaml:9:41: position 40 is outside the issue's range [0, 25]" in problems
    assert page.locator("pre.excerpt .marked").inner_text().strip().startswith("9")
    screenshot(page, "dashboard-upload-error")
    expect_status_logged(watch, 422)
    watch.assert_clean()


def test_a_scenario_full_of_markup_shows_it_as_text(browser: Any, server: dict[str, Any]
                                                    ) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server["url"] + "scenarios")
    page.set_input_files("input[name=file]", str(DATA / "web" / "xss.yaml"))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(re.compile(r"/s/[0-9a-f]{64}"))
    scenario_url = page.url.split("?")[0]
    base = server["url"].rstrip("/")
    for path in ("", "/results", "/stances/A/tariff/edit", "/evidence", "/update", "/whatif",
                 "/whatif?scale-actor=A&scale-factor=2", "/actors",
                 "/leverage?issue=tariff&target=20", "/mc", "ledger", "timeline"):
        page.goto(scenario_url + path if not path or path.startswith("/")
                  else f"{base}/{path}")
        # every injected script would set the title to 'pwned-...': it stays the page's own
        assert page.title().endswith(" · accord") and not page.title().startswith("pwned")
        assert page.locator("svg, iframe, main script, main style").count() == 0
        for src in page.locator("img").evaluate_all("els => els.map(e => e.src)"):
            assert "/charts/" in src, src          # the dashboard's own charts, nothing else
        if path == "/results":  # a chart full of markup is drawn, as text
            page.locator("#chart-issue-tariff img").scroll_into_view_if_needed()
            assert_image_loaded(page, "#chart-issue-tariff img")
        if not path:
            text = page.locator("main").inner_text()
            assert "<script>document.title='pwned-actor'</script>Atlantis" in text
            assert "<script>document.title='pwned-quote'</script>" in text
            screenshot(page, "dashboard-xss")
    page.goto(scenario_url)
    page.get_by_role("link", name=re.compile("pwned-source")).count()  # not a link: a text
    assert page.locator("a[href^=javascript]").count() == 0
    assert dialogs == []
    watch.assert_clean()


def test_the_pages_work_without_javascript(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, java_script_enabled=False)
    page.goto(server["url"] + f"s/{DEFAULT_CASE}")
    page.locator("#stance-UKR-territory").get_by_role("link", name="Edit").click()
    page.wait_for_url("**/stances/UKR/territory/edit")
    page.locator("input[name=salience]").fill("1.5")
    page.get_by_role("button", name="Save as a new version").click()
    assert "salience 1.5 is outside [0, 1]" in page.locator(".problems").inner_text()
    expect_status_logged(watch, 422)
    page.locator("input[name=salience]").fill("0.9")
    page.get_by_role("button", name="Save as a new version").click()
    page.wait_for_url(re.compile(r"/s/[0-9a-f]{64}\?note=saved"))
    assert "Saved as a new version" in page.locator("p.note").inner_text()
    page.get_by_role("link", name="Results").click()
    assert page.locator("#verdict").inner_text().startswith("Verdict:")
    watch.assert_clean()


def test_evidence_review_and_the_ledger(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + f"s/{DEFAULT_CASE}/evidence")
    page.locator("textarea[name=text]").fill(
        "Talks stall in Geneva\n\nPutin wants an explicit guarantee that Ukraine will never "
        "join Nato.\nKyiv rejected any deal that would give up territory in the Donbas.\n")
    page.get_by_role("button", name="Find candidate claims").click()
    page.locator("fieldset.cell").first.wait_for()
    assert page.locator("input[name=accept]:checked").count() >= 1
    screenshot(page, "dashboard-evidence")
    page.get_by_role("button", name="Add the ticked quotes as evidence").click()
    assert "Saved as a new version" in page.locator("p.note").inner_text()

    page.goto(server["url"] + "ledger")
    page.get_by_role("button", name="Import predictions").click()
    page.wait_for_url("**/ledger?note=imported")
    open_row = page.locator("tr:has(form.resolve)").first
    row_id = open_row.get_attribute("id")
    open_row.get_by_role("button", name="Resolve").click()
    page.locator(f"#{row_id}:not(:has(form))").wait_for()           # swapped in place
    assert page.url.endswith("/ledger?note=imported")
    page.goto(server["url"] + "ledger")
    assert_image_loaded(page, "figure.calibration img")             # something is resolved
    screenshot(page, "dashboard-ledger")
    watch.assert_clean()


def test_review_the_proposals_of_an_update(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + f"s/{DEFAULT_CASE}")
    page.get_by_role("link", name="Update from an article").click()
    page.wait_for_url(f"**/s/{DEFAULT_CASE}/update")
    page.locator("textarea[name=text]").fill(
        "Talks stall in Geneva\n\nPutin wants an explicit guarantee that Ukraine will never "
        "join Nato.\nKyiv rejected any deal that would give up territory in the Donbas.\n")
    page.locator("input[name=as_of]").fill("2026-03-02")
    page.get_by_role("button", name="Find proposed changes").click()
    rows = page.locator("table.proposals tbody tr")
    rows.first.wait_for()
    n = rows.count()
    assert page.locator("input[type=radio][value=accept]:checked").count() == n >= 2
    rows.first.get_by_label("reject").check()
    screenshot(page, "dashboard-update")
    before = versions(server)
    page.get_by_role("button", name="Save the draft as a new version").click()
    note = page.locator("p.note").inner_text()
    assert "Saved as a new version" in note and "ukraine-2026-03" in note
    assert f"{n - 1} of {n} proposals applied" in \
        page.locator("ul.report").inner_text()
    assert versions(server) == before + 1
    page.locator("p.note").get_by_role("link", name="ukraine-2026-03").click()
    page.wait_for_url(re.compile(r"/s/[0-9a-f]{64}$"))
    assert "As of 2026-03-02" in page.locator("header.scenario .meta").inner_text()
    watch.assert_clean()


def test_an_expired_form_says_so_in_place_of_the_page(browser: Any, server: dict[str, Any]
                                                      ) -> None:
    page, watch = watched_page(browser)
    page.goto(server["url"] + f"s/{DEFAULT_CASE}")
    page.locator("#stance-USA-nato").get_by_role("link", name="Edit").click()
    form = page.locator("#stance-USA-nato form")
    form.wait_for()
    page.context.clear_cookies()        # as after a restart: the page's token is stale
    form.locator("input[name=salience]").fill("0.2")
    form.get_by_role("button", name="Save as a new version").click()
    page.locator("#error-title").wait_for()
    assert page.locator("#error-title").inner_text() == "Form expired"
    assert "reload the page" in page.locator("main").inner_text()
    assert page.locator("header.site").count() == 1
    expect_status_logged(watch, 403)
    watch.assert_clean()


def test_the_timeline_of_the_built_in_case(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + "scenarios")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline")
    page.get_by_role("link", name="ukraine", exact=True).click()
    page.wait_for_url("**/timeline/ukraine")
    rows = page.locator("#verdict-table tbody tr")
    assert rows.count() == len(case_timeline("ukraine"))   # one row per snapshot
    assert "no deal" in rows.last.inner_text()
    assert_image_loaded(page, "#chart img")
    assert page.locator("#timeline-territory tbody tr").count() >= 3
    screenshot(page, "dashboard-timeline")
    rows.first.get_by_role("link", name="ukraine-2022-01").click()
    page.wait_for_url("**/s/ukraine-2022-01")
    assert page.get_by_role("heading", level=1).count() == 1
    watch.assert_clean()


def test_a_monte_carlo_job_from_start_to_summary(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + f"s/{DEFAULT_CASE}/results")
    page.get_by_role("navigation", name="Scenario").get_by_role("link",
                                                                 name="Monte Carlo").click()
    page.wait_for_url(f"**/s/{DEFAULT_CASE}/mc")
    page.locator("input[name=draws]").fill("2500")
    page.locator("input[name=seed]").fill("11")
    for name in ("weighted-median", "mean", "median"):
        page.locator(f"input[type=checkbox][name=model][value={name}]").uncheck()
    screenshot(page, "dashboard-mc-form")
    page.get_by_role("button", name="Start the Monte Carlo job").click()
    page.wait_for_url(re.compile(r"/mc/[0-9a-f]{12}$"))
    job_url = page.url
    page.locator("progress#progress").wait_for()            # the live progress bar
    screenshot(page, "dashboard-mc-progress")
    page.locator("#summary").wait_for(timeout=120_000)      # htmx polled it to the end
    assert page.url == job_url                               # updated in place, not reloaded
    assert page.locator("header.site").count() == 1
    assert page.locator("progress").count() == 0
    assert "A deal is possible as stated in" in page.locator("#summary").inner_text()
    assert page.locator("#mc-outcomes tbody tr").count() == len(load_case(DEFAULT_CASE).issues)
    assert_image_loaded(page, "#tornado img")
    assert_image_loaded(page, "#summary figure img")          # the opening chart
    screenshot(page, "dashboard-mc-summary")
    page.get_by_role("button", name="Record this run").click()
    page.wait_for_url(re.compile(r"note=recorded"))
    assert "Recorded in the store as run" in page.locator("#summary").inner_text()
    watch.assert_clean()


def test_a_monte_carlo_job_without_javascript(browser: Any, server: dict[str, Any]) -> None:
    page, watch = watched_page(browser, java_script_enabled=False)
    page.goto(server["url"] + f"s/{DEFAULT_CASE}/mc")
    page.locator("input[name=draws]").fill("300")
    page.locator("input[name=bargain]").uncheck()
    page.get_by_role("button", name="Start the Monte Carlo job").click()
    page.wait_for_url(re.compile(r"/mc/[0-9a-f]{12}"))
    page.locator("#summary").wait_for(timeout=60_000)       # the page reloaded itself
    assert page.locator("#mc-outcomes tbody tr").count() == len(load_case(DEFAULT_CASE).issues)
    watch.assert_clean()
