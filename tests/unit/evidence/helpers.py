"""A small scenario and helpers shared by the evidence tests."""

from __future__ import annotations

from pathlib import Path

from accord.evidence.claims import Claim
from accord.evidence.extract import Extractor
from accord.evidence.reading import parse_article
from accord.scenario.load import load_scenario
from accord.scenario.schema import Scenario

DATA = Path(__file__).resolve().parents[2] / "data" / "evidence"
MINI = DATA / "talks-mini.yaml"


def mini() -> Scenario:
    return load_scenario(MINI)


def claims_of(text: str, scenario: Scenario | None = None, name: str = "a.txt") -> list[Claim]:
    return Extractor(scenario or mini()).extract(parse_article(text, name))


def best(claims: list[Claim], actor: str, issue: str) -> Claim | None:
    found = [c for c in claims if c.actor == actor and c.issue == issue]
    return max(found, key=lambda c: c.score) if found else None
