"""Analyses run in processes of their own, within a time budget, and stop when nobody waits.

A slow analysis (a stand-in that never ends, or a large uploaded scenario) gets a 503 page
within the budget and frees its slot; a client that leaves stops its analysis; a server that
stops kills every analysis process; the library's own errors come back as themselves.
"""

from __future__ import annotations

import asyncio
import os
import random
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from accord.cases import DEFAULT_CASE
from accord.errors import InputError, UsageError
from accord.web.analysis_pool import AnalysisPool, Cancelled
from accord.web.error_pages import WebError
from accord.web.state import WebSettings
from tests.unit.web.helpers import dashboard, text_of

TARGETS = "tests.unit.web.analysis_targets"
RESULTS = f"/s/{DEFAULT_CASE}/results"


def run_apart(coroutine: Coroutine[Any, Any, None]) -> None:
    """``asyncio.run`` in a thread of its own: between its calls Playwright's sync API (the
    session's browser, when a browser test ran earlier in this process) marks the main
    thread's event loop as running, and ``asyncio.run`` refuses to start there."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has stopped
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def warm(pool: AnalysisPool) -> int:
    """Start one analysis process (its start is not part of the budget); its pid."""
    pid, _, _ = pool.run(f"{TARGETS}:nap", (0.0,))
    return int(pid)


def test_a_slow_analysis_is_a_503_page_within_the_budget_and_frees_its_slot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import accord.web.state

    monkeypatch.setattr(accord.web.state, "COMPUTE", f"{TARGETS}:spin")
    with dashboard(tmp_path, WebSettings(parallel_runs=1, analysis_seconds=1.0),
                   raise_errors=False) as web:
        pool = web.state.pool
        first = warm(pool)
        start = time.monotonic()
        response = web.client.get(RESULTS)
        took = time.monotonic() - start
        assert response.status_code == 503
        page = text_of(response.text)
        assert "Too large to analyse here" in page
        assert "did not finish within 1 seconds" in page
        assert "at most 1 analyses at once, each for at most 1 seconds" in page
        assert response.headers["content-security-policy"]            # the guard's headers
        assert 1.0 <= took < 6.0
        assert not alive(first)                                        # stopped, not left
        assert len(web.state.analyses) == 0                            # nothing cached
        # the slot is free: the next analysis runs, in a fresh process
        second = warm(pool)
        assert second != first and pool.processes() == [second]


def test_a_large_uploaded_scenario_is_stopped_at_the_budget(tmp_path: Path) -> None:
    rng = random.Random(1)
    rows = "".join(f"A{i},{rng.randint(1, 100)},{rng.randint(0, 100)},"
                   f"{rng.randint(1, 99) / 100}\n" for i in range(400))
    with dashboard(tmp_path, WebSettings(parallel_runs=1, analysis_seconds=2.0),
                   raise_errors=False) as web:
        response = web.post("/scenarios/upload", files={
            "file": ("big.csv", ("actor,capability,position,salience\n" + rows).encode())})
        assert response.status_code == 303
        digest = str(response.headers["location"]).split("/")[2].split("?")[0]
        warm(web.state.pool)
        start = time.monotonic()
        response = web.client.get(f"/s/{digest}/results")
        assert response.status_code == 503 and "Too large" in text_of(response.text)
        assert time.monotonic() - start < 8.0


def test_an_analysis_stops_when_its_client_leaves(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole application, called as a server calls it: the browser goes away half a
    second into the request, and the analysis stops then (not at the budget's end)."""
    import accord.web.state

    monkeypatch.setattr(accord.web.state, "COMPUTE", f"{TARGETS}:spin")
    with dashboard(tmp_path, WebSettings(parallel_runs=1, analysis_seconds=600)) as web:
        pid = warm(web.state.pool)
        sent: list[dict[str, Any]] = []

        async def call() -> None:
            messages = [{"type": "http.request", "body": b"", "more_body": False}]

            async def receive() -> dict[str, Any]:
                if messages:
                    return messages.pop(0)
                await asyncio.sleep(0.5)
                return {"type": "http.disconnect"}

            async def send(message: dict[str, Any]) -> None:
                sent.append(message)

            scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                     "method": "GET", "scheme": "http", "path": RESULTS, "raw_path":
                     RESULTS.encode(), "query_string": b"", "root_path": "",
                     "headers": [(b"host", b"127.0.0.1:8000")], "client": ("127.0.0.1", 1),
                     "server": ("127.0.0.1", 8000)}
            await web.app(scope, receive, send)

        start = time.monotonic()
        run_apart(call())
        assert time.monotonic() - start < 5.0
        assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 503
        assert not alive(pid)
        assert web.state.pool.processes() == []


def test_a_pool_refuses_and_cancels(tmp_path: Path) -> None:
    pool = AnalysisPool(1, 600)
    try:
        with pytest.raises(UsageError, match="unknown issue"):
            pool.run(f"{TARGETS}:refuse", ())
        with pytest.raises(UsageError) as refused:
            pool.run(f"{TARGETS}:refuse_settings", ())
        assert str(refused.value) == "issue: unknown issue 'nope'; K must be from 1 to 10"
        with pytest.raises(InputError) as bad:
            pool.run(f"{TARGETS}:refuse_input", ())
        assert [str(p) for p in bad.value.problems] == ["big.csv:3:1: capability must be a "
                                                        "number"]
        with pytest.raises(RuntimeError, match="boom"):
            pool.run(f"{TARGETS}:explode", ())
        pid = warm(pool)                          # a process that failed cleanly is reused
        assert pool.processes() == [pid]
        gone = threading.Event()
        threading.Timer(0.3, gone.set).start()
        start = time.monotonic()
        with pytest.raises(Cancelled):
            pool.run(f"{TARGETS}:spin", (), gone=gone)
        assert time.monotonic() - start < 3.0 and not alive(pid)
    finally:
        pool.shutdown()


def test_a_request_waits_for_a_slot_several_budgets_then_hears_the_dashboard_is_busy(
        ) -> None:
    assert AnalysisPool(2, 30.0).wait == 120.0      # a queue of ordinary analyses drains
    pool = AnalysisPool(1, 5.0, wait=0.6)
    try:
        warm(pool)
        taken = threading.Thread(target=lambda: pool.run(f"{TARGETS}:nap", (2.0,)))
        taken.start()
        deadline = time.monotonic() + 30
        while pool._idle.qsize() and time.monotonic() < deadline:   # the nap has the slot
            time.sleep(0.01)
        start = time.monotonic()
        with pytest.raises(WebError) as busy:
            pool.run(f"{TARGETS}:nap", (0.0,))
        waited = time.monotonic() - start
        assert busy.value.status == 503 and busy.value.title == "Busy"
        assert "busy for 0.6 seconds" in busy.value.message and waited >= 0.6
        taken.join()
        pid, _, _ = pool.run(f"{TARGETS}:nap", (0.0,))   # the slot is free again
        assert pool.processes() == [pid]
    finally:
        pool.shutdown()


def test_shutdown_stops_every_analysis_at_once() -> None:
    pool = AnalysisPool(2, 600)
    warm(pool)
    errors: list[BaseException] = []

    def spin() -> None:
        try:
            pool.run(f"{TARGETS}:spin", ())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=spin) for _ in range(3)]  # the third one waits
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    while len(pool.processes()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = pool.processes()
    time.sleep(0.3)
    start = time.monotonic()
    pool.shutdown()
    for t in threads:
        t.join(10)
    assert time.monotonic() - start < 3.0
    assert len(errors) == 3 and all(isinstance(e, WebError) and e.status == 503
                                    and e.title == "Stopping" for e in errors), errors
    assert not any(alive(p) for p in pids)
    with pytest.raises(WebError, match="stopping"):
        pool.run(f"{TARGETS}:nap", (0.0,))
