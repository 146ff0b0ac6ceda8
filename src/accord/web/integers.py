"""Whole numbers read from requests: ASCII digits only, bounded, never a crash.

``str.isdigit()`` accepts characters that ``int()`` refuses (``²``, other superscripts),
``int()`` accepts others that are no decimal number a user typed in this dashboard (``٣``,
``５``, ``1_000``), refuses more than 4,300 digits, and a number past 2**63 overflows the
store's integer columns. Every whole number the web layer reads from a query, a form, a URL
path or a header goes through :func:`parse_int` instead: at most :data:`MAX_DIGITS` ASCII
digits, within the bounds the caller gives, or an :class:`IntegerError` whose message says what
was expected (the callers turn it into a 4xx page).
"""

from __future__ import annotations

import re

MAX_DIGITS = 19
"""The most digits read (as many as 2**63 - 1, the largest a store's integer column holds)."""
INT64_MAX = 2**63 - 1
DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)


class IntegerError(ValueError):
    """A text that is not a whole number within the bounds; the message is for the user."""


def parse_int(text: str, what: str, *, low: int = 0, high: int = INT64_MAX,
              unit: str = "") -> int:
    """``text`` (surrounding spaces ignored) as a whole number from ``low`` to ``high``.

    ``what`` names the value in the message ("the horizon", "draws"), ``unit`` follows
    "whole number" (" of months").
    """
    stripped = text.strip()
    if DIGITS.fullmatch(stripped):
        value = int(stripped)
        if low <= value <= high:
            return value
    raise IntegerError(f"{what} must be a whole number{unit} from {low:,} to {high:,}, not "
                       f"'{stripped[:30]}'")


def read_int(text: str, *, low: int = 0, high: int = INT64_MAX) -> int | None:
    """:func:`parse_int` without a message: None for anything else."""
    try:
        return parse_int(text, "", low=low, high=high)
    except IntegerError:
        return None
