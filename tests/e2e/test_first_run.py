"""The README's first command on a fresh clone: `./scripts/accord run` sets up .venv with the
runtime dependencies only, says so on stderr, and forecasts; `scripts/bootstrap EXTRA` adds an
extra to that .venv once. Also what pyproject.toml promises: runtime dependencies without the
test tools, every requirement pinned by constraints.txt, torch never unpinned."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
EXTRAS: dict[str, list[str]] = PROJECT["optional-dependencies"]

# what only the tests, the type checker and the linter use, or an optional feature's extra
NOT_RUNTIME = {"pytest", "pytest-xdist", "hypothesis", "playwright", "mypy", "ruff", "httpx",
               "pandas", "pandas-stubs", "dask", "distributed", "psycopg", "psycopg-binary",
               "torch"}
# what the suite imports (or pytest loads) beyond the runtime dependencies
TEST_NEEDS = {"pytest", "pytest-xdist", "hypothesis", "playwright", "httpx", "mypy", "ruff",
              "pandas-stubs", "pandas", "dask", "psycopg"}


def name(requirement: str) -> str:
    """The normalized project name of a requirement (PEP 503)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def pins() -> dict[str, str]:
    """constraints.txt: normalized name -> pinned version."""
    found = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            project, _, version = line.partition("==")
            assert version, f"constraints.txt pins with ==: {line}"
            found[name(project)] = version
    return found


def closure(extra: str) -> set[str]:
    """The names an extra requires, following accord[...] references to other extras."""
    names: set[str] = set()
    for requirement in EXTRAS[extra]:
        if name(requirement) == "accord":
            inner = re.search(r"\[([^]]*)\]", requirement)
            assert inner, requirement
            for other in inner.group(1).split(","):
                names |= closure(other.strip())
        else:
            names.add(name(requirement))
    return names


def test_runtime_dependencies_leave_out_the_test_tools() -> None:
    runtime = {name(r) for r in PROJECT["dependencies"]}
    assert not runtime & NOT_RUNTIME
    assert closure("dev") >= TEST_NEEDS, TEST_NEEDS - closure("dev")


def test_every_requirement_is_pinned_and_torch_never_floats() -> None:
    pinned = pins()
    requirements = [*PROJECT["dependencies"], *(r for rs in EXTRAS.values() for r in rs)]
    unpinned = {name(r) for r in requirements} - set(pinned) - {"accord"}
    assert not unpinned, f"add to constraints.txt: {sorted(unpinned)}"
    for requirement in requirements:
        if name(requirement) == "torch":
            assert re.fullmatch(r"torch==[0-9][0-9.]*", requirement.replace(" ", "")), requirement
            assert requirement.split("==")[1] == pinned["torch"]
    assert "pip" in pinned  # scripts/bootstrap installs that pip before anything else


def test_the_scripts_install_what_they_need() -> None:
    accord = (ROOT / "scripts" / "accord").read_text(encoding="utf-8")
    test = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert re.search(r'^"\$here/scripts/bootstrap"$', accord, re.M)  # the runtime only
    assert re.search(r"^scripts/bootstrap dev$", test, re.M)


PROBE = """
import importlib, importlib.util, json, pkgutil, sys
import accord
names = [m.name for m in pkgutil.walk_packages(accord.__path__, "accord.")
         if ".migrations" not in m.name]
failed = {}
for module in names + ["trafilatura"]:
    try:
        importlib.import_module(module)
    except Exception as exc:
        failed[module] = repr(exc)
present = [n for n in sys.argv[1:] if importlib.util.find_spec(n) is not None]
print(json.dumps({"modules": len(names), "failed": failed, "present": present}))
"""

FRAME = """
from accord.cases import load_case
from accord.workflows.registry import MODELS
try:
    MODELS["compromise"].run(load_case("ukraine-2025-12")).to_frame()
except ImportError as exc:
    print(exc)
else:
    print("pandas is installed")
"""


def copy_of_the_checkout(dest: Path) -> Path:
    """What a fresh clone holds for the first run (no .venv, no caches)."""
    dest.mkdir()
    for file in ("pyproject.toml", "constraints.txt", "README.md"):
        shutil.copy2(ROOT / file, dest / file)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=ignore)
    shutil.copytree(ROOT / "src", dest / "src", ignore=ignore)
    return dest


def run(cmd: list[str], cwd: Path, env: dict[str, str],
        timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def setup_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("accord: ")]


@pytest.mark.slow  # creates a virtual environment and installs into it from the registry
def test_first_run_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = copy_of_the_checkout(tmp_path / "accord")
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "ACCORD_EXTRAS", "ACCORD_DB")}
    env |= {"COLUMNS": "160", "ACCORD_DB": f"sqlite:///{tmp_path / 'runs.db'}",
            "PYTHONDONTWRITEBYTECODE": "1"}    # as containers often have it

    # the README's first command: sets up .venv, says so on stderr, then forecasts on stdout
    first = run(["./scripts/accord", "run"], clone, env)
    assert first.returncode == 0, first.stderr[-3000:]
    said = setup_lines(first.stderr)
    assert said[0] == "accord: setting up .venv (first run, about a minute)…", said
    assert re.fullmatch(r"accord: \.venv is ready \(\d+s\)", said[-1]), said
    assert "Installing collected packages" in first.stderr  # pip's progress, not --quiet
    assert "Russia–Ukraine peace talks" in first.stdout and "compromise" in first.stdout
    assert "Collecting" not in first.stdout and "Successfully installed" not in first.stdout
    python = clone / ".venv" / "bin" / "python"
    # the setup wrote the bytecode of accord and of what it imports, which Python itself
    # never writes here (every command would compile them again)
    assert not [line for line in said if "bytecode" in line], said
    compiled = {p.parent.parent.name for p in clone.rglob("__pycache__/__init__.*.pyc")}
    assert {"accord", "cli", "bargaining", "web", "numpy", "scipy", "pydantic"} <= compiled

    # the runtime only: every module of accord imports (dashboard and reports included),
    # and none of the test tools or optional extras came along
    probe = run([str(python), "-c", PROBE, "pytest", "hypothesis", "playwright", "mypy",
                 "pandas", "dask", "distributed", "psycopg", "httpx", "torch"], clone, env)
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert found["modules"] > 50 and found["failed"] == {} and found["present"] == []

    # set up once: the next run says nothing about .venv
    again = run(["./scripts/accord", "run", "--model", "compromise", "-f", "json"], clone, env)
    assert again.returncode == 0, again.stderr
    assert setup_lines(again.stderr) == []
    assert json.loads(again.stdout)["scenario"]["id"] == "ukraine-2025-12"

    # a report with its charts and an HTML article for evidence work on the runtime alone
    report = run(["./scripts/accord", "report", "-o", str(tmp_path / "r.html")], clone, env)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.html").stat().st_size > 10_000
    article = ROOT / "tests" / "data" / "evidence" / "html" / "talks-stall.html"
    scenario = ROOT / "tests" / "data" / "evidence" / "talks-mini.yaml"
    evidence = run(["./scripts/accord", "evidence", str(article), "-s", str(scenario)],
                   clone, env)
    assert evidence.returncode == 0, evidence.stderr

    # optional features name their extra when it is missing
    mc = run(["./scripts/accord", "mc", "--draws", "4", "--seed", "1", "--no-store",
              "--scheduler", "tcp://127.0.0.1:9"], clone, env)
    assert mc.returncode != 0 and "accord[dask]" in mc.stderr, mc.stderr
    frame = run([str(python), "-c", FRAME], clone, env)
    assert "accord[frames]" in frame.stdout, frame.stdout + frame.stderr

    # an extra is added to that .venv once (its own stamp), as ./scripts/test adds dev
    add = run(["scripts/bootstrap", "frames"], clone, env)
    assert add.returncode == 0, add.stderr[-3000:]
    assert setup_lines(add.stderr)[0] == "accord: adding accord[frames] to .venv (once, " \
                                         "about a minute)…"
    assert run([str(python), "-c", FRAME], clone, env).stdout.strip() == "pandas is installed"
    for extras in (["frames"], []):
        quiet = run(["scripts/bootstrap", *extras], clone, env)
        assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
