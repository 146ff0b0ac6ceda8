"""Reading delimited text (CSV/TSV) with the line and column of every cell.

Any line ending is accepted (LF, CRLF and old Mac CR-only), and only those end a line, as in
the csv module and text editors (a form feed or U+2028 inside a cell does not); cells keep their
1-based line and column so importers can report ``FILE:LINE:COL`` problems. A row may have at
most :data:`MAX_CELLS` cells and a cell at most 131,072 characters (the csv module's limit).
"""

from __future__ import annotations

import csv
import re
from typing import Any, NamedTuple

from pydantic import ValidationError

from accord.errors import InputError, Problem
from accord.scenario.numbers import MAX_ABS
from accord.scenario.schema import Scenario

_ID_BAD = re.compile(r"[^A-Za-z0-9._\-]+")
_LINE_END = re.compile(r"\r\n|\r|\n")
MAX_CELLS = 10_000
"""The most cells a row may have (a KTAB file of 4,998 dimensions fits)."""
ID_MAX = 80
"""The longest id of a scenario, actor or issue (:data:`accord.scenario.parts.Id`)."""


class Cell(NamedTuple):
    """One cell: its text (stripped) and its 1-based line and column."""

    text: str
    line: int
    col: int


def lines(text: str) -> list[str]:
    """The lines of ``text``, split at LF, CRLF and CR only (not at ``str.splitlines``'s
    form feeds, vertical tabs, U+0085, U+2028 and U+2029)."""
    return _LINE_END.split(text)


def read_rows(text: str, delimiter: str = ",", *, name: str = "") -> list[list[Cell]]:
    """Rows of cells; blank lines are skipped, surrounding spaces and quotes stripped. A row of
    more than :data:`MAX_CELLS` cells or a cell too long for the csv module is an
    :class:`InputError` located in file ``name``."""
    rows: list[list[Cell]] = []
    for number, line in enumerate(lines(text), start=1):
        if not line.strip():
            continue
        if line.count(delimiter) >= MAX_CELLS:
            raise InputError([Problem(name, number, 1, f"row has more than {MAX_CELLS:,} "
                                                       "cells")])
        if '"' in line or len(line) > csv.field_size_limit():
            rows.append(_quoted_cells(line, number, delimiter, name))
        else:
            rows.append(_plain_cells(line, number, delimiter))
    return rows


def _plain_cells(line: str, number: int, delimiter: str) -> list[Cell]:
    """The cells of a line without quotes: split at the delimiter (the fast path)."""
    cells, pos = [], 0
    for raw in line.split(delimiter):
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip(" ")) if text else 0
        cells.append(Cell(text, number, pos + lead + 1))
        pos += len(raw) + 1
    return cells


def _quoted_cells(line: str, number: int, delimiter: str, name: str) -> list[Cell]:
    """The cells of a line with quotes, read by the csv module."""
    try:
        fields = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))
    except csv.Error as exc:
        message = (f"a cell is longer than {csv.field_size_limit():,} characters"
                   if "field limit" in str(exc) else f"cannot read the row: {exc}")
        raise InputError([Problem(name, number, 1, message)]) from None
    cells, pos = [], 0
    for field in fields:
        at = line.find(field, pos) if field else pos
        at = pos if at < 0 else at
        cells.append(Cell(field.strip(), number, at + 1))
        pos = at + len(field)
        nxt = line.find(delimiter, pos)
        pos = nxt + 1 if nxt >= 0 else len(line)
    return cells


def slug_id(name: str, taken: set[str], shortened: list[str] | None = None) -> str:
    """A valid, unique id made from a free-text name: at most :data:`ID_MAX` characters (a
    longer one is cut, and ``name`` added to ``shortened``)."""
    base = _ID_BAD.sub("-", name.strip()).strip("-._") or "x"
    if len(base) > ID_MAX:
        base = base[:ID_MAX].rstrip("-._")
        if shortened is not None:
            shortened.append(name)
    candidate, k = base, 2
    while candidate in taken:
        suffix = f"-{k}"
        candidate, k = f"{base[:ID_MAX - len(suffix)].rstrip('-._')}{suffix}", k + 1
    taken.add(candidate)
    return candidate


def shortened_note(name: str, shortened: list[str]) -> list[str]:
    """The note telling the user which names were too long to be ids as they are."""
    if not shortened:
        return []
    first = short(shortened[0])
    ids = "1 id" if len(shortened) == 1 else f"{len(shortened)} ids"
    return [f"{name}: {ids} made from names longer than {ID_MAX} characters "
            f"were cut to {ID_MAX} (e.g. from '{first}'); the names are kept in full"]


def number(cell: Cell) -> float | None:
    """The cell as a finite float of at most 1e12 in absolute value, or None."""
    try:
        value = float(cell.text)
    except ValueError:
        return None
    return value if abs(value) <= MAX_ABS else None


def short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def not_a_number(cell: Cell, what: str) -> str:
    """Why :func:`number` gave None for the cell: not a number, or out of bounds."""
    text = short(cell.text)
    try:
        float(cell.text)
    except ValueError:
        return f"{what} '{text}' is not a number"
    return (f"{what} '{text}' is out of bounds (numbers in a scenario are finite and at most "
            "1e12 in absolute value)")


def validate(data: dict[str, Any], name: str, line: int = 1, col: int = 1) -> Scenario:
    """The scenario of ``data`` built by an importer; what the importer's own checks let pass
    is still a located problem (at ``line``, ``col``), never an unlocated validation error."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            problems.append(Problem(name, line, col, f"{where}: "
                                    f"{err['msg'].removeprefix('Value error, ')}"))
        raise InputError(problems) from None
