"""``accord run`` and ``accord models`` say which models run by default and how to run the
others (issue 19)."""

from __future__ import annotations

import json

from accord.workflows.registry import DEFAULT_MODELS, MODELS
from tests.conftest import cli


def test_run_names_the_default_models_and_the_others() -> None:
    proc = cli("run", "-f", "markdown", "--no-store")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split()).replace("\\", "")
    assert f"Models run by default: {', '.join(DEFAULT_MODELS)}." in text, text
    others = [n for n in MODELS if n not in DEFAULT_MODELS]
    assert f"Not run: {', '.join(others)}" in text
    assert "--model NAME" in text


def test_run_with_every_model_names_no_other() -> None:
    args = [a for n in MODELS for a in ("-m", n)]
    proc = cli("run", *args, "-f", "markdown", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert "Not run:" not in proc.stdout


def test_models_marks_the_default_ones() -> None:
    out = cli("models").stdout
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 2 and cells[1] in MODELS:
            assert (cells[2] == "yes") == (cells[1] in DEFAULT_MODELS), line
    assert "Default" in out
    entries = json.loads(cli("models", "-f", "json").stdout)
    assert {e["name"] for e in entries if e["default"]} == set(DEFAULT_MODELS)
