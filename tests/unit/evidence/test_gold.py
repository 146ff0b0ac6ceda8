"""The gold set is well formed: every quote is verbatim at its offsets, ids are the case's."""

from __future__ import annotations

from pathlib import Path

from accord.cases import load_case
from accord.evidence.evaluation import load_gold
from tests.conftest import SEEDS, need_shared

GOLD = Path(__file__).resolve().parents[2] / "data" / "evidence-gold" / "gold.yaml"


def test_gold_quotes_are_verbatim_at_their_offsets() -> None:
    need_shared()
    documents, items = load_gold(GOLD)
    assert len(documents) == 5 and len(items) >= 40
    texts = {d: (SEEDS / d).read_text("utf-8") for d in documents}
    for g in items:
        assert texts[g.file][g.start:g.end] == g.quote, g.id
    assert len({g.id for g in items}) == len(items)


def test_gold_uses_the_built_in_case_ids() -> None:
    _, items = load_gold(GOLD)
    case = load_case("ukraine-2025-12")
    actors = {a.id for a in case.actors}
    issues = {i.id for i in case.issues}
    assert {g.actor for g in items} <= actors
    assert {g.issue for g in items} <= issues
    assert {g.direction for g in items} <= {"high", "low", "mixed", "unclear"}
