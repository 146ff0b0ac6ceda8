"""People an article introduces by title: "German Foreign Minister Christian Lindner".

A scenario lists the people who speak for each actor, but articles quote many more (deputy
ministers, aides, delegation heads, spokesmen). News style introduces each of them once with
the actor and a title before the name ("Russian delegation head Vladimir Medinsky", "Kremlin
spokesman Dmitry Peskov", "Ireland's Prime Minister Micheál Martin") and then uses the surname
alone ("Medinsky said"). :class:`PeopleBook` learns such introductions while an article is
read, in order, and finds the learned names (full or surname alone) in the sentences after
them. It is article-scoped: what one article teaches is forgotten before the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from accord.evidence.mentions import Mention
from accord.evidence.tokens import Token

TITLE_WORDS = frozenset({
    "president", "presidential", "prime", "minister", "ministry", "foreign", "defence",
    "defense", "secretary", "general", "chancellor", "chief", "head", "aide", "adviser",
    "advisor", "spokesman", "spokeswoman", "spokesperson", "envoy", "special", "negotiator",
    "ambassador", "deputy", "top", "senior", "state", "of", "delegation", "leader", "national",
    "security", "mr", "mrs", "ms", "dr", "vice", "economic", "lead", "chair", "chairman",
    "commissioner", "representative", "high", "former", "premier", "king", "queen", "prince",
    "sheikh", "emir", "crown", "counterpart", "official", "the",
})
"""Words that may stand between an actor and the name it introduces (case ignored)."""
NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "bin", "al", "el", "la", "le"})
MAX_NAME = 4
BINDING_KINDS = frozenset({"id", "name", "alias", "metonym", "role"})
"""Mentions that can introduce a person (a person or pronoun cannot)."""


def _is_name_token(t: Token) -> bool:
    w = t.surface
    return (len(w) > 1 and w[0].isupper() and not w.isupper() and w.lower() not in TITLE_WORDS)


@dataclass
class PeopleBook:
    """Names learned from titles in one article, each with the actor it speaks for."""

    full: dict[tuple[str, ...], str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)

    def learn(self, tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
        """Remember every "ACTOR [title words] Firstname Lastname" of a sentence."""
        covered = {k for m in mentions for k in range(m.first, m.last + 1)}
        for m in mentions:
            if m.kind not in BINDING_KINDS:
                continue
            k = m.last + 1
            titled = m.possessive or m.kind == "role"
            while k < len(tokens) and tokens[k].lower in TITLE_WORDS and k not in covered:
                titled = titled or tokens[k].lower not in ("the", "of")
                k += 1
            start = k
            while (k < len(tokens) and k - start < MAX_NAME and k not in covered
                   and (_is_name_token(tokens[k])
                        or (k > start and tokens[k].lower in NAME_PARTICLES))):
                k += 1
                if tokens[k - 1].possessive:
                    break
            name = tuple(t.surface for t in tokens[start:k])
            if titled and len(name) >= 2 and name[-1].lower() not in NAME_PARTICLES:
                self.full.setdefault(name, m.actor)
                self.surnames.setdefault(name[-1], m.actor)
                self.firsts.add(name[0])

    def find(self, tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[Mention]:
        """Mentions of learned people in tokens no other mention covers."""
        if not self.full:
            return []
        covered = {k for m in mentions for k in range(m.first, m.last + 1)}
        out: list[Mention] = []
        k = 0
        while k < len(tokens):
            if k in covered:
                k += 1
                continue
            hit = None
            for name, actor in self.full.items() if tokens[k].surface in self.firsts else ():
                n = len(name)
                if tuple(t.surface for t in tokens[k:k + n]) == name and not covered & set(
                        range(k, k + n)):
                    hit = Mention(actor, k, k + n - 1, "person", tokens[k + n - 1].possessive)
                    break
            if hit is None and tokens[k].surface in self.surnames:
                actor = self.surnames[tokens[k].surface]
                hit = Mention(actor, k, k, "surname", tokens[k].possessive)
            if hit is not None:
                out.append(hit)
                k = hit.last + 1
                continue
            k += 1
        return out
