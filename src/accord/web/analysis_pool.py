"""The dashboard's analyses, in processes that can be stopped: a time budget and cancelling.

An analysis (every model and the bargaining analysis of a scenario, a leverage search, a
timeline) is CPU-bound Python whose cost grows fast with the number of actors: a fraction of a
second for the built-in case, minutes for an uploaded scenario of hundreds of actors. A thread
cannot be stopped, so each analysis runs in one of ``parallel_runs`` worker processes
(:mod:`accord.web.analysis_worker`), started on first use and kept for the next analyses while
they behave. :meth:`AnalysisPool.run` waits for a free worker (a *slot*), hands it the request
and waits for the answer, looking every tenth of a second at three things:

* the **budget** (``analysis_seconds``, 30 s by default): an analysis that takes longer is
  stopped (its process killed; a fresh one starts for the next request) and the page says the
  analysis was too large for the dashboard and what its limits are (503);
* the **client**: when the browser has gone (:mod:`accord.web.disconnect`), the analysis is
  stopped as well, so no work goes on for nobody;
* the **server**: when it stops (Ctrl-C, SIGTERM), :meth:`AnalysisPool.shutdown` kills every
  process at once and the waiting requests end with a "stopping" page.

Waiting for a slot is bounded too, by :data:`WAIT_BUDGETS` budgets (2 minutes by default): with
every slot taken for that long, a request gets a "busy" page rather than waiting without end.
The wait is longer than one analysis's budget because a queue of ordinary analyses drains at
the pool's pace: 20 analysts asking for fresh results at once wait about 2 s each in turn on 2
slots, and half a minute of queue is no reason to give up (a bound of one budget turned a
third of those requests away, benchmarks/load_dashboard.py). The library's
own errors (bad settings, bad input) come back from the process and are raised here, so that a
page shows them as it would show them from the server itself.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Any

from accord.errors import InputError, UsageError
from accord.web.error_pages import WebError

log = logging.getLogger("accord.web")

POLL = 0.1
"""Seconds between looks at the budget, the client and the server."""
STARTUP = 120.0
"""Seconds a fresh process may take to import the library (not counted in the budget)."""
DOCS = "docs/dashboard.md, Safety and performance"
WAIT_BUDGETS = 4.0
"""A request waits for a free slot at most this many analysis budgets (module docstring)."""


class Cancelled(WebError):
    """The request's client has gone: the analysis was stopped (nobody sees this page)."""


@dataclass(eq=False)
class Worker:
    """One analysis process and the messages read from it (None: its output has ended)."""

    process: subprocess.Popen[bytes]
    messages: queue.Queue[tuple[Any, ...] | None] = field(default_factory=queue.Queue)

    def read(self, stream: IO[bytes]) -> None:
        """Read the process's messages until its output ends (runs in a thread of its own)."""
        try:
            while True:
                self.messages.put(pickle.load(stream))  # written by our own child process
        except Exception:  # the end of the output, or a message that does not read back
            pass
        finally:
            self.messages.put(None)
            with contextlib.suppress(OSError):
                stream.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)


class AnalysisPool:
    """The analysis processes of one server (see the module docstring)."""

    def __init__(self, size: int, budget: float, wait: float | None = None) -> None:
        """``size`` processes, each analysis at most ``budget`` seconds, a request waiting
        at most ``wait`` seconds for a slot (default :data:`WAIT_BUDGETS` budgets)."""
        self.size = max(1, size)
        self.budget = budget
        self.wait = WAIT_BUDGETS * budget if wait is None else wait
        self._idle: queue.Queue[Worker | None] = queue.Queue()
        for _ in range(self.size):
            self._idle.put(None)  # a free slot, its process not started yet
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def run(self, target: str, args: tuple[Any, ...], *,
            gone: threading.Event | None = None) -> Any:
        """``target(*args)`` (``MODULE:FUNCTION``) in a worker process, within the budget."""
        worker = self._acquire(gone)
        answer: tuple[Any, ...] | None = None
        try:
            if worker is None or worker.process.poll() is not None:
                if worker is not None:
                    self._discard(worker)
                worker = None
                worker = self._spawn(gone)
            assert worker.process.stdin is not None
            pickle.dump((target, args), worker.process.stdin,
                        protocol=pickle.HIGHEST_PROTOCOL)
            worker.process.stdin.flush()
            answer = self._answer(worker, gone)
        except (BrokenPipeError, OSError):
            raise self._died(worker) from None
        finally:
            if answer is None and worker is not None:  # stopped, or broken: never reused
                self._discard(worker)
                worker = None
            self._idle.put(worker)
        return self._result(answer)

    def shutdown(self) -> None:
        """Kill every process now; waiting and later requests get a "stopping" page."""
        self._closed.set()
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.process.kill()
        for worker in workers:  # reaped (a killed process is gone within moments)
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(2)

    def processes(self) -> list[int]:
        """The ids of the running analysis processes (for tests and the log)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.poll() is None]

    # --- waiting ----------------------------------------------------------------------------

    def _check(self, gone: threading.Event | None) -> None:
        if self._closed.is_set():
            raise WebError(503, "Stopping", "The dashboard is stopping; the analysis was not "
                                            "finished.")
        if gone is not None and gone.is_set():
            raise Cancelled(503, "Cancelled", "The request was cancelled by its browser.")

    def _acquire(self, gone: threading.Event | None) -> Worker | None:
        deadline = time.monotonic() + self.wait
        while True:
            self._check(gone)
            try:
                return self._idle.get(timeout=POLL)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise WebError(503, "Busy", f"Every analysis slot of the dashboard (it runs "
                                   f"{self.size} at once) has been busy for {self.wait:g} "
                                   "seconds. Try again in a minute.") from None

    def _spawn(self, gone: threading.Event | None) -> Worker:
        self._check(gone)
        # the child imports the same accord (and, in tests, their helpers) as this process
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        process = subprocess.Popen(
            [sys.executable, "-m", "accord.web.analysis_worker", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        worker = Worker(process)
        with self._lock:
            self._workers.add(worker)
        assert process.stdout is not None
        threading.Thread(target=worker.read, args=(process.stdout,), daemon=True,
                         name=f"accord-analysis-{process.pid}").start()
        if self._closed.is_set():  # shutdown() ran while this one started
            process.kill()
        try:
            ready = self._next(worker, gone, time.monotonic() + STARTUP, "start")
            if ready != ("ready",):
                raise RuntimeError(f"the analysis process said {ready!r} instead of ready")
        except BaseException:
            self._discard(worker)
            raise
        return worker

    def _answer(self, worker: Worker, gone: threading.Event | None) -> tuple[Any, ...]:
        return self._next(worker, gone, time.monotonic() + self.budget, "budget")

    def _next(self, worker: Worker, gone: threading.Event | None, deadline: float,
              limit: str) -> tuple[Any, ...]:
        while True:
            self._check(gone)
            try:
                message = worker.messages.get(timeout=POLL)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise self._over(limit) from None
                continue
            if message is None:
                self._check(gone)  # killed by shutdown(): say so
                raise self._died(worker)
            return message

    # --- answers ----------------------------------------------------------------------------

    def _over(self, limit: str) -> WebError:
        if limit == "start":
            return WebError(503, "Cannot start an analysis", "The analysis process did not "
                            f"start within {STARTUP:g} seconds; the machine may be overloaded.")
        log.warning("an analysis ran past its budget of %g s and was stopped", self.budget)
        return WebError(503, "Too large to analyse here", (
            f"This analysis did not finish within {self.budget:g} seconds, the dashboard's limit "
            f"for one analysis, so it was stopped. The dashboard runs at most {self.size} "
            f"analyses at once, each for at most {self.budget:g} seconds, so that its pages "
            f"stay quick for everyone ({DOCS}). Choose fewer models, or use the command "
            "line (accord run, accord bargain, accord leverage, accord timeline), which has "
            "no time limit."))

    def _died(self, worker: Worker | None) -> WebError:
        code = None if worker is None else worker.process.poll()
        return WebError(503, "The analysis stopped", "The analysis process stopped "
                        f"unexpectedly (exit code {code}); it may have run out of memory. "
                        "Try a smaller scenario or fewer models.")

    def _result(self, answer: tuple[Any, ...] | None) -> Any:
        assert answer is not None
        kind = answer[0]
        if kind == "done":
            return answer[1]
        if kind == "error":
            raise InputError(answer[2]) if answer[2] else UsageError(answer[1])
        log.error("analysis failed: %s\n%s", answer[1], answer[2] or "")
        raise RuntimeError(str(answer[1]))

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
