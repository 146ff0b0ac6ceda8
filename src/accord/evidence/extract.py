"""From article text to ranked candidate claims (who states what on which issue, and where).

For every sentence (:mod:`~accord.evidence.sentences`), the extractor finds the actors it names
(:mod:`~accord.evidence.mentions`, pronouns through
:class:`~accord.evidence.attribution.PronounContext`), how strongly it is about each issue
(:mod:`~accord.evidence.issues`, optionally with sentence embeddings), its stance cues
(:mod:`~accord.evidence.cues`) and who holds them (:mod:`~accord.evidence.attribution`). Each
(actor, issue) pair of the sentence becomes a candidate scored

    score = issue strength × actor weight × (0.3 + 0.7 × cue strength)

where the issue strength is measured in the clauses that state the actor's position (half the
sentence's strength when the issue is named only in another clause), and the cue strength is
that of the strongest cue the actor holds, or half the strongest cue of the sentence when the
actor holds none. A sentence with no cue can still be a candidate, at
under a third of the score it would have with a firm one. A cue after "could", "might" or
"may" in a sentence that reports no one counts half (:data:`HEDGE_FACTOR`: the author's view
of what an actor could do). Words that set the scene rather than state the position (a
prepositional phrase of time or place, an aside, an idiom's words, a title, a compound
preposition) are no issue words.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from accord.evidence.attribution import (
    HEDGE_REACH,
    HEDGES,
    OTHER_CUE_WEIGHT,
    PRONOUN_FACTOR,
    PronounContext,
    Reading,
    clause_of,
    read_sentence,
)
from accord.evidence.claims import Claim, claim_id
from accord.evidence.cues import Cue, find_cues
from accord.evidence.direction import Direction, DirectionFinder, poles
from accord.evidence.discovery import (
    MIN_ISSUE_CUE,
    Finding,
    best_per_sentence,
    outsiders,
    topic,
)
from accord.evidence.gazetteer import place_for
from accord.evidence.issues import IssueHit, IssueScorer, preposition_tokens
from accord.evidence.mentions import ActorFinder, Mention
from accord.evidence.people import PeopleBook
from accord.evidence.reading import Article
from accord.evidence.scene import scene_tokens
from accord.evidence.sentences import Sentence, split_sentences
from accord.evidence.speech import Voices, voiced
from accord.evidence.tokens import Token, stem, tokenize
from accord.scenario.schema import Actor, Scenario

CUE_BASE = 0.3
SEMANTIC_WEIGHT = 0.6
"""Discount on an issue found only by sentence embeddings."""
OFF_CLAUSE = 0.5
"""Discount on an issue named only in another clause than the actor's."""
ANAPHOR_WEIGHT = 0.6
"""Discount on an issue a sentence refers back to ("this offer") without naming it."""
ANAPHORS = frozenset({"offer", "proposal", "plan", "idea", "deal", "initiative", "proposition",
                      "document", "agreement", "demand", "demands", "memorandum", "draft"})
"""Nouns by which a sentence refers to the position of the sentence before."""
ANAPHOR_REACH = 2
"""Sentences back (besides the paragraph before) where such a reference may point: news
paragraphs are often one sentence long."""
MIN_SCORE = 0.05
"""Candidates scoring below this are dropped (they are noise, never worth a reviewer's time)."""


class SemanticScorer(Protocol):
    """Optional issue scoring by meaning (see :mod:`accord.evidence.embeddings`)."""

    def strengths(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """For each sentence, issue id -> strength in [0, 1] (issues below a floor left out)."""
        ...


def _actor_words(actors: Sequence[Actor]) -> list[str]:
    """Words that name actors (with their country adjectives): never issue words by themselves."""
    words: list[str] = []
    for a in actors:
        place = place_for([a.name, a.id, *a.aliases])
        extra = (place.adjective,) if place and place.adjective else ()
        for text in (a.id, a.name, *a.aliases, *a.people, *extra):
            words += [t.lower for t in tokenize(text)]
    return words


class Extractor:
    """The matchers of one scenario, built once and used for every article."""

    def __init__(self, scenario: Scenario, *, semantic: SemanticScorer | None = None,
                 min_score: float = MIN_SCORE, discover: bool = True) -> None:
        self.scenario = scenario
        others = outsiders(scenario) if discover else []
        self.outsiders = {a.id: a.name for a in others}
        """Actors the scenario lacks that are looked for too (:mod:`.discovery`)."""
        words = _actor_words([*scenario.actors, *others])
        self.actor_words = frozenset(words) | frozenset(stem(w) for w in words)
        self.actors = ActorFinder([*scenario.actors, *others])
        self.issues = IssueScorer(scenario.issues, words)
        self.directions = DirectionFinder(scenario.issues, words)
        self.poles = poles(scenario)
        self.semantic = semantic
        self.min_score = min_score
        self.sentence_counts: dict[str, int] = {}
        """Sentences read per article path (for reports)."""
        self.findings: list[Finding] = []
        """Statements "not in the scenario" found so far (:mod:`.discovery`), best first."""

    def extract(self, article: Article) -> list[Claim]:
        """Every candidate of one article, best first."""
        sentences = [s for s in split_sentences(article.text) if s.start >= article.body_start]
        self.sentence_counts[article.path] = len(sentences)
        parsed = self._parse(article.text, sentences)
        if self.semantic is not None and parsed:
            meaning = self.semantic.strengths([p.sentence.text for p in parsed])
            for p, strengths in zip(parsed, meaning, strict=True):
                p.hits = _blend(p.hits, strengths)
        lines = _line_starts(article.text)
        out: list[Claim] = []
        found: list[Finding] = []
        for p in parsed:
            if p.hits:
                out += self._score(article, lines, p)
            else:
                found += self._unmapped(article, lines, p)
        found += [_as_finding(c, "actor", self.outsiders[c.actor], "")
                  for c in out if c.actor in self.outsiders and c.cue is not None]
        self.findings = best_per_sentence([*self.findings, *found])
        return rank(c for c in out if c.actor not in self.outsiders)

    def _unmapped(self, article: Article, lines: list[int], p: _Parsed) -> list[Finding]:
        """Firm positions in a sentence about none of the scenario's issues."""
        out: list[Finding] = []
        for actor, role in p.reading.roles.items():
            cue = _best(role.cues)
            if cue is None or cue.kind == "statement" or cue.strength < MIN_ISSUE_CUE \
                    or role.weight < OTHER_CUE_WEIGHT * PRONOUN_FACTOR:
                continue
            clause = p.reading.clauses[clause_of(p.reading.clauses, max(0, cue.first))]
            words = topic(p.tokens, cue.last + 1, clause[1], p.named | p.actor_tokens,
                          self.actor_words)
            if not words:
                continue
            score = role.weight * (CUE_BASE + (1 - CUE_BASE) * cue.strength)
            claim = _claim(article, p.sentence, lines, actor, IssueHit("", 0.0, ()), 0.0,
                           role.weight, role.via, score, cue, None)
            outsider = self.outsiders.get(actor)
            out.append(_as_finding(claim, "actor" if outsider else "issue",
                                   outsider or self._name(actor), words, issue=None))
        return out

    def _name(self, actor: str) -> str:
        return next((a.name for a in self.scenario.actors if a.id == actor), actor)

    def _parse(self, text: str, sentences: Sequence[Sentence]) -> list[_Parsed]:
        """Actors, cues and lexical issue hits of every sentence that names an actor.

        Two passes: the first finds each sentence's tokens, actors (pronouns resolved in order)
        and cues; the second reads who holds what, with the voice the article's layout gives
        each sentence (quotations and their speakers, headings, lists:
        :mod:`~accord.evidence.speech`)."""
        context = PronounContext()
        book = PeopleBook()
        tokens = [tokenize(s.text) for s in sentences]
        mentions: list[list[Mention]] = []
        for s, toks in zip(sentences, tokens, strict=True):
            found = self.actors.find(toks)
            book.learn(toks, found)
            found = sorted([*found, *book.find(toks, found)], key=lambda m: m.first)
            pronouns = context.resolve(s.index, toks, found)
            mentions.append(sorted([*found, *pronouns], key=lambda m: (m.first, m.actor)))
        cues = [find_cues(t) for t in tokens]
        voices = Voices.read(text, sentences, tokens, mentions, cues)
        topic: frozenset[str] = frozenset()
        out: list[_Parsed] = []
        # the last sentence about an issue: its paragraph, its index and its issues
        before: tuple[int, int, list[IssueHit]] = (-9, -9, [])
        for s, toks, found, own, voice in zip(sentences, tokens, mentions, cues, voices,
                                              strict=True):
            everyone, held_cues, forced = voiced(toks, found, own, voice)
            reading = read_sentence(s.text, toks, everyone, held_cues, topic, forced)
            topic = reading.leaders
            if not reading.roles:
                plain = self.issues.score(toks)
                if plain:
                    before = (s.paragraph, s.index, plain)
                continue
            # A person's name or a role ("the Russian president") says who, not what about;
            # names of bodies stay ("join NATO" is about the NATO issue).
            # So is a body's name before a title or a group noun ("the NATO chief", "Nato
            # countries"): it says whose official or members, not what about.
            named = {k for m in everyone
                     if m.kind in ("person", "surname", "role") or _titled(toks, m)
                     for k in range(_title_start(toks, m.first), _title_end(toks, m) + 1)}
            # So is a prepositional phrase of time or place ("after talks with the US").
            # and so are the words of an idiom ("in exchange for", "a red line").
            named |= scene_tokens(s.text, toks, held_cues, everyone)
            named |= {k for c in held_cues if c.idiom for k in range(c.first, c.last + 1)}
            named |= preposition_tokens(toks)  # "related to" is not about relations
            actor_tokens = {k for m in everyone for k in range(m.first, m.last + 1)}
            hits = self.issues.score(toks, named)
            if hits:
                before = (s.paragraph, s.index, hits)
            elif (s.paragraph - before[0] <= 1 or s.index - before[1] <= ANAPHOR_REACH) \
                    and _anaphor(toks):
                hits = [IssueHit(h.issue, h.strength * ANAPHOR_WEIGHT, ("~" + _anaphor(toks),))
                        for h in before[2][:2]]
            out.append(_Parsed(s, toks, held_cues, reading, named, hits, actor_tokens,
                               everyone))
        return out

    def _score(self, article: Article, lines: list[int], p: _Parsed) -> list[Claim]:
        """The candidates of one sentence (the module docstring's formula)."""
        tokens, reading = p.tokens, p.reading
        if len(reading.clauses) > 1:
            per_clause = [{h.issue: h for h in self.issues.score(tokens, p.named, a, b)}
                          for a, b in reading.clauses]
        else:
            per_clause = [{h.issue: h for h in p.hits}]
        strongest = max((c.strength for c in p.cues if c.kind != "statement"), default=0.0)
        out: list[Claim] = []
        for actor, role in reading.roles.items():
            cue = _best(role.cues)
            # an actor that holds no cue where another holds one is only named in someone
            # else's position: the words' direction is not its own
            bystander = not role.cues and any(
                r.cues for a, r in reading.roles.items() if a != actor)
            cue_strength = cue.strength if cue else strongest / 2
            if cue is not None and _hedged(tokens, cue) and not any(
                    c.kind == "statement" for c in p.cues):
                cue_strength *= HEDGE_FACTOR  # "Either state could veto ...": a possibility
            home = sorted(role.clauses)
            scope = {t for k in home for t in range(*reading.clauses[k])}
            own = per_clause
            fronted = self._fronted(p, actor, cue) if cue is not None and cue.last >= cue.first \
                else {}
            inserted = self._inserted(p, actor, cue) if cue is not None else set()
            if fronted or inserted:
                # "Following talks with X, Y said ...": the scene, not the content;
                # "Russia, in its ceasefire memorandum, demands ...": an aside
                own = [dict(c) for c in per_clause]
                skip = p.named | inserted
                for k in {*fronted, *(clause_of(reading.clauses, t) for t in inserted)}:
                    start = fronted.get(k, reading.clauses[k][0])
                    own[k] = {h.issue: h for h in self.issues.score(
                        tokens, skip, start, reading.clauses[k][1])}
            for hit in p.hits:
                local = max((own[k][hit.issue].strength for k in home
                             if hit.issue in own[k]), default=None)
                if hit.terms and hit.terms[0].startswith("~"):
                    local = hit.strength  # by meaning or by reference: the whole sentence
                on_issue = local if local is not None else OFF_CLAUSE * hit.strength
                score = on_issue * role.weight * (CUE_BASE + (1 - CUE_BASE) * cue_strength)
                if score < self.min_score:
                    continue
                direction = None if bystander else self.directions.hint(
                    hit.issue, tokens, role.cues, pole=self.poles.get((actor, hit.issue), 0.0),
                    cues=p.cues, scope=scope)
                out.append(_claim(article, p.sentence, lines, actor, hit, on_issue, role.weight,
                                  role.via, score, cue, direction))
        return out

    def _inserted(self, p: _Parsed, actor: str, cue: Cue) -> set[int]:
        """An aside between the actor and its verb cue, set off by commas ("Russia, in its
        ceasefire memorandum, demands ...", "Macron opened the meeting, stating that ..."):
        the tokens from the actor's mention to the last comma before the cue, which say
        where or when it spoke, not what it holds."""
        if cue.last < cue.first:
            return set()
        text = p.sentence.text
        k = clause_of(p.reading.clauses, cue.first)
        a = p.reading.clauses[k][0]
        mention = next((m for m in reversed(p.mentions) if m.actor == actor
                        and a <= m.first and m.last < cue.first and m.last >= m.first), None)
        if mention is None:
            return set()
        cut = next((j for j in range(cue.first, mention.last + 1, -1)
                    if "," in text[p.tokens[j - 1].end:p.tokens[j].start]), None)
        return set(range(mention.last + 1, cut)) if cut is not None else set()

    def _fronted(self, p: _Parsed, actor: str, cue: Cue) -> dict[int, int]:
        """Clauses that open with an adverbial before the actor ("Following talks with
        Witkoff, Dmitriev said ..."): clause index -> first token after its last comma before
        the actor's first mention there. A cue before that comma is the actor's own ("“We
        need the assets”, Costa said"): what opens the clause is then its position."""
        out: dict[int, int] = {}
        text = p.sentence.text
        for k, (a, b) in enumerate(p.reading.clauses):
            first = next((m.first for m in p.mentions
                          if m.actor == actor and a <= m.first < b and m.last >= m.first), None)
            if first is None:
                continue
            cut = next((j for j in range(first, a, -1)
                        if "," in text[p.tokens[j - 1].end:p.tokens[j].start]), None)
            if cut is not None and not a <= cue.first < cut:
                out[k] = cut
        return out

    def extract_all(self, articles: Iterable[Article],
                    progress: Callable[[Article], None] | None = None) -> list[Claim]:
        """Candidates of several articles, best first."""
        out: list[Claim] = []
        for article in articles:
            out += self.extract(article)
            if progress is not None:
                progress(article)
        return rank(out)


@dataclass
class _Parsed:
    sentence: Sentence
    tokens: list[Token]
    cues: list[Cue]
    reading: Reading
    named: set[int]
    hits: list[IssueHit]
    actor_tokens: set[int]
    mentions: list[Mention]


def rank(claims: Iterable[Claim]) -> list[Claim]:
    """Best first; ties by file and position, so the order never depends on input order."""
    return sorted(claims, key=lambda c: (-c.score, c.file, c.start, c.actor, c.issue))


def _best(cues: Sequence[Cue]) -> Cue | None:
    firm = [c for c in cues if c.kind != "statement"]
    pool = firm or list(cues)
    return max(pool, key=lambda c: c.strength) if pool else None


def _blend(hits: list[IssueHit], semantic: dict[str, float]) -> list[IssueHit]:
    """Lexical hits as they are, plus issues only the meaning finds, at a discount.

    Keywords are the analyst's word on what an issue is about; embeddings only add issues a
    keyword list missed, at :data:`SEMANTIC_WEIGHT` of their strength so that a keyword
    candidate outranks them.
    """
    merged = {h.issue: h for h in hits}
    for issue, strength in semantic.items():
        if issue not in merged and strength * SEMANTIC_WEIGHT > 0:
            merged[issue] = IssueHit(issue, strength * SEMANTIC_WEIGHT, ("~meaning",))
    return sorted(merged.values(), key=lambda h: (-h.strength, h.issue))


TITLES = frozenset({"president", "prime", "minister", "foreign", "chancellor", "secretary",
                    "general", "mr", "mrs", "ms", "dr", "envoy", "special", "state", "defence",
                    "defense", "spokesman", "spokeswoman", "adviser", "advisor", "chief", "leader",
                    "negotiator", "negotiators", "envoys"})
"""Words of a title before a person's name ("President Putin"): part of who, not of what."""


MEMBER_NOUNS = frozenset({
    "chief", "secretary", "president", "minister", "spokesman", "spokeswoman", "envoy",
    "leader", "leaders", "chancellor", "adviser", "advisor", "officials", "countries",
    "members", "member", "allies", "states", "capitals", "partners", "summit", "troops",
    "forces", "soldiers", "negotiator", "negotiators", "envoys", "delegation"})
"""Nouns after a body's name that make it say whose official, members or soldiers ("the NATO
chief", "NATO troops": about troops, not about joining NATO)."""


def _titled(tokens: Sequence[Token], m: Mention) -> bool:
    """Whether a mention is followed by one of :data:`MEMBER_NOUNS`."""
    after = m.last + 1
    return m.first >= 0 and after < len(tokens) and tokens[after].lower in MEMBER_NOUNS


def _title_end(tokens: Sequence[Token], m: Mention) -> int:
    """The last token of a mention with the title after it ("Trump's negotiators")."""
    after = m.last + 1
    if m.first >= 0 and after < len(tokens) and tokens[after].lower in TITLES:
        return after
    return m.last


def _title_start(tokens: Sequence[Token], first: int) -> int:
    while first > 0 and tokens[first - 1].lower in TITLES:
        first -= 1
    return first


def _as_finding(c: Claim, kind: Literal["actor", "issue"], name: str, words: str, *,
                issue: str | Literal[False] | None = False) -> Finding:
    return Finding(kind, c.actor, name, c.issue if issue is False else issue, words, c.quote,
                   c.file, c.path, c.start, c.end, c.line, c.col, c.cue, c.score)


HEDGE_FACTOR = 0.5
"""Discount on a cue after "could", "might" or "may" in a sentence that reports no one: the
author's view of what an actor could do, not what it says it will."""


def _hedged(tokens: Sequence[Token], cue: Cue) -> bool:
    return any(t.lower in HEDGES for t in tokens[max(0, cue.first - HEDGE_REACH):cue.first])


def _anaphor(tokens: Sequence[Token]) -> str:
    """The noun of a reference back ("this offer", "the proposal"), or an empty string."""
    for a, b in itertools.pairwise(tokens):
        if a.lower in ("this", "that", "the", "such") and b.lower in ANAPHORS:
            return b.lower
    return ""


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _claim(article: Article, s: Sentence, lines: list[int], actor: str, hit: IssueHit,
           on_issue: float, weight: float, via: str, score: float, cue: Cue | None,
           d: Direction | None) -> Claim:
    line = bisect.bisect_right(lines, s.start)
    return Claim(
        id=claim_id(article.name, s.start, s.end, actor, hit.issue), actor=actor,
        issue=hit.issue, quote=s.text, path=article.path, file=article.name, start=s.start,
        end=s.end, line=line, col=s.start - lines[line - 1] + 1, sentence=s.index,
        score=round(score, 4), issue_strength=round(on_issue, 4),
        actor_weight=round(weight, 4), cue=cue.kind if cue else None,
        cue_phrase=cue.phrase if cue else None, actor_via=via, terms=hit.terms,
        direction=d.end if d else None, toward=d.toward if d else None,
        toward_label=d.label if d else None, polarity=cue.polarity if cue else 0.0)
