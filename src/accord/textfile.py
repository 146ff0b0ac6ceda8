"""Reading user-supplied text files safely, and writing outputs atomically.

Bad files (missing, empty, binary, not UTF-8, too large) become :class:`~accord.errors.Problem`
reports with a line and column, never a traceback; outputs are written to a temporary file in
the same folder and renamed into place, so a failure never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from accord.errors import InputError, Problem

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (columns count bytes on the line)."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode_text(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode bytes of a text file, raising :class:`InputError` for anything that is not text."""
    if len(data) > max_bytes:
        raise InputError(
            [Problem(name, 1, 1, f"file is too large ({len(data):,} bytes; the limit is "
                                 f"{max_bytes:,})")]
        )
    if not data.strip():
        raise InputError([Problem(name, 1, 1, "file is empty")])
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position_of(data, nul)
        raise InputError([Problem(name, line, col, "binary file (contains a NUL byte), not text")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(data, exc.start)
        raise InputError(
            [Problem(name, line, col, f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be "
                                      "decoded; save the file as UTF-8)")]
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a user's text file; every failure is an :class:`InputError` naming the file."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError([Problem(name, 1, 1, "is a directory, not a file")])
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                [Problem(name, 1, 1, f"file is too large ({size:,} bytes; the limit is "
                                     f"{max_bytes:,})")]
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, 1, 1, "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(name, 1, 1, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, f"cannot read: {exc.strerror or exc}")]) from None
    return decode_text(data, name, max_bytes=max_bytes)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename: all or nothing. ``mode``
    sets the file's permissions (the temporary file is private, 0600, until then)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *,
                      mode: int | None = None) -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)
