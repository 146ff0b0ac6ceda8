"""Recording a run in the store around the work that produces it: the one recorder of every
face (the command line, the dashboard, reports and re-runs).

::

    with Recorder(store_or_opener, spec, scenario, file_text, warn=..., note=...) as rec:
        document = ...the work...
        rec.finish(document)

On entering, the run is committed as ``running`` (with its scenario version); ``finish`` stores
the payload and marks it ``finished``; an exception in the block marks it ``failed`` and
propagates (:func:`accord.store.recording.recording`). A store that cannot be opened or written
never costs the user the result: the problem goes to ``warn`` and the work carries on. ``store``
is an open :class:`~accord.store.engine.Store` (the dashboard's, left open), a function that
opens one (the command line's ``--db``, closed afterwards), or None (``--no-store``: nothing is
recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Any

from accord.runspec import RunSpec
from accord.scenario.schema import Scenario

if TYPE_CHECKING:
    from accord.store.engine import Store
    from accord.store.recording import Recording

Say = Callable[[str], None]


def _quiet(message: str) -> None:
    """Say nothing."""


class Recorder(AbstractContextManager["Recorder"]):
    """Record one run (see the module docstring)."""

    def __init__(self, store: Store | Callable[[], Store] | None, spec: RunSpec,
                 scenario: Scenario, file_text: str | None = None, *,
                 warn: Say = _quiet, note: Say = _quiet) -> None:
        self.target, self.spec, self.scenario, self.file_text = store, spec, scenario, file_text
        self.warn, self.note = warn, note
        self._store: Store | None = None
        self._owned = False
        self._context: AbstractContextManager[Recording] | None = None
        self._recording: Recording | None = None

    @property
    def run_id(self) -> int | None:
        return self._recording.run_id if self._recording else None

    def __enter__(self) -> Recorder:
        if self.target is None:
            return self
        # the store's modules bring SQLAlchemy and Alembic (about a second to import): they
        # load when a run is recorded, not with every command
        from accord.store.engine import Store
        from accord.store.recording import recording

        try:
            if isinstance(self.target, Store):
                self._store = self.target
            else:
                self._store, self._owned = self.target(), True
            self._context = recording(self._store, self.spec, self.scenario, self.file_text)
            self._recording = self._context.__enter__()
        except Exception as exc:  # the store must never cost the user the result
            self.warn(f"this run is not recorded in the store: {reason(exc)}")
            self._close()
        return self

    def finish(self, payload: Any) -> int | None:
        """Store what the run produced (warn if that fails); the run's id, or None."""
        if self._recording is None:
            return None
        try:
            self._recording.finish(payload)
        except Exception as exc:
            self.warn(f"the result of run {self._recording.run_id} could not be stored: "
                      f"{reason(exc)}")
            return None
        self.note(f"recorded as run {self._recording.run_id} (accord runs show "
                  f"{self._recording.run_id})")
        return self._recording.run_id

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._context is not None:
            try:
                self._context.__exit__(kind, exc, tb)
            except Exception as problem:
                if kind is None and self._recording is not None and self._recording.finished:
                    self.warn(f"run {self.run_id}: {reason(problem)}")
        self._close()

    def _close(self) -> None:
        if self._store is not None and self._owned:
            self._store.close()
        self._store, self._context = None, None


def record(store: Store, spec: RunSpec, scenario: Scenario, payload: Any,
           file_text: str | None = None) -> int:
    """Record a run whose work is already done (the dashboard's cached analyses and jobs);
    errors propagate (the page reports them)."""
    from accord.store.recording import recording  # SQLAlchemy: see Recorder.__enter__

    with recording(store, spec, scenario, file_text) as rec:
        rec.finish(payload)
    return rec.run_id


def reason(exc: BaseException) -> str:
    """The first line of a (database) error's message."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
