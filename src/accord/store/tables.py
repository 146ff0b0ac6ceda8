"""The tables of the store at the current schema revision (:data:`HEAD`).

The migrations in ``accord/store/migrations/versions`` create and change the tables; this module
describes where they end up, for the queries. A test checks that the two agree.

* ``scenario_versions``: every scenario a run used, keyed by its digest, with its text (the
  file the user gave, or canonical YAML from :func:`accord.scenario.save.dump_scenario`).
* ``runs``: one row per recorded run: its :class:`accord.runspec.RunSpec`, the scenario version,
  the package version, when it started and finished, its status (``running``, ``finished``,
  ``failed``), what it produced (``payload``: JSON) or why it failed, and the host and process
  that ran it (to tell a run still going from one whose process was killed).
* ``forecasts``: the forecast ledger: a statement, who made it (``author``) and where (a
  ``source`` or a ``run_id``, with the ``model``), when it was made and when it resolves, a
  probability or a predicted value, and once known the outcome (1/0 for a statement, a number
  for a predicted value), the resolution date and a note. ``key`` (unique, may be null) names
  imported forecasts so importing twice adds nothing.

Times are UTC without a time zone; dates of forecasts are partial dates (``YYYY``, ``YYYY-MM``
or ``YYYY-MM-DD``) stored as text, which sorts correctly.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

HEAD = "0003"
"""The schema revision this version of accord writes (the last migration)."""

REVISIONS = ("0001", "0002", "0003")
"""Every schema revision, oldest first."""

metadata = MetaData()

scenario_versions = Table(
    "scenario_versions", metadata,
    Column("digest", String(64), primary_key=True),
    Column("scenario_id", String(80), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("as_of", String(10)),
    Column("text", Text, nullable=False),
    Column("text_kind", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("spec", Text, nullable=False),
    Column("scenario_digest", String(64), ForeignKey("scenario_versions.digest"),
           nullable=False, index=True),
    Column("accord_version", String(40), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("payload", Text),
    Column("error", Text),
    Column("host", String(255)),
    Column("pid", Integer),
    CheckConstraint("status IN ('running', 'finished', 'failed')", name="ck_runs_status"),
)

forecasts = Table(
    "forecasts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(255), unique=True),
    Column("statement", Text, nullable=False),
    Column("author", String(255)),
    Column("source", Text),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL"), index=True),
    Column("model", String(80)),
    Column("issue", String(80)),
    Column("scenario_id", String(80)),
    Column("made", String(10), nullable=False),
    Column("resolves", String(10)),
    Column("probability", Float),
    Column("value", Float),
    Column("quote", Text),
    Column("outcome", Float),
    Column("resolved_on", String(10)),
    Column("resolution_note", Text),
    Column("created_at", DateTime, nullable=False),
    CheckConstraint("probability IS NULL OR (probability >= 0 AND probability <= 1)",
                    name="ck_forecasts_probability"),
    CheckConstraint("probability IS NULL OR value IS NULL", name="ck_forecasts_one_kind"),
)
