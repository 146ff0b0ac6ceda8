"""Killing ``accord mc`` (SIGKILL or SIGTERM) leaves none of its worker processes behind, and
stopping it (SIGTERM, SIGINT, SIGHUP) leaves no part of a ``--draws-out`` file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accord.uncertainty.backends import default_workers
from accord.uncertainty.orphans import guard_worker, parent_death_signal
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="needs /proc to list processes")


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"     # a zombie has stopped


def _children(pid: int) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and _parent_of(int(p.name)) == pid]


def _default_signals() -> None:
    """In the child before exec: Ctrl-C and hang-up as in a terminal. A suite started in the
    background (`cmd &` ignores SIGINT) or under nohup (SIGHUP) passes the ignoring on, and
    accord rightly leaves an ignored signal ignored, so the test would wait for nothing."""
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _start_mc(*extra: str, cwd: Path = ROOT) -> tuple[subprocess.Popen[bytes], list[int]]:
    """``accord mc`` with the default workers (one per CPU), once all of them run."""
    expected = default_workers()
    if expected < 2:
        pytest.skip("one CPU: the default runs in one process, without workers")
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", "mc", "--draws", "4000000", "--no-store", "-f",
         "json", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env,
        preexec_fn=_default_signals)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < expected:
        time.sleep(0.2)
        workers = [p for p in _children(proc.pid) if _alive(p)]
    if len(workers) < expected:
        proc.kill()
        pytest.fail(f"accord mc did not start its {expected} workers within 60 s")
    return proc, workers


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_no_worker_outlives_a_killed_mc(sig: signal.Signals) -> None:
    proc, workers = _start_mc()
    time.sleep(0.5)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    left = workers
    while time.monotonic() < deadline and left:
        time.sleep(0.1)
        left = [p for p in workers if _alive(p)]
    for p in left:                      # clean up before failing
        os.kill(p, signal.SIGKILL)
    assert not left, f"workers {left} outlived accord mc after {sig.name}"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stopped_mc_leaves_no_part_of_its_draws_file(sig: signal.Signals,
                                                       tmp_path: Path) -> None:
    proc, workers = _start_mc("--draws-out", "draws.csv", cwd=tmp_path)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not list(tmp_path.glob(".draws.csv.*.part")):
            time.sleep(0.1)
        assert list(tmp_path.glob(".draws.csv.*.part")), "no temporary draws file to clean up"
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:  # a failure leaves no run of four million draws behind
        if proc.poll() is None:
            proc.kill()
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)
    assert proc.returncode == (130 if sig == signal.SIGINT else -sig)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def _orphan(kernel: bool) -> None:
    """Child: start a grandchild that guards itself, print its pid, then die at once."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        guard_worker(parent, kernel)
        time.sleep(60)
        os._exit(0)
    print(pid, flush=True)
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("kernel", [False, True])
def test_a_guarded_worker_ends_when_its_parent_dies(kernel: bool) -> None:
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
            "from tests.e2e.test_mc_orphans import _orphan; _orphan(sys.argv[3] == '1')")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "src"), str(ROOT),
                          "1" if kernel else "0"], capture_output=True, text=True, timeout=60,
                         check=True)
    grandchild = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(grandchild):
        time.sleep(0.1)
    alive = _alive(grandchild)
    if alive:
        os.kill(grandchild, signal.SIGKILL)
    assert not alive


def test_the_kernel_guard_is_available_on_linux() -> None:
    if sys.platform.startswith("linux"):
        pid = os.fork()
        if pid == 0:            # set it in a throwaway child, not in the test process
            os._exit(0 if parent_death_signal() else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
