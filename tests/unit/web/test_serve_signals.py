"""``accord serve`` stops at once on Ctrl-C (SIGINT) or SIGTERM, even while an analysis runs,
and leaves no analysis process behind."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from accord.web.server import GRACE
from tests.e2e.dashboard import running_server

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                 reason="needs /proc to list processes")]


def _parent_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and _parent_of(int(p.name)) == pid and _alive(int(p.name))]


def _big_csv() -> bytes:
    rng = random.Random(2)
    rows = "".join(f"A{i},{rng.randint(1, 100)},{rng.randint(0, 100)},"
                   f"{rng.randint(1, 99) / 100}\n" for i in range(1000))
    return ("actor,capability,position,salience\n" + rows).encode()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_during_an_analysis_and_leaves_no_process(tmp_path: Path,
                                                              sig: signal.Signals) -> None:
    with running_server(tmp_path / "accord.db") as info:
        proc = info["process"]
        client = httpx.Client(base_url=info["url"].rstrip("/"), timeout=120)
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          client.get("/scenarios").text)
        assert token
        uploaded = client.post("/scenarios/upload", data={"csrf_token": token.group(1)},
                               files={"file": ("big.csv", _big_csv())})
        assert uploaded.status_code == 303, uploaded.text[:500]
        digest = uploaded.headers["location"].split("/")[2].split("?")[0]

        def view() -> None:  # a 1,000-actor analysis: minutes, far past the signal
            with contextlib.suppress(httpx.HTTPError):
                client.get(f"/s/{digest}/results")

        threading.Thread(target=view, daemon=True).start()
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = _children(proc.pid)
        assert workers, "no analysis process started"
        time.sleep(2.0)                              # well into the analysis
        proc.send_signal(sig)
        start = time.monotonic()
        proc.wait(timeout=30)
        took = time.monotonic() - start
        left_deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < left_deadline:
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
        for w in left:  # clean up before failing
            os.kill(w, signal.SIGKILL)
        assert not left, f"analysis processes {left} outlived accord serve after {sig.name}"
        # at once, not after uvicorn's grace period for connections (its backstop)
        assert took < GRACE - 0.5, f"accord serve took {took:.1f} s to stop after {sig.name}"
        client.close()
