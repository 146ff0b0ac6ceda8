"""Fixtures shared by the end-to-end tests: the built-in report, written once per session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import cli


@pytest.fixture(scope="session")
def builtin_report(tmp_path_factory: pytest.TempPathFactory) -> \
        tuple[Path, subprocess.CompletedProcess[str]]:
    """``accord report -o ukraine.html -f json`` on the default case: the file and the run."""
    out = tmp_path_factory.mktemp("report") / "ukraine.html"
    return out, cli("report", "-o", out, "-f", "json")
