"""The registry of forecasting models: a plain dict from name to model instance."""

from __future__ import annotations

from accord.errors import UsageError
from accord.models.base import Model
from accord.models.baselines import Compromise, Mean, Median, StatusQuo, WeightedMedian
from accord.models.eum import ExpectedUtility
from accord.models.exchange import ExchangeModel
from accord.models.nash import NashModel
from accord.models.procedural import ProceduralCompromise
from accord.models.spatial import SpatialModel

MODELS: dict[str, Model] = {
    m.name: m
    for m in (
        Compromise(),
        WeightedMedian(),
        Mean(),
        Median(),
        StatusQuo(),
        ProceduralCompromise(),
        ExpectedUtility(),
        SpatialModel(),
        ExchangeModel(),
        NashModel(),
    )
}
"""Every model accord knows, by name."""

DEFAULT_MODELS: tuple[str, ...] = ("compromise", "weighted-median", "mean", "median")
"""What ``accord run`` runs when no ``--model`` is given."""


def get_model(name: str) -> Model:
    """The model called ``name``, or a :class:`UsageError` listing the known ones."""
    try:
        return MODELS[name]
    except KeyError:
        raise UsageError(f"unknown model '{name}' (models: {', '.join(MODELS)})") from None
