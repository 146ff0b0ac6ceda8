"""Which end of an issue's scale a sentence pushes an actor's position toward.

The issue's labels say what its ends mean ("0: Ukraine joins NATO", "100: binding permanent
neutrality"). A sentence leans toward a label when it uses the label's content words, unless a
negation stands just before them ("Ukraine will *not* join Nato" leans toward neutrality):

1. each content word of the labels leans toward an end by the sum, over the labels that use
   it, of the label's signed distance from the middle of the scale (-1 at the low end, +1 at
   the high end): a word used at both ends ("sanctions" in "sanctions tightened" and "all
   sanctions lifted") leans nowhere, and a negated word in a label ("*no* relief") leans the
   other way; each such word in the sentence votes its lean;
2. a vote is turned around when a negator precedes its word within
   :data:`~accord.evidence.cues.NEGATION_WINDOW` tokens;
3. when the actor holds a refusal or red-line cue ("Kyiv *rejects* giving up territory"), the
   sum is turned around once more: it refuses what the words describe;
4. a sum above :data:`MARGIN` points to the high end, below ``-MARGIN`` to the low end.

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
MARGIN = 0.2


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
        self._sides: dict[str, dict[str, float]] = {}
        for issue in issues:
            middle = (issue.low + issue.high) / 2
            half = (issue.high - issue.low) / 2 or 1.0
            votes: dict[str, float] = {}
            for value, text in issue.labels.items():
                lean = (value - middle) / half
                tokens = tokenize(text)
                stems: dict[str, float] = {}
                for k, t in enumerate(tokens):
                    if t.lower not in STOPWORDS and t.lower not in skip and len(t.lower) > 1:
                        # "no relief" at the low end makes "relief" lean high
                        stems[t.stem] = -lean if negated(tokens, k) else lean
                for stem, value_lean in stems.items():
                    votes[stem] = votes.get(stem, 0.0) + value_lean
            self._sides[issue.id] = {k: v for k, v in votes.items() if abs(v) > 1e-9}

    def hint(self, issue_id: str, tokens: Sequence[Token], held: Sequence[Cue]) -> Direction | None:
        """The direction of a sentence on an issue for an actor holding the cues ``held``."""
        sides = self._sides.get(issue_id)
        if not sides:
            return None
        total = 0.0
        for k, t in enumerate(tokens):
            lean = sides.get(t.stem)
            if lean:
                total += -lean if negated(tokens, k) else lean
        if any(c.kind in ("refusal", "red line") for c in held):
            total = -total
        if abs(total) <= MARGIN:
            return None
        issue = self._issues[issue_id]
        end: End = "high" if total > 0 else "low"
        value = issue.high if end == "high" else issue.low
        near = issue.nearest_label(value)
        return Direction(end, value, near[1] if near else None)
