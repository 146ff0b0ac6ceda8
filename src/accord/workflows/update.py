"""Drafting the next snapshot of a scenario from new articles: ``accord update`` and the
dashboard's review of proposals.

:func:`draft_update` reads the articles against the scenario's actors and issues
(:class:`accord.evidence.Extractor`), turns the candidates into proposals
(:func:`accord.evidence.drafting.propose`: a position, salience or red line moved, a quote added,
a new stance; new actors and issues to add by hand) and applies the accepted ones
(:func:`accord.evidence.drafting.draft`), carrying every other stance over unchanged. The
returned :class:`Update` holds the draft, which validates like any scenario, and everything a
face shows or writes; writing the file is the face's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord._version import __version__
from accord.errors import UsageError
from accord.evidence.discovery import Finding
from accord.evidence.drafting import Proposal, draft, next_id, propose
from accord.evidence.extract import Extractor
from accord.evidence.reading import Article
from accord.evidence.selection import DEFAULT_MIN_SCORE
from accord.scenario.schema import Scenario

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Update:
    """A drafted next snapshot and how it was made."""

    old: Scenario
    new: Scenario
    articles: tuple[Article, ...]
    proposals: tuple[Proposal, ...]
    accepted: frozenset[str]
    findings: tuple[Finding, ...]
    sentences: dict[str, int]
    """Sentences read per article path."""

    @property
    def carried(self) -> list[tuple[str, str]]:
        """(actor, issue) of every stance carried over unchanged."""
        return [(s.actor, s.issue) for s in self.new.stances if s.carried_over]

    @property
    def addable(self) -> int:
        return sum(p.addable for p in self.proposals)

    def document(self, output: Path | None = None) -> dict[str, Any]:
        """The JSON document of ``accord update``."""
        new = self.new
        return {
            "accord": __version__,
            "scenario": {"id": self.old.id, "digest": self.old.digest()},
            "draft": {"id": new.id, "digest": new.digest(),
                      "as_of": str(new.as_of) if new.as_of else None,
                      "output": None if output is None else str(output)},
            "articles": [{"path": a.path, "file": a.name, "kind": a.kind, "title": a.title,
                          "date": a.date, "sentences": self.sentences[a.path]}
                         for a in self.articles],
            "proposals": [p.to_dict(accepted=p.id in self.accepted) for p in self.proposals],
            "accepted": sorted(self.accepted),
            "carried_over": [{"actor": a, "issue": i} for a, i in self.carried],
            "not_in_scenario": [f.to_dict() for f in self.findings],
        }


def chosen(proposals: Sequence[Proposal], accept: Sequence[str] | None,
           reject: Sequence[str] | None) -> frozenset[str]:
    """Ids of the accepted proposals: ``accept`` (only those) or every addable one but
    ``reject``; unknown ids, and new actors or issues asked for, are usage errors."""
    known = {p.id: p for p in proposals}
    for option, ids in (("--accept", accept), ("--reject", reject)):
        missing = [i for i in ids or [] if i not in known]
        if missing:
            raise UsageError(f"{option}: no proposal with id {', '.join(missing)} (ids are "
                             "listed by `accord update` and depend on the files and scenario)")
    manual = [i for i in accept or [] if not known[i].addable]
    if manual:
        raise UsageError(f"--accept {', '.join(manual)}: new actors and issues are proposed "
                         "only; add them to the scenario by hand")
    base = set(accept) if accept else {p.id for p in proposals if p.addable}
    return frozenset(base - set(reject or []))


def new_date(given: str | None, articles: Sequence[Article], scenario: Scenario) -> str | None:
    """The new snapshot's date: as given, else the latest article's, else the old one's."""
    if given is not None:
        if not _DATE.fullmatch(given):
            raise UsageError(f"--as-of {given}: use YYYY, YYYY-MM or YYYY-MM-DD")
        return given
    dates = [a.date for a in articles if a.date]
    if dates:
        return max(dates)
    return str(scenario.as_of) if scenario.as_of else None


def draft_update(scenario: Scenario, articles: Sequence[Article], *,
                 accept: Sequence[str] | None = None, reject: Sequence[str] | None = None,
                 as_of: str | None = None, new_id: str | None = None,
                 min_score: float = DEFAULT_MIN_SCORE) -> Update:
    """The proposals of ``articles`` for ``scenario`` and the draft with the accepted ones
    applied (see the module docstring)."""
    extractor = Extractor(scenario)
    claims = extractor.extract_all(list(articles))
    proposals = propose(scenario, claims, extractor.findings, min_score=min_score)
    accepted = chosen(proposals, accept, reject)
    when = new_date(as_of, articles, scenario)
    try:
        new = draft(scenario, proposals, claims, list(articles), accepted=accepted,
                    scenario_id=new_id or next_id(scenario, when), as_of=when)
    except ValueError as exc:  # e.g. an --id or --as-of the schema refuses
        raise UsageError(f"the draft is not a valid scenario: {exc}") from None
    return Update(old=scenario, new=new, articles=tuple(articles), proposals=tuple(proposals),
                  accepted=accepted, findings=tuple(extractor.findings),
                  sentences=dict(extractor.sentence_counts))
