"""What runs in a dashboard analysis process (:mod:`accord.web.analysis_pool`).

The server starts ``python -m accord.web.analysis_worker PARENT_PID`` (a fresh interpreter, as
for Monte Carlo jobs: see :mod:`accord.web.mc_worker`). :func:`main` imports the analyses,
says ``("ready",)`` on its original standard output, then serves requests one at a time for
as long as its standard input stays open. A request is a pickle of ``(target, args)``,
``target`` a ``MODULE:FUNCTION`` name (one of :data:`TARGETS`, or a test's); the answer is one
pickled message:

* ``("done", value)``: what the function returned;
* ``("error", message, problems)``: one of the library's own errors (bad settings, or a bad
  input with its located problems), which the server raises again as a
  :class:`~accord.errors.UsageError` (or :class:`~accord.errors.InputError`), so the page shows
  it as it would from the server itself;
* ``("failed", message, traceback)``: a bug; the traceback goes to the server's log.

The server stops a process that runs past its time budget, or whose request's client has
gone, by killing it; a process whose server has died ends by itself
(:func:`accord.uncertainty.orphans.guard_worker`), and Ctrl-C (which reaches the server's
whole process group) ends it quietly.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any

from accord.cases import timeline
from accord.errors import AccordError, InputError
from accord.uncertainty.orphans import guard_worker
from accord.workflows.settings import BargainSettings
from accord.workflows.timeline import Timeline, build_timeline

COMPUTE = "accord.web.page_analysis:compute"
"""The results page's analysis (models, bargaining, reconciliation, robustness)."""
LEVERAGE = "accord.workflows.leverage_answer:leverage"
TIMELINE = "accord.web.analysis_worker:case_timeline"
TARGETS = (COMPUTE, LEVERAGE, TIMELINE)


def case_timeline(case: str, models: tuple[str, ...], bargain: BargainSettings | None
                  ) -> Timeline:
    """:func:`accord.workflows.timeline.build_timeline` of a built-in case's snapshots."""
    return build_timeline(timeline(case), models, bargain)


def target(name: str) -> Callable[..., Any]:
    module, _, function = name.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def _answer(name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        return ("done", target(name)(*args))
    except InputError as exc:
        return ("error", str(exc), exc.problems)
    except AccordError as exc:  # sent as words: not every error's class pickles back whole
        return ("error", str(exc), None)


def main() -> None:
    """Serve requests (see the module docstring)."""
    guard_worker(int(sys.argv[1]), kernel=False)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to the server's log, not into the messages

    def send(message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)  # whole, or nothing
        out.write(data)
        out.flush()

    for name in TARGETS:  # imported now, not in the time of the first request
        target(name)
    try:
        send(("ready",))
        while True:
            try:
                name, args = pickle.load(sys.stdin.buffer)  # written by our own server
            except EOFError:
                return
            try:
                send(_answer(name, args))
            except (KeyboardInterrupt, BrokenPipeError):
                raise
            except Exception as exc:  # a bug, or a value that does not pickle
                send(("failed", f"internal error: {type(exc).__name__}: {exc}",
                      traceback.format_exc()))
    except KeyboardInterrupt:  # Ctrl-C on the server reaches its whole process group
        pass
    except BrokenPipeError:  # the server has gone away
        pass
    finally:
        with contextlib.suppress(OSError):
            out.close()


if __name__ == "__main__":
    main()
