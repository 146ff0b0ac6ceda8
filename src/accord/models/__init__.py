"""Forecasting models: a common protocol (:mod:`.base`), one module or package per model, and
the :class:`Result` they produce.

The registry of every model by name is :mod:`accord.workflows.registry` (it also lists the
Nash bargaining model, which lives with the bargaining analysis it wraps).
"""

from accord.models.base import Forecast, IssueForecast, IssueModel, Model, Params
from accord.models.result import Result

__all__ = ["Forecast", "IssueForecast", "IssueModel", "Model", "Params", "Result"]
