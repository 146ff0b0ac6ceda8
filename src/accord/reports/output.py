"""Writing output files safely: checked paths, and never a half-written file or folder.

A file is written to a temporary file in the same folder and renamed over the target
(``os.replace`` is atomic on POSIX and Windows), so a reader sees the old file or the new one,
never part of one. A folder of images is written the same way: built beside the target under a
temporary name, then swapped in.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from accord.errors import UsageError


def check_output(path: str | os.PathLike[str], kinds: Mapping[str, str], what: str) -> \
        tuple[Path, str]:
    """The output path and its kind (``kinds`` maps a suffix such as ``.svg`` to a kind), or a
    :class:`UsageError` for an unknown suffix, a missing folder, or a folder in the way."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in kinds:
        raise UsageError(f"{what} {target}: unknown extension '{target.suffix or '(none)'}' "
                         f"(use {', '.join(sorted(kinds))})")
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(f"{what} {target}: the folder {parent} does not exist")
    if target.is_dir():
        raise UsageError(f"{what} {target}: is a folder")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{what} {target}: cannot write in {parent}")
    return target, kinds[suffix]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        os.chmod(tmp, 0o755)
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
