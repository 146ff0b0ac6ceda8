"""Streaming aggregates of Monte Carlo draws: fixed-size, mergeable chunk by chunk.

Memory stays flat as draws grow: each chunk of draws is reduced to

* per output series (model x issue): a histogram of :data:`BINS` fixed bins over the issue's
  range (resolution 1/2000 of the range: 0.05 points on a 0-100 scale), the count, mean and
  sum of squared deviations (merged with the pairwise formula of Chan, Golub & LeVeque 1979),
  and the smallest and largest value;
* for the bargaining analysis: how many draws have a deal, how many have each issue's zone
  open, and how many first open in each month 0..horizon, beyond it, or never.

Counts merge exactly in any order; the float moments are merged in chunk order, so the sums,
and the whole summary, are the same whatever the workers or backend. Quantiles come from the
histogram: the bin where the cumulative count reaches q x n, interpolated linearly inside the
bin and kept within the smallest and largest value seen (so a series that never varies gives
its value exactly).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]
I64 = NDArray[np.int64]

BINS = 2000
"""Histogram bins over each issue's range."""
QUANTILES = (5, 25, 50, 75, 95)
"""Percentiles reported per model and issue."""
CHART_BINS = 100
"""Bins of the histogram kept in the document (for charts): 1 point on a 0-100 scale."""


@dataclass
class SeriesStats:
    """Aggregates of Q output series (each on its own range [low, high])."""

    low: F          # (Q,) range of each series
    high: F         # (Q,)
    counts: I64     # (Q, BINS)
    n: I64          # (Q,) finite values seen
    mean: F         # (Q,)
    m2: F           # (Q,) sum of squared deviations from the mean
    smallest: F     # (Q,) +inf before any value
    largest: F      # (Q,) -inf before any value

    @classmethod
    def empty(cls, low: F, high: F) -> SeriesStats:
        q = len(low)
        return cls(np.asarray(low, dtype=float), np.asarray(high, dtype=float),
                   np.zeros((q, BINS), dtype=np.int64), np.zeros(q, dtype=np.int64),
                   np.zeros(q), np.zeros(q), np.full(q, np.inf), np.full(q, -np.inf))

    @classmethod
    def of(cls, values: F, low: F, high: F) -> SeriesStats:
        """Aggregates of a (B, Q) block of values (NaN: no value)."""
        out = cls.empty(low, high)
        q = values.shape[1]
        finite = np.isfinite(values)
        n = finite.sum(axis=0)
        if not n.any():
            return out
        safe = np.where(finite, values, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(n > 0, safe.sum(axis=0) / np.maximum(n, 1), 0.0)
            dev = np.where(finite, values - mean, 0.0)
        width = np.where(out.high > out.low, out.high - out.low, 1.0)
        index = np.floor((safe - out.low) / width * BINS).astype(np.int64)
        index = np.clip(index, 0, BINS - 1) + np.arange(q, dtype=np.int64) * BINS
        out.counts = np.bincount(index[finite], minlength=q * BINS).reshape(q, BINS)
        out.n = n.astype(np.int64)
        out.mean = np.asarray(mean, dtype=float)
        out.m2 = np.asarray((dev * dev).sum(axis=0), dtype=float)
        out.smallest = np.where(n > 0, np.where(finite, values, np.inf).min(axis=0), np.inf)
        out.largest = np.where(n > 0, np.where(finite, values, -np.inf).max(axis=0), -np.inf)
        return out

    def merge(self, other: SeriesStats) -> SeriesStats:
        """These aggregates followed by ``other``'s (the order matters for the float sums)."""
        n = self.n + other.n
        safe = np.maximum(n, 1)
        delta = other.mean - self.mean
        mean = np.where(n > 0, self.mean + delta * (other.n / safe), 0.0)
        m2 = self.m2 + other.m2 + delta * delta * (self.n * other.n / safe)
        return SeriesStats(self.low, self.high, self.counts + other.counts, n,
                           np.asarray(mean), np.asarray(np.where(n > 0, m2, 0.0)),
                           np.minimum(self.smallest, other.smallest),
                           np.maximum(self.largest, other.largest))

    def sd(self) -> F:
        """Sample standard deviation (n - 1 in the denominator; 0 for fewer than 2 values)."""
        return np.asarray(np.where(self.n > 1, np.sqrt(self.m2 / np.maximum(self.n - 1, 1)),
                                   0.0))

    def quantile(self, k: int, percent: float) -> float | None:
        """The ``percent`` percentile of series k from its histogram (None without values)."""
        n = int(self.n[k])
        if n == 0:
            return None
        lo, hi = float(self.smallest[k]), float(self.largest[k])
        if lo == hi:
            return lo
        counts = self.counts[k]
        cum = np.cumsum(counts)
        target = percent / 100.0 * n
        b = int(np.searchsorted(cum, target, side="left"))
        b = min(b, BINS - 1)
        before = float(cum[b - 1]) if b > 0 else 0.0
        inside = float(counts[b])
        frac = (target - before) / inside if inside > 0 else 0.5
        width = (self.high[k] - self.low[k]) / BINS
        value = float(self.low[k] + (b + min(max(frac, 0.0), 1.0)) * width)
        return min(max(value, lo), hi)

    def chart_counts(self, k: int) -> list[int]:
        """Series k's histogram in :data:`CHART_BINS` bins (for the document and charts)."""
        return [int(v) for v in self.counts[k].reshape(CHART_BINS, -1).sum(axis=1)]


@dataclass
class BargainCounts:
    """How many draws reached each bargaining outcome."""

    draws: int
    deal: int
    zones: I64       # (m,) draws with the issue's zone open
    opening: I64     # (horizon + 1,) draws whose zone first opens in month k
    beyond: int      # draws with no zone open by the horizon (never included)
    never: int       # draws whose zone never opens under the drawn costs

    @classmethod
    def empty(cls, issues: int, horizon: int) -> BargainCounts:
        return cls(0, 0, np.zeros(issues, dtype=np.int64),
                   np.zeros(horizon + 1, dtype=np.int64), 0, 0)

    @classmethod
    def of(cls, deal: NDArray[np.bool_], zones: NDArray[np.bool_], opening: NDArray[np.int64],
           never: NDArray[np.bool_], horizon: int) -> BargainCounts:
        """Counts of a block: ``opening`` is the month, or -1 when none by the horizon."""
        opened = opening[opening >= 0]
        return cls(int(deal.shape[0]), int(deal.sum()), zones.sum(axis=0).astype(np.int64),
                   np.bincount(opened, minlength=horizon + 1).astype(np.int64),
                   int((opening < 0).sum()), int(never.sum()))

    def merge(self, other: BargainCounts) -> BargainCounts:
        return BargainCounts(self.draws + other.draws, self.deal + other.deal,
                             self.zones + other.zones, self.opening + other.opening,
                             self.beyond + other.beyond, self.never + other.never)
