"""Spatial model (KTAB SMP): accord's ``smp`` against KTAB ``smpc``'s measured cost.

KTAB figures (shared/reference/ktab/README.md; smpc -O2, user CPU): synthetic actors with 3
dimensions: 10 actors 0.2 s, 25 actors 2.2 s, 50 actors 23.5 s, 100 actors 721-833 s (435 MB
of memory, a 5.56 GB database); bundled inputs: SOE-Policy (26x1) 2.1 s, dummyData_6Dim (27x6)
3.7 s, dummyData-a040 (40x1) 9.5 s, dummyData-a080 (80x1) 103 s. Targets of the issue: at most
0.5 s for 50 x 3 and 2 s for 100 x 3, under 200 MB.

250 x 3 (KTAB's largest input size, not timed for KTAB) shows how the cost grows. Every case
runs in its own subprocess, so its peak resident memory (ru_maxrss) is its own: the
figure includes Python, numpy and accord (about the first 60 MB). Times are medians of repeats
of a whole ``Model.run`` (wall and CPU); ratios are KTAB's CPU time over ours.

Run: .venv/bin/python benchmarks/bench_smp.py [--quick]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from harness import peak_rss_mb, save, table, timeit

ROOT = Path(__file__).resolve().parents[1]
KTAB = ROOT.parent / "shared" / "reference" / "ktab" / "inputs"
SYNTHETIC_KTAB = {10: 0.2, 25: 2.2, 50: 23.5, 100: 777.0}      # 100: midpoint of 721-833 s
BUNDLED_KTAB = {"SOE-Policy": 2.1, "dummyData_6Dim": 3.7, "dummyData-a040": 9.5,
                "dummyData-a080": 103.0, "dummyData-a160": None}
TARGETS = {50: 0.5, 100: 2.0}
SEEDS = (1, 2, 3)


def synthetic(n: int, dims: int, seed: int) -> Any:
    """Random KTAB-like actors: capability 10-200, positions 0-100, saliences summing to
    0.5-1 over the dimensions (KTAB requires at most 1)."""
    import numpy as np

    from accord.scenario.schema import Scenario

    rng = np.random.default_rng(seed)
    stances = []
    for k in range(n):
        sal = rng.dirichlet(np.ones(dims)) * rng.uniform(0.5, 1.0)
        for j in range(dims):
            stances.append({"actor": f"A{k:03d}", "issue": f"d{j}",
                            "position": float(np.round(rng.uniform(0, 100), 2)),
                            "salience": float(np.round(sal[j], 4))})
    return Scenario.model_validate({
        "id": f"synthetic-{n}x{dims}-{seed}", "title": "synthetic",
        "actors": [{"id": f"A{k:03d}", "name": f"Actor {k}",
                    "capability": float(np.round(rng.uniform(10, 200), 3))} for k in range(n)],
        "issues": [{"id": f"d{j}", "name": f"Dim {j}"} for j in range(dims)],
        "stances": stances})


def one(kind: str, arg: str, seed: int, repeat: int) -> dict[str, Any]:
    """Time one case in this process (called in a subprocess by :func:`main`)."""
    sys.path.insert(0, str(ROOT / "src"))
    from accord.scenario.files import read_file
    from accord.workflows.registry import MODELS

    scenario = (synthetic(int(arg), 3, seed) if kind == "synthetic"
                else read_file(KTAB / f"{arg}.csv").scenario)
    model = MODELS["smp"]
    result = model.run(scenario)
    cpu: list[float] = []

    def timed() -> None:
        start = time.process_time()
        model.run(scenario)
        cpu.append(time.process_time() - start)

    wall = timeit(timed, repeat=repeat, warmup=0)
    cpu.sort()
    return {"actors": len(scenario.actors), "dims": len(scenario.issues),
            "steps": result.diagnostics["steps"], "seconds": wall.median,
            "cpu_seconds": cpu[len(cpu) // 2], "ms_per_step":
                1000 * wall.median / max(1, result.diagnostics["steps"]),
            "peak_rss_mb": peak_rss_mb()}


def spawn(kind: str, arg: str, seed: int, repeat: int) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--one", kind, arg, str(seed),
                           str(repeat)], capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout))


def main(quick: bool) -> None:
    repeat = 3 if quick else 5
    rows: list[dict[str, Any]] = []
    for n, ktab in SYNTHETIC_KTAB.items():
        runs = [spawn("synthetic", str(n), seed, repeat) for seed in SEEDS]
        runs.sort(key=lambda r: r["seconds"])
        mid = runs[len(runs) // 2]
        rows.append({"case": f"synthetic {n}x3", "steps": "/".join(str(r["steps"]) for r in runs),
                     "seconds": mid["seconds"], "cpu_seconds": mid["cpu_seconds"],
                     "ms_per_step": mid["ms_per_step"],
                     "peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "ktab_cpu_s": ktab,
                     "ratio": ktab / mid["cpu_seconds"], "target_s": TARGETS.get(n, "")})
    big = spawn("synthetic", "250", SEEDS[0], 1)     # KTAB's largest size; not measured there
    rows.append({"case": "synthetic 250x3", "steps": big["steps"], "seconds": big["seconds"],
                 "cpu_seconds": big["cpu_seconds"], "ms_per_step": big["ms_per_step"],
                 "peak_rss_mb": big["peak_rss_mb"], "ktab_cpu_s": "", "ratio": "",
                 "target_s": ""})
    for name, ktab_s in BUNDLED_KTAB.items():
        if not (KTAB / f"{name}.csv").exists():
            continue
        r = spawn("bundled", name, 0, repeat)
        rows.append({"case": f"{name} ({r['actors']}x{r['dims']})", "steps": r["steps"],
                     "seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"],
                     "ms_per_step": r["ms_per_step"], "peak_rss_mb": r["peak_rss_mb"],
                     "ktab_cpu_s": ktab_s if ktab_s is not None else "",
                     "ratio": ktab_s / r["cpu_seconds"] if ktab_s else "", "target_s": ""})
    print(table(rows, ["case", "steps", "seconds", "cpu_seconds", "ms_per_step", "peak_rss_mb",
                       "ktab_cpu_s", "ratio", "target_s"]))
    print("saved", save("smp", rows, note="ratio = KTAB CPU seconds / accord CPU seconds "
                                          "(median run); synthetic rows: median of 3 seeds"))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        kind, arg, seed, repeat = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        print(json.dumps(one(kind, arg, seed, repeat)))
    else:
        main("--quick" in sys.argv)
