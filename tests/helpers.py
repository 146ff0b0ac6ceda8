"""Small helpers shared by tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.models.choice import Configured, ModelChoice
from accord.workflows.registry import configure


def configured(model: str, preset: str | None = None,
               params: Mapping[str, Any] | None = None) -> Configured[Any]:
    """A registry model with its preset and parameter overrides, ready to run."""
    return configure(ModelChoice(model=model, preset=preset, params=dict(params or {})))


def mc_json(result: Any) -> dict[str, Any]:
    """The JSON document of a Monte Carlo run (what ``accord mc -f json`` prints)."""
    from accord.uncertainty.summary import mc_document

    doc: dict[str, Any] = mc_document(result).model_dump(mode="json")
    return doc
