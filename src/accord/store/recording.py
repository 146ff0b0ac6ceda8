"""Record a run around the work that produces it: the API every analysis command calls.

::

    from accord.runspec import RunSpec
    from accord.store.migrate import open_store
    from accord.store.recording import recording

    spec = RunSpec(kind="mc", scenario_id=scn.id, scenario_digest=scn.digest(),
                   draws=10_000, seed=7, options={"models": ["compromise"]})
    with recording(open_store(url), spec, scn) as rec:
        document = monte_carlo(scn, ...)   # the work
        rec.finish(document)               # a Result, a list of Results or a JSON document

On entering, the run is committed as ``running`` (with its scenario version); ``finish`` stores
the payload and marks it ``finished`` in one transaction; an exception in the block marks it
``failed`` (with the error) and propagates. A block that ends without ``finish`` marks the run
``failed`` too ("ended without a result"). A process killed inside the block leaves the run
``running``: never ``finished``.

The command line wraps this so that a store that cannot be written never costs the user the
forecast (see :class:`accord.workflows.recorder.Recorder`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from accord.runspec import RunSpec
from accord.scenario.schema import Scenario
from accord.store.engine import Store
from accord.store.runs import fail_run, finish_run, start_run


class Recording:
    """A run in progress in the store."""

    def __init__(self, store: Store, run_id: int) -> None:
        self.store = store
        self.run_id = run_id
        self.finished = False

    def finish(self, payload: Any) -> None:
        """Store what the run produced and mark it finished (once)."""
        finish_run(self.store, self.run_id, payload)
        self.finished = True


@contextmanager
def recording(store: Store, spec: RunSpec, scenario: Scenario,
              file_text: str | None = None) -> Iterator[Recording]:
    """Record the run described by ``spec`` on ``scenario`` around the ``with`` block.

    ``file_text`` is the text of the scenario file the user gave, kept when it reads back to
    the same scenario (otherwise canonical YAML is kept).
    """
    rec = Recording(store, start_run(store, spec, scenario, file_text))
    try:
        yield rec
    except BaseException as exc:
        if not rec.finished:
            reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else (
                f"{type(exc).__name__}: {exc}")
            with suppress(Exception):  # keep the original error, not the store's
                fail_run(store, rec.run_id, reason)
        raise
    if not rec.finished:
        fail_run(store, rec.run_id, "ended without a result")
