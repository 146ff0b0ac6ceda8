"""Claims quote their sentence exactly, are located, ranked, and stable between runs."""

from __future__ import annotations

import itertools

from accord.evidence.extract import Extractor, rank
from accord.evidence.reading import parse_article, read_article
from accord.evidence.selection import accept_ids, accept_top, by_cell, top_per_cell
from tests.conftest import SEEDS, need_shared
from tests.unit.evidence.helpers import DATA, best, claims_of, mini

TEXT = ("Peace talks\n\nThe weather was cold.\nInstead, Putin wants an explicit upfront "
        "guarantee that Ukraine will not join Nato. Kyiv rejected any deal that cedes the four "
        "oblasts.\n")


def test_quotes_are_exact_spans_with_line_and_column() -> None:
    article = parse_article(TEXT, "talks.txt")
    claims = Extractor(mini()).extract(article)
    assert claims
    lines = TEXT.split("\n")
    for c in claims:
        assert article.text[c.start:c.end] == c.quote
        assert lines[c.line - 1][c.col - 1:].startswith(c.quote[:20])
    rus = best(claims, "RUS", "nato")
    assert rus is not None and rus.line == 4 and rus.col == 1
    assert rus.cue == "demand" and rus.direction == "high" and rus.toward == 100
    assert rus.toward_label == "binding permanent neutrality"


def test_html_offsets_point_into_the_extracted_text() -> None:
    article = read_article(DATA / "html" / "talks-stall.html")
    claims = Extractor(mini()).extract(article)
    assert {c.actor for c in claims} >= {"RUS", "UKR"}
    for c in claims:
        assert article.text[c.start:c.end] == c.quote
        assert c.file == "talks-stall.html"
    rus = best(claims, "RUS", "nato")
    assert rus is not None and "Kremlin" in rus.quote and rus.direction == "high"
    ukr = best(claims, "UKR", "territory")
    assert ukr is not None and ukr.cue == "refusal" and ukr.quote.startswith("Kyiv rejected")


def test_seed_offsets_exact_and_ids_stable() -> None:
    need_shared()
    scenario = mini()
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        first = Extractor(scenario).extract(article)
        again = Extractor(scenario).extract(read_article(path))
        assert [c.id for c in first] == [c.id for c in again]
        for c in first:
            assert article.text[c.start:c.end] == c.quote
    assert len({c.id for c in first}) == len(first)


def test_ranking_order_does_not_depend_on_input_order() -> None:
    claims = claims_of(TEXT)
    assert rank(reversed(claims)) == rank(claims)
    assert all(a.score >= b.score for a, b in itertools.pairwise(claims))


def test_selection_top_k_threshold_and_ids() -> None:
    claims = claims_of(TEXT)
    cells = by_cell(claims)
    chosen = accept_top(claims, top_k=1, min_score=0.5)
    assert all(c.score >= 0.5 for c in chosen)
    assert len({(c.actor, c.issue) for c in chosen}) == len(chosen)
    assert all(cells[(c.actor, c.issue)][0] == c for c in chosen)
    assert accept_top(claims, min_score=1.0) == []
    shown = top_per_cell(claims, 1)
    assert len(shown) == len(cells)
    assert accept_ids(claims, [claims[-1].id, claims[0].id]) == [claims[-1], claims[0]]


def test_unknown_accept_id_is_a_usage_error() -> None:
    import pytest

    from accord.errors import UsageError

    with pytest.raises(UsageError, match="no candidate with id RUS-nato-000000"):
        accept_ids(claims_of(TEXT), ["RUS-nato-000000"])


def test_nothing_found_without_actors_or_issues() -> None:
    assert claims_of("The weather was cold and the sea was calm.") == []
    assert claims_of("Putin had lunch on Tuesday.") == []
