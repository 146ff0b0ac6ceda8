"""Issue 15: Monte Carlo and the models' batch engines against the base version, side by side.

Run: .venv/bin/python benchmarks/bench_batch.py --main /tmp/main-ref [--quick] [--only ROWS]

``--main`` is a checkout of the base commit (``git worktree add /tmp/main-ref dde1ab1``; never
committed). Every measurement is a fresh process with ``PYTHONPATH`` on one of the two source
trees, the two alternating, repeated; medians are reported with the ratio (above 1: faster
than main). What a user runs is measured: ``python -m accord mc ...`` end to end with its
default options (``--no-store -f json``, so the store is not part of it), wall time from
start to exit, process start-up included (with the bytecode of both trees written first, as
an installation has it).

Rows:

* ``mc_same_file``: ``accord mc FILE --workers 1`` (default 10,000 draws, default models and
  bargaining) on the same scenario file in both trees: the December 2025 snapshot as main
  shipped it (``tests/data/golden/cases/``), whose costs only loosen;
* ``mc_default``: ``accord mc --workers 1`` on each tree's own built-in case (main's old
  snapshot; ours, the revised one whose red lines harden and whose no-deal outcome moves, which
  needs the month-by-month scan), and ours at 100,000 draws for the rate;
* ``mc_million``: ours, ``accord mc --draws 1000000`` with the default workers (target 15 s);
* ``mc_eum``: ``accord mc --model eum --draws 100000 --no-bargain`` with the default workers
  (target 10 s), main at 10,000 draws (its rate is reported);
* ``eum``: expected-utility runs per second of the kernel, 10 actors x 10 rounds, every preset
  (target 50,000/s), in a steady state (after one run of the same size; median of three);
* ``smp100``: one 100-actor x 3-dimension run in process (target under 0.5 s);
* ``smp_mc``: ``accord mc FILE --model smp --draws 1000 --no-bargain`` on a 10 x 3 scenario
  with the default workers (target 10 s);
* ``rss``: peak resident memory of ``accord mc --workers 1`` at 10^4 and 10^6 draws (target:
  within 1.5x);
* ``dask``: the built-in case on a ``LocalCluster`` of 2 worker processes against the local pool
  of 2: wall time and whether the documents are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
OLD_CASE = ROOT / "tests" / "data" / "golden" / "cases" / "ukraine-2025-12.yaml"
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _env(src: Path) -> dict[str, str]:
    home = tempfile.mkdtemp(prefix="bench-batch-")  # a fresh cache: nothing read from before
    return {**os.environ, **ONE_CORE, "PYTHONPATH": f"{src}{os.pathsep}{ROOT / 'benchmarks'}",
            "XDG_CACHE_HOME": home, "ACCORD_DB": f"sqlite:///{home}/accord.db"}


WARM = """
import importlib, pkgutil, accord
for m in pkgutil.walk_packages(accord.__path__, "accord."):
    try:
        importlib.import_module(m.name)
    except Exception:   # alembic's migration env, run by alembic only
        pass
"""


def bytecode(src: Path) -> None:
    """Write the bytecode of every accord module of ``src`` and of what they import, as an
    installation has it (scripts/bootstrap writes it): where PYTHONDONTWRITEBYTECODE is set,
    as on this machine, every process would otherwise compile its imports from source, about
    a second that no user with a normal setup pays."""
    subprocess.run([sys.executable, "-c", WARM], cwd=ROOT, check=True,
                   env={**_env(src), "PYTHONDONTWRITEBYTECODE": ""})


def command(src: Path, *args: str) -> dict[str, Any]:
    """``python -m accord ARGS`` in a fresh process: wall seconds, its own peak RSS (MB; the
    work of ``--workers 1`` runs in it) and the JSON it printed."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "accord", *args, "--no-store", "-f",
                                 "json"], stdout=out, stderr=err, env=_env(src), cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"accord {' '.join(args)} failed:\n{err.read()}")
        return {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024,
                "doc": json.loads(out.read())}


def _inprocess(src: Path, kind: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", kind, *args],
                         capture_output=True, text=True, env=_env(src), cwd=ROOT, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def alternate(main: Path, repeat: int, run: Any) -> tuple[list[Any], list[Any]]:
    """``run(src)`` for main and ours in turn, ``repeat`` times."""
    ours: list[Any] = []
    theirs: list[Any] = []
    for _ in range(repeat):
        theirs.append(run(main / "src"))
        ours.append(run(ROOT / "src"))
    return theirs, ours


def med(rows: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in rows))


# ---- in-process measurements (``--one KIND``), in either tree ----

def _get_model(name: str) -> Any:
    try:
        from accord.workflows.registry import get_model
    except ImportError:  # the base version kept the registry in accord.models
        from accord.models import get_model  # type: ignore[attr-defined, no-redef]
    return get_model(name)


def _eum(preset: str) -> dict[str, Any]:
    import numpy as np

    from accord.models.eum import PRESETS, EumParams, eum_rounds

    rng = np.random.default_rng(20240607)
    b = 10_000
    x, c = rng.uniform(0, 100, (b, 10)), rng.uniform(1, 10, (b, 10))
    s = rng.uniform(0.1, 1, (b, 10))
    params = EumParams(**PRESETS[preset], rounds=10, stop="rounds")  # type: ignore[arg-type]
    # steady state, as in a Monte Carlo worker that plays chunk after chunk: the first run of
    # this size in a process pays the page faults of its fresh memory (about 1.7x slower)
    eum_rounds(x, c, s, params)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        eum_rounds(x, c, s, params)
        times.append(time.perf_counter() - start)
    return {"runs_per_s": b / statistics.median(times)}


def _smp100() -> dict[str, Any]:
    from bench_smp import synthetic

    model, scenario = _get_model("smp"), synthetic(100, 3, 0)
    model.run(synthetic(10, 3, 1))  # imports and caches warm
    start = time.perf_counter()
    result = model.run(scenario)
    return {"seconds": time.perf_counter() - start, "steps": result.diagnostics["steps"]}


def _dask(draws: int) -> dict[str, Any]:
    import distributed

    from accord.cases import load_case
    from accord.uncertainty import DaskCluster, ProcessPool, mc_document, monte_carlo
    from accord.workflows.mc_job import job_settings
    from accord.workflows.settings import MonteCarloSettings

    case = load_case("ukraine-2025-12")
    settings = job_settings(MonteCarloSettings(draws=draws, seed=3), case)
    start = time.perf_counter()
    pool = mc_document(monte_carlo(case, settings, ProcessPool(2))).model_dump(mode="json")
    pool_s = time.perf_counter() - start
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        start = time.perf_counter()
        dask = mc_document(monte_carlo(case, settings, DaskCluster(
            cluster.scheduler_address))).model_dump(mode="json")
        dask_s = time.perf_counter() - start
    for doc in (pool, dask):
        doc.pop("backend", None)
        doc.pop("workers", None)
    return {"pool_s": pool_s, "dask_s": dask_s, "chunk": settings.chunk,
            "identical": json.dumps(pool, sort_keys=True) == json.dumps(dask, sort_keys=True)}


def one(kind: str, args: list[str]) -> dict[str, Any]:
    if kind == "eum":
        return _eum(args[0])
    if kind == "smp100":
        return _smp100()
    if kind == "dask":
        return _dask(int(args[0]))
    raise SystemExit(f"unknown measurement {kind}")


def _smp_file(folder: Path) -> Path:
    """A 10-actor x 3-issue scenario with uniform positions (``smp_mc``)."""
    import numpy as np

    rng = np.random.default_rng(5)
    lines = ["accord: 1", "id: smp-mc", "title: SMP Monte Carlo", "actors:"]
    lines += [f"  - {{id: a{k}, name: a{k}, capability: {rng.uniform(10, 200):.3f}}}"
              for k in range(10)]
    lines += ["issues:"] + [f"  - {{id: d{d}, name: d{d}}}" for d in range(3)] + ["stances:"]
    for k in range(10):
        for d in range(3):
            mid = rng.uniform(10, 90)
            lines.append(f"  - {{actor: a{k}, issue: d{d}, salience: "
                         f"{rng.uniform(0.1, 0.33):.3f}, position: {{dist: uniform, low: "
                         f"{mid - 8:.3f}, high: {mid + 8:.3f}}}}}")
    path = folder / "smp-mc.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--main", type=Path, help="checkout of the base commit")
    parser.add_argument("--quick", action="store_true", help="two repeats instead of three")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", default=None)
    ns = parser.parse_args()
    if ns.one:
        print(json.dumps(one(ns.one[0], ns.one[1:])))
        return
    if ns.main is None:
        raise SystemExit("give --main PATH (a checkout of the base commit)")
    r = 2 if ns.quick else 3
    main_tree: Path = ns.main
    want = set(ns.only or ["mc_same_file", "mc_default", "mc_million", "mc_eum", "eum",
                           "smp100", "smp_mc", "rss", "dask"])
    rows: list[dict[str, Any]] = []
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-files-"))
    for tree in (main_tree, ROOT):
        bytecode(tree / "src")
    if "mc_same_file" in want:
        theirs, ours = alternate(main_tree, r, lambda src: command(
            src, "mc", str(OLD_CASE), "--workers", "1"))
        rows.append({"row": "mc_same_file", "what": "accord mc OLD_CASE --workers 1 "
                     "(10,000 draws, default models + bargaining)",
                     "main_s": med(theirs, "seconds"), "ours_s": med(ours, "seconds"),
                     "ratio": med(theirs, "seconds") / med(ours, "seconds"),
                     "same_p_deal": theirs[0]["doc"]["bargain"]["p_deal"]
                     == ours[0]["doc"]["bargain"]["p_deal"]})
    if "mc_default" in want:
        theirs, ours = alternate(main_tree, r, lambda src: command(src, "mc", "--workers", "1"))
        big = [command(ROOT / "src", "mc", "--workers", "1", "--draws", "100000")
               for _ in range(r)]
        rows.append({"row": "mc_default", "what": "accord mc --workers 1, each tree's own "
                     "built-in case", "main_s": med(theirs, "seconds"),
                     "ours_s": med(ours, "seconds"),
                     "ratio": med(theirs, "seconds") / med(ours, "seconds"),
                     "main_draws_per_s": 10_000 / med(theirs, "seconds"),
                     "ours_draws_per_s_100k": 100_000 / med(big, "seconds")})
    if "mc_million" in want:
        runs = [command(ROOT / "src", "mc", "--draws", "1000000") for _ in range(r)]
        rows.append({"row": "mc_million", "what": "ours: accord mc --draws 1000000 (default "
                     "workers)", "ours_s": med(runs, "seconds"),
                     "ours_each_s": [round(x["seconds"], 2) for x in runs], "target_s": 15.0,
                     "chunk": runs[0]["doc"]["chunk"]})
    if "mc_eum" in want:
        theirs = [command(main_tree / "src", "mc", "--model", "eum", "--no-bargain",
                          "--draws", "10000") for _ in range(r)]
        ours = [command(ROOT / "src", "mc", "--model", "eum", "--no-bargain", "--draws",
                        "100000") for _ in range(r)]
        rows.append({"row": "mc_eum", "what": "accord mc --model eum --no-bargain: main "
                     "10,000 draws, ours 100,000 (default workers)",
                     "main_draws_per_s": 10_000 / med(theirs, "seconds"),
                     "ours_draws_per_s": 100_000 / med(ours, "seconds"),
                     "ours_s": med(ours, "seconds"), "target_s": 10.0,
                     "ratio": (100_000 / med(ours, "seconds"))
                     / (10_000 / med(theirs, "seconds"))})
    if "eum" in want:
        for preset in ("scholz2011", "scholz-code", "masad2014"):
            theirs, ours = alternate(main_tree, r, lambda src, p=preset: _inprocess(
                src, "eum", p))
            rows.append({"row": f"eum {preset}", "what": "EUM kernel runs/s, 10 actors x 10 "
                         "rounds, one core", "main_runs_per_s": med(theirs, "runs_per_s"),
                         "ours_runs_per_s": med(ours, "runs_per_s"),
                         "ratio": med(ours, "runs_per_s") / med(theirs, "runs_per_s"),
                         "target": 50_000})
    if "smp100" in want:
        theirs, ours = alternate(main_tree, r, lambda src: _inprocess(src, "smp100"))
        rows.append({"row": "smp100", "what": "one SMP run, 100 actors x 3 dimensions",
                     "main_s": med(theirs, "seconds"), "ours_s": med(ours, "seconds"),
                     "ratio": med(theirs, "seconds") / med(ours, "seconds"),
                     "target_s": 0.5})
    if "smp_mc" in want:
        path = _smp_file(folder)
        theirs, ours = alternate(main_tree, r, lambda src: command(
            src, "mc", str(path), "--model", "smp", "--draws", "1000", "--no-bargain"))
        rows.append({"row": "smp_mc", "what": "accord mc 10x3 --model smp --draws 1000 "
                     "--no-bargain (default workers)", "main_s": med(theirs, "seconds"),
                     "ours_s": med(ours, "seconds"),
                     "ratio": med(theirs, "seconds") / med(ours, "seconds"),
                     "same_doc": theirs[0]["doc"]["models"] == ours[0]["doc"]["models"],
                     "target_s": 10.0})
    if "rss" in want:
        small = command(ROOT / "src", "mc", "--workers", "1", "--draws", "10000")["rss_mb"]
        big = command(ROOT / "src", "mc", "--workers", "1", "--draws", "1000000")["rss_mb"]
        rows.append({"row": "rss", "what": "peak RSS of accord mc --workers 1",
                     "ours_10k_mb": small, "ours_1m_mb": big, "ratio_1m_10k": big / small,
                     "target": 1.5})
    if "dask" in want:
        rows.append({"row": "dask", **_inprocess(ROOT / "src", "dask", "20000")})
    print(table(rows, sorted({k for row in rows for k in row})))
    print("saved", save("batch", rows, main=str(main_tree)))


if __name__ == "__main__":
    main()
