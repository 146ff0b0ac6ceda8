"""Smallest concessions and Nash packages over the first draws of a run (``--concessions N``).

The per-draw bargaining of a Monte Carlo run (:mod:`accord.uncertainty.batch_bargain`) is array
operations; the smallest concessions (a linear program per draw, MODELS.md section 5) and the
asymmetric Nash package (a convex program per draw) are not, and cost about 0.15 s a draw
on one core (mostly the Nash package's projection). So they run only when asked, on the
first N draws of the run (a prefix, like the sensitivity sample: the same draws whatever the
workers, and a shorter run's draws are a prefix of a longer one's), through
:func:`accord.bargaining.batch_extras.extras`, which builds for each draw exactly the problem
the single analysis builds.

Per draw this keeps whether some movement of red lines opens a zone, the points moved in all,
each actor's points moved, and the package: the Nash package where a zone is open as stated,
else the one once the smallest concessions are made (as ``accord bargain`` reports them).
:func:`concessions_doc` summarises them for the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.batch import Frame, batch_problem
from accord.bargaining.batch_extras import extras
from accord.jsonable import round6 as _r
from accord.scenario.schema import Scenario
from accord.uncertainty.sampling import BatchArrays

F = NDArray[np.float64]

CONCESSIONS_MAX = 100_000
"""The most draws ``--concessions`` takes (at about 0.15 s a draw, hours on one core)."""


@dataclass(frozen=True)
class ConcessionRows:
    """The concessions of k consecutive draws."""

    possible: NDArray[np.bool_]   # (k,) some movement of red lines opens a zone
    total: F                      # (k,) points moved in all (0-100 scale), NaN if impossible
    moved: F                      # (k, n) points each actor moves in all, 0 where it does not
    package: F                    # (k, m) Nash package on each issue's scale, NaN: none

    @classmethod
    def join(cls, parts: list[ConcessionRows]) -> ConcessionRows:
        return cls(*(np.concatenate([getattr(p, f) for p in parts])
                     for f in ("possible", "total", "moved", "package")))


def chunk_concessions(fr: Frame, arrays: BatchArrays, count: int) -> ConcessionRows:
    """The concessions of the first ``count`` draws of a chunk's arrays."""
    sl = slice(0, count)
    bp = batch_problem(fr, arrays.capability[sl], arrays.position[sl], arrays.salience[sl],
                       arrays.reservation[sl])
    got = extras(bp, np.arange(count, dtype=np.intp))
    package = np.where(np.isnan(got.nash), got.nash_after, got.nash)
    return ConcessionRows(possible=got.possible, total=got.total,
                          moved=np.abs(got.moved).sum(axis=2), package=package)


def _spread(values: F) -> dict[str, float] | None:
    """Median and 90% interval (5th and 95th percentiles, linear interpolation)."""
    if values.size == 0:
        return None
    low, median, high = np.percentile(values, [5, 50, 95])
    return {"median": _r(median), "low": _r(low), "high": _r(high)}


def concessions_doc(rows: ConcessionRows, scenario: Scenario) -> dict[str, Any]:
    """The document's ``concessions`` section (docs/uncertainty.md)."""
    k = int(rows.possible.shape[0])
    possible = rows.possible
    needed = possible & (rows.total > 0)
    movers = []
    for i, actor in enumerate(scenario.actors):
        moves = rows.moved[possible, i] > 0
        if moves.any():
            movers.append({"actor": actor.id, "share": _r(moves.sum() / max(k, 1)),
                           "points": _spread(rows.moved[possible, i][moves])})
    movers.sort(key=lambda m: -float(m["share"]))  # type: ignore[arg-type]
    packages = {}
    for j, issue in enumerate(scenario.issues):
        values = rows.package[:, j]
        values = values[np.isfinite(values)]
        packages[issue.id] = {"draws": int(values.size), **(_spread(values) or {})}
    return {
        "draws": k,
        "note": f"the first {k:,} draws; points on each issue's 0-100 scale; the total is over "
                "the draws that need a concession; the package is the Nash package where a "
                "zone is open as stated, else once the smallest concessions are made",
        "open_as_stated": _r(float(np.sum(possible & ~needed)) / max(k, 1)),
        "possible": _r(possible.sum() / max(k, 1)),
        "total": _spread(rows.total[needed]),
        "movers": movers,
        "package": packages,
    }
