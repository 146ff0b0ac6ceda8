"""Monte Carlo (``accord mc``): EUM runs per second, a million compromise draws, flat memory.

Run alone on a quiet machine: .venv/bin/python benchmarks/bench_mc.py [--quick]

Targets (issue 7): (a) at least 5,000 expected-utility runs per second on one core (10 actors,
10 rounds, preset scholz2011, synthetic fixed-seed scenarios); (b) 1,000,000 draws of the
built-in case with its distributions through the whole Monte Carlo engine with the compromise
model in under 10 s, serially and with the default process pool; (c) peak memory flat as the
draws grow (10^4, 10^5, 10^6). Ratios are target / ours for times (above 1 is faster than the
target) and ours / target for rates. Every engine run is a fresh process (``--one``), so its
peak resident memory is its own (the pool's workers are reported separately).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from harness import save, table, timeit  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET_EUM_RUNS = 5_000          # runs per second, one core
TARGET_MILLION = 10.0            # seconds for 1,000,000 compromise draws


def eum_rate(quick: bool) -> list[dict[str, object]]:
    """(a) eum_rounds on batches of synthetic 10-actor scenarios, 10 rounds each."""
    from accord.models.eum import PRESETS, EumParams, eum_rounds

    rows: list[dict[str, object]] = []
    rng = np.random.default_rng(20240607)
    for batch in (1_000, 10_000):
        x = rng.uniform(0, 100, (batch, 10))
        c = rng.uniform(1, 10, (batch, 10))
        s = rng.uniform(0.1, 1.0, (batch, 10))
        for stop in ("rounds", "converged"):
            params = EumParams(**PRESETS["scholz2011"], rounds=10, stop=stop)  # type: ignore[arg-type]
            t = timeit(lambda p=params, xx=x, cc=c, ss=s: eum_rounds(xx, cc, ss, p),
                       repeat=3 if quick else 5)
            rate = batch / t.median
            rows.append({"path": "eum_rounds", "batch": batch, "stop": stop,
                         "runs_per_s": rate, "best_runs_per_s": batch / t.best,
                         "vs_target": rate / TARGET_EUM_RUNS})
    rows.append(eum_engine(quick))
    return rows


def eum_engine(quick: bool) -> dict[str, object]:
    """(a) the same through the whole engine: a synthetic 10-actor issue whose positions are
    uniform distributions, 10,000 draws, serial (sampling and aggregation included)."""
    from accord.scenario.load import parse_scenario
    from accord.uncertainty import McSettings, ModelEntry, Serial, monte_carlo

    rng = np.random.default_rng(20240607)
    lines = ["accord: 1", "id: eum-bench", "title: EUM benchmark", "actors:"]
    lines += [f"  - {{id: a{k}, name: a{k}, capability: {rng.uniform(1, 10):.3f}}}"
              for k in range(10)]
    lines += ["issues:", "  - {id: x, name: x}", "stances:"]
    for k in range(10):
        mid = rng.uniform(10, 90)
        lines.append(f"  - {{actor: a{k}, issue: x, salience: {rng.uniform(0.1, 1):.3f}, "
                     f"position: {{dist: uniform, low: {mid - 10:.3f}, high: {mid + 10:.3f}}}}}")
    scenario = parse_scenario("\n".join(lines) + "\n", "eum-bench.yaml")
    draws = 10_000
    settings = McSettings(draws=draws, seed=0, bargain=None, models=(
        ModelEntry("eum", "scholz2011", {"rounds": 10, "stop": "rounds"}),))
    t = timeit(lambda: monte_carlo(scenario, settings, Serial()), repeat=3 if quick else 5)
    rate = draws / t.median
    return {"path": "monte_carlo serial", "batch": settings.chunk, "stop": "rounds",
            "runs_per_s": rate, "best_runs_per_s": draws / t.best,
            "vs_target": rate / TARGET_EUM_RUNS}


def one(backend: str, draws: int, models: str, bargain: bool) -> dict[str, object]:
    """One engine run in this (fresh) process: seconds and peak memory."""
    from accord.bargaining import BargainOptions
    from accord.cases import load_case
    from accord.uncertainty import (
        McSettings,
        ModelEntry,
        ProcessPool,
        Serial,
        mc_document,
        monte_carlo,
    )

    scenario = load_case("ukraine-2025-12")
    settings = McSettings(draws=draws, seed=0,
                          models=tuple(ModelEntry(m) for m in models.split(",")),
                          bargain=BargainOptions() if bargain else None)
    engine = Serial() if backend == "serial" else ProcessPool()
    start = time.perf_counter()
    result = monte_carlo(scenario, settings, engine)
    document = mc_document(result)
    seconds = time.perf_counter() - start
    self_mb = _high_water_mb()
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"backend": backend, "workers": result.workers, "draws": draws, "models": models,
            "bargain": bargain, "seconds": seconds, "peak_rss_mb": self_mb,
            "worker_peak_rss_mb": child_mb if backend != "serial" else None,
            "inputs": len(result.inputs),
            "median_territory": document["models"][0]["issues"]["territory"]["median"]}


def _high_water_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from the
    process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(backend: str, draws: int, models: str = "compromise",
            bargain: bool = False) -> dict[str, object]:
    proc = subprocess.run([sys.executable, __file__, "--one", backend, str(draws), models,
                           "1" if bargain else "0"], capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def million(quick: bool) -> list[dict[str, object]]:
    """(b) 1,000,000 compromise draws of the built-in case, serial and pool."""
    rows: list[dict[str, object]] = []
    for backend in ("serial", "pool"):
        runs = [run_one(backend, 1_000_000) for _ in range(1 if quick else 3)]
        seconds = statistics.median(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
        row = {**runs[0], "seconds": seconds, "best": min(float(r["seconds"])  # type: ignore[arg-type]
                                                          for r in runs),
               "repeats": len(runs), "draws_per_s": 1_000_000 / seconds,
               "vs_target": TARGET_MILLION / seconds}
        rows.append(row)
    return rows


def memory(quick: bool) -> list[dict[str, object]]:
    """(c) peak memory of a serial run as the draws grow (compromise, built-in case)."""
    sizes = (10_000, 100_000, 1_000_000)
    return [run_one("serial", n) for n in sizes]


def default_command(quick: bool) -> list[dict[str, object]]:
    """What `accord mc` does by default: the baselines and the bargaining analysis."""
    draws = 2_000 if quick else 10_000
    models = "compromise,weighted-median,mean,median"
    return [{**run_one(backend, draws, models, True),
             "draws_per_s": None} for backend in ("serial", "pool")]


def main() -> None:
    if "--one" in sys.argv:
        k = sys.argv.index("--one")
        backend, draws, models, bargain = sys.argv[k + 1:k + 5]
        print(json.dumps(one(backend, int(draws), models, bargain == "1")))
        return
    quick = "--quick" in sys.argv
    eum = eum_rate(quick)
    print(table(eum, ["path", "batch", "stop", "runs_per_s", "best_runs_per_s", "vs_target"]))
    big = million(quick)
    print()
    print(table(big, ["backend", "workers", "draws", "seconds", "best", "draws_per_s",
                      "vs_target", "peak_rss_mb", "worker_peak_rss_mb"]))
    flat = memory(quick)
    print()
    print(table(flat, ["draws", "seconds", "peak_rss_mb"]))
    default = default_command(quick)
    for row in default:
        row["draws_per_s"] = float(row["draws"]) / float(row["seconds"])  # type: ignore[arg-type]
    print()
    print(table(default, ["backend", "workers", "draws", "models", "seconds", "draws_per_s",
                          "peak_rss_mb"]))
    print("saved", save("mc", big, eum=eum, memory=flat, default_command=default,
                        cpus=os.cpu_count(), load_average=list(os.getloadavg())))


if __name__ == "__main__":
    main()
