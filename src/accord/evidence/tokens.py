"""Words of a sentence with their offsets, and the normal forms every matcher looks up.

One pass of a regular expression per sentence gives the tokens; actor names are looked up by
their surface form (case kept, so "US" is not "us"), issue terms and stance cues by their
Snowball stem (Porter 2001, "Snowball: A language for stemming algorithms"), so "sanctions",
"sanctioned" and "sanction" are one term. British and American spellings (-ise/-ize) are
folded before stemming. Stems are cached: a corpus repeats its vocabulary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, NamedTuple

import snowballstemmer

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’]\w+)*")
_ISE = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$")
_CACHE_LIMIT = 200_000


class Token(NamedTuple):
    """One word: offsets into the sentence, surface form, lower case, stem.

    A named tuple rather than a frozen dataclass: sentences make many tokens, and a tuple is
    several times cheaper to build.
    """

    start: int
    end: int
    surface: str
    """As written, possessive ending removed, typographic apostrophe made plain."""
    lower: str
    stem: str
    possessive: bool
    hyphen_next: bool
    """Joined to the next token by a hyphen ("de-militarize", "NATO-boosting")."""


@functools.cache
def _stemmer() -> Any:

    return snowballstemmer.stemmer("english")


_stems: dict[str, str] = {}


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, -ise spellings folded into -ize."""
    got = _stems.get(word)
    if got is None:
        if len(_stems) > _CACHE_LIMIT:
            _stems.clear()
        got = _stems[word] = _stemmer().stemWord(_ISE.sub(r"iz\1", word))
    return got


def fold(text: str) -> str:
    """``text`` without accents ("Orbán" -> "Orban", "Türkiye" -> "Turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` (one sentence), in order."""
    out: list[Token] = []
    size = len(text)
    if "\u02bc" in text:  # the modifier-letter apostrophe ("Ukraineʼs") is a word character
        text = text.replace("\u02bc", "'")  # for \w: read it as an apostrophe (same length)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        surface = m.group()
        if "’" in surface:
            surface = surface.replace("’", "'")
        after = text[end:end + 1]
        possessive = False
        if surface.endswith(("'s", "'S")) and len(surface) > 2:
            surface, possessive = surface[:-2], True
        elif after in ("'", "’") and surface[-1] in "sS" and (
                end + 1 == size or not text[end + 1].isalnum()):
            possessive = True  # plural possessive: "the allies’ position"
        lower = surface.lower()
        hyphen = after == "-" and end + 1 < size and (text[end + 1].isalnum()
                                                      or text[end + 1] == "_")
        out.append(Token(start, end, surface, lower, stem(lower), possessive, hyphen))
    return out
