"""Words that set the scene of a sentence rather than say what a position is about.

"After talks with the US", "at summit talks", "Costa, who chaired the summit, said": the noun
phrase after a preposition of time or place, or an aside after an actor's name, says when,
where or who, so its words must not tie the sentence to an issue
(:func:`scene_tokens`, used by :mod:`accord.evidence.extract` next to the clause reading of
:mod:`accord.evidence.attribution`).
"""

from __future__ import annotations

from collections.abc import Sequence

from accord.evidence.attribution import DETERMINERS
from accord.evidence.cues import Cue
from accord.evidence.issues import STOPWORDS
from accord.evidence.mentions import Mention
from accord.evidence.tokens import Token

SCENE_WORDS = frozenset({"at", "during", "amid", "amidst", "following", "after", "before",
                         "ahead", "since", "throughout"})
"""Prepositions of time and place: the noun phrase after one sets the scene of a sentence
("Trump expects ... *following the trilateral meeting*", "the deal reached *at summit talks*",
"*amid ongoing talks*"); its words say when or where, not what a position is about."""
ASIDE_WORDS = frozenset({"who"})
"""Relative words that open an aside after an actor's name (between commas): "who" describes
a person ("Costa, who chaired the summit,"); "where" and "which" after a country or body
often give the circumstances that tie it to the issue ("Belgium, where the assets are
held,"), so they are left alone."""
MOTION_VERBS = frozenset({"came", "went", "arrived", "arrive", "arrives", "arriving",
                          "travelled", "traveled", "travelling", "traveling", "flew", "headed",
                          "gathered"})
"""Verbs after which "to" or "for" gives a place or an occasion ("came *to talks* in
Riyadh", "arrived *for the summit*"), as the prepositions of :data:`SCENE_WORDS` do ("return
to talks", "go to talks" may be the position itself, so those verbs are not here)."""
GOVERNING = frozenset({"sit", "sits", "sat", "sitting", "return", "returns", "returned",
                       "returning", "back", "aimed", "aiming", "hinted", "hinting"})
"""Words that govern a preposition of :data:`SCENE_WORDS` ("sit *at* the table", "back
*at* the talks"): what follows is what they are about."""
SCENE_REACH = 4
"""Most words of a scene's noun phrase (determiners and adjectives with their noun)."""
_NOUN_PHRASE_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its",
                                "his", "her", "their", "our", "last", "next", "recent",
                                "latest", "first", "second", "third", "new", "further"})


def _relative_asides(text: str, tokens: Sequence[Token], cues: Sequence[Cue],
                     mentions: Sequence[Mention]) -> set[int]:
    """Tokens of a relative clause set off by commas after an actor that states nothing
    ("Antonio Costa, *who chaired the summit*, said"): it says who the actor is, not what its
    position is about. One with a cue ("Putin, who has demanded ...") is left alone."""
    out: set[int] = set()
    cued = {k for c in cues for k in range(c.first, c.last + 1)}
    for m in mentions:
        k = m.last + 1
        if m.first < 0 or k >= len(tokens) or tokens[k].lower not in ASIDE_WORDS \
                or "," not in text[tokens[m.last].end:tokens[k].start]:
            continue
        end = next((j for j in range(k + 1, len(tokens))
                    if "," in text[tokens[j - 1].end:tokens[j].start]), None)
        if end is not None and not any(j in cued for j in range(k, end)):
            out.update(range(k, end))
    return out


def scene_tokens(text: str, tokens: Sequence[Token], cues: Sequence[Cue],
                 mentions: Sequence[Mention]) -> set[int]:
    """Tokens that set the scene rather than say what a position is about: relative asides
    after an actor (:func:`_relative_asides`) and the noun phrases that prepositions of time
    and place govern (:data:`SCENE_WORDS`, or "to"/"for" after :data:`MOTION_VERBS`): "after
    talks with the US" marks "talks". A phrase ends at the first function word ("with",
    "of", "in"), cue, actor or punctuation, after :data:`SCENE_REACH` words; "after Russia
    demanded ..." (a clause, not a noun phrase) marks nothing, and
    "the following demands" is an adjective, not a preposition."""
    out = _relative_asides(text, tokens, cues, mentions)
    heads = [k for k, t in enumerate(tokens) if (t.lower in SCENE_WORDS
             and not (k > 0 and tokens[k - 1].lower in DETERMINERS)) or (
             t.lower in ("to", "for") and k > 0 and tokens[k - 1].lower in MOTION_VERBS)]
    if not heads:
        return out
    stop = {k for c in cues for k in range(c.first, c.last + 1)}
    # a preposition a cue governs ("aims *at* neutrality", "a return *to* talks") brings its
    # content, not a scene
    heads = [k for k in heads if k - 1 not in stop and tokens[k - 1].lower not in GOVERNING]
    stop |= {k for m in mentions for k in range(max(0, m.first), m.last + 1)}
    for k in heads:
        t = tokens[k]
        j = k + 1
        if t.lower == "ahead" and j < len(tokens) and tokens[j].lower == "of":
            j += 1
        phrase: list[int] = []
        while j < len(tokens) and len(phrase) < SCENE_REACH and j not in stop:
            gap = text[tokens[j - 1].end:tokens[j].start]
            word = tokens[j].lower
            if gap.strip(" -\u201c\u201d\"") or (word in STOPWORDS
                                                and word not in _NOUN_PHRASE_WORDS):
                break
            phrase.append(j)
            j += 1
        out.update(phrase)
    return out
