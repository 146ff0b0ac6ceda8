"""The dashboard's Monte Carlo jobs: each in a process of its own, with progress and cancel.

A Monte Carlo run is seconds to minutes of CPU-bound Python (the bargaining analysis runs on
every draw). In a thread of the server it would share the interpreter with every page view, so
each job runs in a child process, ``python -m accord.web.mc_worker`` (see there): a fresh
interpreter, since forking a server that runs threads can copy a lock another thread holds. The
child runs the library's :func:`~accord.uncertainty.monte_carlo` on one core and reports its
progress after every chunk of draws.

In the server, a :class:`JobRegistry` keeps every job by id for the server's life. Each job has
a thread that waits for one of ``parallel_jobs`` slots (jobs beyond that are *queued*), starts
the process and reads its messages; page views only read the job's fields, so they never wait
for a job (and a job never holds one of the results page's slots). Cancelling stops the process
at once. A job of the same scenario and settings as one that is queued, running or done is not
started again: the registry returns the existing one. A failed or cancelled job is not reused.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from accord.scenario.schema import Scenario
from accord.uncertainty.summary_types import McDocument
from accord.web.mc_worker import DEFAULT_TARGET
from accord.workflows.settings import MonteCarloSettings

log = logging.getLogger("accord.web")

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
REUSED_STATES = (QUEUED, RUNNING, DONE)
POLL = 0.2
"""Seconds between looks at a queued job's cancel flag."""


def job_key(digest: str, settings: MonteCarloSettings) -> str:
    """What makes two jobs the same: the scenario, the draws, the seed and every setting."""
    return json.dumps([digest, settings.model_dump(mode="json", exclude={"record"})],
                      sort_keys=True)


@dataclass
class Job:
    """One Monte Carlo job. The registry's thread writes its fields; pages read them."""

    id: str
    ref: str
    """The scenario's address in the dashboard (built-in id or digest)."""
    digest: str
    settings: MonteCarloSettings
    key: str
    created: float = field(default_factory=time.time)
    state: str = QUEUED
    done: int = 0
    started: float | None = None
    finished: float | None = None
    document: McDocument | None = None
    error: str | None = None
    run_id: int | None = None
    """The run recorded in the store from this job, if any."""
    cancel_requested: threading.Event = field(default_factory=threading.Event, repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def total(self) -> int:
        return self.settings.draws

    @property
    def active(self) -> bool:
        return self.state in (QUEUED, RUNNING)

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0

    @property
    def elapsed(self) -> float | None:
        if self.started is None:
            return None
        return (self.finished or time.time()) - self.started

    @property
    def remaining(self) -> float | None:
        """Seconds left at the pace so far (None until a chunk is done)."""
        elapsed = self.elapsed
        if self.state != RUNNING or not self.done or elapsed is None:
            return None
        return elapsed / self.done * (self.total - self.done)


class JobRegistry:
    """The jobs of one server (see the module docstring)."""

    def __init__(self, parallel: int = 1, target: str | None = None) -> None:
        self.target = target or DEFAULT_TARGET
        """What the job's process runs, ``MODULE:FUNCTION`` (tests name one that fails)."""
        self._jobs: dict[str, Job] = {}
        self._by_key: dict[str, str] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, parallel))
        self._closed = False

    def start(self, scenario: Scenario, ref: str, settings: MonteCarloSettings
              ) -> tuple[Job, bool]:
        """A job for ``settings`` on ``scenario``: an existing one (``True``) or a new one,
        started now (``False``)."""
        digest = scenario.digest()
        key = job_key(digest, settings)
        with self._lock:
            if self._closed:
                raise RuntimeError("the dashboard is stopping")
            known = self._jobs.get(self._by_key.get(key, ""))
            if known is not None and known.state in REUSED_STATES:
                return known, True
            job = Job(id=secrets.token_hex(6), ref=ref, digest=digest, settings=settings,
                      key=key)
            self._jobs[job.id] = job
            self._by_key[key] = job.id
            thread = threading.Thread(target=self._run, args=(job, scenario), daemon=True,
                                      name=f"accord-mc-{job.id}")
            self._threads.append(thread)
        thread.start()
        return job, False

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def of_scenario(self, digest: str) -> list[Job]:
        """The jobs of one scenario, newest first."""
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.digest == digest]
        return sorted(jobs, key=lambda j: j.created, reverse=True)

    def cancel(self, job: Job) -> None:
        """Stop ``job``: a queued job never starts, a running one's process is stopped now.
        A finished job stays as it is."""
        with self._lock:
            job.cancel_requested.set()
            if job.process is not None and job.state == RUNNING:
                job.process.terminate()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel every job and wait (up to ``timeout`` seconds) for their processes to end."""
        with self._lock:
            self._closed = True
            jobs, threads = list(self._jobs.values()), list(self._threads)
        for job in jobs:
            self.cancel(job)
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    # --- the job's thread ---------------------------------------------------------------

    def _run(self, job: Job, scenario: Scenario) -> None:
        while not self._slots.acquire(timeout=POLL):
            if job.cancel_requested.is_set():
                self._end(job, CANCELLED)
                return
        try:
            self._execute(job, scenario)
        except Exception as exc:  # the registry's own failure: the job says so, the log too
            log.exception("Monte Carlo job %s failed", job.id)
            self._end(job, FAILED, f"internal error: {type(exc).__name__}: {exc}")
        finally:
            self._slots.release()

    def _execute(self, job: Job, scenario: Scenario) -> None:
        # the child imports the same accord (and, in tests, their helpers) as this process
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        with self._lock:
            if job.cancel_requested.is_set():
                job.state = CANCELLED
                job.finished = time.time()
                return
            process = subprocess.Popen([sys.executable, "-m", "accord.web.mc_worker"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            job.process, job.started, job.state = process, time.time(), RUNNING
        assert process.stdin is not None and process.stdout is not None
        try:
            try:  # the job's input stays open for its life: the child stops when it closes
                pickle.dump((scenario, job.settings, self.target), process.stdin)
                process.stdin.flush()
            except BrokenPipeError:
                pass
            self._follow(job, process.stdout)
        finally:
            # a job cancelled while its input was still being written leaves part of it in the
            # buffer, which close() would flush into the stopped child's closed pipe
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
            process.stdout.close()
            _stop(process)
        if job.state == RUNNING:  # the messages ended without a result
            if job.cancel_requested.is_set():
                self._end(job, CANCELLED)
            else:
                self._end(job, FAILED, "the Monte Carlo process stopped unexpectedly (exit "
                                       f"code {process.returncode}); it may have run out of "
                                       "memory. Try fewer draws.")

    def _follow(self, job: Job, stream: Any) -> None:
        while True:
            try:
                message = pickle.load(stream)  # written by our own child process
            except (EOFError, OSError, pickle.UnpicklingError):
                return
            kind = message[0]
            if kind == "progress":
                job.done = int(message[1])
            elif kind == "done":
                job.document = message[1]
                job.done = job.total
                self._end(job, DONE)
                return
            elif kind == "error":
                if message[2]:
                    log.error("Monte Carlo job %s: %s\n%s", job.id, message[1], message[2])
                self._end(job, FAILED, str(message[1]))
                return

    def _end(self, job: Job, state: str, error: str | None = None) -> None:
        with self._lock:
            job.error = error
            job.finished = time.time()
            job.state = state


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Make sure the job's process has ended (it has, unless it was cancelled or broke)."""
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
