"""Whose position a sentence states: clauses, cue holders, subordinate clauses and pronouns.

A sentence often names several actors ("Putin wants a guarantee that Ukraine will not join
Nato"): the one stating the position is the *holder* of the stance cue, found by a shallow
reading of English word order rather than a parser:

1. the sentence is cut into clauses at ";", a spaced dash and the conjunctions "but",
   "while", "whereas", "although", "though", "however", "when", "because", "unless", at
   "due to" (a cause), at "as" before an actor ("as Russia continues ..."), and
   at a comma before "following", "after", "before", "during", "amid", "ahead", "despite"
   (an adjunct that sets the scene);
2. the holder of a verb cue is the nearest actor named before it in its clause (within
   :data:`HOLDER_REACH` tokens) that is not in object position (right after "join", "to",
   "with", "against", "allowing", ...) and with no pronoun in between (the pronoun is the
   subject then; but "X said it ..." keeps X, and "X, who has said ..." is X; "with Ukraine
   arguing ..." makes Ukraine the participle's subject, not an object). An actor in the
   possessive holds only a cue right after it ("Russia's
   demand"). A cue used as a noun ("the promise of ...", "other demands") is held only by a
   possessive before it or an actor after "of"/"by"/"from". Judgements hold the actor after
   them ("unacceptable *to Russia*"). A passive cue may be held by its agent ("... by Moscow");
3. the *principal* cue of a clause is its first cue that is not a mere reporting verb; when
   no one holds it and no actor is named before it in the first clause ("Not only is the bare
   minimum ..."), the previous
   sentence's topic does (the holders of its first principal cue or, if it has no firm cue,
   the first actor it names as a subject: "So Putin has now thrown down a marker"); cues after the
   principal in its clause describe what is demanded ("... that Ukraine *will never* join"),
   so they give their own holders no credit, unless their holder is the subject of a relative
   clause ("..., which Russia has demanded");
4. an actor's weight is 1.0 when it holds a principal cue, 0.85 when it holds another cue,
   0.55 when it is only named, 0.4 when named in object position;
5. pronouns stand for an actor named shortly before (see :class:`PronounContext`); a mention by
   pronoun or by topic counts :data:`PRONOUN_FACTOR` of a named one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from accord.evidence.cues import Cue
from accord.evidence.mentions import Mention
from accord.evidence.tokens import Token

HOLDER_REACH = 14
"""Farthest (in tokens) an actor may stand before the cue it holds."""

OBJECT_MARKERS = frozenset({
    "join", "joins", "joined", "joining", "into", "to", "with", "against", "from", "on", "over",
    "about", "for", "of", "in", "at", "between", "toward", "towards", "onto", "than", "enter",
    "entering", "entry", "attack", "invade", "invading", "pressure", "persuade", "sanction",
    "sanctioning", "among", "allow", "allowing", "allowed", "let", "letting", "urge", "urged",
    "urging", "force", "forced", "forcing", "push", "pushed", "engage", "confront", "deter",
    "punish", "bribe", "help", "helping", "arm", "arming", "fund", "funding", "told", "tell",
    "telling", "asked", "warned", "informed", "convince", "convincing", "upon", "like",
})
"""Words after which an actor is what is acted on, not who acts."""

DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "any", "such",
                         "other", "another", "every", "no", "its", "his", "her", "their", "our"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "both"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who"})
REPORTING = frozenset({"said", "says", "say", "told", "tells", "stated", "added", "insisted",
                       "warned", "announced", "claimed", "argued", "stressed", "noted",
                       "reiterated", "wrote", "believed", "believes", "hoped", "hopes",
                       "thinks", "thought", "saying", "repeated", "declared"})
"""Verbs after which a pronoun subject is the reporter itself ("Russia said *it* will not")."""
HEDGES = frozenset({"might", "may", "could"})
"""Modals that make what follows a possibility, not a stated intention."""
HEDGE_REACH = 3
"""Tokens before a cue where a hedge counts ("might *be* ready to")."""
EXPERIENCER_CUES = frozenset({"unacceptable", "out of the question"})
"""Judgements whose holder follows: "unacceptable to Russia", "unacceptable for Kyiv"."""

_COORDINATORS = frozenset({"and", "or", "the", "both", "as", "well"})
_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "when",
                           "because", "unless"})
_ADJUNCT_WORDS = frozenset({"following", "after", "before", "during", "amid", "ahead",
                            "despite"})
"""After a comma, these open an adjunct that sets the scene ("..., following talks with the
US"): a clause of its own."""
_CAUSE_WORDS = {"due": "to", "owing": "to", "thanks": "to"}
"""Two-word openers of a cause ("... *due to* Putin's intransigence"): a clause of its own."""
_AS_BEFORE = frozenset({"such", "well", "same", "as", "so", "known", "seen", "regarded"})
"""Words before an "as" that compares or names ("such as Russia") rather than opens a
clause ("as Russia continues ...")."""
_RELATIVES = frozenset({"which", "whom", "where", "whereby"})
"""Relative words that open a clause with its own subject when an actor follows ("the
Donbas, *which Russia has demanded*"): that actor holds the clause's cue outright."""
_CLAUSE_MARK = re.compile(r";|\s[—–]\s|\s-\s")
PRINCIPAL_WEIGHT, OTHER_CUE_WEIGHT, NAMED_WEIGHT, OBJECT_WEIGHT = 1.0, 0.85, 0.55, 0.4
PRONOUN_FACTOR = 0.85


def clauses(text: str, tokens: Sequence[Token],
            mentions: Sequence[Mention] = ()) -> list[tuple[int, int]]:
    """Token ranges ``[first, stop)`` of the clauses of a sentence (step 1); with the
    sentence's ``mentions``, "as" before an actor opens a clause too ("..., as Russia
    continues to delay talks")."""
    out: list[tuple[int, int]] = []
    first = 0
    starts = {m.first for m in mentions if m.first >= 0}
    for k in range(1, len(tokens)):
        gap = text[tokens[k - 1].end:tokens[k].start]
        word = tokens[k].lower
        if _CLAUSE_MARK.search(gap) or word in _CLAUSE_WORDS or (
                "," in gap and word in _ADJUNCT_WORDS) or (
                word in _CAUSE_WORDS and k + 1 < len(tokens)
                and tokens[k + 1].lower == _CAUSE_WORDS[word]) or (
                word == "as" and k + 1 in starts and tokens[k - 1].lower not in _AS_BEFORE):
            out.append((first, k))
            first = k
    out.append((first, len(tokens)))
    return out


def _relative_subject(tokens: Sequence[Token], mentions: Sequence[Mention], cue: Cue,
                      holders: set[str]) -> bool:
    """Whether the cue's holders are the subject of a relative clause the cue is in ("the
    Donbas region, which Russia has demanded"): they hold it outright, not as the content of
    the sentence's principal cue."""
    for m in mentions:
        if m.actor not in holders or m.first >= cue.first or m.first < 1:
            continue
        k = m.first - 1
        if tokens[k].lower in ("the", "a") and k > 0:
            k -= 1
        if tokens[k].lower in _RELATIVES:
            return True
    return False


def clause_of(ranges: Sequence[tuple[int, int]], token: int) -> int:
    return next(k for k, (a, b) in enumerate(ranges) if a <= token < b)


def in_object_position(tokens: Sequence[Token], m: Mention) -> bool:
    """Whether the word before the mention (skipping "the") marks it as an object ("with
    Ukraine arguing ..." does not: the actor is the subject of the participle)."""
    k = m.first - 1
    while k >= 0 and tokens[k].lower in ("the", "a", "an"):
        k -= 1
    if k >= 0 and tokens[k].lower == "with" and m.last + 1 < len(tokens) \
            and tokens[m.last + 1].lower.endswith("ing"):
        return False
    return k >= 0 and tokens[k].lower in OBJECT_MARKERS


def _at(mentions: Sequence[Mention], m: Mention) -> set[str]:
    return {x.actor for x in mentions if x.first == m.first}


PARTICIPLE_OPENERS = frozenset({"while", "after", "before", "when", "by", "in", "on", "upon",
                                "despite", "though", "although", "whilst"})
"""Words that may open a sentence before a participle ("*While* rejecting ..., X said")."""


def participle_subject(text: str, tokens: Sequence[Token], mentions: Sequence[Mention],
                       cue: Cue) -> set[str]:
    """The holder of a cue in a participle that opens the sentence ("Rejecting the plan,
    Moscow said ...", "While welcoming the offer, Kyiv ..."): the subject of the main clause,
    the first actor named after the participle's comma, not in object position."""
    lead = tokens[:cue.first]
    if not tokens or cue.first >= len(tokens) or not tokens[cue.first].lower.endswith("ing") \
            or len(lead) > 1 or any(t.lower not in PARTICIPLE_OPENERS for t in lead):
        return set()
    comma = next((k for k in range(cue.last + 1, len(tokens))
                  if "," in text[tokens[k - 1].end:tokens[k].start]), None)
    if comma is None:
        return set()
    first = next((m for m in mentions if m.first >= comma), None)
    if first is None or in_object_position(tokens, first):
        return set()
    return _at(mentions, first)


def holder(tokens: Sequence[Token], mentions: Sequence[Mention], cue: Cue,
           clause: tuple[int, int], text: str = "") -> set[str]:
    """The actors holding one cue (several when a pronoun stands for a group); step 2
    (with the sentence's ``text``, also the subject after an opening participle)."""
    after = [m for m in mentions if cue.last < m.first <= cue.last + 3 and m.first < clause[1]]
    if cue.phrase in EXPERIENCER_CUES:
        for m in after:
            if tokens[m.first - 1].lower in ("to", "for"):
                return _at(mentions, m)
    before = [m for m in mentions
              if clause[0] <= m.first and m.last < cue.first and cue.first - m.last <= HOLDER_REACH]
    noun = cue.first > 0 and tokens[cue.first - 1].lower in DETERMINERS
    if noun:
        for m in reversed(before):
            if m.possessive and cue.first - m.last <= 3:
                return _at(mentions, m)
        for m in after:
            if tokens[m.first - 1].lower in ("of", "by", "from"):
                return _at(mentions, m)
        return set()
    for m in reversed(before):
        between = tokens[m.last + 1:cue.first]
        if between and between[0].lower == "who" and m.kind != "pronoun":
            return _at(mentions, m)  # "Putin, who has said ...": the relative's antecedent
        subject = next((n for n, t in enumerate(between) if t.lower in SUBJECT_PRONOUNS), None)
        if m.kind != "pronoun" and subject is not None and not any(
                t.lower in REPORTING for t in between[:subject]):
            break  # an unresolved pronoun is the subject of the cue (but "X said it ...": X)
        if m.possessive:
            if cue.first - m.last <= 3:
                return _at(mentions, m)
            continue  # "Ukraine's neutrality means ...": the possessive is not the subject
        if not in_object_position(tokens, m):
            return _at(mentions, m)
    for m in after:
        if tokens[m.first - 1].lower == "by":
            return _at(mentions, m)
    return participle_subject(text, tokens, mentions, cue) if text else set()


@dataclass(frozen=True)
class ActorRole:
    """How an actor figures in one sentence."""

    weight: float
    cues: tuple[Cue, ...]
    """The cues it holds (with credit)."""
    via: str
    """How it is named: the kind of its strongest mention ("surname", "pronoun", ...)."""
    clauses: frozenset[int]
    """The clauses its position is stated in: those of its cues, else of its mentions."""


@dataclass(frozen=True)
class Reading:
    """Who holds what in one sentence."""

    roles: dict[str, ActorRole]
    leaders: frozenset[str]
    """The topic for the next sentence: the holders of the first principal cue, or, with no
    firm cue, the first actor named as a subject."""
    clauses: list[tuple[int, int]]


def read_sentence(text: str, tokens: Sequence[Token], mentions: Sequence[Mention],
                  cues: Sequence[Cue], topic: frozenset[str] = frozenset(),
                  forced: Mapping[int, frozenset[str]] | None = None) -> Reading:
    """Every actor of the sentence with its weight and clauses (steps 1-4); ``forced`` gives
    the holders of some cues (by index) outright: a quotation's speaker, a list's lead
    (:mod:`accord.evidence.speech`)."""
    ranges = clauses(text, tokens, mentions)
    mentions = list(mentions)
    where = [clause_of(ranges, max(0, c.first)) for c in cues]
    held = [set(forced[n]) if forced and n in forced
            else holder(tokens, mentions, c, ranges[k], text)
            for n, (c, k) in enumerate(zip(cues, where, strict=True))]
    for n, c in enumerate(cues):
        # "He stated that Russia is ... and warned that ...": a report verb after "and" shares
        # the subject of the report before it, not the subject of that report's content
        if n and _reports(c) and c.first > 0 and tokens[c.first - 1].lower == "and" \
                and not (forced and n in forced):
            before = next((j for j in range(n - 1, -1, -1) if where[j] == where[n]
                           and _reports(cues[j]) and held[j] and cues[j].last < c.first), None)
            if before is not None:
                held[n] = set(held[before])
    for n, c in enumerate(cues):
        # "Rutte warned that Russia *might be* ready to attack": a hedged cue in someone
        # else's report is the reporter's speculation, no one's stated position
        if c.kind == "statement" or not held[n] or (forced and n in forced) or not any(
                t.lower in HEDGES for t in tokens[max(0, c.first - HEDGE_REACH):c.first]):
            continue
        if any(where[j] == where[n] and _reports(cues[j]) and held[j] and cues[j].last < c.first
               and not held[j] & held[n] for j in range(n)):
            held[n] = set()
    principals: list[int] = []
    for clause in range(len(ranges)):
        firm = [k for k, c in enumerate(cues) if where[k] == clause and c.kind != "statement"]
        if not firm:
            continue
        first = firm[0]
        bare = not any(m.first < cues[first].first and not in_object_position(tokens, m)
                       for m in mentions if ranges[clause][0] <= m.first)
        if not held[first] and clause == 0 and topic and bare:
            at = cues[first].first
            mentions += [Mention(a, at, at, "pronoun") for a in sorted(topic)]
            held[first] = set(topic)
        elif not held[first]:
            first = next((k for k in firm if held[k]), first)
        principals.append(first)
        for k in firm:
            if k > first and not _relative_subject(tokens, mentions, cues[k], held[k]):
                held[k] = held[k] & held[first]
    lead = {a for k in principals for a in held[k]}
    roles: dict[str, ActorRole] = {}
    for m in mentions:
        own = tuple(c for c, h in zip(cues, held, strict=True) if m.actor in h)
        if m.actor in lead:
            weight = PRINCIPAL_WEIGHT
        elif own:
            weight = OTHER_CUE_WEIGHT
        elif in_object_position(tokens, m):
            weight = OBJECT_WEIGHT
        else:
            weight = NAMED_WEIGHT
        if m.kind in ("pronoun", "speaker", "context"):
            weight *= PRONOUN_FACTOR
        places = frozenset(clause_of(ranges, max(0, c.first)) for c in own) or frozenset(
            {clause_of(ranges, max(0, m.first))})
        old = roles.get(m.actor)
        if old is None or weight > old.weight:
            roles[m.actor] = ActorRole(weight, own, m.kind, places)
        elif weight == old.weight:
            roles[m.actor] = ActorRole(weight, old.cues, old.via, old.clauses | places)
    if principals and held[principals[0]]:
        leaders = frozenset(held[principals[0]])
    else:  # no firm cue: the subject of the sentence is its topic ("So Putin has ...")
        subject = next((m for m in mentions if not m.possessive
                        and not in_object_position(tokens, m)), None)
        leaders = frozenset(_at(mentions, subject)) if subject is not None else frozenset()
    return Reading(roles, leaders, ranges)


def _reports(cue: Cue) -> bool:
    """Whether a cue is a verb of saying ("said", "warned", "stressed")."""
    return cue.kind == "statement" or cue.phrase in REPORTING


def coordinated(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[frozenset[str]]:
    """Groups of two or more actors named together as a subject ("the US and NATO")."""
    groups: list[frozenset[str]] = []
    chain: list[Mention] = []

    def close() -> None:
        actors = frozenset(m.actor for m in chain)
        if len(actors) >= 2 and not in_object_position(tokens, chain[0]):
            groups.append(actors)

    for m in mentions:
        if chain and all(t.lower in _COORDINATORS
                         for t in tokens[chain[-1].last + 1:m.first]) and m.first > chain[-1].last:
            chain.append(m)
            continue
        if chain:
            close()
        chain = [m]
    if chain:
        close()
    return groups


@dataclass
class PronounContext:
    """What the last sentences of an article named, for resolving pronouns (step 5).

    "he"/"she" stand for the last person named as a subject, "they"/"both" for the last group
    named together as a subject; only the last :attr:`reach` sentences count.
    """

    reach: int = 2
    people: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, frozenset[str]]] = field(default_factory=list)

    def resolve(self, index: int, tokens: Sequence[Token],
                mentions: Sequence[Mention]) -> list[Mention]:
        """The pronoun mentions of sentence ``index`` (call once per sentence, in order)."""
        out: list[Mention] = []
        group_done = False
        for k, t in enumerate(tokens):
            if t.lower in PERSON_PRONOUNS:
                people = [m for m in mentions if m.last < k and m.kind in ("person", "surname")]
                subjects = [m.actor for m in people if not in_object_position(tokens, m)]
                named = subjects or [m.actor for m in people]
                if named:  # someone named earlier in this sentence: "Putin said that he ..."
                    out.append(Mention(named[-1], k, k, "pronoun", t.lower == "his"))
                    continue
                recent = [a for i, a in self.people if index - i <= self.reach]
                if recent:
                    out.append(Mention(recent[-1], k, k, "pronoun", t.lower == "his"))
            elif t.lower in GROUP_PRONOUNS and not group_done:
                recent_groups = [g for i, g in self.groups if index - i <= self.reach]
                if recent_groups:
                    group_done = True
                    out += [Mention(a, k, k, "pronoun", t.lower == "their")
                            for a in sorted(recent_groups[-1])]
        # the sentence's first person named as a subject is whom "he" means next
        subject = next((m.actor for m in sorted([*mentions, *out], key=lambda m: m.first)
                        if (m.kind in ("person", "surname")
                            or (m.kind == "pronoun" and tokens[m.first].lower in ("he", "she")))
                        and not in_object_position(tokens, m)), None)
        if subject is not None:
            self.people.append((index, subject))
        groups = coordinated(tokens, mentions)
        if groups:
            self.groups += [(index, g) for g in groups]
        elif group_done:
            self.groups.append((index, frozenset(
                m.actor for m in out if tokens[m.first].lower in GROUP_PRONOUNS)))
        return out
