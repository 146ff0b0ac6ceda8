"""Small scenarios with every kind of distribution, for the uncertainty tests."""

from __future__ import annotations

from accord.scenario.load import parse_scenario
from accord.scenario.schema import Scenario

TALKS = """\
accord: 1
id: mc-talks
title: Three parties, three issues
as_of: 2026-01
actors:
  - {id: A, name: Atlantis, veto: true,
     capability: {dist: normal, mean: 40, sd: 8, low: 20, high: 60}}
  - {id: B, name: Borduria, capability: 30, veto: true}
  - {id: C, name: Carpania, capability: {dist: uniform, low: 10, high: 30}}
  - {id: D, name: Dacia, capability: 12}
issues:
  - {id: tariff, name: Tariff level, range: [0, 100], status_quo: 50}
  - {id: quota, name: Quota, range: [4, 10]}
  - {id: border, name: Border, range: [0, 100], status_quo: 30}
stances:
  - {actor: A, issue: tariff, salience: 0.8,
     position: {dist: triangular, low: 10, mode: 20, high: 40},
     reservation: {dist: normal, mean: 45, sd: 6, low: 30, high: 60}}
  - {actor: B, issue: tariff, position: 80, salience: {dist: uniform, low: 0.5, high: 0.9},
     reservation: {dist: triangular, low: 40, mode: 50, high: 65}}
  - {actor: C, issue: tariff, position: 55, salience: 0.4}
  - {actor: D, issue: tariff, position: {dist: normal, mean: 70, sd: 30}, salience: 0.3}
  - {actor: A, issue: quota, position: 5, salience: 0.5, reservation: 7}
  - {actor: B, issue: quota, position: {dist: uniform, low: 8, high: 10}, salience: 0.7,
     reservation: {dist: uniform, low: 6, high: 7.5}}
  - {actor: C, issue: quota, position: 6,
     salience: {dist: triangular, low: 0, mode: 0.2, high: 0.6}}
  - {actor: A, issue: border, position: 10, salience: 0.3, reservation: 35}
  - {actor: B, issue: border, position: 90, salience: 0.6,
     reservation: {dist: triangular, low: 30, mode: 40, high: 55}}
  - {actor: D, issue: border, position: 40, salience: 0.2}
costs:
  - {actor: A, drift: {dist: triangular, low: 0.2, mode: 0.5, high: 1.5}}
  - {actor: B, issue: tariff, drift: {dist: uniform, low: 0, high: 1}, floor: 30}
  - {actor: B, issue: border, drift: 0.6, floor: 20}
"""

PLAIN = """\
accord: 1
id: plain
title: No distributions
actors:
  - {id: A, name: A, capability: 3, veto: true}
  - {id: B, name: B, capability: 2, veto: true}
  - {id: C, name: C, capability: 1}
issues:
  - {id: x, name: X}
  - {id: y, name: Y, range: [4, 10]}
stances:
  - {actor: A, issue: x, position: 20, salience: 0.5, reservation: 60}
  - {actor: B, issue: x, position: 90, salience: 0.7, reservation: 50}
  - {actor: C, issue: x, position: 40, salience: 0.2}
  - {actor: A, issue: y, position: 5, salience: 0.4}
  - {actor: B, issue: y, position: 9, salience: 0.4}
  - {actor: C, issue: y, position: 7, salience: 0.9}
"""


def talks() -> Scenario:
    return parse_scenario(TALKS, "mc-talks.yaml")


def plain() -> Scenario:
    return parse_scenario(PLAIN, "plain.yaml")


def zero_width() -> Scenario:
    """``talks`` with every distribution collapsed onto its point value."""
    text = TALKS
    for old, new in (
        ("{dist: normal, mean: 40, sd: 8, low: 20, high: 60}", "{dist: normal, mean: 40, sd: 0}"),
        ("{dist: uniform, low: 10, high: 30}", "{dist: uniform, low: 20, high: 20}"),
        ("{dist: triangular, low: 10, mode: 20, high: 40}",
         "{dist: triangular, low: 20, mode: 20, high: 20}"),
        ("{dist: normal, mean: 45, sd: 6, low: 30, high: 60}",
         "{dist: normal, mean: 45, sd: 6, low: 45, high: 45}"),
        ("{dist: uniform, low: 0.5, high: 0.9}", "{dist: uniform, low: 0.7, high: 0.7}"),
        ("{dist: triangular, low: 40, mode: 50, high: 65}",
         "{dist: triangular, low: 50, mode: 50, high: 50}"),
        ("{dist: normal, mean: 70, sd: 30}", "{dist: normal, mean: 70, sd: 0}"),
        ("{dist: uniform, low: 8, high: 10}", "{dist: uniform, low: 9, high: 9}"),
        ("{dist: uniform, low: 6, high: 7.5}", "{dist: uniform, low: 6.75, high: 6.75}"),
        ("{dist: triangular, low: 0, mode: 0.2, high: 0.6}",
         "{dist: triangular, low: 0.2, mode: 0.2, high: 0.2}"),
        ("{dist: triangular, low: 30, mode: 40, high: 55}",
         "{dist: triangular, low: 40, mode: 40, high: 40}"),
        ("{dist: triangular, low: 0.2, mode: 0.5, high: 1.5}",
         "{dist: triangular, low: 0.5, mode: 0.5, high: 0.5}"),
        ("{dist: uniform, low: 0, high: 1}", "{dist: uniform, low: 0.5, high: 0.5}"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return parse_scenario(text, "zero-width.yaml")
