"""Reading the spatial model's settings from a scenario (``meta``; see
:mod:`accord.scenario.ktab_settings` for the keys, written by the KTAB XML importer).

A run's explicit parameters (preset or ``--param``) win over these; these win over KTAB's
defaults. A bad value is a :class:`~accord.errors.UsageError` naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.errors import UsageError
from accord.scenario.ktab_settings import (
    ADJUST_KEY,
    OPTIONS,
    PREFIX,
    SEED_KEY,
    normalise,
    parse_adjustment,
)

F = NDArray[np.float64]

_ROW_SUM_TOL = 1e-9


def scenario_options(meta: Mapping[str, Any]) -> dict[str, str]:
    """The KTAB options a scenario's ``meta`` sets (a UsageError names a bad value)."""
    out: dict[str, str] = {}
    for option in OPTIONS:
        key = PREFIX + option
        if key not in meta:
            continue
        value = normalise(option, meta[key])
        if value is None:
            raise UsageError(f"scenario meta '{key}' is '{meta[key]}'; expected one of "
                             f"{', '.join(OPTIONS[option])}")
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


def accommodation_matrix(meta: Mapping[str, Any], actors: Sequence[str]) -> F | None:
    """The accommodation matrix over ``actors`` (None: identity, no entries given).

    Rows start as the identity; each entry sets ``A[adjusting, reference]``. Every row must
    add up to at most 1 (the rest of the weight keeps the old ideal). Entries for actors that
    are not in the run are an error.
    """
    if ADJUST_KEY not in meta:
        return None
    entries = parse_adjustment(str(meta[ADJUST_KEY]))
    if isinstance(entries, str):
        raise UsageError(f"scenario meta '{ADJUST_KEY}': '{entries}' is not "
                         "ADJUSTING:REFERENCE=VALUE with a VALUE in [0, 1]")
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
