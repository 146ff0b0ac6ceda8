"""Fixtures of the dashboard's unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.web.helpers import Dashboard, dashboard


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Dashboard]:
    """A dashboard over a fresh SQLite store (errors raised to the test as they happen)."""
    with dashboard(tmp_path) as d:
        yield d
