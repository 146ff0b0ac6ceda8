"""Shared test helpers: the reference data folder, and running the CLI in process (fast, the
default) or as a subprocess (the few smoke tests of the real program)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

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


# Hypothesis: a quick profile for the default local run, the realistic counts in CI
# (ACCORD_CI=1, or HYPOTHESIS_PROFILE=ci); tests that need more examples say so themselves.
settings.register_profile("dev", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("ACCORD_CI") else "dev"))


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def cli(*args: str | os.PathLike[str], cwd: Path | None = None,
        env: dict[str, str] | None = None, timeout: float = 120,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``accord ARGS`` in this process (typer's runner) and return what a finished
    ``python -m accord ARGS`` would: exit status, stdout, stderr. ``timeout`` is accepted for
    the signature's sake (:func:`cli_process` honours it)."""
    from accord.cli.commands import app

    argv = [str(a) for a in args]
    full_env = {"COLUMNS": "160", "ACCORD_DEBUG": None, **(env or {})}
    with _cwd(cwd):
        result = CliRunner().invoke(app, argv, input=stdin, env=full_env,
                                    catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["accord", *argv], result.exit_code, result.stdout,
                                       result.stderr)


def cli_process(*args: str | os.PathLike[str], cwd: Path | None = None,
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
