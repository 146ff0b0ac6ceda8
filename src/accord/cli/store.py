"""What the store's commands share, recording runs from any command, and ``accord store info``.

The database is chosen here, in the CLI layer: ``--db URL`` (or a SQLite file path), else the
``ACCORD_DB`` environment variable, else ``accord.db`` in the user's data directory.

Commands that produce a result record it with :func:`recorder` (``accord run``, ``accord
bargain``, ``accord mc``)::

    with recorder(db, not no_store, spec, scenario, file_text) as rec:
        document = ...
        rec.finish(document)

A store that cannot be opened or written never costs the user the output: the problem is a
warning on stderr and the command carries on.

The store's modules bring SQLAlchemy and Alembic (about a second to import): this module
imports them inside the functions that open a database, so a command that records nothing (or
fails on its input) does not pay for them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from accord.cli.app import Format, FormatOption, app, command, emit_page, note
from accord.errors import UsageError
from accord.reports.document import Page, Table
from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.textfile import check_file_place
from accord.workflows.recorder import Recorder

if TYPE_CHECKING:
    from accord.store.engine import Store

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="ACCORD_DB", show_envvar=True, metavar="URL",
    help="Database: sqlite:///PATH, postgresql+psycopg://USER@HOST/DBNAME, or a SQLite file "
         "path. Default: accord.db in your data directory (see `accord store info`).")]
NoStoreOption = Annotated[bool, typer.Option(
    "--no-store", help="Do not record this run in the store.")]

F = TypeVar("F", bound=Callable[..., Any])


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def store_command(name: str, group: typer.Typer | None = None, **kwargs: Any
                  ) -> Callable[[F], F]:
    """:func:`accord.cli.app.command`, with database errors reported as errors (exit 1)."""
    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            # SQLAlchemy loads with the command that opens a database (module docstring)
            from sqlalchemy.exc import SQLAlchemyError

            from accord.store.engine import StoreError

            try:
                return fn(*a, **kw)
            except SQLAlchemyError as exc:
                orig = getattr(exc, "orig", None) or exc
                raise StoreError(f"database error: {str(orig).strip().splitlines()[0]}") from exc

        command(name, target=group, **kwargs)(wrapper)
        return fn

    return decorate


def check_db(db: str | None) -> None:
    """An explicit SQLite file (``--db``, ``ACCORD_DB``) that cannot be created where it is
    asked for (a file in the way, a folder that does not take new files) is a usage error,
    exit 2, before any work (:func:`accord.textfile.check_file_place`); missing folders are
    created, as for the default file."""
    if not db:
        return
    from accord.store.engine import resolve_url  # SQLAlchemy: module docstring

    try:
        url = resolve_url(db)
    except UsageError:
        return              # a bad URL: reported where the store is opened (a warning for runs)
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and database != ":memory:" \
            and not database.startswith("file:"):
        check_file_place(database, "--db")


def open_db(db: str | None) -> Store:
    """The store the user chose (opened, created or migrated as needed)."""
    from accord.store.migrate import open_store  # SQLAlchemy, Alembic: module docstring

    check_db(db)
    return open_store(db or None)


def recorder(db: str | None, enabled: bool, spec: RunSpec, scenario: Scenario,
             file_text: str | None = None) -> Recorder:
    """The one recorder (:class:`accord.workflows.recorder.Recorder`) on the store the user
    chose, with problems as warnings and the run id as a note on stderr; ``enabled=False``
    (``--no-store``) records nothing. An explicit SQLite path that cannot be created is a
    usage error before any work (:func:`check_db`)."""
    if enabled:
        check_db(db)
    return Recorder((lambda: open_db(db)) if enabled else None, spec, scenario, file_text,
                    warn=warn, note=note)


store_app = typer.Typer(name="store", help="The database of runs and forecasts.",
                        no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@store_command("info", group=store_app,
               help="Where the database is, its schema revision, and what it holds.")
def info(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    from accord.store.migrate import census  # SQLAlchemy: module docstring

    store = open_db(db)
    try:
        doc = census(store)
    finally:
        store.close()
    rows = tuple((key.replace("_", " "), str(value)) for key, value in doc.items())
    emit_page(Page("accord store", (Table(headers=("", ""), rows=rows),)), fmt, doc)


app.add_typer(store_app)
