"""What runs in the process of a dashboard Monte Carlo job (:mod:`accord.web.jobs`).

The server starts ``python -m accord.web.mc_worker`` (a fresh interpreter: no fork of a server
that runs threads, and unlike ``multiprocessing``'s spawn, nothing of the server's own main
module is imported again), writes the job to its standard input as a pickle of ``(scenario,
settings, target)`` and keeps that input open for the job's life. :func:`main` reads the job,
watches its input (when the server goes away, the input closes and the job stops at once), and
calls the target (:func:`run_job`, unless a test names another) with a ``send`` function that
writes pickled messages to the original standard output:

* ``("progress", done, total)`` after every chunk of draws (and once at the start);
* ``("done", document)`` with the run's :class:`~accord.uncertainty.summary_types.McDocument`;
* ``("error", message, traceback or None)``: a message for the user (the library's own
  messages for bad input; an internal error names its type, and its traceback goes to the
  server's log).

Anything else printed goes to standard error (the server's log), never into the messages.

:func:`run_job` runs :func:`accord.workflows.mc_job.run_monte_carlo` exactly as ``accord
mc`` does (the document does not depend on the backend or the number of workers,
docs/uncertainty.md), with the serial backend so that a job takes one core.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from accord.errors import AccordError
from accord.scenario.schema import Scenario
from accord.uncertainty.backends import Serial
from accord.uncertainty.summary import mc_document
from accord.workflows.mc_job import run_monte_carlo
from accord.workflows.settings import MonteCarloSettings

Send = Callable[[tuple[Any, ...]], None]

DEFAULT_TARGET = "accord.web.mc_worker:run_job"


def run_job(send: Send, scenario: Scenario, settings: MonteCarloSettings) -> None:
    """Run one Monte Carlo job and report with ``send`` (see the module docstring)."""
    def progress(done: int, total: int) -> None:
        send(("progress", done, total))

    progress(0, settings.draws)
    try:
        result = run_monte_carlo(scenario, settings, Serial(), progress=progress)
    except AccordError as exc:
        send(("error", str(exc), None))
        return
    send(("done", mc_document(result)))


def _target(name: str) -> Callable[[Send, Scenario, MonteCarloSettings], None]:
    module, _, function = name.partition(":")
    found: Callable[[Send, Scenario, MonteCarloSettings], None] = getattr(
        importlib.import_module(module), function)
    return found


def _watch(fd: int) -> None:
    """Stop the process when the server closes its input (it stopped, or cancelled).

    Reads the file descriptor itself, not ``sys.stdin``: a daemon thread blocked in a
    buffered reader aborts the interpreter's shutdown."""
    while os.read(fd, 4096):
        pass
    os._exit(3)


def main() -> None:
    """Read the job from standard input and run it (see the module docstring)."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to the server's log, not into the messages

    def send(message: tuple[Any, ...]) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        scenario, settings, target = pickle.load(sys.stdin.buffer)
        threading.Thread(target=_watch, args=(sys.stdin.fileno(),), daemon=True).start()
        _target(target)(send, scenario, settings)
    except KeyboardInterrupt:  # Ctrl-C on the server reaches its whole process group
        pass
    except BrokenPipeError:  # the server has gone away
        pass
    except Exception as exc:
        with contextlib.suppress(OSError):
            send(("error", f"internal error: {type(exc).__name__}: {exc}",
                  traceback.format_exc()))
    finally:
        with contextlib.suppress(OSError):
            out.close()


if __name__ == "__main__":
    main()
