"""The extractor on the development corpus (../shared/reference/articles: 12 news excerpts,
60 hand-annotated statements) against tests/data/evidence-dev/scenario.yaml.

Issue 18's targets are recall@3 >= 0.85, precision >= 0.7 and direction >= 0.85. The figures
last measured (docs/evidence.md, "Accuracy") fall short of the recall and precision
targets; these tests check that they do not fall back: each threshold is the measured figure
less a tolerance of about 0.05 (three or four statements), so that a change of the extractor
that loses ground on articles it was not developed on fails here. They also keep the seed
figures at least as good as before issue 18 (recall@3 0.938, precision 0.750), less 0.05."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.cases import load_case
from accord.evidence.evaluation import Evaluation, evaluate_gold
from accord.scenario.load import load_scenario
from tests.conftest import REFERENCE, SEEDS, need_shared

DATA = Path(__file__).resolve().parents[1] / "data"
TOLERANCE = 0.05
PER_ARTICLE = {"recall": 0.833, "precision": 0.585, "direction": 0.841}
POOLED = {"recall": 0.741, "precision": 0.583, "direction": 0.84}
SEEDS_BEFORE = {"recall": 0.938, "precision": 0.750}


def run(per_document: bool) -> Evaluation:
    need_shared()
    articles = REFERENCE / "articles"
    scenario = load_scenario(DATA / "evidence-dev" / "scenario.yaml")
    evaluation, _ = evaluate_gold(scenario, articles / "gold.tsv", articles,
                                  per_document=per_document)
    return evaluation


@pytest.mark.parametrize(("per_document", "measured"), [(True, PER_ARTICLE), (False, POOLED)])
def test_development_corpus_figures_hold(per_document: bool,
                                         measured: dict[str, float]) -> None:
    ev = run(per_document)
    figures = {"recall": ev.recall_micro, "precision": ev.precision,
               "direction": ev.direction_accuracy}
    for name, value in measured.items():
        assert figures[name] >= value - TOLERANCE, (name, figures)
    assert ev.to_dict()["gold_items"] == 60 and ev.directions_checked >= 30
    assert sum(c.accepted for c in ev.cells) >= 30  # not precise by accepting nothing


def test_every_issue_of_the_corpus_is_scored() -> None:
    ev = run(True)
    issues = {row["issue"] for row in ev.breakdown("issue")}
    assert {"ceasefire", "talks", "assets", "eu-membership", "prisoners"} <= issues
    directions = {row["direction"]: row for row in ev.breakdown("direction")}
    assert set(directions) == {"high", "low", "none"}
    assert directions["high"]["gold"] == 21 and directions["low"]["gold"] == 30


def test_seed_figures_are_no_worse_than_before() -> None:
    need_shared()
    ev, _ = evaluate_gold(load_case("ukraine-2025-12"),
                          DATA / "evidence-gold" / "gold.yaml", SEEDS)
    assert ev.recall_micro >= SEEDS_BEFORE["recall"] - TOLERANCE, ev.to_dict()
    assert ev.precision >= SEEDS_BEFORE["precision"] - TOLERANCE, ev.to_dict()
