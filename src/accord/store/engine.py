"""Where the store lives: database URLs, the default SQLite file, and engines set up for safety.

SQLite (the default, one file in the user's data directory) and PostgreSQL (for teams) are
supported. Both give real transactions: every write is one transaction, so two processes writing
at once never corrupt the database or lose a run, and a process killed mid-write leaves nothing
half-written.

SQLite needs two settings for that (both made on every new connection, see ``_sqlite_connect``):

1. the ``sqlite3`` module's own transaction handling is switched off (``isolation_level=None``)
   and SQLAlchemy's ``begin`` emits ``BEGIN IMMEDIATE`` itself, so DDL is transactional too
   (a failed migration rolls back) and a writer takes the write lock when it starts instead of
   failing half-way with ``database is locked`` when it upgrades a read lock;
2. ``journal_mode=WAL`` (readers do not block the writer), ``busy_timeout`` (wait for the lock
   instead of failing), ``foreign_keys=ON`` and ``synchronous=NORMAL`` (the WAL default that is
   safe against a killed process; a power cut may lose the last commits but never corrupts).

Read-only work opens its transaction with a plain ``BEGIN`` (:meth:`Store.reading`), which
takes no write lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from accord.errors import AccordError, UsageError

APP_NAME = "accord"
DB_FILE = "accord.db"
BUSY_TIMEOUT_MS = 60_000
_READONLY = "accord_readonly"


class StoreError(AccordError):
    """The database cannot be opened, read or written (not a bug in the caller's input)."""


@dataclass(frozen=True)
class Store:
    """An open store: the engine and the URL it was opened with."""

    engine: Engine
    url: URL

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.url.get_backend_name()

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return describe_url(self.url)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction (no write lock on SQLite); rolled back at the end."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{_READONLY: True})
            with conn.begin():
                yield conn

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()


def default_path() -> Path:
    """The default database file: ``accord.db`` in the user's data directory (platformdirs).

    On Linux that is ``$XDG_DATA_HOME/accord/accord.db`` (``~/.local/share/accord/accord.db``).
    """

    return Path(platformdirs.user_data_path(APP_NAME, appauthor=False)) / DB_FILE


def resolve_url(spec: str | os.PathLike[str] | None) -> URL:
    """A database URL from what the user gave: a URL, a file path, or nothing (the default).

    ``postgresql://`` (no driver named) means psycopg 3; a plain path means a SQLite file.
    Only SQLite and PostgreSQL are supported.
    """
    if spec is None:
        return URL.create("sqlite", database=str(default_path()))
    text = os.fspath(spec).strip()
    if not text:
        raise UsageError("the database URL is empty")
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise UsageError(f"'{_redact(text)}' is not a database URL (use sqlite:///PATH or "
                         "postgresql+psycopg://USER@HOST/DBNAME)") from None
    backend, driver = url.get_backend_name(), url.get_driver_name()
    if backend == "postgresql" and "+" not in url.drivername:
        url = url.set(drivername="postgresql+psycopg")
    elif backend not in ("sqlite", "postgresql"):
        raise UsageError(f"unsupported database '{backend}' in {describe_url(url)} (accord "
                         "stores in SQLite or PostgreSQL)")
    elif backend == "postgresql" and driver != "psycopg":
        raise UsageError(f"unsupported PostgreSQL driver '{driver}' (use postgresql+psycopg://)")
    return url


def describe_url(url: URL) -> str:
    """A URL as text with its password hidden."""
    return url.render_as_string(hide_password=True)


def _redact(text: str) -> str:
    head, at, tail = text.rpartition("@")
    if not at or ":" not in head.split("://", 1)[-1]:
        return text
    scheme, _, cred = head.partition("://")
    return f"{scheme}://{cred.split(':', 1)[0]}:***@{tail}"


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` set up as the module docstring explains (SQLite file created)."""
    backend = url.get_backend_name()
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of {database}: "
                                 f"{exc.strerror or exc}") from None
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"the database driver for {describe_url(url)} is not installed "
                         f"({exc}); for PostgreSQL: pip install 'accord[postgres]'") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    readonly = conn.get_execution_options().get(_READONLY, False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")
