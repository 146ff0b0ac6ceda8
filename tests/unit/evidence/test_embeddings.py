"""The optional embedding path (skipped unless the extra accord[embeddings] is installed)."""

from __future__ import annotations

import pytest

from accord.evidence.embeddings import CEILING, FLOOR, available, issue_text, rescale
from tests.unit.evidence.helpers import mini


def test_rescale_and_issue_text_need_no_model() -> None:
    assert rescale(FLOOR) == 0.0 and rescale(CEILING) == 1.0 and rescale(1.0) == 1.0
    assert 0 < rescale((FLOOR + CEILING) / 2) < 1
    text = issue_text(mini().issue("nato"))
    assert "binding permanent neutrality" in text and "accession" in text


@pytest.mark.skipif(not available(), reason="the embeddings extra is not installed")
def test_embeddings_find_an_issue_the_keywords_miss() -> None:
    from accord.evidence.embeddings import EmbeddingScorer
    from accord.evidence.extract import Extractor
    from accord.evidence.reading import parse_article

    scenario = mini()
    scorer = EmbeddingScorer(scenario.issues)
    strengths = scorer.strengths([
        "Moscow demands that Kyiv renounce any ambition to enter the Western military bloc.",
        "The weather in Geneva was cold and wet."])
    assert strengths[0].get("nato", 0) > strengths[0].get("g8", 0)
    assert strengths[0].get("nato", 0) > 0.3
    assert max(strengths[1].values(), default=0) < 0.3
    text = "Moscow demands that Kyiv renounce any ambition to enter the Western military bloc."
    lexical = Extractor(scenario).extract(parse_article(text, "a.txt"))
    assert not [c for c in lexical if c.issue == "nato"]  # no keyword of the issue is there
    blended = Extractor(scenario, semantic=scorer).extract(parse_article(text, "a.txt"))
    found = [c for c in blended if c.issue == "nato" and c.actor == "RUS"]
    assert found and "~meaning" in found[0].terms
