"""Reading delimited text (CSV/TSV) with the line and column of every cell.

Any line ending is accepted (LF, CRLF and old Mac CR-only); cells keep their 1-based line and
column so importers can report ``FILE:LINE:COL`` problems.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

_ID_BAD = re.compile(r"[^A-Za-z0-9._\-]+")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    col: int


def read_rows(text: str, delimiter: str = ",") -> list[list[Cell]]:
    """Rows of cells; blank lines are skipped, surrounding spaces and quotes stripped."""
    rows: list[list[Cell]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))
        cells, pos = [], 0
        for field in fields:
            at = line.find(field, pos) if field else pos
            at = pos if at < 0 else at
            cells.append(Cell(field.strip(), number, at + 1))
            pos = at + len(field)
            nxt = line.find(delimiter, pos)
            pos = nxt + 1 if nxt >= 0 else len(line)
        rows.append(cells)
    return rows


def slug_id(name: str, taken: set[str]) -> str:
    """A valid, unique scenario id made from a free-text name."""
    base = _ID_BAD.sub("-", name.strip()).strip("-._") or "x"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}-{k}", k + 1
    taken.add(candidate)
    return candidate


def number(cell: Cell) -> float | None:
    """The cell as a finite float, or None if it is not a number."""
    try:
        value = float(cell.text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
