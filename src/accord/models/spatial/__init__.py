"""KTAB's Spatial Model of Politics (SMP): many dimensions, probabilistic Condorcet elections.

Modules, each one concept: :mod:`options` (parameters and KTAB's constants), :mod:`utility`
(distance, utility, derived risk attitudes), :mod:`votes` (voting rules, coalitions, victory
probabilities), :mod:`pce` (probabilistic Condorcet elections), :mod:`challenge` (who
challenges whom), :mod:`bargain` (interpolated bargains), :mod:`queues` (each actor's choice),
:mod:`dynamics` (the turn loop and stopping rule), :mod:`meta` (settings carried by a
scenario), :mod:`model` (the registered model ``smp``).
"""

from accord.models.spatial.model import SpatialModel
from accord.models.spatial.options import SpatialParams

__all__ = ["SpatialModel", "SpatialParams"]
