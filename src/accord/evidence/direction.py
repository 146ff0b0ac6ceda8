"""Which end of an issue's scale a sentence pushes an actor's position toward.

The issue's labels say what its ends mean ("0: Ukraine joins NATO", "100: binding permanent
neutrality"). A sentence leans toward a label when it uses the label's content words, unless a
negation stands just before them ("Ukraine will *not* join Nato" leans toward neutrality):

1. each content word of the labels leans toward an end by the sum, over the labels that use
   it, of the label's signed distance from the middle of the scale (-1 at the low end, +1 at
   the high end): a word used at both ends ("sanctions" in "sanctions tightened" and "all
   sanctions lifted") leans nowhere, and a negated word in a label ("*no* relief") leans the
   other way; each such word in the sentence votes its lean;
2. a vote is turned around when a negator ("not", "never", "a ban on", "abandon") precedes
   its word within :data:`~accord.evidence.cues.NEGATION_WINDOW` tokens; a negator that is
   part of a stance cue ("will *never* accept", "does *not* object") is the cue's, not the
   words', and is left to step 3;
3. when the actor holds a cue that refuses what follows it ("Kyiv *rejects* giving up
   territory", "Russia *will never* accept Ukraine joining NATO"), the sum is turned around:
   it refuses what the words describe;
4. the actor's own pole (which side of the middle its position on the issue lies, from the
   scenario: :func:`poles`) adds :data:`POLE_WEIGHT` × the cue's
   :attr:`~accord.evidence.cues.Cue.polarity`: a demand, refusal or threat pushes toward the
   actor's own end, a concession ("willing to", "may be acceptable", "does not object")
   toward the other, with :data:`CONCESSION_WEIGHT` (enough to outweigh one label word). This
   decides when the sentence has no label word ("Ukraine will not give
   up any territory") and weighs against a stray one;
5. a sum above :data:`MARGIN` points to the high end, below ``-MARGIN`` to the low end.

This is a hint for the reviewer, not a position: it says "toward 100 (binding permanent
neutrality)", never how far.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from accord.evidence.cues import Cue, negated
from accord.evidence.issues import STOPWORDS
from accord.evidence.tokens import Token, tokenize
from accord.scenario.numbers import point
from accord.scenario.schema import Issue, Scenario

End = Literal["high", "low"]
MARGIN = 0.2
POLE_WEIGHT = 0.6
"""Weight of the actor's own pole (step 4) against one label word of full lean (1.0)."""
CONCESSION_WEIGHT = 1.5
"""Weight of the pole for a concession: what a concession governs is an act of its holder
("open to *withdrawing* its troops"), while a label word may name the other side's act
("Russia *withdraws* to the 1991 borders"), so the verb outweighs one label word."""
POLE_FLOOR = 0.15
"""An actor within this share of the half-scale from the middle has no pole."""


@dataclass(frozen=True, slots=True)
class Direction:
    """A hint: the end of the scale (``high``/``low``), its value and its label."""

    end: End
    toward: float
    label: str | None


def poles(scenario: Scenario) -> dict[tuple[str, str], float]:
    """Each (actor, issue)'s side of the table, from -1 (low) to +1 (high).

    The reference is the centre of the table on the issue: the mean of the positions weighted
    by capability × salience (the compromise model's outcome, Achen 2006), so a broker sitting
    between the parties has no pole and the parties on either side have one even on a scale
    whose middle is not between them. An actor a quarter of the scale or more from the centre
    has a full pole. An actor with no stance on the issue takes the mean of its poles on the
    others (a party near one end of most issues is taken to lean that way on the rest).
    """
    weights = {a.id: point(a.capability) for a in scenario.actors}
    own: dict[tuple[str, str], float] = {}
    for issue in scenario.issues:
        stances = [s for s in scenario.stances if s.issue == issue.id]
        mass = sum(weights[s.actor] * point(s.salience) for s in stances)
        if not stances or mass <= 0:
            continue
        centre = sum(weights[s.actor] * point(s.salience) * point(s.position)
                     for s in stances) / mass
        quarter = (issue.high - issue.low) / 4 or 1.0
        for s in stances:
            own[(s.actor, issue.id)] = max(-1.0, min(1.0, (point(s.position) - centre) / quarter))
    out: dict[tuple[str, str], float] = {}
    for a in scenario.actors:
        values = [v for (actor, _), v in own.items() if actor == a.id]
        mean = sum(values) / len(values) if values else 0.0
        for i in scenario.issues:
            out[(a.id, i.id)] = own.get((a.id, i.id), mean)
    return out


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

    def hint(self, issue_id: str, tokens: Sequence[Token], held: Sequence[Cue], *,
             pole: float = 0.0, cues: Sequence[Cue] = (),
             scope: Collection[int] | None = None) -> Direction | None:
        """The direction of a sentence on an issue for an actor holding the cues ``held``,
        whose own position lies ``pole`` (-1 low end … +1 high end) from the centre; ``cues``
        are all the cues of the sentence (their words are not label words); only the
        tokens in ``scope`` (the actor's clauses; default all) vote."""
        issue = self._issues.get(issue_id)
        if issue is None:
            return None
        sides = self._sides.get(issue_id, {})
        skip = {k for c in held for k in range(c.first, c.last + 1)}
        # every cue's words are the cue's, not the content's; only a held cue's negation is
        # its holder's (step 3); a cue in the content ("that Ukraine will never join") negates
        words = {k for c in cues for k in range(c.first, c.last + 1)} | skip
        total = 0.0
        for k, t in enumerate(tokens):
            lean = sides.get(t.stem)
            if lean and k not in words and (scope is None or k in scope):
                total += -lean if negated(tokens, k, skip) else lean
        if any(c.refuses for c in held):
            total = -total
        principal = max(held, key=lambda c: (c.kind != "statement", c.strength), default=None)
        if principal is not None and abs(pole) >= POLE_FLOOR:
            weight = CONCESSION_WEIGHT if principal.polarity < 0 else POLE_WEIGHT
            total += weight * principal.polarity * pole
        if abs(total) <= MARGIN:
            return None
        end: End = "high" if total > 0 else "low"
        value = issue.high if end == "high" else issue.low
        near = issue.nearest_label(value)
        return Direction(end, value, near[1] if near else None)
