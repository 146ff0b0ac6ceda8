"""Which end of an issue's scale a sentence pushes an actor's position toward.

The issue's labels say what its ends mean ("0: Ukraine joins NATO", "100: binding permanent
neutrality"). A sentence leans toward a label when it uses the label's content words, unless a
negation stands just before them ("Ukraine will *not* join Nato" leans toward neutrality):

1. every label below the middle of the scale votes -1 for each of its content words in the
   sentence, every label above the middle +1; a label at the middle does not vote;
2. a vote is turned around when a negator precedes its word within
   :data:`~accord.evidence.cues.NEGATION_WINDOW` tokens;
3. when the actor holds a refusal or red-line cue ("Kyiv *rejects* giving up territory"), the
   sum is turned around once more: it refuses what the words describe;
4. a positive sum points to the high end, a negative one to the low end, zero to neither.

This is a hint for the reviewer, not a position: it says "toward 100 (binding permanent
neutrality)", never how far.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from accord.evidence.cues import Cue, negated
from accord.evidence.issues import STOPWORDS
from accord.evidence.tokens import Token, tokenize
from accord.scenario.schema import Issue

End = Literal["high", "low"]


@dataclass(frozen=True, slots=True)
class Direction:
    """A hint: the end of the scale (``high``/``low``), its value and its label."""

    end: End
    toward: float
    label: str | None


class DirectionFinder:
    """Label words of every issue, by stem, with the side of the scale they stand for."""

    def __init__(self, issues: Sequence[Issue], actor_words: Iterable[str] = ()) -> None:
        skip = {w.lower() for w in actor_words}
        self._issues = {i.id: i for i in issues}
        self._sides: dict[str, dict[str, int]] = {}
        for issue in issues:
            middle = (issue.low + issue.high) / 2
            votes: dict[str, int] = {}
            for value, text in issue.labels.items():
                side = (value > middle) - (value < middle)
                if side == 0:
                    continue
                for t in tokenize(text):
                    if t.lower in STOPWORDS or t.lower in skip or len(t.lower) < 2:
                        continue
                    votes[t.stem] = votes.get(t.stem, 0) + side
            self._sides[issue.id] = {k: (v > 0) - (v < 0) for k, v in votes.items() if v}

    def hint(self, issue_id: str, tokens: Sequence[Token], held: Sequence[Cue]) -> Direction | None:
        """The direction of a sentence on an issue for an actor holding the cues ``held``."""
        sides = self._sides.get(issue_id)
        if not sides:
            return None
        total = 0
        for k, t in enumerate(tokens):
            side = sides.get(t.stem)
            if side:
                total += -side if negated(tokens, k) else side
        if any(c.kind in ("refusal", "red line") for c in held):
            total = -total
        if total == 0:
            return None
        issue = self._issues[issue_id]
        end: End = "high" if total > 0 else "low"
        value = issue.high if end == "high" else issue.low
        near = issue.nearest_label(value)
        return Direction(end, value, near[1] if near else None)
