"""``accord benchmark deu`` as a user runs it: published baselines, every model, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.workflows.registry import MODELS
from tests.conftest import REFERENCE, cli, need_shared

pytestmark = pytest.mark.slow  # the DEU benchmark with cross-validation and bootstrap

DEU = REFERENCE / "deu" / "deu-dev.tsv"
PUBLISHED = {"compromise": 23.55, "mean": 23.95, "weighted-median": 28.24, "median": 27.93}


@pytest.fixture(scope="module")
def document() -> dict:  # type: ignore[type-arg]
    need_shared()
    proc = cli("benchmark", "deu", DEU, "--format", "json", "--bootstrap", "400")
    assert proc.returncode == 0, proc.stderr
    doc: dict = json.loads(proc.stdout)  # type: ignore[type-arg]
    return doc


def test_published_baselines_reproduce(document: dict) -> None:  # type: ignore[type-arg]
    for name, mae in PUBLISHED.items():
        assert document["models"][name]["mae"] == pytest.approx(mae, abs=0.005)
        assert document["models"][name]["n"] == 248


def test_every_model_and_preset_is_scored(document: dict) -> None:  # type: ignore[type-arg]
    labels = {f"{n}[{p}]" if p else n for n, m in MODELS.items()
              for p in (list(m.presets) or [None])}
    assert set(document["models"]) == labels
    sq = document["models"]["status-quo"]
    assert sq["n"] == 174 and sq["skipped"] == 74          # only issues with a reference point
    for entry in document["models"].values():
        lo, hi = entry["mae_ci"]
        assert lo <= entry["mae"] <= hi
        assert entry["n"] + entry["skipped"] == 248


def test_cross_validated_figure_is_reported(document: dict) -> None:  # type: ignore[type-arg]
    cv = document["cross_validated"]["procedural-compromise"]
    assert cv["folds"] == 10 and cv["grouped_by"] == "proposal" and cv["n"] == 248
    assert len(cv["fold_mae"]) == 10 and len(cv["fold_params"]) == 10
    assert document["models"]["procedural-compromise[deu-dev]"]["fitted_in_sample"] is True
    assert document["bootstrap"]["unit"] == "proposal"
    assert document["data"] == {"file": str(DEU), "issues": 248, "proposals": 88,
                                "scale": "0-100"}


def test_interval_coverage_is_reported(document: dict) -> None:  # type: ignore[type-arg]
    intervals = document["intervals"]
    assert set(intervals) == set(document["models"])
    for label in ("compromise", "procedural-compromise[deu-dev]"):
        entry = intervals[label]
        assert entry["level"] == 0.8 and entry["grouped_by"] == "proposal"
        assert 0.75 <= entry["coverage"] <= 0.85 and len(entry["fold_coverage"]) == 10
    assert intervals["procedural-compromise[deu-dev]"]["forecasts"] == "out-of-fold"
    assert intervals["status-quo"]["n"] == 174


def test_same_seed_same_document_other_seed_other_folds() -> None:
    need_shared()
    args = ("benchmark", "deu", DEU, "-f", "json", "--bootstrap", "200", "--folds", "5",
            "-m", "compromise", "-m", "procedural-compromise")
    a, b = json.loads(cli(*args).stdout), json.loads(cli(*args).stdout)
    c = json.loads(cli(*args, "--seed", "9").stdout)
    a.pop("accord"), b.pop("accord")
    assert a == b
    assert c["cross_validated"] != a["cross_validated"]
    assert c["models"]["compromise"]["mae"] == a["models"]["compromise"]["mae"]


def test_table_and_markdown() -> None:
    need_shared()
    table = cli("benchmark", "deu", DEU, "--bootstrap", "100", "-m", "compromise",
                "-m", "procedural-compromise")
    assert table.returncode == 0, table.stderr
    assert "compromise" in table.stdout and "23.55" in table.stdout
    assert "Cross-validated by proposal, 10 folds" in table.stdout
    assert "Split-conformal prediction intervals" in table.stdout
    assert "procedural-compromise[deu-dev] *" in table.stdout      # brackets are not markup
    md = cli("benchmark", "deu", DEU, "-f", "markdown", "--bootstrap", "0", "--folds", "4",
             "-m", "mean")
    assert md.returncode == 0, md.stderr
    assert "| Model | Issues |" in md.stdout and "| mean |" in md.stdout
    assert "compromise" not in md.stdout  # only the model asked for, and no fitted model


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_not_a_deu_file(tmp_path: Path) -> None:
    csv = _write(tmp_path, "a.csv", "actor,capability,position,salience\nA,1,10,0.5\n")
    proc = cli("benchmark", "deu", csv, "-f", "json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"{csv}:1:1: not a DEU TSV" in proc.stderr
    tsv = _write(tmp_path, "b.tsv", "a\tb\n1\t2\n3\t4\n")
    proc = cli("benchmark", "deu", tsv)
    assert proc.returncode == 2 and f"{tsv}:1:1: missing column" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = cli("benchmark", "deu", tmp_path / "missing.tsv")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_no_outcomes(tmp_path: Path) -> None:
    need_shared()
    lines = DEU.read_text().splitlines()
    header = lines[0].split("\t")
    out = header.index("out")
    rows = [lines[0], lines[1]] + ["\t".join(c if k != out else "" for k, c in
                                             enumerate(line.split("\t")))
                                   for line in lines[2:12]]
    path = _write(tmp_path, "noout.tsv", "\n".join(rows) + "\n")
    proc = cli("benchmark", "deu", path, "-f", "json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"{path}:1:1: no issue has an observed outcome" in proc.stderr


def test_bad_cell_is_located(tmp_path: Path) -> None:
    need_shared()
    lines = DEU.read_text().splitlines()
    cells = lines[3].split("\t")
    col = lines[0].split("\t").index("pcom")
    cells[col] = "lots"
    path = _write(tmp_path, "bad.tsv", "\n".join([*lines[:3], "\t".join(cells),
                                                   *lines[4:]]) + "\n")
    proc = cli("benchmark", "deu", path)
    assert proc.returncode == 2
    assert re.search(rf"^{re.escape(str(path))}:4:\d+: position 'lots' of 'com' must be",
                     proc.stderr, re.M)


def test_more_folds_than_proposals_skips_cross_validation(tmp_path: Path) -> None:
    need_shared()
    lines = DEU.read_text().splitlines()
    path = _write(tmp_path, "few.tsv", "\n".join(lines[:8]) + "\n")
    proc = cli("benchmark", "deu", path, "-f", "json", "--bootstrap", "50")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["cross_validated"] == {} and doc["intervals"] == {}
    assert "no cross-validation" in proc.stderr


def test_help_explains() -> None:
    proc = cli("benchmark", "deu", "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    for words in ("mean absolute error", "bootstrap 95% intervals resampling proposals",
                  "--folds", "--seed", "--bootstrap", "--format"):
        assert words in text


def test_unknown_model_is_a_usage_error() -> None:
    need_shared()
    proc = cli("benchmark", "deu", DEU, "-m", "nope")
    assert proc.returncode == 2 and "unknown model 'nope'" in proc.stderr
