"""Partial dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as sources give them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into year, month, day; raise ``ValueError`` if it is impossible."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: there is no month {month}")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a date: month {month} of {year} has no day "
                             f"{day}") from None
    return year, month, day


def _coerce(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    parse_partial_date(value)
    return value.strip()


PartialDate = Annotated[str, BeforeValidator(_coerce)]
"""A validated ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string."""


def first_day(text: str) -> dt.date:
    """The earliest calendar day a partial date can mean."""
    year, month, day = parse_partial_date(text)
    return dt.date(year, month or 1, day or 1)


def month_index(text: str) -> int:
    """Months since year 0 of a partial date (January if the month is not given)."""
    year, month, _ = parse_partial_date(text)
    return year * 12 + (month or 1) - 1


def month_label(index: int) -> str:
    """``YYYY-MM`` of a :func:`month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
