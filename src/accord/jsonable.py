"""Plain JSON values from what numpy and pydantic produce (shared by results and the store)."""

from __future__ import annotations

import json
import math
from typing import Any


def clean_json(value: Any) -> Any:
    """Make numpy scalars/arrays plain JSON values; NaN and infinities become None."""
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    if hasattr(value, "tolist"):
        return clean_json(value.tolist())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bool | int | str) or value is None:
        return value
    return json.loads(json.dumps(value, default=str))


def round6(value: float) -> float:
    """A number for a JSON document: 6 decimals, and no negative zero."""
    out = round(float(value), 6)
    return 0.0 if out == 0 else out
