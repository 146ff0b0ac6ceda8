"""Sentences with character offsets into the original text (pysbd, paragraph by paragraph).

pysbd (Sadvilkar & Neumann 2020, a port of the Golden Rules segmenter) splits English text
well but slows down sharply on long inputs, and its own offset search rescans the whole text
for every sentence. So:

1. the text is cut into paragraphs at line breaks (articles put one paragraph per line);
2. a paragraph longer than :data:`CHUNK_CHARS` is cut further at likely sentence ends (a full
   stop after a lower-case word, then a capital), so pysbd only ever sees short inputs;
3. a piece with nothing that could fool a plain rule (no abbreviation, initial, decimal,
   ellipsis or quote mark next to a full stop: :data:`_HARD`) is split at "a full stop, a
   space, a capital", which is what pysbd does with such text (tests check that both agree);
   every other piece goes to pysbd's processor;
4. each sentence is found in the piece by a forward search from the end of the previous one,
   so offsets are exact and the whole pass is linear.

Every :class:`Sentence` satisfies ``text[s.start:s.end] == s.text`` with no surrounding space.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pysbd

CHUNK_CHARS = 1200
"""Longest piece handed to pysbd at once."""

_BOUNDARY = re.compile(r"(?<=[a-z]{3}[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z])")
_END_PUNCT = re.compile(r"[.!?]")
_HARD = re.compile(
    r"\b[A-Za-z]{1,4}\.(?=\S|\s+[a-z0-9(])"      # "U.S.", "e.g.", "No. 5", "p. 3"
    r"|\b[A-Za-z]\.\s|\b[A-Z][a-z]{0,3}\.\s"      # initials and short capitalised abbreviations
    r"|\.\.|…|\d\.\d"                                 # ellipses, decimals
    r"|[.!?][\"”’'\)\]]|[\"”’'\)\]][.!?]"              # punctuation next to a closing mark
    r"|\b(?:e\.g|i\.e|etc|vs|no|st|mr|mrs|ms|dr|gen|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct"
    r"|nov|dec|inc|ltd|co|jr|sr|col|lt|sgt|gov|sen|rep|prof|rev|fig|pp|vol|ed|approx)\.",
    re.I)
"""Anything a plain "full stop, space, capital" rule could get wrong: such text goes to pysbd."""
_EASY_BOUNDARY = re.compile(r"(?<=\S[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]`` of the article text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@functools.cache
def _segmenter() -> Any:

    return pysbd.Segmenter(language="en", clean=False)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            yield pos, end
        pos = end + 1


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most about :data:`CHUNK_CHARS` characters."""
    while end - start > CHUNK_CHARS:
        window = text[start + CHUNK_CHARS // 2:start + CHUNK_CHARS]
        cuts = [m.end() for m in _BOUNDARY.finditer(window)]
        if cuts:
            cut = start + CHUNK_CHARS // 2 + cuts[-1]
        else:
            space = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
            cut = space + 1 if space > 0 else start + CHUNK_CHARS
        yield start, cut
        start = cut
    yield start, end


def _split_piece(piece: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a short piece of text."""
    stripped = piece.strip()
    if not stripped:
        return []
    # One sentence, no need for pysbd: no sentence-ending mark before the last few characters.
    if not _END_PUNCT.search(stripped, 0, max(0, len(stripped) - 3)):
        lead = len(piece) - len(piece.lstrip())
        return [(lead, lead + len(stripped))]
    out: list[tuple[int, int]] = []
    cursor = 0
    pieces = (_EASY_BOUNDARY.split(stripped) if not _HARD.search(stripped)
              else _segmenter().processor(piece).process())
    for sent in pieces:
        sent = sent.strip()
        if not sent:
            continue
        at = piece.find(sent, cursor)
        if at < 0:  # pysbd changed the text (it should not with clean=False): keep the rest whole
            rest = piece[cursor:]
            lead = len(rest) - len(rest.lstrip())
            if rest.strip():
                out.append((cursor + lead, cursor + lead + len(rest.strip())))
            return out
        out.append((at, at + len(sent)))
        cursor = at + len(sent)
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` with its offsets (see the module docstring)."""
    out: list[Sentence] = []
    for para, (p_start, p_end) in enumerate(_paragraphs(text)):
        for c_start, c_end in _chunks(text, p_start, p_end):
            piece = text[c_start:c_end]
            for s, e in _split_piece(piece):
                out.append(Sentence(len(out), c_start + s, c_start + e, piece[s:e], para))
    return out
