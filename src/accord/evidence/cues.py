"""Stance cues: the words by which an article says that an actor demands, refuses, draws a red
line, is willing, threatens or offers something, and the negations that turn a phrase around.

Each cue has a kind and a strength in (0, 1]: how surely the sentence states a position. The
phrases are matched word for word in lower case with every inflection listed (stems would merge
"willing" with the modal "will"). Reporting verbs ("said", "told") are weak ``statement`` cues: they
show that a position is being reported without saying which kind.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from accord.evidence.phrases import PhraseIndex
from accord.evidence.tokens import Token, tokenize

CueKind = Literal["demand", "refusal", "red line", "willingness", "threat", "offer", "statement"]

CUE_PHRASES: dict[CueKind, tuple[float, tuple[str, ...]]] = {
    "red line": (1.0, (
        "red line", "red lines", "non-negotiable", "not negotiable", "under no circumstances",
        "bottom line", "deal-breaker", "dealbreaker", "stumbling block", "will never",
        "would never", "never accept", "never allow", "at any price", "will not allow",
        "won't allow", "would not allow", "never agree", "never give up", "never cede",
        "never recognise", "never recognize", "never surrender")),
    "demand": (1.0, (
        "demand", "demands", "demanded", "demanding", "insist", "insists", "insisted",
        "insisting", "insistence", "require", "requires", "required", "requiring",
        "requirement", "want", "wants", "wanted", "wanting", "seek", "seeks", "seeking",
        "sought", "call for", "calls for", "called for", "calling for", "push for",
        "pushes for", "pushed for", "pushing for", "press for", "presses for", "pressed for",
        "precondition", "preconditions", "ultimatum", "paramount goal", "at a minimum",
        "bare minimum", "key demand", "main demand", "maximalist demands")),
    "refusal": (0.9, (
        "refuse", "refuses", "refused", "refusing", "refusal", "reject", "rejects", "rejected",
        "rejecting", "rejection", "rule out", "rules out", "ruled out", "ruling out", "oppose",
        "opposes", "opposed", "opposing", "opposition", "unacceptable", "not accept",
        "won't accept", "will not accept", "cannot accept", "can't accept", "not agree",
        "mock", "mocks", "mocked", "mocking", "mockingly", "dismiss", "dismisses", "dismissed",
        "scoff", "scoffs", "scoffed", "scoffing", "unimpressed", "out of the question",
        "not sign", "not a single", "veto", "vetoes", "vetoed", "vote against", "objection",
        "objections", "resist", "resists", "resisted", "no way", "not give up",
        "won't give up", "not cede", "not surrender", "not recognise", "not recognize",
        "not tolerate", "condemn", "condemns", "condemned", "condemnation",
        "not suit", "not pressure", "unconstructive", "intransigence", "unyielding",
        "not allow", "does not want", "do not want", "did not want")),
    "willingness": (0.8, (
        "willing", "willingness", "ready to", "open to", "prepared to", "would accept",
        "could accept", "satisfied with", "no problem", "not an obstacle", "agree", "agrees",
        "agreed", "agreeing", "compromise", "compromises", "concession", "concessions",
        "signal", "signals", "signalled", "signaled", "signalling", "signaling",
        "could live with", "amenable", "engage", "engaging", "flexible", "pragmatic",
        "accept", "accepts", "accepted", "accepting", "acknowledgement", "acknowledgment",
        "endorse", "endorses", "endorsed", "acceptable", "not object", "not objecting",
        "no objection", "no objections", "not oppose", "not rule out", "not ruling out",
        "not ruled out", "back down", "backed down", "backs down", "drop", "drops", "dropped",
        "dropping", "soften", "softens", "softened", "softening", "concede", "concedes",
        "conceded", "consider", "considers", "would consider", "inched toward",
        "inched towards")),
    "threat": (0.8, (
        "threaten", "threatens", "threatened", "threatening", "threat", "threats", "enforce",
        "force of arms", "by force", "retaliate", "retaliation", "targets", "or else", "warn",
        "warns", "warned", "warning", "confront", "confronts", "punish", "escalate")),
    "offer": (0.7, (
        "offer", "offers", "offered", "offering", "propose", "proposes", "proposed",
        "proposing", "proposal", "proposals", "incentive", "in exchange", "in return",
        "promise", "promises", "promised", "pledge", "pledges", "pledged", "suggest",
        "suggests", "suggested")),
    "statement": (0.4, (
        "said", "says", "say", "told", "stated", "reiterated", "repeated", "claimed", "claims",
        "pointed out", "assertion", "asserted", "according to", "declared", "announced",
        "argued", "stressed", "noted", "made it clear", "made clear", "wrote", "writes",
        "adding", "added", "adds", "saying", "stating", "stresses", "stressing", "argues",
        "arguing", "emphasized", "emphasised", "emphasizing", "emphasising", "highlighted",
        "explained", "tweeted", "posted", "commented", "quoted", "acknowledged",
        # "warned that ..." reports a prediction; "warned Kyiv against ..." threatens
        "warn that", "warns that", "warned that", "warning that")),
}
"""Cue phrases by kind, with the kind's strength (some phrases are weaker: :data:`WEAK`)."""

WEAK: dict[str, float] = {
    "goal": 0.7, "aim": 0.7, "aims": 0.7, "expects": 0.7, "expect": 0.7,
    "position": 0.7, "must": 0.6, "has to": 0.6, "have to": 0.6, "needs to": 0.6,
    "ask": 0.7, "asks": 0.7, "asked": 0.7, "asking": 0.7, "conditions": 0.7,
    "condition": 0.7, "decision": 0.7, "decided": 0.7, "decides": 0.7, "need": 0.6,
    "needs": 0.6, "welcome": 0.6, "welcomed": 0.6, "welcomes": 0.6, "support": 0.6,
    "supports": 0.6, "backed": 0.6, "backs": 0.6, "important": 0.5, "should": 0.5,
}
"""Demand words that say less than "demands" (strength beside each); kind ``demand``. Approval
("welcomed", "backed") states what an actor wants as surely as a weak demand."""

CONCESSIONS = frozenset({
    "willing", "willingness", "ready to", "open to", "prepared to", "would accept",
    "could accept", "could live with", "compromise", "compromises", "concession", "concessions",
    "flexible", "amenable", "no problem", "not an obstacle", "acceptable", "not object",
    "not objecting", "no objection", "no objections", "not oppose", "not rule out",
    "not ruling out", "not ruled out", "back down", "backed down", "backs down", "drop",
    "drops", "dropped", "dropping", "soften", "softens", "softened", "softening", "concede",
    "concedes", "conceded", "consider", "considers", "would consider", "inched toward",
    "inched towards", "pragmatic"})
"""Phrases by which an actor moves toward the other side (direction: away from its own pole)."""

NEGATIVE_RED_LINES = frozenset({
    "will never", "would never", "never accept", "never allow", "under no circumstances",
    "red line", "red lines", "deal-breaker", "dealbreaker", "stumbling block", "will not allow",
    "won't allow", "would not allow", "never agree", "never give up", "never cede",
    "never recognise", "never recognize", "never surrender"})
"""Red lines that refuse what follows them ("will never accept X"); the others ("non-negotiable",
"bottom line", "at any price") insist on it."""

IDIOMS = frozenset({
    "in exchange", "in return", "by force", "force of arms", "at any price", "at a minimum",
    "bare minimum", "under no circumstances", "out of the question", "or else", "no way",
    "red line", "red lines", "bottom line", "stumbling block", "deal-breaker", "dealbreaker",
    "no problem", "not an obstacle", "back down", "backed down", "backs down", "inched toward",
    "inched towards", "paramount goal"})
"""Cue phrases that are fixed expressions: their words do not say what the position is about
("*in exchange* for guarantees" is not about prisoner exchanges, a *red line* not a front
line), so they are no issue's words (:attr:`Cue.idiom`)."""

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "cannot", "can't",
                      "won't", "wouldn't", "don't", "doesn't", "didn't", "isn't", "aren't",
                      "shouldn't", "mustn't", "ban", "bans", "banning", "banned", "bar",
                      "barring", "renounce", "renounces", "renouncing", "abandon", "abandons",
                      "abandoning", "abandoned", "refuse", "refuses", "refusal", "end",
                      "ending", "drop", "dropping", "dropped",
                      "against", "fail", "fails", "failed", "failing", "failure", "lack",
                      "lacks", "lacking", "absence"})
"""Words that turn the meaning of what follows them around (for direction hints): negations,
and the verbs and nouns that undo what they govern ("a *ban on* foreign troops", "*abandon*
its NATO ambitions", "the *failure* to use the assets")."""

NEGATION_WINDOW = 4
"""A negator counts for a word up to this many tokens before it."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A stance cue at tokens ``first`` to ``last``."""

    kind: CueKind
    strength: float
    first: int
    last: int
    phrase: str

    @property
    def refuses(self) -> bool:
        """Whether the holder is against what the cue governs ("rejects X", "will never X")."""
        return self.kind == "refusal" or self.phrase in NEGATIVE_RED_LINES

    @property
    def idiom(self) -> bool:
        """Whether the cue is a fixed expression whose words are not content (:data:`IDIOMS`)."""
        return self.phrase in IDIOMS

    @property
    def polarity(self) -> float:
        """Which way the cue moves its holder on the issue's scale, when the words it governs
        say nothing: +1 toward the holder's own pole (demands, refusals, red lines, threats),
        -1 away from it (concessions: "willing to", "may be acceptable", "does not object"),
        0.5 for offers, proposals and bare reports (a party speaks for its own side more often
        than not)."""
        if self.phrase in CONCESSIONS:
            return -1.0
        if self.kind in ("offer", "statement"):
            return 0.5
        if self.kind == "willingness":  # "agree", "accept", "endorse": neither way by itself
            return 0.0
        return 1.0


@functools.cache
def _index() -> PhraseIndex[tuple[CueKind, float, str]]:
    index: PhraseIndex[tuple[CueKind, float, str]] = PhraseIndex(lambda t: t.lower)
    for kind, (strength, phrases) in CUE_PHRASES.items():
        for phrase in phrases:
            index.add([t.lower for t in tokenize(phrase)], (kind, strength, phrase))
    for phrase, strength in WEAK.items():
        index.add([t.lower for t in tokenize(phrase)], ("demand", strength, phrase))
    return index


def find_cues(tokens: Sequence[Token]) -> list[Cue]:
    """Every cue of a tokenized sentence, left to right."""
    return [Cue(m.value[0], m.value[1], m.first, m.last, m.value[2])
            for m in _index().find(tokens)]


def negated(tokens: Sequence[Token], at: int, skip: frozenset[int] | set[int] = frozenset()) \
        -> bool:
    """Whether a negator stands within :data:`NEGATION_WINDOW` tokens before token ``at``
    (tokens in ``skip``, such as those of a cue that carries its own negation, do not count)."""
    return any(tokens[k].lower in NEGATORS and k not in skip
               for k in range(max(0, at - NEGATION_WINDOW), at))
