"""Shared test helpers: the reference data folder and running the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser  # noqa: F401  (report and dashboard tests: headless Chromium)
from tests.pgserver import db_url, pg_server  # noqa: F401  (store tests: SQLite and PostgreSQL)

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


@pytest.fixture(autouse=True, scope="session")
def _private_data_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the default store (accord.db in the user's data directory) and the cache of parsed
    built-in cases out of the real home: ``accord run`` records its runs there unless told
    otherwise."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    os.environ.pop("ACCORD_DB", None)
