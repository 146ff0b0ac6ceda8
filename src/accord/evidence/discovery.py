"""What the articles say that the scenario has no place for: parties it does not name and
issues it does not have, reported "not in the scenario" with their quotes.

A scenario is always behind the news: a new party speaks up (Saudi Arabia hosts talks,
Belgium blocks the use of frozen assets) or a new question comes up (a ceasefire first, the
talks' format). These statements are what tells an analyst the scenario is missing something,
so the extractor reports them instead of dropping them:

* **actors**: every state or body of the gazetteer (:mod:`accord.evidence.gazetteer`) that no
  actor of the scenario stands for is looked for as an *outsider* actor, with its name,
  capital and adjective ("the Saudi foreign minister"), and people introduced by a title for
  it (:mod:`accord.evidence.people`). An outsider that holds a stance cue (or is the speaker
  of a quotation) in a sentence is a finding, whether or not the sentence is about one of the
  scenario's issues;
* **issues**: a sentence in which an actor (of the scenario or an outsider) holds a firm
  stance cue (a demand, refusal, red line, offer, ...) but that touches none of the scenario's
  issues states a position on something else. Its *topic* is the content words of the clause
  after the cue ("a ceasefire along the current front lines" -> "ceasefire current front
  lines"); findings are grouped by the most frequent of those words across the articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from accord.evidence.gazetteer import GAZETTEER, Place, place_for
from accord.evidence.issues import STOPWORDS
from accord.evidence.tokens import Token
from accord.scenario.schema import Actor, Scenario

TOPIC_WORDS = 5
"""Content words after a cue that name an unmapped statement's topic."""
MIN_ISSUE_CUE = 0.7
"""Weakest cue (strength) that makes a sentence without an issue a finding."""
_GENERIC_TEXT = """
said says say saying told made make makes now also would could first new like well way time
times years year week weeks month months today monday tuesday wednesday thursday friday
saturday sunday end ended war peace deal thing things part already still just even really
i me my we us our you your he him his she her it its they them their we're we'll they're
they'll it's i'm you're he's she's there's that's
"""
GENERIC = frozenset(_GENERIC_TEXT.split())
"""Words too general to name what a statement is about."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A statement the scenario has no place for."""

    kind: Literal["actor", "issue"]
    actor: str
    """The actor holding the position: an outsider's suggested id for ``kind="actor"``."""
    actor_name: str
    issue: str | None
    """The scenario issue the statement is about, if any (``None`` for ``kind="issue"``)."""
    topic: str
    """For an issue finding, the words that name what it is about; else the issue's name or
    an empty string."""
    quote: str
    file: str
    path: str
    start: int
    end: int
    line: int
    col: int
    cue: str | None
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "actor": self.actor, "actor_name": self.actor_name,
                "issue": self.issue, "topic": self.topic, "quote": self.quote,
                "file": self.file, "path": self.path, "start": self.start, "end": self.end,
                "line": self.line, "col": self.col, "cue": self.cue, "score": self.score}


def outsiders(scenario: Scenario) -> list[Actor]:
    """Actors for every gazetteer place that no actor of the scenario stands for."""
    taken: set[int] = set()
    ids = {a.id for a in scenario.actors}
    words = {w.lower() for a in scenario.actors for w in (a.id, a.name, *a.aliases)}
    for a in scenario.actors:
        place = place_for([a.name, a.id, *a.aliases])
        if place is not None:
            taken.add(id(place))
    out: list[Actor] = []
    for key, place in GAZETTEER.items():
        if id(place) in taken or key in words:
            continue
        ident = _outsider_id(place, key, ids)
        ids.add(ident)
        name = place.name or key.title()
        if name.lower() in words:
            continue
        out.append(Actor(id=ident, name=name, capability=1))
    return out


def _outsider_id(place: Place, key: str, taken: set[str]) -> str:
    base = place.code or re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").upper()
    ident, k = base, 2
    while ident in taken:
        ident, k = f"{base}-{k}", k + 1
    return ident


def topic(tokens: Sequence[Token], after: int, stop: int, skip: set[int],
          skip_words: frozenset[str] = frozenset()) -> str:
    """The first :data:`TOPIC_WORDS` content words of ``tokens[after:stop]`` (not in ``skip``
    nor, by lower case or stem, in ``skip_words``: the words that name actors)."""
    words: list[str] = []
    for k in range(after, min(stop, len(tokens))):
        t = tokens[k]
        if (k in skip or t.lower in STOPWORDS or t.lower in GENERIC or len(t.lower) < 3
                or t.lower.isdigit() or t.lower in skip_words or t.stem in skip_words):
            continue
        words.append(t.lower)
        if len(words) == TOPIC_WORDS:
            break
    return " ".join(words)


def best_per_sentence(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (kind, actor, quote place, issue), the best scoring; best first."""
    best: dict[tuple[str, str, str, int, str | None], Finding] = {}
    for f in findings:
        key = (f.kind, f.actor, f.file, f.start, f.issue)
        if key not in best or f.score > best[key].score:
            best[key] = f
    return sorted(best.values(), key=lambda f: (-f.score, f.file, f.start, f.actor))


def topic_groups(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Issue findings grouped by their most shared topic word (the word most findings use,
    the earliest in the topic on a tie); a finding whose words no other finding shares is
    grouped under its first word."""
    issue_findings = [f for f in findings if f.kind == "issue" and f.topic]
    counts = Counter(w for f in issue_findings for w in set(f.topic.split()))
    groups: dict[str, list[Finding]] = {}
    for f in issue_findings:
        words = f.topic.split()
        head = max(words, key=lambda w: (counts[w], -words.index(w)))
        groups.setdefault(head, []).append(f)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
