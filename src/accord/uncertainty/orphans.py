"""Worker processes that stop when the process that started them stops.

A Monte Carlo worker (:class:`accord.uncertainty.backends.ProcessPool`) left behind by a
parent that was killed (a timeout, ``kill``, ``kill -9``) would wait forever for work that
never comes, holding memory. Two guards, set up first thing in every worker:

1. On Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (through ctypes, no dependency): the kernel
   kills the worker when the thread that forked it ends. That is the parent's death only when
   the pool was started from the parent's main thread, so the guard is set only then (a pool
   started from a worker thread of a server would otherwise lose its workers when that thread
   ends).
2. Everywhere, a daemon thread in the worker that looks at its parent's process id twice a
   second and ends the worker (``os._exit``) once it has changed: an orphan is adopted by
   init or a subreaper, so its parent id changes whatever killed the parent.

Both are checked against a parent that died before they were set (the parent id has
already changed then).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
"""prctl option: the signal the kernel sends when the parent thread ends (linux/prctl.h)."""
POLL = 0.5
"""Seconds between two looks at the parent's process id."""
EXIT_STATUS = 70
"""Exit status of a worker whose parent has gone."""


def parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent (thread) ends.

    Returns whether it was set (Linux with a C library that has ``prctl``).
    """
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent: int, poll: float) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(EXIT_STATUS)
        time.sleep(poll)


def watch_parent(parent: int, poll: float = POLL) -> threading.Thread:
    """Start the daemon thread that ends this process once its parent is no longer ``parent``."""
    thread = threading.Thread(target=_watch, args=(parent, poll), name="accord-parent-watch",
                              daemon=True)
    thread.start()
    return thread


def guard_worker(parent: int, kernel: bool) -> None:
    """Both guards of the module docstring (``kernel``: also ask the kernel)."""
    if kernel:
        parent_death_signal()
    if os.getppid() != parent:      # the parent died before the guards were set
        os._exit(EXIT_STATUS)
    watch_parent(parent)


def started_from_main_thread() -> bool:
    """Whether the caller is the main thread (see item 1 of the module docstring)."""
    return threading.current_thread() is threading.main_thread()
