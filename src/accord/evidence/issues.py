"""How strongly a sentence is about each issue, from the issue's own words.

Each issue contributes terms with a weight: its ``keywords`` (1.0: the analyst chose them),
the content words of its ``name`` (0.6) and of its ``labels`` (0.4), where a keyword phrase
stays whole ("armed forces" in a name does not make "forces" a term). Terms are compared by
Snowball stem, phrases by sequences of stems. A term that several issues share is worth less to
each, as with inverse document frequency: an issue's weight ``w`` becomes ``w × w / W`` where
``W`` sums the term's weights over all issues (a keyword of one issue that is only a name word
of another keeps most of its weight there). Words that name an actor carry no issue weight
unless the analyst made them keywords.
Label words are generic ("new", "present", "no"): they add to a sentence that has a keyword or
a name word of the issue but never make it about the issue on their own. The strength of a
sentence on an issue is ``1 - exp(-1.5 × sum of the weights of the distinct terms it
contains)``: 0 with no term, 0.78 with one keyword, 0.95 with two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accord.evidence.phrases import PhraseIndex
from accord.evidence.tokens import Token, tokenize
from accord.scenario.schema import Issue

SATURATION = 1.5
KEYWORD_WEIGHT = 1.0
NAME_WEIGHT = 0.6
LABEL_WEIGHT = 0.4

_STOPWORD_TEXT = """
a an the of and or to in on at by for with from into over under about as is are was were be
been being it its this that these those their there than then so such no not nor any all some
each every other another more most less least very much many few own same can could would should
will shall may might must do does did done has have had having which who whom whose what when
where why how per via up down out off again further once only both either neither whether while
if else also just yet still even ever toward towards between among against without within
s t one two three four five six seven eight nine ten first second third last next
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


COMPOUND_PREPOSITIONS = (("related", "to"), ("relating", "to"), ("in", "relation", "to"),
                         ("with", "regard", "to"), ("in", "regard", "to"),
                         ("with", "respect", "to"), ("in", "terms", "of"))
"""Prepositions of several words ("issues *related to* family reunification"): their words
are not the issue words they look like ("relations", "terms")."""


_ANCHORS = {phrase: next(i for i, w in enumerate(phrase) if w not in ("in", "with"))
            for phrase in COMPOUND_PREPOSITIONS}
"""Each phrase's first rare word (not "in"/"with"), by which it is looked for."""
_ANCHOR_WORDS = frozenset(phrase[i] for phrase, i in _ANCHORS.items())


def preposition_tokens(tokens: Sequence[Token]) -> set[int]:
    """Positions of the words of :data:`COMPOUND_PREPOSITIONS` in a sentence."""
    out: set[int] = set()
    for k, t in enumerate(tokens):
        if t.lower not in _ANCHOR_WORDS:
            continue
        for phrase, i in _ANCHORS.items():
            first = k - i
            if phrase[i] == t.lower and first >= 0 and tuple(
                    x.lower for x in tokens[first:first + len(phrase)]) == phrase:
                out.update(range(first, first + len(phrase)))
    return out


@dataclass(frozen=True, slots=True)
class IssueHit:
    """A sentence's strength on one issue and the terms that gave it."""

    issue: str
    strength: float
    terms: tuple[str, ...]


def strength(weight: float) -> float:
    """Strength in [0, 1) of a summed term weight (module docstring)."""
    return 1.0 - math.exp(-SATURATION * weight)


def _covered(stems: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> set[int]:
    """Positions of ``stems`` inside an occurrence of one of ``phrases``."""
    out: set[int] = set()
    for phrase in phrases:
        n = len(phrase)
        for k in range(len(stems) - n + 1):
            if tuple(stems[k:k + n]) == phrase:
                out.update(range(k, k + n))
    return out


class IssueScorer:
    """Scores tokenized sentences against every issue of a scenario."""

    def __init__(self, issues: Sequence[Issue], actor_words: Iterable[str] = ()) -> None:
        skip = {w.lower() for w in actor_words}
        raw: dict[tuple[str, ...], dict[str, tuple[float, str, bool]]] = {}

        def add(issue: str, text: str, weight: float, *, keyword: bool,
                anchor: bool = True, whole: Sequence[tuple[str, ...]] = ()) -> None:
            tokens = tokenize(text)
            if keyword:
                phrases = [tokens] if tokens else []
            else:
                inside = _covered([t.stem for t in tokens], whole)
                phrases = [[t] for k, t in enumerate(tokens)
                           if t.lower not in STOPWORDS and t.lower not in skip
                           and not t.lower.isdigit() and len(t.lower) > 1 and k not in inside]
            for phrase in phrases:
                key = tuple(t.stem for t in phrase)
                # a phrase is more specific than a word
                weight_here = weight * 1.25 if keyword and len(phrase) > 1 else weight
                slot = raw.setdefault(key, {})
                label = " ".join(t.lower for t in phrase)
                old = slot.get(issue)
                if old is None or weight_here > old[0]:
                    slot[issue] = (weight_here, label, anchor or bool(old and old[2]))
                elif anchor and not old[2]:
                    slot[issue] = (old[0], old[1], True)

        for issue in issues:
            for kw in issue.keywords:
                add(issue.id, kw, KEYWORD_WEIGHT, keyword=True)
            # a keyword phrase in the name or a label stays whole: "armed forces" there does
            # not make "forces" alone a word of the issue
            whole = [tuple(t.stem for t in tokenize(kw)) for kw in issue.keywords]
            whole = [w for w in whole if len(w) > 1]
            add(issue.id, issue.name, NAME_WEIGHT, keyword=False, whole=whole)
            for label in issue.labels.values():
                add(issue.id, label, LABEL_WEIGHT, keyword=False, anchor=False, whole=whole)

        self.issue_ids = tuple(i.id for i in issues)
        self._index: PhraseIndex[tuple[tuple[str, float, str, bool], ...]] = PhraseIndex(
            lambda t: t.stem)
        for key, per_issue in raw.items():
            total = sum(w for w, _, _ in per_issue.values())
            self._index.add(key, tuple((issue, w * w / total, label, anchor)
                                       for issue, (w, label, anchor) in per_issue.items()))

    def score(self, tokens: Sequence[Token], skip: frozenset[int] | set[int] = frozenset(),
              start: int = 0, stop: int | None = None) -> list[IssueHit]:
        """The issues ``tokens[start:stop]`` touch, strongest first (issues with no term are
        left out). A term made only of tokens in ``skip`` (a person's name or title) does not
        count; a keyword phrase that includes a name ("confront Putin economically") does."""
        totals: dict[str, float] = {}
        terms: dict[str, dict[str, None]] = {}
        anchored: set[str] = set()
        for m in self._index.find(tokens[start:stop], overlapping=True):
            if skip and all(k + start in skip for k in range(m.first, m.last + 1)):
                continue
            for issue, weight, label, anchor in m.value:
                seen = terms.setdefault(issue, {})
                if anchor:
                    anchored.add(issue)
                if label not in seen:
                    seen[label] = None
                    totals[issue] = totals.get(issue, 0.0) + weight
        hits = [IssueHit(i, strength(w), tuple(terms[i]))
                for i, w in totals.items() if i in anchored]
        return sorted(hits, key=lambda h: (-h.strength, h.issue))
