"""Where the chunks of a Monte Carlo run are computed: in this process, a local process pool,
or a Dask cluster.

Every backend runs the same pure function, :func:`accord.uncertainty.chunks.run_chunk`, on
chunk indices and yields the results in whatever order they finish; the caller merges them in
chunk order, so the output is identical whatever the backend or the number of workers. At most
:data:`WINDOW` chunks per worker are in flight at once, so memory stays flat however many
chunks a run has.

* :class:`Serial`: one chunk after the other in this process.
* :class:`ProcessPool` (the default; ``--workers K``): ``concurrent.futures`` worker
  processes, started by ``fork`` where the platform has it (the job is handed over once, at
  start), else ``spawn``. Every worker ends when its parent ends, however the parent was
  stopped (:mod:`accord.uncertainty.orphans`).
* :class:`DaskCluster` (``--scheduler ADDRESS``): ``distributed.Client(ADDRESS)``; the job is
  scattered to every worker once. Dask is the optional extra ``accord[dask]``, and the workers
  need accord installed too.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from accord.errors import AccordError, UsageError
from accord.uncertainty.chunks import ChunkResult, McJob, run_chunk
from accord.uncertainty.orphans import guard_worker, started_from_main_thread

WINDOW = 2
"""Chunks in flight per worker."""
DASK_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler to answer."""


class Backend(ABC):
    """Runs chunks of a job."""

    name: str = ""
    workers: int = 1

    @abstractmethod
    def results(self, job: McJob, indices: Sequence[int]) -> Iterator[ChunkResult]:
        """The results of the chunks ``indices`` of ``job``, in any order."""


class Serial(Backend):
    name = "serial"

    def results(self, job: McJob, indices: Sequence[int]) -> Iterator[ChunkResult]:
        for index in indices:
            yield run_chunk(job, index)


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


_JOB: McJob | None = None


def _set_job(job: McJob, parent: int, kernel: bool) -> None:
    """Worker initialiser: guard against outliving the parent, then keep the job."""
    global _JOB
    guard_worker(parent, kernel)
    _JOB = job


def _pool_chunk(index: int) -> ChunkResult:
    assert _JOB is not None
    return run_chunk(_JOB, index)


class ProcessPool(Backend):
    name = "pool"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        if self.workers < 1:
            raise UsageError(f"--workers must be 1 or more, got {self.workers}")

    def results(self, job: McJob, indices: Sequence[int]) -> Iterator[ChunkResult]:

        if self.workers == 1 or len(indices) <= 1:
            yield from Serial().results(job, indices)
            return
        method = "fork" if ("fork" in multiprocessing.get_all_start_methods()
                            and sys.platform.startswith("linux")) else "spawn"
        pool = ProcessPoolExecutor(max_workers=min(self.workers, len(indices)),
                                   mp_context=multiprocessing.get_context(method),
                                   initializer=_set_job,
                                   initargs=(job, os.getpid(), started_from_main_thread()))
        try:
            yield from _windowed(lambda i: pool.submit(_pool_chunk, i), indices,
                                 self.workers * WINDOW)
        except BrokenProcessPool:
            raise AccordError("a Monte Carlo worker process stopped unexpectedly (out of "
                              "memory?); try fewer --workers") from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _windowed(submit: Any, indices: Sequence[int], window: int) -> Iterator[ChunkResult]:
    pending: set[Future[ChunkResult]] = set()
    queue = list(indices)
    queue.reverse()
    while queue or pending:
        while queue and len(pending) < window:
            pending.add(submit(queue.pop()))
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()


class DaskCluster(Backend):
    name = "dask"

    def __init__(self, address: str, timeout: float = DASK_TIMEOUT) -> None:
        self.address = address.strip()
        self.timeout = timeout
        if not self.address:
            raise UsageError("--scheduler needs an address such as tcp://HOST:8786")
        if not timeout > 0:
            raise UsageError(f"the connection timeout must be above 0 seconds, got {timeout}")

    def check_address(self) -> None:
        """Refuse an address Dask cannot parse before connecting (a Client that fails on one
        hangs when it is collected)."""
        _distributed()
        comm = importlib.import_module("distributed.comm")
        registry = importlib.import_module("distributed.comm.registry")
        try:
            scheme, location = comm.parse_address(self.address)
            backend = registry.get_backend(scheme)
            if scheme != "inproc":
                backend.get_address_host_port(location)
        except (ValueError, TypeError) as exc:
            raise UsageError(f"bad Dask scheduler address '{self.address}': {exc} (write "
                             "tcp://HOST:PORT)") from None

    def _client(self) -> Any:
        distributed = _distributed()
        self.check_address()
        try:
            return distributed.Client(self.address, timeout=self.timeout, set_as_default=False)
        except (ValueError, TypeError) as exc:
            raise UsageError(f"bad Dask scheduler address '{self.address}': {exc}") from None
        except (OSError, TimeoutError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else \
                type(exc).__name__
            raise AccordError(f"cannot reach the Dask scheduler at {self.address}: "
                              f"{reason}") from None

    def results(self, job: McJob, indices: Sequence[int]) -> Iterator[ChunkResult]:
        as_completed = _distributed().as_completed
        client = self._client()
        try:
            info = client.scheduler_info()
            self.workers = max(1, sum(int(w.get("nthreads", 1))
                                      for w in info.get("workers", {}).values()))
            shared = client.scatter(job, broadcast=True, hash=False)
            queue = list(indices)
            queue.reverse()
            key = f"{job.token[:12]}-{uuid.uuid4().hex[:12]}"

            def submit(index: int) -> Any:
                return client.submit(run_chunk, shared, index, pure=False,
                                     key=f"accord-mc-{key}-{index}")

            window = self.workers * WINDOW
            first = [submit(queue.pop()) for _ in range(min(window, len(queue)))]
            running = as_completed(first, loop=client.loop)
            for future in running:
                yield future.result()
                if queue:
                    running.add(submit(queue.pop()))
        finally:
            client.close()


def _distributed() -> Any:
    """The ``distributed`` module (untyped), or a clear error when dask is not installed."""
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise AccordError("the Dask backend needs dask.distributed: pip install "
                          "'accord[dask]'") from None
