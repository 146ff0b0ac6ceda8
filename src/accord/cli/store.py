"""What the store's commands share, recording runs from any command, and ``accord store info``.

The database is chosen here, in the CLI layer: ``--db URL`` (or a SQLite file path), else the
``ACCORD_DB`` environment variable, else ``accord.db`` in the user's data directory.

Commands that produce a result record it with :class:`RecordedRun` (``accord run`` does; the
lead wires ``accord bargain`` and ``accord mc`` the same way)::

    with RecordedRun(db, not no_store, spec, scenario, file_text) as rec:
        document = analyse(scenario, ...)
        rec.finish(document)
    emit_json(document)

A store that cannot be opened or written never costs the user the output: the problem is a
warning on stderr and the command carries on.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table

from accord.cli.app import (
    Format,
    FormatOption,
    app,
    command,
    emit_json,
    emit_table,
    emit_text,
    note,
)
from accord.runspec import RunSpec

if TYPE_CHECKING:
    from accord.scenario.inputs import Loaded
    from accord.scenario.schema import Scenario
    from accord.store.engine import Store
    from accord.store.record import Recording

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


def open_db(db: str | None) -> Store:
    """The store the user chose (opened, created or migrated as needed)."""
    from accord.store.migrate import open_store

    return open_store(db or None)


class RecordedRun(AbstractContextManager["RecordedRun"]):
    """Record a command's run in the store, warning instead of failing when the store cannot.

    ``enabled=False`` (``--no-store``) records nothing. The run id, once recorded, is noted on
    stderr.
    """

    def __init__(self, db: str | None, enabled: bool, spec: RunSpec, scenario: Scenario,
                 file_text: str | None = None) -> None:
        self.db, self.enabled, self.spec = db, enabled, spec
        self.scenario, self.file_text = scenario, file_text
        self._store: Store | None = None
        self._context: AbstractContextManager[Recording] | None = None
        self._recording: Recording | None = None

    @property
    def run_id(self) -> int | None:
        return self._recording.run_id if self._recording else None

    def __enter__(self) -> RecordedRun:
        if not self.enabled:
            return self
        from accord.store.record import recording

        try:
            self._store = open_db(self.db)
            self._context = recording(self._store, self.spec, self.scenario, self.file_text)
            self._recording = self._context.__enter__()
        except Exception as exc:  # the store must never cost the user the forecast
            warn(f"this run is not recorded in the store: {_reason(exc)}")
            self._close()
        return self

    def finish(self, payload: Any) -> None:
        """Store what the run produced (warn if that fails)."""
        if self._recording is None:
            return
        try:
            self._recording.finish(payload)
        except Exception as exc:
            warn(f"the result of run {self._recording.run_id} could not be stored: "
                 f"{_reason(exc)}")
            return
        note(f"recorded as run {self._recording.run_id} (accord runs show "
             f"{self._recording.run_id})")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._context is not None:
            try:
                self._context.__exit__(kind, exc, tb)
            except Exception as problem:
                if kind is None and self._recording is not None and self._recording.finished:
                    warn(f"run {self.run_id}: {_reason(problem)}")
        self._close()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store, self._context = None, None


def input_text(arg: str | None, loaded: Loaded) -> str | None:
    """The text of the scenario file the user named, to keep with the run (YAML only; other
    inputs are kept as canonical YAML)."""
    if arg is None or loaded.kind != "yaml":
        return None
    from accord.textfile import read_text

    try:
        return read_text(arg)
    except Exception:  # the file changed or vanished since it was read: keep canonical YAML
        return None


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


store_app = typer.Typer(name="store", help="The database of runs and forecasts.",
                        no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@store_command("info", group=store_app,
               help="Where the database is, its schema revision, and what it holds.")
def info(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    from sqlalchemy import func, select

    from accord.store.migrate import current_revision
    from accord.store.schema import forecasts, runs, scenario_versions

    store = open_db(db)
    try:
        with store.reading() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                      for t in (runs, forecasts, scenario_versions)}
            revision = current_revision(conn)
    finally:
        store.close()
    doc = {"url": store.display_url, "backend": store.backend, "schema": revision,
           "runs": counts["runs"], "forecasts": counts["forecasts"],
           "scenario_versions": counts["scenario_versions"]}
    if fmt is Format.json:
        emit_json(doc)
        return
    if fmt is Format.markdown:
        emit_text("\n".join(f"* {k}: {v}" for k, v in doc.items()))
        return
    table = Table("", "", show_header=False, title="accord store")
    for key, value in doc.items():
        table.add_row(key.replace("_", " "), str(value))
    emit_table(table)


app.add_typer(store_app)
