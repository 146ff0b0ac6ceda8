"""Drafting the next snapshot: proposals with stable ids, numbers moved the right way, the rest
carried over, and a draft that validates (no ../shared needed)."""

from __future__ import annotations

from accord.evidence.claims import Claim
from accord.evidence.discovery import Finding
from accord.evidence.drafting import Proposal, draft, next_id, propose
from accord.evidence.extract import Extractor
from accord.evidence.reading import Article, parse_article
from accord.scenario.schema import Scenario
from tests.unit.evidence.helpers import mini

TEXT = ("Title: Talks resume\nDate: 2026-01-15\n\n"
        "Ukraine said on Monday it was open to withdrawing its troops from the Donbas. "
        "Russia rejects any NATO membership for Ukraine. "
        "Saudi Arabia offered to host the next round in Riyadh.\n")


def _run(scenario: Scenario) -> tuple[list[Proposal], list[Claim], Article, list[Finding]]:
    article = parse_article(TEXT, "talks.txt")
    extractor = Extractor(scenario)
    claims = extractor.extract_all([article])
    return propose(scenario, claims, extractor.findings), claims, article, extractor.findings


def test_proposals_move_numbers_and_carry_the_rest_over() -> None:
    scenario = mini()
    proposals, claims, article, _ = _run(scenario)
    by_kind = {(p.kind, p.actor, p.issue): p for p in proposals}
    concession = by_kind[("position", "UKR", "territory")]
    assert concession.old == 10 and concession.new is not None and concession.new > 10
    assert "concession" in concession.reason and concession.quote.startswith("Ukraine said")
    insists = by_kind[("salience", "RUS", "nato")]
    assert insists.old == 0.9 and insists.new == 1.0
    assert ("new-actor", "SAU", None) in by_kind and not by_kind[("new-actor", "SAU", None)].addable
    assert [p.id for p in proposals] == [p.id for p in _run(scenario)[0]]  # stable ids

    new = draft(scenario, proposals, claims, [article], scenario_id=next_id(scenario, "2026-01"),
                as_of="2026-01")
    assert new.id == "talks-mini" + "-2026-01" and str(new.as_of) == "2026-01"
    moved = new.stance("UKR", "territory")
    assert moved is not None and moved.position == concession.new and not moved.carried_over
    assert concession.id in moved.rationale["position"]
    assert any(e.quote == concession.quote for e in moved.evidence)
    assert "talks.txt" in {s.file for s in new.sources}
    silent = [s for s in new.stances if (s.actor, s.issue) not in
              {(p.actor, p.issue) for p in proposals}]
    assert silent and all(s.carried_over for s in silent)
    assert all(a.id != "SAU" for a in new.actors)  # proposed, never added
    Scenario.model_validate(new.model_dump())


def test_rejected_proposals_leave_the_numbers_alone() -> None:
    scenario = mini()
    proposals, claims, article, _ = _run(scenario)
    keep = {p.id for p in proposals if p.kind != "position"}
    new = draft(scenario, proposals, claims, [article], accepted=keep)
    stance = new.stance("UKR", "territory")
    assert stance is not None and stance.position == 10 and stance.carried_over
