"""Reading user-supplied text files safely, and writing outputs atomically.

Bad files (missing, empty, binary, not UTF-8, too large) become :class:`~accord.errors.Problem`
reports with a line and column, never a traceback; outputs are written to a temporary file in
the same folder and renamed into place, so a failure never leaves half a file behind.

The rules every output option follows (``-o``, ``--chart``, ``--draws-out``; docs/cli.md):

* :func:`check_destination` runs before any work: a folder in the way, a missing folder, a
  folder that does not take new files (tried by creating and removing an empty file, so it
  holds for root and for /proc or /sys too) and an existing file are usage errors (exit 2)
  naming the path and the reason. An existing file is replaced only with ``--force``, or when
  it is recognisably accord's own output of the same kind (the caller's ``owned`` test).
* :func:`write_output` turns a failure while writing (full disk, ...) into the same kind of
  one-line usage error, and leaves no temporary file behind.
* A written file gets the permissions the umask gives a new file (0644 with the usual 022),
  like any file the user's programs create, never the temporary file's private 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from accord.errors import InputError, Problem, UsageError

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


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it (``os.umask`` sets
    it for a moment, which a thread creating a file at that moment would see)."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path("/proc/self/status").read_text().splitlines()
        return int(next(line for line in status if line.startswith("Umask:")).split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The permissions a new file gets from the umask (``0666 & ~umask``: 0644 with 022)."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The permissions a new folder gets from the umask (``0777 & ~umask``: 0755 with 022)."""
    return 0o777 & ~_umask()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename: all or nothing. ``mode``
    sets the file's permissions (default: :func:`file_mode`; the temporary file is private,
    0600, until then)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, file_mode() if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *,
                      mode: int | None = None) -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)


def os_reason(exc: OSError) -> str:
    """A short reason for an operating-system failure, for a one-line message (the system's
    words, except for a folder such as /proc that answers "no such file" to a new file)."""
    if exc.errno == errno.ENOENT:
        return "it does not take new files"
    return exc.strerror or str(exc)


def _folder_problem(folder: Path) -> str:
    """Why ``folder`` (not an existing folder) cannot hold the output."""
    for part in (folder, *folder.parents):
        if part.exists() or part.is_symlink():
            if not part.is_dir():
                return f"{part} is a file, not a folder"
            break
    return f"the folder {folder} does not exist"


def check_destination(path: str | os.PathLike[str], option: str, *, force: bool = False,
                      owned: Callable[[Path], bool] | None = None, kind: str = "") -> Path:
    """The path an output may be written to, checked before any work (module docstring); a
    :class:`UsageError` ``OPTION PATH: reason`` otherwise. ``owned`` recognises a file accord
    wrote earlier that may be replaced without ``force`` (``kind`` names it in the message)."""
    target = Path(path)
    where = f"{option} {target}"
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"{where}: is a folder")
    if not folder.is_dir():
        raise UsageError(f"{where}: {_folder_problem(folder)}")
    if (target.exists() or target.is_symlink()) and not force and not (owned and owned(target)):
        what = f" and is not {kind} accord wrote" if owned is not None else ""
        raise UsageError(f"{where}: the file exists{what}; give --force to overwrite it")
    _probe(folder, where)
    return target


def _probe(folder: Path, where: str) -> None:
    """The one sure test of "may I create a file here", for root, /proc, read-only disks:
    create an empty file and remove it."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".accord-probe.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"{where}: cannot create files in {folder} ({os_reason(exc)})"
                         ) from None


def check_file_place(path: str | os.PathLike[str], option: str) -> None:
    """For a file another program opens or creates later (a SQLite database): a folder in the
    way, a file where a folder should be, or a folder that does not take new files (the
    nearest existing one, when the missing ones are to be created) is a :class:`UsageError`
    ``OPTION PATH: reason``; an existing file is left to that program."""
    target = Path(path)
    where = f"{option} {target}"
    if target.is_dir():
        raise UsageError(f"{where}: is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    existing = next((p for p in (folder, *folder.parents) if p.exists() or p.is_symlink()),
                    Path("."))
    if not existing.is_dir():
        raise UsageError(f"{where}: {existing} is a file, not a folder")
    if not target.exists():
        _probe(existing, where)


def write_output(path: str | os.PathLike[str], data: bytes, option: str) -> None:
    """:func:`atomic_write_bytes`, with a failure as a one-line :class:`UsageError`."""
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot write ({os_reason(exc)})") from None


class SignalCleanup:
    """While entered, SIGTERM, SIGHUP and SIGINT first remove ``paths`` (the temporary file of
    an output being written), then do what they did before: end the process (SIGTERM, SIGHUP,
    as if unhandled) or raise ``KeyboardInterrupt`` (Ctrl-C). Signal handlers belong to the
    main thread: entered from another thread, it does nothing."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(self, *paths: str | os.PathLike[str]) -> None:
        self.paths = paths
        self._old: dict[int, Any] = {}

    def __enter__(self) -> SignalCleanup:
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                if signal.getsignal(sig) != signal.SIG_IGN:  # an ignored signal stays so
                    self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        for path in self.paths:
            with contextlib.suppress(OSError):
                os.unlink(path)
        previous = self._old.get(signum, signal.SIG_DFL)
        if callable(previous):
            previous(signum, frame)          # e.g. Ctrl-C's KeyboardInterrupt
        else:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)     # end as the signal would have ended us

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for sig, previous in self._old.items():
            signal.signal(sig, previous)
        self._old.clear()
