"""Bueno de Mesquita's expected-utility model (EUM), vectorised, with its readings as presets.

* :mod:`.options`: the named options and the presets ``scholz2011``, ``scholz-code``,
  ``masad2014``;
* :mod:`.probability`: votes and P(i beats j) in O(n^2 log n);
* :mod:`.utility`: utilities, expected utilities, risk exponents;
* :mod:`.offers`: offers and the one move per actor and round;
* :mod:`.rounds`: :func:`eum_rounds`, the batched pure function (B scenarios at once);
* :mod:`.model`: the :class:`ExpectedUtility` model registered as ``eum``.
"""

from accord.models.eum.model import ExpectedUtility
from accord.models.eum.options import DEFAULT_PRESET, PRESETS, EumParams
from accord.models.eum.rounds import STOP_REASONS, EumTrajectory, eum_rounds

__all__ = ["DEFAULT_PRESET", "PRESETS", "STOP_REASONS", "EumParams", "EumTrajectory",
           "ExpectedUtility", "eum_rounds"]
