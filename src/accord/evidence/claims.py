"""A candidate claim: an actor's position on an issue, as a quote with its place in a source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Claim:
    """One candidate: ``actor`` states a position on ``issue`` in ``quote``.

    ``article.text[start:end] == quote`` for the article the claim was read from; ``line`` and
    ``col`` (1-based) locate ``start`` in that text.
    """

    id: str
    actor: str
    issue: str
    quote: str
    path: str
    file: str
    start: int
    end: int
    line: int
    col: int
    sentence: int
    score: float
    issue_strength: float
    actor_weight: float
    cue: str | None
    cue_phrase: str | None
    actor_via: str
    terms: tuple[str, ...]
    direction: str | None
    toward: float | None
    toward_label: str | None
    polarity: float = 0.0
    """Which way the cue moves its holder when its words say nothing (+1 toward its own side,
    -1 a concession: :attr:`accord.evidence.cues.Cue.polarity`)."""

    def to_dict(self, *, accepted: bool | None = None) -> dict[str, Any]:
        """The JSON shape of ``accord evidence --format json`` (docs/evidence.md)."""
        out: dict[str, Any] = {
            "id": self.id, "actor": self.actor, "issue": self.issue, "score": self.score,
            "cue": self.cue, "cue_phrase": self.cue_phrase,
            "direction": self.direction, "toward": self.toward,
            "toward_label": self.toward_label, "quote": self.quote, "file": self.file,
            "path": self.path, "start": self.start, "end": self.end, "line": self.line,
            "col": self.col, "sentence": self.sentence, "actor_via": self.actor_via,
            "terms": list(self.terms), "issue_strength": self.issue_strength,
            "actor_weight": self.actor_weight, "polarity": self.polarity,
        }
        if accepted is not None:
            out["accepted"] = accepted
        return out


def claim_id(file: str, start: int, end: int, actor: str, issue: str) -> str:
    """A short id that stays the same between runs on the same file (for ``--accept``)."""
    digest = hashlib.sha1(f"{file}\0{start}\0{end}\0{actor}\0{issue}".encode()).hexdigest()
    return f"{actor}-{issue}-{digest[:6]}"
