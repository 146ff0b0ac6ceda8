"""Building and rendering reports: sections, predictions, escaping, safe output files."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from accord.cases import load_case, timeline
from accord.errors import UsageError
from accord.ledger.case_predictions import case_predictions
from accord.reports.build import build_report
from accord.reports.document import Cell, Chart, Paragraph, Section, Table, safe_link
from accord.reports.html import render_html
from accord.reports.markdown import is_chart_file, md, md_block, render_markdown
from accord.reports.output import check_folder, check_output, replace_folder, write_atomic
from accord.reports.predictions import outcome_text
from accord.scenario.load import load_scenario
from accord.workflows.report_data import gather
from tests.unit.reports.helpers import HOSTILE

pytest.importorskip("matplotlib")


class Elements(HTMLParser):
    """Every element of a page, its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_report():  # type: ignore[no-untyped-def]
    return build_report(gather(load_scenario(HOSTILE), models=["compromise", "eum", "nash"]))


def test_the_case_predictions_merge_across_snapshots() -> None:
    snaps = timeline("ukraine")
    found = case_predictions(snaps)
    assert len(found) == 44 and len({c.prediction.id for c in found}) == 44
    by_id = {c.prediction.id: c for c in found}
    lavrov = by_id["p-2022-01-lavrov-no-war"]                 # messaging: recorded, not scored
    assert lavrov.outcome == 0.0 and outcome_text(lavrov).startswith("did not happen")
    assert lavrov.probability is None and lavrov.brier is None
    deescalate = by_id["p-2022-01-deescalate"]
    assert deescalate.brier == pytest.approx(0.35 ** 2)       # said 0.35, it did not happen
    assert by_id["p-2025-12-breaking-point"].probability is None
    assert by_id["p-2025-12-breaking-point"].brier is None
    assert outcome_text(by_id["p-2025-12-witkoff-visit"]) == "open"
    assert outcome_text(by_id["p-2025-12-door-closed"]).startswith("did not happen")
    early = case_predictions(snaps, until="2022-09-12")
    assert {c.prediction.id[:9] for c in early} == {"p-2022-01", "p-2022-09"}


def test_sections_of_a_scenario_outside_any_case(hostile_report) -> None:  # type: ignore[no-untyped-def]
    keys = [s.key for s in hostile_report.sections]
    assert keys == ["summary", "issues", "models", "actors", "what-it-takes", "rounds",
                    "evidence", "predictions", "sources"]
    charts = [c.key for c in hostile_report.charts()]
    assert charts == ["issue-tariff", "issue-term", "models", "eum-rounds", "calibration"]


def test_html_escapes_everything_from_the_file(hostile_report) -> None:  # type: ignore[no-untyped-def]
    page = render_html(hostile_report)
    parsed = Elements()
    parsed.feed(page)
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "h1x"}
    assert [t for t, _ in parsed.tags].count("h1") == 1          # the note did not break out
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href      # no javascript: link
    text = "".join(parsed.text)
    assert 'We want <script>window.__pwned = "quote"</script> free trade' in text
    assert '<img src=x onerror="window.__pwned=7"> tariffs stay' in text
    assert "</td></tr></table><h1>broken out</h1>" in text
    assert "default-src 'none'" in page                           # and a CSP forbids loading


def test_markdown_escapes_and_refers_to_its_images(hostile_report) -> None:  # type: ignore[no-untyped-def]
    text, images = render_markdown(hostile_report, "my report_files", "png")
    assert sorted(images) == sorted(f"{c.key}.png" for c in hostile_report.charts())
    assert all(data[:4] == b"\x89PNG" for data in images.values())
    for name in images:
        assert f"](my%20report_files/{name})" in text
    # the only raw HTML is accord's own anchors; every '<' from the file is escaped
    raw = re.findall(r"(?<!\\)<[^>]*>", text)
    assert raw and all(re.fullmatch(r'<a id="[a-z0-9-]+">|</a>', r) for r in raw), raw
    assert r"\<script\>window.\_\_pwned" in text
    assert r"\*\*not bold\*\* \_nor italic\_ \[no link\](http://example.invalid/)" in text
    assert r"current tariffs \| with a pipe" in text


def test_markdown_escaping_rules() -> None:
    assert md("a *b* _c_ `d` [e](f) <g> | h & i ~ j") == \
        r"a \*b\* \_c\_ \`d\` \[e\](f) \<g\> \| h \& i \~ j"
    assert md("two\nlines") == "two lines"
    assert md_block("# not a heading") == r"\# not a heading"
    assert md_block("1. not a list") == r"1\. not a list"
    assert md_block("- not a bullet") == r"\- not a bullet"
    assert md_block("> not a quote") == r"\> not a quote"


def test_links_only_to_web_addresses() -> None:
    assert safe_link("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "/etc/passwd",
                "http://", "http://a b", "file:///etc/passwd", None, ""):
        assert safe_link(bad) is None, bad


def test_chart_keys_are_made_unique() -> None:
    from accord.workflows.report_data import ReportData

    def section(data: ReportData) -> Section:
        return Section("s", "S", (Chart("k", lambda: None, "a"), Paragraph("p"),
                                  Chart("k", lambda: None, "b"), Table(("h",), (("c",),)),
                                  Chart("k-2", lambda: None, "c")))

    data = gather(load_scenario(HOSTILE), models=["mean"], with_timeline=False)
    keys = [c.key for c in build_report(data, [section]).charts()]
    assert len(set(keys)) == 3 and keys[0] == "k"


def test_output_paths_are_checked(tmp_path: Path) -> None:
    kinds = {".html": "html", ".md": "markdown"}
    assert check_output(tmp_path / "r.HTML", kinds, "-o") == (tmp_path / "r.HTML", "html")
    with pytest.raises(UsageError, match=r"unknown extension '\.pdf'"):
        check_output(tmp_path / "r.pdf", kinds, "-o")
    with pytest.raises(UsageError, match="does not exist"):
        check_output(tmp_path / "missing" / "r.md", kinds, "-o")
    (tmp_path / "d.html").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        check_output(tmp_path / "d.html", kinds, "-o")
    assert list(tmp_path.iterdir()) == [tmp_path / "d.html"]


def test_files_and_folders_are_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and os.listdir(tmp_path) == ["r.html"]
    folder = tmp_path / "r_files"
    replace_folder(folder, {"a.svg": b"1", "b.svg": b"2"})
    replace_folder(folder, {"c.png": b"3"})
    assert sorted(os.listdir(folder)) == ["c.png"]
    assert sorted(os.listdir(tmp_path)) == ["r.html", "r_files"]   # no temporary left over
    check_folder(folder, is_chart_file)
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="holds files accord did not write"):
        check_folder(folder, is_chart_file)
    (tmp_path / "x_files").write_text("a file")
    with pytest.raises(UsageError, match="not a folder"):
        check_folder(tmp_path / "x_files", is_chart_file)


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) \
        -> None:
    target = tmp_path / "r.md"
    write_atomic(target, b"old")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    with pytest.raises(OSError, match="disk full"):
        replace_folder(tmp_path / "r_files", {"a.svg": b"1"})
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["r.md"]


def test_the_built_in_case_report_has_every_section() -> None:
    data = gather(load_case("ukraine-2025-12"), models=["compromise", "eum"])
    report = build_report(data)
    assert [s.key for s in report.sections] == ["summary", "issues", "models", "actors",
                                                "what-it-takes", "rounds", "timeline",
                                                "evidence", "predictions", "sources"]
    assert data.timeline is not None and len(data.timeline.runs) == 13
    assert data.timeline.models == ("compromise", "eum")
    assert len(data.predictions) == 43                  # those made by the 2025-12 snapshot
    evidence = next(s for s in report.sections if s.key == "evidence")
    table = next(b for b in evidence.blocks if isinstance(b, Table))
    marks = {m for row in table.rows for c in row if isinstance(c, Cell) for m in c.marks}
    assert marks == {"carried over", "inferred", "distribution"}  # ranges on inferred numbers
    timeline_section = next(s for s in report.sections if s.key == "timeline")
    verdicts = next(b for b in timeline_section.blocks if isinstance(b, Table))
    here = [r for r in verdicts.rows if isinstance(r[1], Cell)]
    assert len(here) == 1 and here[0][1].text == "ukraine-2025-12"  # type: ignore[union-attr]
    assert here[0][5] == "not within 60 months"


def test_charts_drawn_in_forked_workers_give_the_same_report(hostile_report) -> None:  # type: ignore[no-untyped-def]
    """`accord report` draws charts in two forked processes; the page and the image files
    must be byte for byte what one process draws."""
    assert render_html(hostile_report, workers=2) == render_html(hostile_report)
    assert render_markdown(hostile_report, "f", "png", workers=2) == \
        render_markdown(hostile_report, "f", "png")


def test_the_uncertainty_section_shows_a_monte_carlo_run() -> None:
    """--draws N adds the uncertainty section: the spread table, the opening curve, the
    tornado and the distributions, drawn from the run's document; hostile names (with `$`
    and markup) are escaped in every chart."""
    from accord.uncertainty import McSettings, Serial, mc_document, monte_carlo
    from accord.uncertainty.sampling import Noise
    from accord.workflows.report_data import with_monte_carlo
    from tests.helpers import configured

    scn = load_scenario(HOSTILE)
    data = gather(scn, models=["compromise"], with_timeline=False)
    assert build_report(data).sections[-1].key != "uncertainty"
    assert all(s.key != "uncertainty" for s in build_report(data).sections)
    # the library path the CLI takes, compared with an mc run of the same settings
    with_mc = with_monte_carlo(data, 300, seed=3, models=["compromise"])
    assert with_mc.mc is not None
    settings = McSettings(draws=300, seed=3, models=(configured("compromise"),),
                          bargain=with_mc.bargaining.options, noise=Noise())
    direct = mc_document(monte_carlo(scn, settings, Serial()))
    assert with_mc.mc.models == direct.models and with_mc.mc.bargain == direct.bargain
    report = build_report(with_mc)
    section = next(s for s in report.sections if s.key == "uncertainty")
    keys = [b.key for b in section.blocks if isinstance(b, Chart)]
    assert "mc-opening" in keys and "mc-distributions" in keys
    page = render_html(report)
    assert "Uncertainty (Monte Carlo)" in page
    part = page.split('id="uncertainty"', 1)[1].split("</section>", 1)[0]
    assert "<script" not in part and "<img" not in part and "&lt;script&gt;" in part
    parser = Elements()
    parser.feed(page)
    assert not any(tag == "script" for tag, _ in parser.tags)
