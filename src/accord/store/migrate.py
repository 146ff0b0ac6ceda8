"""Bring a database to the current schema with the migrations shipped in the package (Alembic).

:func:`open_store` creates the database on first use and upgrades an older one; both happen in
ONE transaction (SQLite and PostgreSQL both have transactional DDL; see
:mod:`accord.store.engine` for SQLite), so a migration that fails half-way leaves the database
exactly as it was. Concurrent first uses are serialised: on SQLite by the write lock that
``BEGIN IMMEDIATE`` takes, on PostgreSQL by a transaction-level advisory lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from accord.store.engine import Store, StoreError, describe_url, make_engine, resolve_url
from accord.store.tables import HEAD, REVISIONS, forecasts, runs, scenario_versions

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "alembic_version"
_PG_LOCK_KEY = 0x6163636F7264  # "accord": the advisory lock id of migrations


def current_revision(conn: Connection) -> str | None:
    """The schema revision of the database (None: no accord schema yet)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) != 1:
        raise StoreError(f"the database has {len(rows)} schema revisions recorded; expected 1")
    return str(rows[0])


def upgrade(store: Store, target: str = "head", *,
            migrations: str | os.PathLike[str] | None = None) -> tuple[str | None, str]:
    """Migrate ``store`` to ``target`` in one transaction; return (revision before, after).

    ``migrations`` replaces the shipped migration folder (for tests). Raises
    :class:`StoreError` when a step fails; the database is then unchanged.
    """
    # Alembic (0.6 s to import) loads when a schema is created or migrated
    from alembic import command
    from alembic.config import Config

    folder = Path(migrations) if migrations is not None else MIGRATIONS
    config = Config()
    config.set_main_option("script_location", str(folder))
    try:
        with store.writing() as conn:
            if store.backend == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            before = current_revision(conn)
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            after = current_revision(conn)
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"migrating {store.display_url} failed, nothing was changed: "
                         f"{type(exc).__name__}: {exc}") from exc
    return before, after or ""


def open_store(url: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open the store at ``url`` (a URL, a SQLite file path, or None for the default file).

    The database is created on first use and upgraded to the current schema when ``migrate``
    (the default). A database written by a newer accord (an unknown revision) is refused.
    """
    resolved = resolve_url(url)
    store = Store(make_engine(resolved), resolved)
    try:
        with store.reading() as conn:
            revision = current_revision(conn)
    except SQLAlchemyError as exc:
        store.close()
        raise StoreError(f"cannot open the database {describe_url(resolved)}: "
                         f"{_reason(exc)}") from None
    if revision is not None and revision not in REVISIONS:
        store.close()
        raise StoreError(f"the database {store.display_url} has schema revision {revision}, "
                         f"which this accord does not know (it knows up to {HEAD}); it was "
                         "written by a newer accord: upgrade accord to use it")
    if revision != HEAD:
        if not migrate:
            store.close()
            raise StoreError(f"the database {store.display_url} is at schema revision "
                             f"{revision or 'none'}; this accord needs {HEAD}")
        try:
            upgrade(store)
        except StoreError:
            store.close()
            raise
    return store


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]


def census(store: Store) -> dict[str, object]:
    """Where the database is, its schema revision and how many rows each table holds
    (``accord store info``)."""
    with store.reading() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in (runs, forecasts, scenario_versions)}
        revision = current_revision(conn)
    return {"url": store.display_url, "backend": store.backend, "schema": revision,
            "runs": counts["runs"], "forecasts": counts["forecasts"],
            "scenario_versions": counts["scenario_versions"]}
