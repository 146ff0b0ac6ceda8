"""Write a scenario back to YAML in the documented layout (used by evidence --apply, the web)."""

from __future__ import annotations

import io
import math
import os
from typing import Any

from ruamel.yaml import YAML

from accord.scenario.schema import Scenario
from accord.textfile import atomic_write_text


def _clean(value: Any) -> Any:
    """Drop defaults that only add noise, turn whole floats into ints, tuples into lists."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is None or v == () or v == [] or v == {} or (k == "carried_over" and v is False):
                continue
            key = int(k) if isinstance(k, float) and k.is_integer() else k
            out[key] = _clean(v)
        return out
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        # -0.0 stays a float: int() would drop its sign and change the scenario's digest
        return value if value == 0 and math.copysign(1.0, value) < 0 else int(value)
    return value


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of a scenario that :func:`accord.scenario.load.parse_scenario` reads back."""
    data = _clean(scenario.model_dump(mode="python"))
    data.setdefault("accord", 1)
    yaml = YAML()  # round-trip dumper: keeps the documented field order
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Write a scenario file atomically."""
    atomic_write_text(path, dump_scenario(scenario))
