"""Who speaks: quotations and their speakers, speaker headings, and lists a demand introduces.

News reports positions mostly as reported speech, and the speaker is often named outside the
sentence that states the position:

* a quotation runs over several sentences and its speaker is named after the closing mark
  (``"... They want peace or not," Yermak told reporters``) or before the opening one
  (``Macron stressed that "..."``); a quotation with no speaker continues the last one of the
  paragraph or the one before (news style: one speaker per run of quotes);
* a live-blog list of reactions names the speaker in a heading line of its own ("French
  President Emmanuel Macron") and quotes him below without quotation marks ("I condemn this
  decision");
* a demand introduces a list ("the Russian Federation put forward the following demands:")
  whose items name no one ("lifting all sanctions ...;").

:class:`Voices` reads an article's sentences once, in order, and gives each sentence its
:class:`Voice`: which tokens are quoted and who speaks them, whom "I"/"we" stand for, and who
holds a list item's demand. :func:`accord.evidence.attribution.read_sentence` then gives the
cues in quoted text to the speaker, not to the actors the quote names ("*Russia* needs to
say ...," Yermak said: Yermak's demand). This is a reading of punctuation and layout, not of
grammar: it fails where an article's quotation marks are unbalanced (an unclosed quotation
runs to the end of its paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from accord.evidence.attribution import holder, in_object_position
from accord.evidence.cues import Cue
from accord.evidence.mentions import Mention
from accord.evidence.sentences import Sentence
from accord.evidence.tokens import Token

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
SPEAKER_REACH = 8
"""Tokens after a closing mark (or before an opening one) where its speaker may be named."""
CONTINUE_PARAGRAPHS = 2
"""A quotation with no speaker continues one named at most this many paragraphs before."""
LIST_REACH = 15
"""Paragraphs a lead-in sentence ending in ':' can govern."""
HEADING_TOKENS = 10
MODALS = frozenset({"must", "has to", "have to", "needs to", "need", "needs", "should"})
"""Cues by which a speaker asks something of the party a quotation names."""
MIN_QUOTE_WORDS = 4
FIRST_PERSON = frozenset({"i", "we", "us", "our", "my", "me"})
_END_MARKS = ".!?:;\"”»)"
_MARK = re.compile("[" + OPENING + CLOSING + STRAIGHT + "]")


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of ``text[start:end]`` (one paragraph) inside quotation marks.

    Curly and guillemet marks pair by kind; straight double quotes alternate. An opening mark
    with no closing one runs to the end of the paragraph; a closing curly mark before any
    opening one ends a quotation carried over from the paragraph before (a line break inside
    a quotation). Single quotes are left alone: they are apostrophes far more often than
    quotation marks.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text, start, end)]
    if marks and marks[0][1] in CLOSING:  # the end of a quotation from the paragraph before
        if marks[0][0] > start:
            spans.append((start, marks[0][0]))
        marks = marks[1:]
    for k, ch in marks:
        if open_at is None and (ch in OPENING or ch == STRAIGHT):
            open_at = k + 1
        elif open_at is not None and (ch in CLOSING or ch == STRAIGHT):
            if k > open_at:
                spans.append((open_at, k))
            open_at = None
    if open_at is not None and end > open_at:
        spans.append((open_at, end))
    return spans


@dataclass(frozen=True)
class Voice:
    """What the layout of the article says about one sentence."""

    quoted: tuple[tuple[int, int], ...] = ()
    """Token ranges ``[first, stop)`` inside quotation marks."""
    speaker: frozenset[str] = frozenset()
    """Who speaks the quoted tokens (empty when unknown)."""
    heading: frozenset[str] = frozenset()
    """The speaker named by the last heading line: whom "I"/"we" stand for outside quotes."""
    lead: frozenset[str] = frozenset()
    """Who holds the demand of a list this sentence is an item of."""
    lead_cue: Cue | None = None
    """That demand's cue (in the lead-in sentence)."""

    def in_quote(self, token: int) -> bool:
        return any(a <= token < b for a, b in self.quoted)

    def first_person(self, token: int) -> frozenset[str]:
        """Whom a first-person pronoun at ``token`` stands for (empty when unknown)."""
        return (self.speaker or self.heading) if self.in_quote(token) else self.heading


@dataclass
class _Parsed:
    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    cues: list[Cue]


def _mentions_at(mentions: Sequence[Mention], first: int) -> frozenset[str]:
    return frozenset(m.actor for m in mentions if m.first == first)


def _speaker_after(p: _Parsed, offset: int) -> frozenset[str]:
    """``..." Yermak told reporters`` / ``..." said Lavrov``: a reporting cue within reach
    after the closing mark at ``offset`` (article characters), with an actor just before or
    after it."""
    after = [k for k, t in enumerate(p.tokens) if p.sentence.start + t.start > offset]
    if not after:
        return frozenset()
    window = set(after[:SPEAKER_REACH])
    cue = next((c for c in p.cues if c.first in window and c.kind == "statement"), None)
    if cue is None:
        return frozenset()
    for m in p.mentions:
        near = (m.last < cue.first and m.first >= after[0]) or 0 < m.first - cue.last <= 3
        if near and not in_object_position(p.tokens, m):
            return _mentions_at(p.mentions, m.first)
    return frozenset()


def _speaker_before(p: _Parsed, offset: int) -> frozenset[str]:
    """``Macron stressed that "..."``: the nearest actor before the opening mark at ``offset``
    with a cue between it and the mark."""
    before = [k for k, t in enumerate(p.tokens) if p.sentence.start + t.end <= offset]
    if not before:
        return frozenset()
    last = before[-1]
    cues = [c for c in p.cues if c.last <= last and last - c.last < SPEAKER_REACH]
    if not cues:
        return frozenset()
    cue = cues[-1]
    for m in reversed(p.mentions):
        if m.last < cue.first and not in_object_position(p.tokens, m) and not m.possessive:
            return _mentions_at(p.mentions, m.first)
    return frozenset()


def _is_heading(text: str, tokens: Sequence[Token], mentions: Sequence[Mention],
                cues: Sequence[Cue]) -> bool:
    """A line naming one speaker and nothing else ("French President Emmanuel Macron"):
    short, no cue, no closing punctuation, one actor, and it ends with a person's name."""
    stripped = text.strip()
    return (0 < len(tokens) <= HEADING_TOKENS and not cues and bool(mentions)
            and stripped[-1] not in _END_MARKS
            and len({m.actor for m in mentions}) == 1
            and any(m.kind in ("person", "surname") and m.last == len(tokens) - 1
                    for m in mentions))


def _is_item(text: str) -> bool:
    """A list item: it starts with a bullet or in lower case, or ends with ';'."""
    stripped = text.strip()
    return bool(stripped) and (stripped[0] in "•-*–·" or stripped[0].islower()
                               or stripped.endswith(";"))


@dataclass
class Voices:
    """The :class:`Voice` of each sentence of one article, read in order (module docstring)."""

    text: str
    quotes: list[tuple[int, int, int]] = field(default_factory=list)
    """Character spans (start, end, paragraph) of the article's quotations."""
    _speakers: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, sentences: Sequence[Sentence],
             tokens: Sequence[list[Token]], mentions: Sequence[list[Mention]],
             cues: Sequence[list[Cue]]) -> list[Voice]:
        """The voice of every sentence (same order as ``sentences``)."""
        parsed = [_Parsed(s, t, m, c)
                  for s, t, m, c in zip(sentences, tokens, mentions, cues, strict=True)]
        voices = cls(text)
        voices._find_quotes(parsed)
        return voices._assign(parsed)

    def _find_quotes(self, parsed: Sequence[_Parsed]) -> None:
        paragraphs: dict[int, tuple[int, int]] = {}
        for p in parsed:
            a, b = paragraphs.get(p.sentence.paragraph, (p.sentence.start, p.sentence.end))
            paragraphs[p.sentence.paragraph] = (min(a, p.sentence.start), max(b, p.sentence.end))
        for para, (a, b) in sorted(paragraphs.items()):
            # a quoted word or two is a name or a scare quote ("memorandum"), not speech
            self.quotes += [(s, e, para) for s, e in quotation_spans(self.text, a, b)
                            if len(self.text[s:e].split()) >= MIN_QUOTE_WORDS]
        last: tuple[int, frozenset[str]] | None = None  # (paragraph, speaker)
        for n, (start, end, para) in enumerate(self.quotes):
            closing = next((p for p in parsed if p.sentence.start <= end <= p.sentence.end),
                           None)
            opening = next((p for p in parsed if p.sentence.start <= start - 1
                            <= p.sentence.end), None)
            speaker = _speaker_after(closing, end) if closing is not None else frozenset()
            if not speaker and opening is not None:
                speaker = _speaker_before(opening, start - 1)
            if not speaker and last is not None and para - last[0] <= CONTINUE_PARAGRAPHS:
                speaker = last[1]
            if speaker:
                self._speakers[n] = speaker
                last = (para, speaker)

    def _assign(self, parsed: Sequence[_Parsed]) -> list[Voice]:
        out: list[Voice] = []
        heading: frozenset[str] = frozenset()
        lead: frozenset[str] = frozenset()
        lead_cue: Cue | None = None
        lead_left = 0
        lead_paragraph = -1
        for p in parsed:
            s = p.sentence
            if _is_heading(s.text, p.tokens, p.mentions, p.cues):
                heading = frozenset(m.actor for m in p.mentions)
                lead, lead_left = frozenset(), 0
                out.append(Voice())
                continue
            if lead_left and s.paragraph != lead_paragraph and not _is_item(s.text):
                lead_left = 0  # the list ends at the first paragraph that is not an item
            quoted: list[tuple[int, int]] = []
            speaker: frozenset[str] = frozenset()
            for n, (a, b, _) in enumerate(self.quotes):
                if a >= s.end or b <= s.start:
                    continue
                inside = [k for k, t in enumerate(p.tokens) if a <= s.start + t.start < b]
                if inside:
                    quoted.append((inside[0], inside[-1] + 1))
                    speaker = speaker | self._speakers.get(n, frozenset())
            if quoted and not speaker:
                speaker = heading
            out.append(Voice(tuple(quoted), speaker, heading,
                             lead if lead_left else frozenset(), lead_cue if lead_left else None))
            if lead_left and s.paragraph != lead_paragraph:
                lead_left -= 1
            if s.text.rstrip().endswith(":"):
                firm = [c for c in p.cues if c.kind != "statement"]
                holders = frozenset(m.actor for m in p.mentions
                                    if not in_object_position(p.tokens, m)
                                    and firm and m.last < firm[0].first)
                if firm and holders:
                    lead, lead_cue, lead_left = holders, firm[0], LIST_REACH
                    lead_paragraph = s.paragraph
        return out


LIST_FACTOR = 0.9
"""A list item's demand is its lead-in's, a little weaker (it is read from the layout)."""


def voiced(tokens: Sequence[Token], mentions: Sequence[Mention], cues: Sequence[Cue],
           voice: Voice) -> tuple[list[Mention], list[Cue], dict[int, frozenset[str]]]:
    """A sentence's mentions and cues with what its voice adds, and the cues whose holders the
    voice decides (index -> holders, for
    :func:`~accord.evidence.attribution.read_sentence`).

    First-person pronouns become mentions of the speaker (kind ``speaker``); cues in quoted
    text are held by the quotation's speaker; every cue of a list item is held by the list's
    lead, and an item with no cue of its own gets the lead-in's (at no token: ``last`` is
    ``first - 1``), as does a quoted sentence with no cue (a bare report of its speaker).
    """
    out_mentions = list(mentions)
    out_cues = list(cues)
    forced: dict[int, frozenset[str]] = {}
    for k, t in enumerate(tokens):
        if t.lower in FIRST_PERSON:
            out_mentions += [Mention(a, k, k, "speaker", t.lower in ("our", "my"))
                             for a in sorted(voice.first_person(k))]
    if voice.lead and voice.lead_cue is not None:
        for n in range(len(out_cues)):
            forced[n] = voice.lead
        if not any(c.kind != "statement" for c in out_cues):
            lead = voice.lead_cue
            out_cues.insert(0, Cue(lead.kind, lead.strength * LIST_FACTOR, 0, -1, lead.phrase))
            forced = {n + 1: h for n, h in forced.items()} | {0: voice.lead}
        out_mentions += [Mention(a, 0, -1, "context") for a in sorted(voice.lead)]
    elif voice.speaker:
        inside = [n for n, c in enumerate(out_cues) if voice.in_quote(c.first)]
        quoted = [m for m in out_mentions if voice.in_quote(m.first) and m.kind != "speaker"]
        for n in inside:
            cue = out_cues[n]
            # "Ukraine refuses to join ...," Medinsky said: a third party's position, relayed;
            # "Russia needs to say ...," Yermak said: the speaker's demand on that party
            third = holder(tokens, quoted, cue, (0, len(tokens)))
            forced[n] = frozenset(third) if third and cue.phrase not in MODALS else voice.speaker
        at = voice.quoted[0][0]
        if not inside:
            out_cues.append(Cue("statement", 0.4, at, at - 1, "(quoted)"))
            forced[len(out_cues) - 1] = voice.speaker
        out_mentions += [Mention(a, at, at - 1, "speaker") for a in sorted(voice.speaker)]
    out_mentions.sort(key=lambda m: (m.first, m.actor))
    order = sorted(range(len(out_cues)), key=lambda n: (out_cues[n].first, out_cues[n].last))
    remap = {old: new for new, old in enumerate(order)}
    return (out_mentions, [out_cues[n] for n in order],
            {remap[n]: h for n, h in forced.items()})
