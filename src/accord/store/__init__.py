"""The store: persistence only — scenario versions, recorded runs and the forecast ledger's
records, in SQLite or PostgreSQL.

* :func:`accord.store.migrate.open_store` (URL, SQLite file path, or None: ``accord.db`` in the
  user's data directory): created on first use, migrated to the current schema.
* :mod:`.recording`: a run recorded around the work that produces it (the workflows' one
  recorder, :class:`accord.workflows.recorder.Recorder`, wraps it).
* :mod:`.runs`: read and write runs and scenario versions; :mod:`.versions`: a scenario's
  history; :mod:`.forecasts`: the ledger's records; :mod:`.tables`: the database tables.

The store imports no model, bargaining, uncertainty or report code: re-running a run is
:mod:`accord.workflows.rerun`, scoring forecasts :mod:`accord.ledger`, drawing them
:mod:`accord.reports.calibration_chart`. User documentation: docs/store.md.
"""
