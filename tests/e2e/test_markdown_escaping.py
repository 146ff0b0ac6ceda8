"""Markdown output keeps scenario text inert (issue 14): ``accord run``, ``bargain`` and
``timeline`` with ``-f markdown`` and ``accord report -o x.md`` on scenarios whose title, actor
names, issue names, labels and quotes carry ``<script>``, ``<img onerror=...>`` and
``[x](javascript:...)``.

The Markdown is rendered to HTML by a CommonMark renderer that lets raw HTML through (as many
Markdown viewers do): if anything of the scenario's text were read as markup, a script, an
image or a ``javascript:`` link would come out. None may; the text must still be there.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from accord.scenario.load import load_scenario
from accord.scenario.save import save_scenario
from tests.conftest import ROOT, cli

HOSTILE = ROOT / "tests" / "data" / "reports" / "hostile.yaml"
LINK = "[x](javascript:window.__pwned=9)"


def _snapshot(tmp_path: Path, as_of: str, name: str) -> Path:
    base = load_scenario(HOSTILE)
    actors = tuple(a.model_copy(update={"name": f"{a.name} {LINK}"}) for a in base.actors)
    issues = tuple(i.model_copy(update={"name": f"{i.name} {LINK}",
                                        "labels": {k: f"{v} {LINK}"
                                                   for k, v in i.labels.items()}})
                   for i in base.issues)
    scn = base.model_copy(update={"id": f"hostile-{as_of}", "case": "hostile-case",
                                  "as_of": as_of, "title": f"{base.title} {LINK}",
                                  "actors": actors, "issues": issues})
    path = tmp_path / name
    save_scenario(type(scn).model_validate(scn.model_dump()), path)
    return path


class _Tags(HTMLParser):
    """Every element and attribute of the rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _inert(markdown: str, images: str | None = None) -> None:
    """No script, no event handler, no ``javascript:`` link, and no image but the report's own
    charts (``images``: their folder)."""
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark", {"html": True}).render(markdown))
    for tag, attrs in parser.tags:
        assert tag != "script", "a <script> came through"
        assert not any(name.startswith("on") for name in attrs), f"a handler on <{tag}>"
        assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), \
            "a javascript: link came through"
        if tag == "img":
            assert images is not None and (attrs.get("src") or "").startswith(images + "/"), \
                f"an image that is not a chart: {attrs}"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return _snapshot(folder, "2026-01", "one.yaml"), _snapshot(folder, "2026-06", "two.yaml")


@pytest.mark.parametrize("command", ["run", "bargain"])
def test_run_and_bargain(command: str, snapshots: tuple[Path, Path]) -> None:
    proc = cli(command, snapshots[1], "-f", "markdown", "--no-store")
    assert proc.returncode == 0, proc.stderr
    _inert(proc.stdout)
    assert "script" in proc.stdout and "javascript" in proc.stdout  # shown, as text


def test_timeline(snapshots: tuple[Path, Path]) -> None:
    proc = cli("timeline", *snapshots, "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    _inert(proc.stdout)
    assert "Tariff" in proc.stdout and "javascript" in proc.stdout  # the issue, as text


def test_report(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "hostile.md"
    proc = cli("report", snapshots[1], "-o", out, "--model", "compromise", "--no-timeline")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    _inert(text, images="hostile_files")
    assert "We want" in text and "javascript" in text
