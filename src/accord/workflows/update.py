"""Drafting the next snapshot of a scenario from new articles: ``accord update`` and the
dashboard's review of proposals.

:func:`draft_update` reads the articles against the scenario's actors and issues
(:class:`accord.evidence.Extractor`), turns the candidates into proposals
(:func:`accord.evidence.drafting.propose`: a position, salience or red line moved, a quote added,
a new stance; new actors and issues to add by hand) and applies the accepted ones
(:func:`accord.evidence.drafting.draft`), carrying every other stance over unchanged. The
returned :class:`Update` holds the draft, which validates like any scenario, and everything a
face shows or writes; writing the file (or saving a version) is the face's.

The review is the same on every face: by default every proposal that can be applied is; a
face passes the ids to accept (only those, possibly none) or to reject (all but those), and
``names`` says how its messages call the choices (the command line: ``--accept``, ``--reject``,
``--as-of``; the dashboard's review page: its own words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from accord.scenario.dates import parse_partial_date
from accord.scenario.schema import Scenario

CLI_NAMES: dict[str, str] = {"accept": "--accept", "reject": "--reject", "as_of": "--as-of"}
"""How messages name the review's choices and the new date (the default: the command line's
options)."""


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
    def untouched(self) -> list[tuple[str, str]]:
        """(actor, issue) of every stance of the old snapshot that no proposal which can be
        applied is about: carried over whatever the review accepts."""
        about = {(p.actor, p.issue) for p in self.proposals if p.addable}
        return [(s.actor, s.issue) for s in self.old.stances if (s.actor, s.issue) not in about]

    @property
    def applied(self) -> list[Proposal]:
        """The accepted proposals, in the order they are listed."""
        return [p for p in self.proposals if p.id in self.accepted]

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
           reject: Sequence[str] | None,
           names: Mapping[str, str] = CLI_NAMES) -> frozenset[str]:
    """Ids of the accepted proposals: ``accept`` (only those; an empty list: none) or, when it
    is None, every addable one; less ``reject``. Unknown ids, and new actors or issues asked
    for, are usage errors worded with ``names``."""
    known = {p.id: p for p in proposals}
    for option, ids in (("accept", accept), ("reject", reject)):
        missing = [i for i in ids or [] if i not in known]
        if missing:
            raise UsageError(f"{names[option]}: no proposal with id {', '.join(missing)} (ids "
                             "are listed for the same articles and scenario)")
    manual = [i for i in accept or [] if not known[i].addable]
    if manual:
        raise UsageError(f"{names['accept']} {', '.join(manual)}: new actors and issues are "
                         "proposed only; add them to the scenario by hand")
    base = set(accept) if accept is not None else {p.id for p in proposals if p.addable}
    return frozenset(base - set(reject or []))


def new_date(given: str | None, articles: Sequence[Article], scenario: Scenario,
             name: str = CLI_NAMES["as_of"]) -> str | None:
    """The new snapshot's date: as given (a usage error, worded with ``name``, if it is not a
    date), else the latest article's, else the old one's."""
    if given is not None:
        try:
            parse_partial_date(given)
        except ValueError as exc:
            raise UsageError(f"{name}: {exc}") from None
        return given.strip()
    dates = [a.date for a in articles if a.date]
    if dates:
        return max(dates)
    return str(scenario.as_of) if scenario.as_of else None


def draft_update(scenario: Scenario, articles: Sequence[Article], *,
                 accept: Sequence[str] | None = None, reject: Sequence[str] | None = None,
                 as_of: str | None = None, new_id: str | None = None,
                 min_score: float = DEFAULT_MIN_SCORE,
                 names: Mapping[str, str] = CLI_NAMES) -> Update:
    """The proposals of ``articles`` for ``scenario`` and the draft with the accepted ones
    applied (see the module docstring); ``names`` words the usage errors."""
    extractor = Extractor(scenario)
    claims = extractor.extract_all(list(articles))
    proposals = propose(scenario, claims, extractor.findings, min_score=min_score)
    accepted = chosen(proposals, accept, reject, names)
    when = new_date(as_of, articles, scenario, names["as_of"])
    try:
        new = draft(scenario, proposals, claims, list(articles), accepted=accepted,
                    scenario_id=new_id or next_id(scenario, when), as_of=when)
    except ValueError as exc:  # e.g. an --id or --as-of the schema refuses
        raise UsageError(f"the draft is not a valid scenario: {exc}") from None
    return Update(old=scenario, new=new, articles=tuple(articles), proposals=tuple(proposals),
                  accepted=accepted, findings=tuple(extractor.findings),
                  sentences=dict(extractor.sentence_counts))
