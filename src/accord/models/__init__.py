"""Forecasting models: a common protocol, a registry, and the Result they produce."""

from accord.models.base import Forecast, IssueForecast, IssueModel, Model, Params
from accord.models.registry import DEFAULT_MODELS, MODELS, get_model
from accord.models.result import Result

__all__ = [
    "DEFAULT_MODELS",
    "MODELS",
    "Forecast",
    "IssueForecast",
    "IssueModel",
    "Model",
    "Params",
    "Result",
    "get_model",
]
