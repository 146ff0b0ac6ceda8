"""Finding the actors a sentence names: names, aliases, people, metonyms and pronouns.

An actor is named by its ``name``, ``id`` and ``aliases``, by the ``people`` who speak for it
(full name or surname alone: "Vladimir Putin", "Putin", "Mr. Putin"), by the metonyms and
country adjectives of :mod:`accord.evidence.gazetteer` ("Moscow", "the Kremlin", "the Russian
leader", "European officials"), and in possessive form ("Russia's demand"; but "Lithuania's
Gitanas Nauseda", a possessive before a name the scenario lacks, names the person's country
as a subject). Short all-capital names ("US", "EU", "UK") and people's names are matched
with their capitals only (so "us" and "trump card" are not actors); other names in any case.
Accents are optional both ways: "Orban" in the text finds "Viktor Orbán", "Orbán" finds
"Viktor Orban".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from accord.evidence.gazetteer import ROLE_NOUNS, place_for
from accord.evidence.phrases import PhraseIndex
from accord.evidence.tokens import Token, fold, tokenize
from accord.scenario.schema import Actor

Kind = Literal["id", "name", "alias", "person", "surname", "metonym", "role", "pronoun",
               "speaker", "context"]
"""How an actor is named; ``speaker``: the speaker of a quotation or heading ("I", "we", or a
cue in quoted text), ``context``: the holder of a list's lead-in demand (see
:mod:`accord.evidence.speech`)."""

_PARTICLES = {"de", "da", "van", "von", "der", "bin", "al", "el", "la", "le", "jr", "sr"}
_SURNAME_VARIANTS = (("skyy", "sky", "skiy", "skii"),)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named at tokens ``first`` to ``last`` of a sentence."""

    actor: str
    first: int
    last: int
    kind: Kind
    possessive: bool = False


def _before_a_name(tokens: Sequence[Token], at: int, found: dict[int, Mention]) -> bool:
    """Whether token ``at`` starts a name the scenario does not know ("Lithuania's *Gitanas*
    Nauseda said"): a capitalised word that is no acronym and no actor's name. The possessive
    before it names the person's country, which speaks through the person: not a possessive
    of what follows ("Russia's demand")."""
    if at >= len(tokens) or at in found:
        return False
    word = tokens[at].surface
    return word[:1].isupper() and not word.isupper() and word.isalpha()


def _is_short_caps(term: str) -> bool:
    letters = term.replace(".", "")
    return len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _folded(word: str) -> str:
    """A word without accents, cheaply for the usual all-ASCII word."""
    return word if word.isascii() else fold(word)


def _variants(term: str) -> list[str]:
    out = [term]
    for group in _SURNAME_VARIANTS:
        for ending in group:
            if term.lower().endswith(ending):
                out += [term[: -len(ending)] + other for other in group if other != ending]
                break
    return out


def _surname(person: str) -> str | None:
    words = [w for w in person.replace(".", " ").split() if w]
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    if len(words) < 2 or len(words[-1]) < 3:
        return None
    return words[-1]


class ActorFinder:
    """Finds the actors of a scenario in tokenized sentences (see the module docstring)."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._exact: PhraseIndex[tuple[str, Kind]] = PhraseIndex(lambda t: _folded(t.surface))
        self._any_case: PhraseIndex[tuple[str, Kind]] = PhraseIndex(lambda t: _folded(t.lower))
        self.terms: dict[str, list[tuple[str, Kind]]] = {a.id: [] for a in actors}
        # The scenario's own words first (every actor), then surnames, then the gazetteer,
        # so that a word an analyst gave one actor is never taken by another's metonym.
        for a in actors:
            self._add(a.id, a.id, "id", exact=True)
            self._add(a.id, a.name, "name")
            for alias in a.aliases:
                self._add(a.id, alias, "alias")
            for person in a.people:
                self._add(a.id, person, "person", exact=True)
        for a in actors:
            for person in a.people:
                surname = _surname(person)
                if surname:
                    self._add(a.id, surname, "surname", exact=True)
        for a in actors:
            place = place_for([a.name, a.id, *a.aliases])
            if place is None:
                continue
            for metonym in place.metonyms:
                self._add(a.id, metonym, "metonym")
            if place.adjective:
                for role in ROLE_NOUNS:
                    self._add(a.id, f"{place.adjective} {role}", "role")

    def _add(self, actor: str, term: str, kind: Kind, *, exact: bool = False) -> None:
        for variant in _variants(term.strip()):
            tokens = tokenize(variant)
            if not tokens:
                continue
            if exact or _is_short_caps(variant):
                if kind != "id" or len(variant) >= 2:
                    self._exact.add([_folded(t.surface) for t in tokens], (actor, kind))
                if _is_short_caps(variant) and len(variant) >= 4 and "." not in variant:
                    # British style writes long acronyms in title case: "Nato".
                    self._exact.add([variant.title()], (actor, kind))
            else:
                self._any_case.add([_folded(t.lower) for t in tokens], (actor, kind))
            self.terms[actor].append((variant, kind))

    def find(self, tokens: Sequence[Token]) -> list[Mention]:
        """Every actor mention, left to right; a longer name wins over a shorter overlap."""
        found: dict[int, Mention] = {}
        for index in (self._exact, self._any_case):
            for m in index.find(tokens):
                if any(m.first <= k <= m.last for k in found) or any(
                        x.first <= m.first <= x.last for x in found.values()):
                    continue
                actor, kind = m.value
                found[m.first] = Mention(actor, m.first, m.last, kind,
                                         tokens[m.last].possessive)
        for k, x in list(found.items()):
            if x.possessive and _before_a_name(tokens, x.last + 1, found):
                found[k] = Mention(x.actor, x.first, x.last, x.kind, False)
        return [found[k] for k in sorted(found)]
