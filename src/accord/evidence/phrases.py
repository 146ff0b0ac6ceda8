"""Finding known phrases (tuples of token keys) in a token sequence with dictionary lookups.

Every matcher of the package (actor names, issue terms, stance cues) is a :class:`PhraseIndex`
over some key of the tokens (surface form, lower case or stem). Matching costs a few dictionary
lookups per token, whatever the number of phrases, which keeps extraction fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from accord.evidence.tokens import Token, stem

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found at tokens ``first`` to ``last`` (inclusive)."""

    first: int
    last: int
    value: T


class PhraseIndex(Generic[T]):
    """Phrases of one or more keys, each with a value; the first value added for a phrase wins."""

    def __init__(self, key: Callable[[Token], str]) -> None:
        self._key = key
        self._phrases: dict[tuple[str, ...], T] = {}
        self._lengths: dict[str, list[int]] = {}
        """For each first key, the lengths of the phrases starting with it, longest first."""

    def __len__(self) -> int:
        return len(self._phrases)

    def add(self, keys: Sequence[str], value: T) -> None:
        phrase = tuple(k for k in keys if k)
        if phrase and phrase not in self._phrases:
            self._phrases[phrase] = value
            lengths = self._lengths.setdefault(phrase[0], [])
            if len(phrase) not in lengths:
                lengths.append(len(phrase))
                lengths.sort(reverse=True)

    def get(self, keys: Sequence[str]) -> T | None:
        return self._phrases.get(tuple(keys))

    def find(self, tokens: Sequence[Token], *, overlapping: bool = False) -> Iterator[Match[T]]:
        """Matches from left to right, longest first at each token.

        Without ``overlapping`` a match consumes its tokens (names: "Vladimir Putin" is one
        mention, not two). Two tokens joined by a hyphen are also tried as one word, so
        "de-militarize" matches the phrase "demilitarize".
        """
        keys = [self._key(t) for t in tokens]
        n = len(keys)
        i = 0
        while i < n:
            found: Match[T] | None = None
            for length in self._lengths.get(keys[i], ()):
                if length <= n - i:
                    value = self._phrases.get(tuple(keys[i:i + length]))
                    if value is not None:
                        found = Match(i, i + length - 1, value)
                        break
            if found is None and tokens[i].hyphen_next and i + 1 < n:
                value = self._phrases.get((self._joined(tokens[i], tokens[i + 1]),))
                if value is not None:
                    found = Match(i, i + 1, value)
            if found is not None:
                yield found
                if not overlapping:
                    i = found.last + 1
                    continue
            i += 1

    def _joined(self, a: Token, b: Token) -> str:
        lower = a.lower + b.lower
        joined = Token(a.start, b.end, a.surface + b.surface, lower, stem(lower), False, False)
        return self._key(joined)
