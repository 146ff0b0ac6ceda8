"""Accepted claims become evidence in a new scenario; sources, duplicates, drafts."""

from __future__ import annotations

from accord.evidence.apply import apply_claims
from accord.evidence.extract import Extractor
from accord.evidence.reading import parse_article, read_article
from accord.evidence.selection import accept_top
from accord.scenario.load import parse_scenario
from accord.scenario.save import dump_scenario
from tests.conftest import SEEDS, need_shared
from tests.unit.evidence.helpers import DATA, mini

TEXT = ("Putin wants an explicit guarantee that Ukraine will not join Nato. Kyiv rejected any "
        "deal that cedes the four oblasts. Moscow insists on sanctions relief.")


def test_evidence_added_to_existing_stances_and_new_source() -> None:
    scenario = mini()
    article = parse_article("Talks\n\n" + TEXT, "news/talks.txt")
    claims = accept_top(Extractor(scenario).extract(article))
    new, report = apply_claims(scenario, claims, [article])
    assert {(c.actor, c.issue) for c in report.added} >= {("RUS", "nato"), ("UKR", "territory")}
    assert report.new_sources == ["talks"]
    source = new.source("talks")
    assert source.title == "Talks" and source.file == "talks.txt"
    rus = new.stance("RUS", "nato")
    assert rus is not None and len(rus.evidence) == 2  # the one it had, plus the new quote
    added = rus.evidence[-1]
    assert added.source == "talks" and added.quote in article.text
    assert added.note is not None and "demand" in added.note and "toward 100" in added.note
    # RUS/sanctions has no stance in the scenario: reported, not invented
    assert any(c.actor == "RUS" and c.issue == "sanctions" for c, _ in report.skipped)
    assert new.stance("RUS", "sanctions") is None
    # the scenario round-trips through YAML and the original is untouched
    assert parse_scenario(dump_scenario(new), "new.yaml") == new
    assert scenario.stance("RUS", "nato").evidence == mini().stance("RUS", "nato").evidence  # type: ignore[union-attr]


def test_known_source_file_keeps_its_id_and_quotes_are_not_doubled() -> None:
    need_shared()
    scenario = mini()  # lists 001_3cfbb70250ff8981.txt as s001
    article = read_article(SEEDS / "001_3cfbb70250ff8981.txt")
    claims = accept_top(Extractor(scenario).extract(article))
    new, report = apply_claims(scenario, claims, [article])
    assert report.new_sources == []
    assert all(e.source == "s001" for s in new.stances for e in s.evidence)
    again, second = apply_claims(new, claims, [article])
    assert second.added == [] and len(second.duplicates) == len(report.added)
    assert again == new


def test_draft_stances_are_marked_as_drafts() -> None:
    scenario = mini()
    article = parse_article(TEXT, "talks.txt")
    claims = accept_top(Extractor(scenario).extract(article), min_score=0.3)
    new, report = apply_claims(scenario, claims, [article], draft_stances=True)
    for actor, issue in report.drafted:
        stance = new.stance(actor, issue)
        assert stance is not None and stance.salience == 0.5
        assert stance.inference is not None and "placeholders" in stance.inference
        assert stance.position in (new.issue(issue).low, new.issue(issue).high)
        assert stance.evidence


def test_html_source_has_title_date_and_no_file() -> None:
    scenario = mini()
    article = read_article(DATA / "html" / "talks-stall.html")
    claims = accept_top(Extractor(scenario).extract(article))
    new, report = apply_claims(scenario, claims, [article])
    source = new.source("talks-stall")
    assert source.title == "Talks stall over Donetsk"
    assert str(source.published) == "2025-12-02" and source.author == "Jane Roe"
    assert source.file is None and source.note is not None
    assert report.added
