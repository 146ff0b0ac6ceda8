"""Errors the library raises for bad input; the CLI and web layers turn them into messages.

Every problem with an input file carries the file, a 1-based line and column, and what is wrong,
so it can be shown as ``FILE:LINE:COL: message`` (the form compilers and editors understand).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located in its file."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class AccordError(Exception):
    """Base class: an error caused by the user's input or request, not by a bug."""


class InputError(AccordError):
    """One or more problems with an input file, all reported at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line, p.col)))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(AccordError):
    """A request that cannot be carried out as asked (unknown model, bad parameter, ...)."""
