"""``accord report`` as a subprocess: the built-in report, Markdown with images, bad input."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, cli, need_shared

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "reports" / "hostile.yaml"
SECTIONS = ["summary", "issues", "models", "actors", "what-it-takes", "rounds", "timeline",
            "evidence", "predictions", "sources"]


def test_the_built_in_report(builtin_report: tuple[Path, subprocess.CompletedProcess[str]]) \
        -> None:
    path, proc = builtin_report
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["output"] == str(path) and doc["format"] == "html" and doc["images"] is None
    assert doc["scenario"]["id"] == "ukraine-2025-12"
    assert [s["key"] for s in doc["sections"]] == SECTIONS
    assert len(doc["charts"]) == 16 and doc["bytes"] == path.stat().st_size
    page = path.read_text("utf-8")
    assert page.startswith("<!doctype html>")
    for key in SECTIONS:
        assert f'<section id="{key}">' in page
    assert page.count("<svg ") == 16 and "<script" not in page
    # the summary a reader sees first: the verdict and the forecast per issue with its label
    text = html.unescape(page)
    assert "No deal: Russia's red line on Ukraine's government (≥ 50)" in text
    assert "no zone opens within 60 months" in text
    assert "50: membership shelved: no invitation for the foreseeable future" in text
    # the evidence table marks carried-over and inferred stances
    assert 'class="badge badge-carried-over">carried over<' in page
    assert 'class="badge badge-inferred">inferred<' in page
    assert list(path.parent.iterdir()) == [path]  # no temporary file left beside it


def test_markdown_report_with_its_images(tmp_path: Path) -> None:
    out = tmp_path / "talks.md"
    proc = cli("report", "-o", out, "-m", "compromise")
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "talks_files"
    assert proc.stdout == (f"Wrote {out} ({out.stat().st_size / 1024:.0f} kB, 9 sections, "
                           f"15 charts) and 15 images in {folder}.\n")
    text = out.read_text("utf-8")
    refs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(refs) == 15 and sorted(p.name for p in folder.iterdir()) == \
        sorted(r.split("/")[-1] for r in refs)
    for ref in refs:
        assert ref.startswith("talks_files/") and ref.endswith(".svg")
        assert (tmp_path / ref).read_text("utf-8").startswith("<?xml")
    assert text.startswith("# Russia–Ukraine peace talks, early December 2025\n")
    assert "## Over time" in text and "## Evidence" in text and "*(carried over)*" in text
    # another report under the same name replaces the images folder whole
    proc = cli("report", HOSTILE, "-o", out, "-m", "mean", "--images", "png", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    files = json.loads(proc.stdout)["images"]["files"]
    assert sorted(p.name for p in folder.iterdir()) == files == \
        ["calibration.png", "issue-tariff.png", "issue-term.png", "models.png"]
    assert all((folder / f).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for f in files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talks.md", "talks_files"]


def test_a_scenario_without_labels_sources_or_dates(tmp_path: Path) -> None:
    need_shared()
    out = tmp_path / "ec.html"
    proc = cli("report", REFERENCE / "ec-emissions" / "actors.csv", "-o", out,
               "-m", "compromise", "-m", "eum", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    keys = [s["key"] for s in json.loads(proc.stdout)["sections"]]
    assert keys == ["summary", "issues", "models", "actors", "what-it-takes", "rounds",
                    "evidence"]


@pytest.mark.parametrize(("args", "message"), [
    (("report",), "--output/-o FILE.html or FILE.md is required"),
    (("report", "-o", "OUT/r.pdf"), "--output OUT/r.pdf: unknown extension '.pdf' (use .htm, "
                                    ".html, .markdown, .md)"),
    (("report", "-o", "OUT/missing/r.html"), "--output OUT/missing/r.html: the folder "
                                             "OUT/missing does not exist"),
    (("report", "-o", "OUT/r.md", "--images", "gif"), "--images takes svg or png, got 'gif'"),
    (("report", "-o", "OUT/r.html", "-m", "nosuch"), "unknown model 'nosuch'"),
    (("report", "nosuch", "-o", "OUT/r.html"), "'nosuch' is neither a file nor a built-in "
                                               "case"),
])
def test_bad_usage_writes_nothing(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    args = tuple(a.replace("OUT", str(tmp_path)) for a in args)
    proc = cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"accord: error: {message.replace('OUT', str(tmp_path))}")
    assert proc.stderr.count("\n") == 1
    assert proc.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_bad_scenario_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOSTILE.read_text("utf-8").replace("position: 90", "position: 190"))
    proc = cli("report", bad, "-o", tmp_path / "r.html")
    assert proc.returncode == 2
    assert re.fullmatch(rf"{re.escape(str(bad))}:\d+:\d+: .*range.*\n", proc.stderr), \
        proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_a_collection_is_refused(tmp_path: Path) -> None:
    need_shared()
    proc = cli("report", REFERENCE / "deu" / "deu-dev.tsv", "-o", tmp_path / "r.html")
    assert proc.returncode == 2 and "a report covers one" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_files_of_the_user_in_the_images_folder_are_kept(tmp_path: Path) -> None:
    (tmp_path / "r_files").mkdir()
    (tmp_path / "r_files" / "notes.txt").write_text("mine")
    proc = cli("report", HOSTILE, "-o", tmp_path / "r.md")
    assert proc.returncode == 2 and "holds files accord did not write (notes.txt)" in \
        proc.stderr
    assert [p.name for p in (tmp_path / "r_files").iterdir()] == ["notes.txt"]
    assert not (tmp_path / "r.md").exists()


def test_draws_add_the_uncertainty_section(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = cli("report", "-o", out, "-m", "compromise", "--no-timeline", "--draws", "300",
               "--seed", "5", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert "uncertainty" in [s["key"] for s in summary["sections"]]
    assert {"mc-opening", "mc-tornado", "mc-distributions"} <= set(summary["charts"])
    page = out.read_text("utf-8")
    assert "Uncertainty (Monte Carlo)" in page and "300 draws, seed 5" in page
    assert "point values" not in proc.stderr  # the spread is shown, so no note about it
    # negative draws are a usage error and write nothing
    bad = cli("report", "-o", tmp_path / "bad.html", "--draws", "-1")
    assert bad.returncode == 2 and not (tmp_path / "bad.html").exists()
