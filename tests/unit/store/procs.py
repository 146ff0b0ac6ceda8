"""Processes the concurrency tests start: ``python -m tests.unit.store.procs MODE URL ...``.

* ``writer URL TAG N``: record N runs, each tagged (TAG, index), after reading "go" on stdin.
* ``big URL SIZE``: start a run, then write a large mc-like payload; once the UPDATE has been
  sent (inside the uncommitted transaction) print ``UPDATED`` and hang, to be SIGKILLed.
* ``stream URL SIZE``: record runs with large payloads until killed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from accord.store.migrate import open_store
from accord.store.recording import recording
from accord.store.runs import finish_run, start_run
from tests.unit.store.helpers import model_run, talks


def big_payload(size: int) -> dict[str, Any]:
    """An mc-style document with ``size`` draws (about 100 bytes each)."""
    return {"draws": [{"draw": k, "outcome": {"territory": 50.0 + (k % 97) / 7,
                                              "sanctions": 40.0 + (k % 89) / 11}}
                      for k in range(size)], "size": size}


def writer(url: str, tag: str, count: int) -> None:
    store = open_store(url)            # two writers on a fresh database also race to migrate
    scenario = talks()
    spec, results = model_run(scenario, ("compromise",))
    print("ready", flush=True)
    sys.stdin.readline()
    for k in range(count):
        tagged = spec.model_copy(update={"options": {**spec.options, "writer": tag,
                                                     "index": k}})
        with recording(store, tagged, scenario) as rec:
            rec.finish(results)
    store.close()
    print("done", flush=True)


def big(url: str, size: int) -> None:
    store = open_store(url)
    scenario = talks()
    spec, _ = model_run(scenario, ("compromise",))
    run_id = start_run(store, spec.model_copy(update={"kind": "mc", "draws": size}), scenario)
    print(f"run {run_id}", flush=True)

    def hang(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE RUNS"):
            print("UPDATED", flush=True)
            time.sleep(120)

    event.listen(store.engine, "after_cursor_execute", hang)
    finish_run(store, run_id, big_payload(size))


def stream(url: str, size: int) -> None:
    store = open_store(url)
    scenario = talks()
    spec, _ = model_run(scenario, ("compromise",))
    payload = big_payload(size)
    print("ready", flush=True)
    while True:
        with recording(store, spec.model_copy(update={"kind": "mc"}), scenario) as rec:
            rec.finish(payload)


if __name__ == "__main__":
    mode, url, *rest = sys.argv[1:]
    if mode == "writer":
        writer(url, rest[0], int(rest[1]))
    elif mode == "big":
        big(url, int(rest[0]))
    elif mode == "stream":
        stream(url, int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode}")
