"""Stand-ins for the analyses of the dashboard's analysis processes, for the tests of the time
budget, cancelling and errors (named as ``MODULE:FUNCTION``; they run in the analysis process,
``python -m accord.web.analysis_worker``)."""

from __future__ import annotations

import os
import time
from typing import Any


def spin(*args: Any) -> None:
    """An analysis that never ends by itself (CPU-bound, as a huge scenario's)."""
    while True:
        pass


def nap(seconds: float) -> tuple[int, float, float]:
    """Sleep, then say which process ran it and when."""
    start = time.time()
    time.sleep(seconds)
    return os.getpid(), start, time.time()


def refuse() -> None:
    """The library refusing a request (a usage error comes back as itself)."""
    from accord.errors import UsageError

    raise UsageError("issue: unknown issue <b>'nope'</b>")


def explode() -> None:
    """A bug in an analysis."""
    raise RuntimeError("boom")


def refuse_settings() -> None:
    """Settings refused with every problem (an error whose class does not pickle back whole)."""
    from accord.workflows.settings import SettingsError

    raise SettingsError(["issue: unknown issue 'nope'", "K must be from 1 to 10"])


def refuse_input() -> None:
    """A bad input, with its located problems."""
    from accord.errors import InputError, Problem

    raise InputError([Problem("big.csv", 3, 1, "capability must be a number")])
