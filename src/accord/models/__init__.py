"""Forecasting models: a common protocol, a registry, and the Result they produce.

The registry (``MODELS``, ``DEFAULT_MODELS``, ``get_model``) is imported on first use: it
pulls in every model, and the bargaining models bring scipy's optimisers (about a second), which
commands such as ``accord --help`` or ``accord cases`` never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.models.base import Forecast, IssueForecast, IssueModel, Model, Params
from accord.models.result import Result

if TYPE_CHECKING:
    from accord.models.registry import DEFAULT_MODELS, MODELS, get_model

_REGISTRY = frozenset({"DEFAULT_MODELS", "MODELS", "get_model"})


def __getattr__(name: str) -> Any:
    if name in _REGISTRY:
        from accord.models import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'accord.models' has no attribute '{name}'")


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
