"""``--draws-out FILE.csv``: every draw's inputs and outputs, one row per draw, in draw order.

Columns: ``draw`` (k, from 0), one column per uncertain input (its id, the value used), one per
model and issue (``MODEL:ISSUE``, empty where the model makes no forecast), and with the
bargaining analysis ``deal`` (1/0), ``zone:ISSUE`` (1/0) and ``opening`` (months until a zone
first opens, empty if none by the horizon). Floats are written with ``repr`` (they read back
exactly), so the rows of a k-draw run equal the first k rows of an N-draw run.

The file is written to a temporary file beside the target and renamed over it when the run
succeeds: a failed or interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

from accord.errors import UsageError
from accord.scenario.schema import Scenario
from accord.uncertainty.chunks import ChunkResult, McSettings
from accord.uncertainty.sampling import UncertainInput


def header(scenario: Scenario, settings: McSettings,
           inputs: tuple[UncertainInput, ...]) -> list[str]:
    """The column names (see the module docstring)."""
    cols = ["draw", *(i.id for i in inputs)]
    cols += [f"{e.label}:{i.id}" for e in settings.models for i in scenario.issues]
    if settings.bargain is not None:
        cols += ["deal", *(f"zone:{i.id}" for i in scenario.issues), "opening"]
    return cols


def _num(value: float) -> str:
    return "" if value != value else repr(float(value))


class DrawsWriter:
    """Write a run's per-draw rows to ``path`` atomically (use as a context manager)."""

    def __init__(self, path: str | os.PathLike[str], columns: list[str]) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise UsageError(f"--draws-out {self.path}: is a directory")
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"--draws-out {self.path}: the folder {folder} does not exist")
        self.columns = columns
        self._file: IO[str] | None = None
        self._temp: str | None = None

    def __enter__(self) -> DrawsWriter:
        try:
            fd, self._temp = tempfile.mkstemp(prefix=f".{self.path.name}.",
                                              suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise UsageError(f"--draws-out {self.path}: {exc.strerror or exc}") from None
        self._file = os.fdopen(fd, "w", newline="", encoding="utf-8")
        self._writer = csv.writer(self._file)
        self._writer.writerow(self.columns)
        return self

    def write(self, chunk: ChunkResult) -> None:
        """Append a chunk's rows (chunks must come in draw order)."""
        assert chunk.values is not None and chunk.outcomes is not None
        for row in range(chunk.stop - chunk.start):
            cells = [str(chunk.start + row)]
            cells += [_num(v) for v in chunk.values[row]]
            cells += [_num(v) for v in chunk.outcomes[row]]
            if chunk.deal is not None and chunk.zones is not None and chunk.opening is not None:
                cells.append("1" if chunk.deal[row] else "0")
                cells += ["1" if z else "0" for z in chunk.zones[row]]
                cells.append("" if chunk.opening[row] < 0 else str(int(chunk.opening[row])))
            self._writer.writerow(cells)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._file is not None and self._temp is not None
        self._file.close()
        if kind is None:
            os.replace(self._temp, self.path)
        else:
            Path(self._temp).unlink(missing_ok=True)
