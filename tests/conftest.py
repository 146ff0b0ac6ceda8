"""Shared test helpers: the reference data folder and running the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
SEEDS = SHARED / "seeds"


def need_shared() -> Path:
    """The ../shared folder, or skip the test when it is not beside the checkout."""
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not available")
    return SHARED


def cli(*args: str | os.PathLike[str], cwd: Path | None = None,
        env: dict[str, str] | None = None, timeout: float = 120,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m accord ARGS`` from this source tree; returns the finished process."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "160"}
    full_env.pop("ACCORD_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "accord", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env=full_env, timeout=timeout, input=stdin,
    )


@pytest.fixture
def run_cli():  # type: ignore[no-untyped-def]
    return cli
