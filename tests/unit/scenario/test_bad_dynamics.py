"""Bad input in the fields that move red lines and no-deal outcomes over time: each gives exit
status 2 and a FILE:LINE:COL message at the offending field (through the real command line)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli
from tests.unit.scenario.test_bad_input import GOOD, assert_bad, write

MOVING = GOOD.replace("    labels: {0: nothing, 100: everything}\n", """\
    labels: {0: nothing, 100: everything}
    status_quo: 40
    status_quo_drift:
      drift: 0.5
      limit: 70
      rationale: the front moves
      evidence:
        - {source: s1, quote: Alpha wants little}
""") + """\
costs:
  - {actor: A, issue: i1, drift: 1, direction: harden, floor: 15}
"""


def test_the_moving_example_validates(tmp_path: Path) -> None:
    proc = cli("validate", write(tmp_path, MOVING))
    assert proc.returncode == 0, proc.stderr


def test_unknown_direction(tmp_path: Path) -> None:
    text = MOVING.replace("direction: harden", "direction: tighten")
    assert_bad(write(tmp_path, text), 30, "direction")


def test_negative_cost_drift_points_to_harden(tmp_path: Path) -> None:
    text = MOVING.replace("drift: 1, direction: harden", "drift: -1")
    assert_bad(write(tmp_path, text), 30, "direction: harden")


def test_moving_no_deal_outcome_needs_a_status_quo(tmp_path: Path) -> None:
    text = MOVING.replace("    status_quo: 40\n", "")
    assert_bad(write(tmp_path, text), 15, "needs the issue's status_quo")


def test_limit_outside_the_range(tmp_path: Path) -> None:
    text = MOVING.replace("limit: 70", "limit: 170")
    assert_bad(write(tmp_path, text), 17, "limit 170 is outside the issue's range")


def test_limit_behind_the_drift(tmp_path: Path) -> None:
    text = MOVING.replace("limit: 70", "limit: 10")
    assert_bad(write(tmp_path, text), 17, "on the other side of the status quo 40")


def test_bad_no_deal_drift_and_fields(tmp_path: Path) -> None:
    text = MOVING.replace("drift: 0.5", "drift: fast")
    assert_bad(write(tmp_path, text), 16, "drift")
    text = MOVING.replace("limit: 70", "limit: 70\n      speed: 3")
    assert_bad(write(tmp_path, text), 18, "unknown field 'speed'")
    text = MOVING.replace("{source: s1, quote: Alpha wants little}\n",
                          "{source: s9, quote: Alpha wants little}\n", 1)
    assert_bad(write(tmp_path, text), 20, "unknown source 's9'")
    text = MOVING.replace("rationale: the front moves", "start: 2025-14")
    assert_bad(write(tmp_path, text), 18, "no month 14")
