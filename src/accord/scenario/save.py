"""Write a scenario back to YAML in the documented layout (used by evidence --apply, the web)."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from accord.errors import UsageError
from accord.scenario.schema import Scenario
from accord.textfile import atomic_write_text, check_destination, os_reason


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


def check_new_file(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """The path a new scenario file may be written to, or a :class:`UsageError` saying why
    not: a folder in the way, a missing folder, a folder that does not take new files, or a
    file already there (unless ``force``). Checked before any work is done
    (:func:`accord.textfile.check_destination`)."""
    return check_destination(path, "-o", force=force)


def write_scenario_file(scenario: Scenario, path: str | os.PathLike[str], *,
                        force: bool = False) -> Path:
    """Write a scenario file atomically (permissions from the umask: 0644 with 022), after
    :func:`check_new_file`; an operating-system failure (read-only disk, full disk) is a
    :class:`UsageError` too, and leaves no file behind."""
    target = check_new_file(path, force=force)
    try:
        atomic_write_text(target, dump_scenario(scenario))
    except OSError as exc:
        raise UsageError(f"-o {target}: cannot write ({os_reason(exc)})") from None
    return target
