"""accord: model multi-party negotiations and forecast their outcomes.

The package is a library first: load a scenario (:mod:`accord.scenario`), run a model from
:data:`accord.models.MODELS`, and read the :class:`accord.models.Result`. The command line
(:mod:`accord.cli`) and the dashboard are thin layers over it. Nothing runs at import time.
"""

from accord._version import __version__

__all__ = ["__version__"]
