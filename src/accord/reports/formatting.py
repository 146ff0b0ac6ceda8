"""Number formatting shared by tables, Markdown and HTML."""

from __future__ import annotations

import math


def decimals_for(low: float, high: float) -> int:
    """Decimals that show a scale's values sensibly: 3 on a 4-10 scale, 1 on 0-100."""
    span = abs(high - low)
    if span <= 0:
        return 3
    return int(min(3, max(1, 3 - math.floor(math.log10(span)))))


def fmt(value: float | None, decimals: int = 1) -> str:
    """A number for display; an em dash for no value."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:.{decimals}f}"


def short_label(text: str, width: int = 48) -> str:
    """A scale label cut to its main clause, for narrow table cells."""
    main = text.split(" (", 1)[0].split("; ", 1)[0].strip()
    return main if len(main) <= width else main[: width - 1].rstrip() + "…"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with its noun in the number that agrees: "1 article", "3 articles" (``plural``
    when the plural is not the noun plus "s")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
