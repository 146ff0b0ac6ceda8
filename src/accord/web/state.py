"""What one dashboard server holds: its settings, its store, its secret and its caches.

A :class:`WebState` is made by :func:`accord.web.app.create_app` and lives on
``app.state.accord``. Nothing in it is global: two servers in one process (the tests start
several) share nothing.

Model runs are fast (every model plus the bargaining analysis take about 0.2 s on the built-in
case, computed in an analysis process: :mod:`accord.web.analysis_pool`) but not free, and
parsing a stored scenario's YAML takes about 0.15 s, so both are cached in memory: scenarios
by digest, analyses by (digest, settings). :class:`Cache` computes a missing entry once even
when many requests ask for it at the same moment (the others wait for it), which keeps 20
analysts opening the same results page from running the models 20 times.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from accord.scenario.schema import Scenario
from accord.web.analysis_pool import AnalysisPool
from accord.web.analysis_worker import COMPUTE
from accord.web.jobs import JobRegistry
from accord.web.page_analysis import PageAnalysis
from accord.web.results_query import settings_key
from accord.workflows.settings import AnalysisSettings
from accord.workflows.timeline import Timeline

if TYPE_CHECKING:
    from fastapi import Request

    from accord.store.engine import Store

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Host names a dashboard bound to the loopback interface answers to (DNS rebinding guard)."""

MIB = 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """Limits and choices of a dashboard server (the defaults are what ``accord serve`` uses).

    ``allowed_hosts`` are the names the ``Host`` header may carry (None: any, for a server
    bound to a public interface on purpose). ``max_scenario_bytes`` limits an uploaded or
    pasted scenario file, ``max_article_bytes`` an article for evidence review (the same 5 MiB
    as ``accord evidence``); a request body may be a little larger than the larger of the two
    (the form around the file), never more.
    """

    allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS
    max_scenario_bytes: int = 2 * MIB
    max_article_bytes: int = 5 * MIB
    max_form_fields: int = 2_000
    cache_size: int = 64
    parallel_runs: int = 2
    """Analyses computed at once, each in a process of its own (:mod:`accord.web.
    analysis_pool`); more wait their turn. A small bound keeps pages fast while runs queue
    (benchmarks/load_dashboard.py)."""
    analysis_seconds: float = 30.0
    """The time budget of one analysis (models and bargaining, leverage, a timeline): one that
    runs longer is stopped and its page says so (503). Waiting for a free slot is bounded by
    the same time."""
    parallel_charts: int = 2
    """Charts drawn at once (matplotlib is CPU-bound Python too); more wait their turn."""
    chart_cache_size: int = 512
    """Rendered charts kept in memory (an SVG chart is 20-250 kB)."""
    max_draws: int = 100_000
    """The most draws a Monte Carlo job of the dashboard may ask for (about two minutes of one
    core on the built-in case with the bargaining analysis)."""
    parallel_jobs: int = 1
    """Monte Carlo jobs running at once, each in a process of its own on one core; more wait
    their turn. One leaves the other core of a small machine to the pages."""

    @property
    def max_body(self) -> int:
        return max(self.max_scenario_bytes, self.max_article_bytes) + 256 * 1024


class Cache(Generic[K, V]):
    """A thread-safe LRU cache whose missing entries are computed once (see the module doc)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._pending: dict[K, threading.Event] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The cached value of ``key``, computing it (once) if missing.

        An exception from ``compute`` is raised to its caller and caches nothing; callers
        waiting for the same key then compute it themselves.
        """
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    event = threading.Event()
                    self._pending[key] = event
                    self.misses += 1
                    break
            waiting.wait()
        try:
            value = compute()
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            event.set()

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class WebState:
    """The state of one dashboard server."""

    store: Store
    settings: WebSettings = field(default_factory=WebSettings)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    scenarios: Cache[str, Scenario] = field(init=False)
    analyses: Cache[tuple[str, str], PageAnalysis] = field(init=False)
    pool: AnalysisPool = field(init=False)
    """The analysis processes: at most ``parallel_runs`` analyses at once, within budget."""
    charts: Cache[tuple[str, ...], bytes] = field(init=False)
    """Rendered SVG charts by (what they show, settings, chart name)."""
    drawing: threading.BoundedSemaphore = field(init=False)
    timelines: Cache[tuple[str, str], Timeline] = field(init=False)
    """Timelines by (case, settings)."""
    jobs: JobRegistry = field(init=False)
    """The Monte Carlo jobs of this server (kept for its life)."""
    recording: threading.Lock = field(init=False)
    """Held while a job is recorded in the store (a double click records it once)."""

    def __post_init__(self) -> None:
        self.scenarios = Cache(self.settings.cache_size)
        self.analyses = Cache(self.settings.cache_size)
        self.pool = AnalysisPool(self.settings.parallel_runs, self.settings.analysis_seconds)
        self.charts = Cache(self.settings.chart_cache_size)
        self.drawing = threading.BoundedSemaphore(max(1, self.settings.parallel_charts))
        self.timelines = Cache(max(4, self.settings.cache_size // 4))
        self.jobs = JobRegistry(max(1, self.settings.parallel_jobs))
        self.recording = threading.Lock()


    def analysis(self, scenario: Scenario, settings: AnalysisSettings,
                 gone: threading.Event | None = None) -> PageAnalysis:
        """The results page's analysis (:func:`accord.web.page_analysis.compute`), once per
        (scenario digest, settings) while cached, in the pool's processes (within the time
        budget, stopped when ``gone`` is set: the request's client has left)."""
        def run() -> PageAnalysis:
            found: PageAnalysis = self.pool.run(COMPUTE, (scenario, settings), gone=gone)
            return found

        return self.analyses.get((scenario.digest(), settings_key(settings)), run)

    def shutdown(self) -> None:
        """Stop every analysis and Monte Carlo process now (the server is stopping)."""
        self.pool.shutdown()
        self.jobs.shutdown(timeout=0)


def state_of(request: Request) -> WebState:
    """The :class:`WebState` of the server handling ``request``."""
    state = request.app.state.accord
    assert isinstance(state, WebState)
    return state
