"""Writing output files safely: checked paths, and never a half-written file or folder.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace`` is atomic on POSIX and Windows), so a reader sees the old file or the new one,
never part of one. A folder of images is written the same way: built beside the target under a
temporary name, then swapped in. The destination is checked before any work
(:func:`accord.textfile.check_destination`).

An existing file is replaced without ``--force`` only when accord wrote it, as a file of the
same kind: every report and chart carries a generator mark (:func:`mark`) that
:func:`written_by_accord` looks for: ``<meta name="generator" content="accord ...">`` in an
HTML report's head, ``<!-- generator: accord ... -->`` on the last line of a Markdown report
or an SVG chart, a ``Software: accord`` text chunk in a PNG chart and
``/Creator (accord)`` in a PDF one.
"""

from __future__ import annotations

import os
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

from accord._version import __version__
from accord.errors import UsageError
from accord.textfile import atomic_write_bytes, check_destination, folder_mode

MARK = "<!-- generator: accord"
"""The start of the comment that marks a Markdown report or an SVG chart as accord's."""
_PNG_MARK = b"tEXtSoftware\x00accord"
_PDF_MARK = b"/Creator (accord"
_HTML_MARK = b'<meta name="generator" content="accord'
_LOOK = 65536
"""Bytes read at each end of an existing file to find its mark."""


def mark(data: bytes, kind: str) -> bytes:
    """``data`` of a ``markdown``, ``svg`` or ``png`` file with accord's generator mark (HTML
    reports carry theirs in the template, PDF charts in their metadata)."""
    comment = f"{MARK} {__version__} -->".encode()
    if kind == "markdown":
        return data.rstrip(b"\n") + b"\n\n" + comment + b"\n"
    if kind == "svg":       # a comment after the root element is still well-formed XML
        return data.rstrip(b"\n") + b"\n" + comment + b"\n"
    if kind == "png":
        text = b"Software\x00accord " + __version__.encode()
        chunk = (struct.pack(">I", len(text)) + b"tEXt" + text
                 + struct.pack(">I", zlib.crc32(b"tEXt" + text)))
        end = 8 + 25            # the signature, then the IHDR chunk (13 bytes + 12 around)
        return data[:end] + chunk + data[end:]
    return data


def written_by_accord(path: Path, kind: str) -> bool:
    """Whether the file at ``path`` carries accord's mark for a ``kind`` file (``html``,
    ``markdown``, ``svg``, ``png`` or ``pdf``)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_LOOK)
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - _LOOK))
            tail = fh.read(_LOOK)
    except OSError:
        return False
    found = {"html": _HTML_MARK in head[:4096],
             "markdown": MARK.encode() in tail[-512:],
             "svg": head.lstrip().startswith((b"<?xml", b"<svg"))
             and MARK.encode() in tail[-512:],
             "png": head.startswith(b"\x89PNG") and _PNG_MARK in head[:512],
             "pdf": head.startswith(b"%PDF") and _PDF_MARK in head + tail}
    return found.get(kind, False)


def check_output(path: str | os.PathLike[str], kinds: Mapping[str, str], what: str, *,
                 force: bool = False, owned: str = "") -> tuple[Path, str]:
    """The output path and its kind (``kinds`` maps a suffix such as ``.svg`` to a kind), or a
    :class:`UsageError` for an unknown suffix, or a destination that
    :func:`~accord.textfile.check_destination` refuses. An existing file is replaced when
    ``force``, or when ``owned`` (what it is: ``a report``) is given and accord wrote it."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in kinds:
        raise UsageError(f"{what} {target}: unknown extension '{target.suffix or '(none)'}' "
                         f"(use {', '.join(sorted(kinds))})")
    kind = kinds[suffix]
    check_destination(target, what, force=force, kind=owned,
                      owned=(lambda p: written_by_accord(p, kind)) if owned else None)
    return target, kind


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it (with the
    permissions the umask gives)."""
    atomic_write_bytes(path, data)


def check_folder(folder: Path, owned: Callable[[str], bool]) -> None:
    """A folder that :func:`replace_folder` may replace: absent, or holding only files that
    ``owned`` recognises (charts an earlier run wrote); otherwise a :class:`UsageError`."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder")
    strangers = [p.name for p in folder.iterdir() if not (p.is_file() and owned(p.name))]
    if strangers:
        raise UsageError(f"{folder} holds files accord did not write ({strangers[0]}"
                         f"{', ...' if len(strangers) > 1 else ''}); remove them or choose "
                         "another output name")


def replace_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files`` (name -> bytes): written in a temporary folder
    beside it, then swapped in; the old folder is removed only after the swap."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    old: Path | None = None
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        os.chmod(tmp, folder_mode())
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old",
                                        dir=folder.parent))
            os.rmdir(old)
            os.replace(folder, old)
        os.replace(tmp, folder)
    except BaseException:
        if old is not None and old.exists() and not folder.exists():
            os.replace(old, folder)  # put the previous charts back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
