"""The acceptance bar of issue 19, through the real program: ``python -m accord validate FILE``
on each hostile file ends with exit status 2 and a located message, within 2 s of CPU time and
200 MB of memory (measured on the child process itself)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.unit.scenario.test_hostile_input import BDM_HEAD, HEAD, TWO, alias_bomb

FILES = {
    "alias.yaml": (alias_bomb(), "YAML aliases expand to more than"),
    "deep.yaml": (HEAD + "meta: " + "[" * 500 + "]" * 500 + "\n", "nested more than 64"),
    "huge.yaml": (HEAD + TWO.replace("RANGE", "[0, 100]").replace("position: 10",
                                                                  "position: " + "9" * 400),
                  "(400 digits) is out of bounds"),
    "r308.yaml": (HEAD + TWO.replace("RANGE", "[0, 1e308]"), "1e+308 is out of bounds"),
    "r308b.yaml": (HEAD + TWO.replace("RANGE", "[-1e308, 1e308]"), "-1e+308 is out of bounds"),
    "inf.csv": ("# range: -inf, inf\n" + BDM_HEAD + "A,1,5,0.5\n", "'# range:' needs"),
    "huge.csv": (f"{BDM_HEAD}A,1,{'9' * 400},0.5\n", "out of bounds"),
}
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


# The child is forked from this small wrapper, not from the test process: Linux carries a
# process's peak memory across exec, so a child forked from a large pytest worker would report
# the worker's peak, not its own.
WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def run(path: Path) -> tuple[int, str, float, float]:
    """Exit status, stderr, CPU seconds and peak memory (MB) of
    ``python -m accord validate PATH``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ACCORD_DEBUG", None)
    proc = subprocess.run([sys.executable, "-c", WRAPPER, "-m", "accord", "validate", str(path)],
                          capture_output=True, text=True, env=env, timeout=60, check=True)
    status, cpu, kb = proc.stdout.split()
    return int(status), proc.stderr, float(cpu), int(kb) / 1024


@pytest.mark.parametrize("name", sorted(FILES))
def test_hostile_file_is_refused_quickly_with_a_located_message(tmp_path: Path,
                                                                name: str) -> None:
    text, fragment = FILES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, stderr, cpu, mb = run(path)
    assert status == 2, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    found = [LOCATED.match(line) for line in stderr.splitlines() if line]
    assert found and all(m is not None and m["file"] == str(path) for m in found), stderr
    assert any(m is not None and fragment in m["msg"] for m in found), stderr
    assert cpu < 2, f"{name}: {cpu:.2f} s of CPU time"
    assert mb < 200, f"{name}: {mb:.0f} MB"
