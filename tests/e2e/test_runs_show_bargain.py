"""``accord runs list`` and ``runs show`` of a recorded bargaining run say what ran and what
it found (issue 19): its options under "What", its verdict and its zones."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli
from tests.unit.store.helpers import TALKS_2025


def _ok(*args: str | Path) -> str:
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_bargain_run_shows_its_verdict_and_zones(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    _ok("bargain", TALKS_2025, "--db", db, "--loss", "quadratic", "--horizon", "24")
    listed = _ok("runs", "list", "--db", db, "-f", "markdown")
    row = next(line for line in listed.splitlines() if line.startswith("| 1 |"))
    what = row.split("|")[4].strip()
    assert what == "quadratic loss, no deal by reservation, capability-salience power, " \
                  "horizon 24 months", row
    shown = _ok("runs", "show", "1", "--db", db, "-f", "markdown")
    assert "quadratic loss" in shown
    assert "No deal: Northland's red line on control of the border districts" in shown
    assert "| Control of the border districts | none |" in shown
    assert "| Sanctions on Northland | 0–100 |" in shown
