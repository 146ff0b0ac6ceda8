"""The store: scenario versions, recorded runs and a forecast ledger (SQLite or PostgreSQL).

* :func:`open_store` (URL, SQLite file path, or None: ``accord.db`` in the user's data
  directory): created on first use, migrated to the current schema (:mod:`.migrate`).
* :func:`recording` (:mod:`.record`): record a run around the work that produces it; the API
  ``accord run``, ``accord bargain`` and ``accord mc`` call.
* :mod:`.runs`: read and write runs and scenario versions; :mod:`.rerun`: reproduce a run.
* :mod:`.forecasts`: the ledger; :mod:`.imports` (predictions of scenarios), :mod:`.derive`
  (accord's own forecasts from runs); :mod:`.scoring` (Brier, log score, calibration);
  :mod:`.chart` (a reliability diagram, with matplotlib).

User documentation: docs/store.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.store.engine import Store, StoreError, default_path, resolve_url
    from accord.store.forecasts import (
        NewForecast,
        add_forecast,
        add_forecasts,
        list_forecasts,
    )
    from accord.store.migrate import open_store, upgrade
    from accord.store.record import Recording, recording
    from accord.store.runs import get_run, list_runs, record_run

# Imported on first use: SQLAlchemy and Alembic cost a few tenths of a second that users of the
# pure submodules (``accord.store.scoring`` in reports) should not pay.
_WHERE = {
    "Store": "engine", "StoreError": "engine", "default_path": "engine", "resolve_url": "engine",
    "NewForecast": "forecasts", "add_forecast": "forecasts", "add_forecasts": "forecasts",
    "list_forecasts": "forecasts", "open_store": "migrate", "upgrade": "migrate",
    "Recording": "record", "recording": "record", "get_run": "runs", "list_runs": "runs",
    "record_run": "runs",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"accord.store.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'accord.store' has no attribute '{name}'")


__all__ = [
    "NewForecast",
    "Recording",
    "Store",
    "StoreError",
    "add_forecast",
    "add_forecasts",
    "default_path",
    "get_run",
    "list_forecasts",
    "list_runs",
    "open_store",
    "record_run",
    "recording",
    "resolve_url",
    "upgrade",
]
