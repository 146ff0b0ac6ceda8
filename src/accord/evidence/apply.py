"""Adding accepted claims to a scenario as evidence, with their articles as sources.

Each accepted claim becomes an :class:`~accord.scenario.schema.Evidence` (source id, the exact
quote, a note with the cue, score and direction hint) on the stance of its (actor, issue).
An article already listed in ``sources`` (same file name) keeps its id; a new one is added with
its title and date when known. A quote already cited for that stance is not added twice.

A claim whose (actor, issue) has no stance is skipped and reported, unless ``draft_stances``
is set: then a stance is drafted at the end of the scale the claim points to, with salience
0.5 and an ``inference`` saying that both numbers are placeholders for the analyst to set
(claims without a direction hint are still skipped: there is nothing to draft from).

Quotes from HTML pages are verbatim in the page's extracted text, not in its markup, so their
sources get no ``file:`` (which `accord validate --sources` would check against the raw HTML).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from accord.evidence.claims import Claim
from accord.evidence.reading import Article
from accord.scenario.schema import Scenario

DRAFT_SALIENCE = 0.5


@dataclass
class ApplyReport:
    """What ``apply_claims`` did."""

    added: list[Claim] = field(default_factory=list)
    duplicates: list[Claim] = field(default_factory=list)
    skipped: list[tuple[Claim, str]] = field(default_factory=list)
    drafted: list[tuple[str, str]] = field(default_factory=list)
    new_sources: list[str] = field(default_factory=list)


def _source_id(article: Article, taken: set[str]) -> str:
    stem = article.name.rsplit(".", 1)[0] if "." in article.name else article.name
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:60] or "article"
    if not base[0].isalnum():
        base = f"src-{base}"
    ident, k = base, 2
    while ident in taken:
        ident, k = f"{base}-{k}", k + 1
    return ident


def _note(c: Claim) -> str:
    parts = [f"accord evidence: {c.cue or 'no stance cue'}", f"score {c.score:.2f}"]
    if c.direction is not None and c.toward is not None:
        label = f" ({c.toward_label})" if c.toward_label else ""
        parts.append(f"toward {c.toward:g}{label}")
    return ", ".join(parts)


def apply_claims(scenario: Scenario, claims: Sequence[Claim], articles: Sequence[Article], *,
                 draft_stances: bool = False) -> tuple[Scenario, ApplyReport]:
    """A new scenario with ``claims`` added as evidence (the module docstring says how)."""
    report = ApplyReport()
    data: dict[str, Any] = scenario.model_dump(mode="python")
    data["sources"] = list(data["sources"])
    data["stances"] = list(data["stances"])
    by_path = {a.path: a for a in articles}
    source_of: dict[str, str] = {}
    known = {s["file"]: s["id"] for s in data["sources"] if s.get("file")}
    taken = {s["id"] for s in data["sources"]}
    stances = {(s["actor"], s["issue"]): s for s in data["stances"]}

    def source_for(claim: Claim) -> str:
        if claim.path in source_of:
            return source_of[claim.path]
        article = by_path[claim.path]
        if article.kind == "text" and article.name in known:
            ident = str(known[article.name])
        else:
            ident = _source_id(article, taken)
            taken.add(ident)
            entry: dict[str, Any] = {"id": ident, "title": article.title or article.name}
            if article.kind == "text":
                entry["file"] = article.name
            else:
                entry["note"] = f"quotes are from the text extracted from {article.name}"
            for key, value in (("author", article.author), ("outlet", article.outlet),
                               ("published", article.date), ("url", article.url)):
                if value:
                    entry[key] = value
            data["sources"].append(entry)
            report.new_sources.append(ident)
        source_of[claim.path] = ident
        return ident

    for claim in claims:
        stance = stances.get((claim.actor, claim.issue))
        if stance is None and draft_stances and claim.toward is not None:
            stance = {"actor": claim.actor, "issue": claim.issue, "position": claim.toward,
                      "salience": DRAFT_SALIENCE, "evidence": [],
                      "inference": "drafted by accord evidence from the direction of the quote: "
                                   "position at the end of the scale it points to, salience "
                                   "0.5; both are placeholders for the analyst to set"}
            data["stances"].append(stance)
            stances[(claim.actor, claim.issue)] = stance
            report.drafted.append((claim.actor, claim.issue))
        if stance is None:
            why = ("no direction hint to draft a stance from" if draft_stances
                   else "no stance for this actor and issue (add one, or use --draft-stances)")
            report.skipped.append((claim, why))
            continue
        source = source_for(claim)
        evidence = list(stance.get("evidence") or [])
        if any(e["source"] == source and e["quote"] == claim.quote for e in evidence):
            report.duplicates.append(claim)
            continue
        evidence.append({"source": source, "quote": claim.quote, "note": _note(claim)})
        stance["evidence"] = evidence
        report.added.append(claim)
    return Scenario.model_validate(data), report
