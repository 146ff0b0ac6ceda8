"""Every output option follows the same rules (accord.textfile, docs/cli.md "Output files"):
a destination that cannot take the file is a one-line usage error (exit 2) naming the path and
the reason, found before any work and leaving nothing behind; an existing file is replaced only
with --force or when accord wrote it (same kind); written files get their mode from the umask;
--draws has a ceiling and --draws-out a free-space check."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.unit.store.helpers import TALKS_2024, TALKS_2025

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "evidence" / "talks-mini.yaml"
ARTICLE = DATA / "evidence" / "html" / "talks-stall.html"
MC = ["mc", TALKS_2024, "--draws", "40", "-m", "mean", "--no-store", "-f", "json"]

# each output option: the command line that writes to the path given, and the file's suffix
OPTIONS: dict[str, tuple[Callable[[Path, Path], list[str | Path]], str]] = {
    "report-html": (lambda p, _: ["report", TALKS_2024, "-o", p], ".html"),
    "report-md": (lambda p, _: ["report", TALKS_2024, "-o", p], ".md"),
    "timeline-chart": (lambda p, _: ["timeline", TALKS_2024, TALKS_2025, "--chart", p], ".svg"),
    "evidence-apply": (lambda p, _: ["evidence", ARTICLE, "-s", MINI, "--apply", "-o", p],
                       ".yaml"),
    "update": (lambda p, _: ["update", MINI, ARTICLE, "-o", p], ".yaml"),
    "mc-draws-out": (lambda p, _: [*MC, "--draws-out", p], ".csv"),
    "score-chart": (lambda p, tmp: ["forecast", "score", "--db", tmp / "ledger.db", "--chart",
                                    p], ".svg"),
    "mc-db": (lambda p, _: ["mc", TALKS_2024, "--draws", "40", "--db", p], ".db"),
    "store-db": (lambda p, _: ["store", "info", "--db", p], ".db"),
}


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process's umask for the test (the CLI runs in this process)."""
    before = os.umask(0o022)
    yield lambda mask: os.umask(mask) and None
    os.umask(before)


def _refused(args: list[str | Path], *fragments: str) -> str:
    done = cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr          # one line, and before any work (no notes)
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_a_file_where_a_folder_should_be(option: str, tmp_path: Path) -> None:
    build, suffix = OPTIONS[option]
    (tmp_path / "afile").write_text("a file")
    target = tmp_path / "afile" / f"x{suffix}"
    _refused(build(target, tmp_path), f"{target}", "afile is a file, not a folder")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_a_folder_that_takes_no_files(option: str, tmp_path: Path) -> None:
    # /proc refuses new files to root as well (a chmod 0555 folder does not stop root)
    build, suffix = OPTIONS[option]
    target = Path("/proc") / f"accord-test{suffix}"
    _refused(build(target, tmp_path), str(target), "cannot create files in /proc")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_a_read_only_folder(option: str, tmp_path: Path) -> None:
    build, suffix = OPTIONS[option]
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _refused(build(folder / f"x{suffix}", tmp_path), "cannot create files in",
                 "Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("option", sorted(set(OPTIONS) - {"mc-db", "store-db"}))
def test_a_missing_folder(option: str, tmp_path: Path) -> None:
    build, suffix = OPTIONS[option]
    target = tmp_path / "missing" / f"x{suffix}"
    _refused(build(target, tmp_path), str(target), "does not exist")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["report-html", "report-md", "timeline-chart",
                                    "mc-draws-out", "score-chart"])
def test_an_unrelated_file_is_never_overwritten_without_force(option: str,
                                                              tmp_path: Path) -> None:
    build, suffix = OPTIONS[option]
    target = tmp_path / f"mine{suffix}"
    target.write_text("my own notes\n")
    _refused(build(target, tmp_path), str(target), "--force")
    assert target.read_text() == "my own notes\n"
    done = cli(*build(target, tmp_path), "--force")
    assert done.returncode == 0, done.stderr
    assert target.read_text("utf-8", errors="replace") != "my own notes\n"
    done = cli(*build(target, tmp_path))            # accord's own file: replaced again
    assert done.returncode == 0, done.stderr
    assert _leftovers(tmp_path) == []


def test_an_unrelated_csv_is_not_taken_for_a_draws_file(tmp_path: Path) -> None:
    target = tmp_path / "data.csv"
    target.write_text("id,value\n1,2\n")
    _refused([*MC, "--draws-out", target], "not a draws file accord wrote", "--force")
    assert target.read_text() == "id,value\n1,2\n"


def test_a_png_chart_is_recognised_as_accords(tmp_path: Path) -> None:
    target = tmp_path / "t.png"
    target.write_bytes(b"\x89PNG\r\n\x1a\n not accord's")
    args = ["timeline", TALKS_2024, TALKS_2025, "-m", "mean", "--chart", target]
    _refused(args, "not a chart accord wrote")
    assert cli(*args, "--force").returncode == 0
    assert cli(*args).returncode == 0, "accord's own PNG chart is replaced"


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_written_files_follow_the_umask(mask: int, tmp_path: Path,
                                        umask: Callable[[int], None]) -> None:
    umask(mask)
    cases = [([*MC, "--draws-out", tmp_path / "d.csv"], tmp_path / "d.csv"),
             (["report", TALKS_2024, "-m", "mean", "--no-timeline", "-o", tmp_path / "r.md"],
              tmp_path / "r.md"),
             (["timeline", TALKS_2024, TALKS_2025, "-m", "mean", "--chart",
               tmp_path / "t.svg"], tmp_path / "t.svg")]
    for args, path in cases:
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path
    assert stat.S_IMODE((tmp_path / "r_files").stat().st_mode) == 0o777 & ~mask
    assert _leftovers(tmp_path) == []


def test_draws_have_a_ceiling() -> None:
    _refused(["mc", "--draws", "10000001", "--no-store"], "--draws",
             "from 1 to 10,000,000")
    _refused(["mc", "--draws", "100000000", "--no-store"], "10,000,000")


def test_a_draws_file_that_cannot_fit_is_refused(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import accord.uncertainty.drawsfile as drawsfile

    real = shutil.disk_usage
    monkeypatch.setattr(drawsfile.shutil, "disk_usage",
                        lambda p: real(p)._replace(free=500))
    line = _refused([*MC, "--draws-out", tmp_path / "d.csv"], "40 draws would write about",
                    "kB", "has 500 bytes free")
    assert str(tmp_path / "d.csv") in line
    assert list(tmp_path.iterdir()) == []


def test_the_size_estimate_is_close(tmp_path: Path) -> None:
    from accord.uncertainty.drawsfile import estimate_bytes

    out = tmp_path / "d.csv"
    done = cli("mc", "--draws", "300", "--no-store", "-q", "--draws-out", out)
    assert done.returncode == 0, done.stderr
    with open(out, newline="") as fh:
        columns = next(csv.reader(fh))
    assert 0.9 < estimate_bytes(columns, 300) / out.stat().st_size < 1.15
