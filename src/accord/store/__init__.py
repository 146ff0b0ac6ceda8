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

from accord.store.engine import Store, StoreError, default_path, resolve_url
from accord.store.forecasts import NewForecast, add_forecast, add_forecasts, list_forecasts
from accord.store.migrate import open_store, upgrade
from accord.store.record import Recording, recording
from accord.store.runs import get_run, list_runs, record_run

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
