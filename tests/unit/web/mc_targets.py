"""Stand-ins for the Monte Carlo job's process, for the tests of how the dashboard copes when
the job goes wrong (named as ``MODULE:FUNCTION`` in ``JobRegistry.target``; they run in the
job's own process, ``python -m accord.web.mc_worker``)."""

from __future__ import annotations

import os
import time
from typing import Any


def explode(send: Any, scenario: Any, settings: Any) -> None:
    """A bug in the job: an exception after some progress."""
    send(("progress", 0, settings.draws))
    raise RuntimeError("boom <script>alert(1)</script>")


def die(send: Any, scenario: Any, settings: Any) -> None:
    """The process killed from outside (as by the out-of-memory killer)."""
    send(("progress", 0, settings.draws))
    os._exit(9)


def stall(send: Any, scenario: Any, settings: Any) -> None:
    """A job that never ends by itself (a cancel must stop it)."""
    send(("progress", 0, settings.draws))
    while True:
        time.sleep(0.1)
