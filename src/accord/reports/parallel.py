"""Draw a report's charts in a few forked processes (the command line's report is timed).

Drawing and writing the thirteen charts of the built-in report is about half of the time
``accord report`` takes; charts are independent, so on a machine with more than one core the
command line draws them in forked worker processes. Forking shares the parent's imports and the
report itself, so nothing but the finished SVG or PNG (text or bytes) crosses between
processes, and the output is the same byte for byte as a serial run. Library callers (the
dashboard, which runs threads) keep the default of one worker: no fork.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar, cast

from accord.reports.document import Chart

T = TypeVar("T")

_JOB: tuple[Sequence[Chart], Callable[[Chart], object]] | None = None
"""The charts and the function the forked workers apply (inherited, never pickled)."""


def _one(index: int) -> object:
    assert _JOB is not None
    charts, render = _JOB
    return render(charts[index])


def render_charts(charts: Sequence[Chart], render: Callable[[Chart], T],
                  workers: int = 1) -> list[T]:
    """``[render(c) for c in charts]``, in ``workers`` forked processes when more than one
    (and the platform can fork); results in the charts' order."""
    global _JOB
    if workers <= 1 or len(charts) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [render(c) for c in charts]
    _JOB = (charts, render)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(charts)), mp_context=context) as pool:
            return [cast(T, out) for out in pool.map(_one, range(len(charts)))]
    finally:
        _JOB = None
