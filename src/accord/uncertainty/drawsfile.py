"""``--draws-out FILE.csv``: every draw's inputs and outputs, one row per draw, in draw order.

Columns: ``draw`` (k, from 0), one column per uncertain input (its id, the value used), one per
model and issue (``MODEL:ISSUE``, empty where the model makes no forecast), and with the
bargaining analysis ``deal`` (1/0), ``zone:ISSUE`` (1/0) and ``opening`` (months until a zone
first opens, empty if none by the horizon). Floats are written with ``repr`` (they read back
exactly), so the rows of a k-draw run equal the first k rows of an N-draw run.

The file is written to a temporary file beside the target and renamed over it when the run
succeeds: a failed or interrupted run (an error, Ctrl-C, SIGTERM) never leaves a half-written
file. Before the run, the destination is checked as every output is
(:func:`accord.textfile.check_destination`: an existing file is replaced only with ``--force``
or when it is a draws file, its header starting with ``draw,``), and the file's size is
estimated (:func:`estimate_bytes`): a run whose file would not fit in the free space of its
disk is refused before it starts.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

from accord.errors import UsageError
from accord.scenario.schema import Scenario
from accord.textfile import SignalCleanup, check_destination, file_mode, os_reason
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


FLOAT_BYTES = 19
"""Bytes of a float cell with its comma, a little above the mean of ``repr`` (18.6 measured)."""


def estimate_bytes(columns: list[str], draws: int) -> int:
    """The size of the file of ``draws`` rows of ``columns``, near enough to refuse a run
    whose file cannot fit (flags take 2 bytes, months 3, numbers :data:`FLOAT_BYTES`)."""
    width = sum(2 if c == "deal" or c.startswith("zone:") else 3 if c == "opening"
                else len(str(max(draws - 1, 0))) + 1 if c == "draw" else FLOAT_BYTES
                for c in columns)
    return len(",".join(columns)) + 1 + width * draws


def is_draws_file(path: Path) -> bool:
    """Whether ``path`` is a file this writer wrote (its header starts with ``draw,``)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"draw,"
    except OSError:
        return False


def _size(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1000
    raise AssertionError  # pragma: no cover


class DrawsWriter:
    """Write a run's per-draw rows to ``path`` atomically (use as a context manager)."""

    def __init__(self, path: str | os.PathLike[str], columns: list[str], draws: int, *,
                 force: bool = False) -> None:
        self.path = check_destination(path, "--draws-out", force=force, owned=is_draws_file,
                                      kind="a draws file")
        self.columns = columns
        folder = self.path.parent if str(self.path.parent) else Path(".")
        need, free = estimate_bytes(columns, draws), shutil.disk_usage(folder).free
        if need > free:
            raise UsageError(f"--draws-out {self.path}: {draws:,} draws would write about "
                             f"{_size(need)}, and {folder} has {_size(free)} free (write "
                             "fewer draws, or to another disk)")
        self._file: IO[str] | None = None
        self._temp: str | None = None
        self._signals: SignalCleanup | None = None

    def __enter__(self) -> DrawsWriter:
        try:
            fd, self._temp = tempfile.mkstemp(prefix=f".{self.path.name}.",
                                              suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise UsageError(f"--draws-out {self.path}: cannot write ({os_reason(exc)})"
                             ) from None
        self._signals = SignalCleanup(self._temp).__enter__()
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
        try:
            self._file.close()
            if kind is None:
                os.chmod(self._temp, file_mode())
                os.replace(self._temp, self.path)
        except OSError as exc:
            raise UsageError(f"--draws-out {self.path}: cannot write ({os_reason(exc)})"
                             ) from None
        finally:
            Path(self._temp).unlink(missing_ok=True)
            if self._signals is not None:
                self._signals.__exit__(None, None, None)
