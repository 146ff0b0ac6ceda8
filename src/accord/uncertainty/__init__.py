"""Uncertainty: Monte Carlo over the distributions of a scenario (MODELS.md section 6).

Modules, one concept each: :mod:`~accord.uncertainty.seeds` (child k of the root SeedSequence
for draw k, vectorised), :mod:`~accord.uncertainty.distributions` (inverse CDFs),
:mod:`~accord.uncertainty.sampling` (the uncertain inputs and their draws as arrays or
scenarios), :mod:`~accord.uncertainty.verdicts` (one draw's bargaining verdict),
:mod:`~accord.uncertainty.chunks` (the unit of work), :mod:`~accord.uncertainty.aggregate`
(streaming histograms, moments and counts), :mod:`~accord.uncertainty.sensitivity` (Spearman
rank correlations), :mod:`~accord.uncertainty.backends` (serial, process pool, Dask),
:mod:`~accord.uncertainty.montecarlo` (the run), :mod:`~accord.uncertainty.summary` (its
JSON) and :mod:`~accord.uncertainty.drawsfile` (per-draw CSV). See docs/uncertainty.md.
"""

from accord.uncertainty.backends import Backend, DaskCluster, ProcessPool, Serial
from accord.uncertainty.chunks import McJob, McSettings
from accord.uncertainty.montecarlo import McResult, monte_carlo
from accord.uncertainty.sampling import Noise
from accord.uncertainty.summary import mc_document

__all__ = [
    "Backend",
    "DaskCluster",
    "McJob",
    "McResult",
    "McSettings",
    "Noise",
    "ProcessPool",
    "Serial",
    "mc_document",
    "monte_carlo",
]
