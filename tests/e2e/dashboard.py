"""Starting ``accord serve`` for the end-to-end tests: a real uvicorn server on a free port
over a temporary SQLite store, found through the JSON line the command prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def serve_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "accord", "serve", *args]


def serve_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ACCORD_DEBUG", None)
    return env


@contextmanager
def running_server(db: Path, *args: str, timeout: float = 60) -> Iterator[dict[str, Any]]:
    """``accord serve --port 0 --db DB -f json ARGS``: yields its JSON (url, port, ...) and
    ``log``, the file its stderr goes to (a pipe nobody reads would fill up and stop it)."""
    log = db.parent / f"{db.stem}-serve.log"
    with open(log, "w") as err:
        proc = subprocess.Popen(
            serve_command("--port", "0", "--db", str(db), "-f", "json", *args),
            stdout=subprocess.PIPE, stderr=err, text=True, env=serve_env())
    info: dict[str, Any] | None = None
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("}"):
                break
        if not lines or not lines[-1].startswith("}"):
            proc.kill()
            proc.wait(timeout=10)
            raise RuntimeError(f"accord serve did not start: {''.join(lines)}"
                               f"{log.read_text()}")
        info = json.loads("".join(lines))
        info["process"], info["log"] = proc, log
        yield info
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if proc.stdout is not None:
            rest = proc.stdout.read()
            proc.stdout.close()
            if info is not None:
                info["stdout_after"] = rest  # what the server printed on stdout after its URL
