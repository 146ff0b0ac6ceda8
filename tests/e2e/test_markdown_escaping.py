"""Markdown output keeps scenario text inert (issue 14): ``accord run``, ``bargain`` and
``timeline`` with ``-f markdown`` and ``accord report -o x.md`` on scenarios whose title, actor
names, issue names, labels and quotes carry ``<script>``, ``<img onerror=...>`` and
``[x](javascript:...)``.

Every command that prints Markdown (``-f markdown``) is run the same way on such scenarios,
articles and stored runs and forecasts (issue 19). The Markdown is rendered to HTML by a
CommonMark renderer that lets raw HTML and any link through (as many Markdown viewers do): if
anything of the scenario's text were read as markup, a script, an image or a ``javascript:``
link would come out. None may; the text must still be there. (``cases``, ``models``, ``store
info`` and ``benchmark deu`` print no text from a scenario, an article or the ledger.)
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
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True  # as a lax viewer: javascript: links kept
    parser = _Tags()
    parser.feed(renderer.render(markdown))
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


MINI = ROOT / "tests" / "data" / "evidence" / "talks-mini.yaml"
ARTICLE = ("Vladimir Putin said Russia demands that Ukraine give up Donetsk "
           "[x](javascript:window.__pwned=8) <script>window.__pwned=1</script> and never join "
           "NATO <img src=x onerror=\"window.__pwned=9\">.\n")


def _markdown(*args: str | Path) -> str:
    proc = cli(*args, "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("args", [
    ("actors",), ("tipping",), ("mc", "-n", "20", "--no-store", "-m", "compromise"),
    ("leverage", "--issue", "tariff", "--target", "20"), ("validate",)],
    ids=["actors", "tipping", "mc", "leverage", "validate"])
def test_commands_on_one_scenario(args: tuple[str, ...], snapshots: tuple[Path, Path]) -> None:
    command, *rest = args
    text = _markdown(command, snapshots[1], *rest)
    _inert(text)
    assert "javascript" in text or command == "validate"


def test_compare(snapshots: tuple[Path, Path]) -> None:
    text = _markdown("compare", *snapshots)
    _inert(text)
    assert "script" in text


def test_report_confirmation_line(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "[x](javascript:y) <b>.md"
    text = _markdown("report", snapshots[1], "-o", out, "--model", "compromise",
                     "--no-timeline")
    _inert(text)
    assert "javascript" in text


def test_evidence_and_update(tmp_path: Path) -> None:
    article = tmp_path / "article [x](javascript:y) <b>.txt"
    article.write_text(ARTICLE)
    text = _markdown("evidence", article, "-s", MINI, "--per-cell", "0")
    _inert(text)
    assert "javascript" in text and "Putin" in text
    assert "(1 article)" in text  # issue 19: not "1 articles"
    text = _markdown("update", MINI, article, "-o", tmp_path / "next.yaml", "--as-of", "2026-01")
    _inert(text)
    assert "javascript" in text and "Putin" in text and "(1 article)" in text


def test_store_commands(snapshots: tuple[Path, Path], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert cli("run", snapshots[1], "--db", db, "-m", "compromise").returncode == 0
    assert cli("bargain", snapshots[1], "--db", db).returncode == 0
    for args in (("runs", "list"), ("runs", "show", "1"), ("runs", "show", "2"),
                 ("runs", "rerun", "1")):
        _inert(_markdown(*args, "--db", db))
    added = _markdown("forecast", "add", f"Tariffs fall <script>x()</script> {LINK}", "-p",
                      "0.7", "--by", f"Pundit {LINK}", "--source", "<img src=x onerror=y>",
                      "--db", db)
    _inert(added)
    for args in (("forecast", "list"), ("forecast", "resolve", "1", "--outcome", "true"),
                 ("forecast", "score"), ("forecast", "score", "--by", "source")):
        text = _markdown(*args, "--db", db)
        _inert(text)
    assert "javascript" in _markdown("forecast", "list", "--db", db)
