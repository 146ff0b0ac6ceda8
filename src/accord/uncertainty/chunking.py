"""How many draws a Monte Carlo chunk should hold: about a second of work, bounded memory.

A chunk is the unit a worker (a local process or a Dask worker) runs at once. Too small and
the per-chunk costs (scheduling, handing results back, Python overhead per array call)
dominate; too large and progress is coarse, the last chunks leave workers idle, and memory
grows with the chunk. :func:`chunk_draws` aims at :data:`TARGET_SECONDS` of work per chunk
from a cost model of what a draw runs (:func:`draw_seconds`), capped so that one chunk's
arrays hold at most :data:`MAX_CELLS` actor x issue cells, and rounds to 1, 2 or 5 times a
power of ten.

The cost model is a fixed formula of the scenario's shape and the analyses asked for (seconds
per draw on one core of the development machine, from ``benchmarks/bench_batch.py``), never a
timing taken at run time: the chunk size, recorded with the run, must be the same on every
machine and backend so that the documents are identical.
"""

from __future__ import annotations

from collections.abc import Sequence

TARGET_SECONDS = 1.0
"""Work per chunk aimed at, in seconds on one core."""
MAX_CELLS = 1_000_000
"""At most this many draws x actors x issues per chunk (8 MB per array of floats)."""
MIN_DRAWS = 16
MAX_DRAWS = 100_000

# Seconds per draw on one core (fitted to benchmarks/bench_batch.py; see the docstring). The
# models' own costs are their draw_seconds().
SAMPLING = (1.0e-6, 4.0e-8)         # per draw, per actor x issue cell
BARGAIN = (2.0e-5, 1.5e-6)          # per draw, per cell (verdict and opening month; the
#                                     scan of months where red lines harden or the no-deal
#                                     outcome moves costs most of it)


def draw_seconds(model_seconds: Sequence[float], actors: int, issues: int,
                 bargain: bool) -> float:
    """Estimated seconds of one draw: drawing its inputs, the models' own costs
    (:meth:`accord.models.base.Model.draw_seconds`) and, if it runs, the bargaining analysis."""
    cells = actors * issues
    total = SAMPLING[0] + SAMPLING[1] * cells + sum(model_seconds)
    if bargain:
        total += BARGAIN[0] + BARGAIN[1] * cells
    return total


def _nice(value: float) -> int:
    """The largest of 1, 2, 5 x 10^k not above ``value`` (at least 1)."""
    best = 1
    scale = 1
    while scale <= value:
        for step in (1, 2, 5):
            if step * scale <= value:
                best = step * scale
        scale *= 10
    return best


def chunk_draws(seconds_per_draw: float, cells: int, target: float = TARGET_SECONDS) -> int:
    """Draws per chunk for draws costing ``seconds_per_draw`` over ``cells`` actor x issue
    cells (see the module docstring)."""
    if not seconds_per_draw > 0:
        raise ValueError("the cost of a draw must be above 0 seconds")
    draws = min(target / seconds_per_draw, MAX_CELLS / max(cells, 1), MAX_DRAWS)
    return max(MIN_DRAWS, _nice(draws))
