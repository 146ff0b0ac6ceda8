"""Model settings a scenario carries for the spatial model (written by the KTAB XML importer).

``Scenario.meta`` entries, all optional:

* ``ktab.<Option>`` for each of KTAB's nine options (``ktab.VotingRule: Cubic``, ...);
  KTAB's XML-schema spellings ``Proportional`` and ``No`` are accepted for ``Prop`` and
  ``None``;
* ``ktab.seed``: the seed (KTAB's ``prngSeed``), used when the run is given none;
* ``ktab.IdealAdjustment``: entries of the accommodation matrix (which starts as the
  identity), ``ADJUSTING:REFERENCE=VALUE`` separated by ``;`` or ``,``, by actor id, e.g.
  ``Bob:Bob=0.75; Bob:Alice=0.07``.

A run's explicit parameters (preset or ``--param``) win over these; these win over KTAB's
defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, get_args

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.models.spatial.options import KTAB_OPTIONS, SpatialParams

F = NDArray[np.float64]

PREFIX = "ktab."
SEED_KEY = "ktab.seed"
ADJUST_KEY = "ktab.IdealAdjustment"
SPELLINGS = {"Proportional": "Prop", "No": "None"}
_ROW_SUM_TOL = 1e-9
_PAIR = re.compile(r"^\s*([^:=\s]+)\s*:\s*([^:=\s]+)\s*=\s*(\S+)\s*$")


def allowed(option: str) -> tuple[str, ...]:
    """KTAB's names for the values of one option."""
    annotation = SpatialParams.model_fields[option].annotation
    return tuple(str(v) for v in get_args(annotation))


def normalise(option: str, value: object) -> str | None:
    """KTAB's spelling of ``value`` for ``option``, or None when it is not one of them."""
    text = SPELLINGS.get(str(value).strip(), str(value).strip())
    return text if text in allowed(option) else None


def scenario_options(meta: Mapping[str, Any]) -> dict[str, str]:
    """The KTAB options a scenario's ``meta`` sets (a UsageError names a bad value)."""
    out: dict[str, str] = {}
    for option in KTAB_OPTIONS:
        key = PREFIX + option
        if key not in meta:
            continue
        value = normalise(option, meta[key])
        if value is None:
            raise UsageError(f"scenario meta '{key}' is '{meta[key]}'; expected one of "
                             f"{', '.join(allowed(option))}")
        out[option] = value
    return out


def scenario_seed(meta: Mapping[str, Any]) -> int | None:
    """The seed a scenario carries (KTAB's ``prngSeed``), if any."""
    if SEED_KEY not in meta:
        return None
    raw = meta[SEED_KEY]
    try:
        seed = int(str(raw).strip())
    except ValueError:
        raise UsageError(f"scenario meta '{SEED_KEY}' is '{raw}', not a whole number") from None
    if seed < 0:
        raise UsageError(f"scenario meta '{SEED_KEY}' must not be negative, got {seed}")
    return seed


def parse_adjustment(text: str) -> list[tuple[str, str, float]]:
    """``ADJUSTING:REFERENCE=VALUE`` entries (see the module docstring)."""
    out: list[tuple[str, str, float]] = []
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        match = _PAIR.match(part)
        value = None
        if match:
            try:
                value = float(match.group(3))
            except ValueError:
                value = None
        if match is None or value is None or not 0.0 <= value <= 1.0:
            raise UsageError(f"scenario meta '{ADJUST_KEY}': '{part.strip()}' is not "
                             "ADJUSTING:REFERENCE=VALUE with a VALUE in [0, 1]")
        out.append((match.group(1), match.group(2), value))
    return out


def format_adjustment(entries: Sequence[tuple[str, str, float]]) -> str:
    """The meta text of accommodation entries (inverse of :func:`parse_adjustment`)."""
    return "; ".join(f"{a}:{b}={v:g}" for a, b, v in entries)


def accommodation_matrix(meta: Mapping[str, Any], actors: Sequence[str]) -> F | None:
    """The accommodation matrix over ``actors`` (None: identity, no entries given).

    Rows start as the identity; each entry sets ``A[adjusting, reference]``. Every row must
    add up to at most 1 (the rest of the weight keeps the old ideal). Entries for actors that
    are not in the run are an error.
    """
    if ADJUST_KEY not in meta:
        return None
    entries = parse_adjustment(str(meta[ADJUST_KEY]))
    index = {a: k for k, a in enumerate(actors)}
    a = np.eye(len(actors))
    for adjusting, reference, value in entries:
        for who in (adjusting, reference):
            if who not in index:
                raise UsageError(f"scenario meta '{ADJUST_KEY}' names actor '{who}', which "
                                 "is not in the model run")
        a[index[adjusting], index[reference]] = value
    sums = a.sum(axis=1)
    bad = [actors[int(k)] for k in np.flatnonzero(sums > 1.0 + _ROW_SUM_TOL)]
    if bad:
        raise UsageError(f"scenario meta '{ADJUST_KEY}': the weights of {', '.join(bad)} add "
                         "up to more than 1")
    return None if np.array_equal(a, np.eye(len(actors))) else a
