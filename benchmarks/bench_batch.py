"""Issue 15: the batch engines against main, measured side by side in one run.

Run alone: .venv/bin/python benchmarks/bench_batch.py --main /tmp/main-ref [--quick]

``--main`` is a checkout of the base commit (``git worktree add /tmp/main-ref dde1ab1``; never
committed). Every measurement runs in a fresh subprocess with ``PYTHONPATH`` pointing at one
of the two source trees (this worktree's ``src`` or main's), the two alternating, repeated,
and reported as medians with the ratio main / ours (above 1: faster than main). One core
(``OMP/OPENBLAS/MKL_NUM_THREADS=1``, Serial backend) unless a row says otherwise.

Rows:

* ``eum``: expected-utility runs per second, 10 actors x 10 rounds, batches of 10,000
  synthetic scenarios, every preset (target 50,000/s);
* ``smp100``: one 100-actor x 3-dimension run (target under 0.5 s);
* ``smp_mc``: ``smp`` on 1,000 draws of a 10 x 3 scenario on one core: main's per-draw engine
  path against :func:`accord.models.spatial.draws.smp_draws` (target: ``accord mc --model smp
  --draws 1000`` under 10 s with the default two workers), with a checksum of the outcomes;
* ``bargain``: draws per second of the default analysis of the built-in case (sampling,
  compromise and weighted median, the bargaining verdict and opening month, aggregates): main's
  ``run_chunk`` (a scenario and a bargaining analysis per draw) against the batch path
  (:mod:`accord.uncertainty.batch_bargain`, wired as the lead will wire ``run_chunk``), and
  the bargaining alone (target 100,000 draws/s for the whole);
* ``rss``: peak resident memory of the batch path at 10^4 and 10^6 draws in chunks of
  :func:`accord.uncertainty.chunking.chunk_draws` (target: within 1.5x), and main's at 10^4;
* ``dask``: the built-in case through ``monte_carlo`` on a ``LocalCluster`` with 2 worker
  processes against the local pool with 2 workers: wall time and whether the documents are
  identical.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _run(src: Path, kind: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, **ONE_CORE, "PYTHONPATH": f"{src}{os.pathsep}{ROOT / 'benchmarks'}"}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", kind, *args],
                         capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def side_by_side(main: Path, kind: str, repeat: int, *args: str) -> dict[str, Any]:
    """Alternate main and ours ``repeat`` times; medians of every numeric field."""
    runs: dict[str, list[dict[str, Any]]] = {"main": [], "ours": []}
    for _ in range(repeat):
        runs["main"].append(_run(main / "src", kind, *args))
        runs["ours"].append(_run(ROOT / "src", kind, *args))
    out: dict[str, Any] = {"kind": kind, "args": " ".join(args), "repeats": repeat}
    for side, rows in runs.items():
        for key in rows[0]:
            values = [r[key] for r in rows]
            out[f"{side}_{key}"] = (statistics.median(values)
                                    if isinstance(values[0], int | float) else values[0])
    return out


# ---- the measurements, each in its own process (``--one KIND``) ----

def _eum(preset: str) -> dict[str, Any]:
    import numpy as np

    from accord.models.eum import PRESETS, EumParams, eum_rounds

    rng = np.random.default_rng(20240607)
    b = 10_000
    x, c = rng.uniform(0, 100, (b, 10)), rng.uniform(1, 10, (b, 10))
    s = rng.uniform(0.1, 1, (b, 10))
    params = EumParams(**PRESETS[preset], rounds=10, stop="rounds")  # type: ignore[arg-type]
    eum_rounds(x[:500], c[:500], s[:500], params)
    start = time.perf_counter()
    eum_rounds(x, c, s, params)
    return {"runs_per_s": b / (time.perf_counter() - start)}


def _smp100() -> dict[str, Any]:
    from accord.workflows.registry import get_model
    from bench_smp import synthetic

    model, scenario = get_model("smp"), synthetic(100, 3, 0)
    start = time.perf_counter()
    result = model.run(scenario)
    return {"seconds": time.perf_counter() - start, "steps": result.diagnostics["steps"]}


def _smp_scenario() -> Any:
    import numpy as np

    from accord.scenario.load import parse_scenario

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
    return parse_scenario("\n".join(lines) + "\n", "smp-mc.yaml")


def _smp_mc(draws: int, batch: bool) -> dict[str, Any]:
    """``draws`` draws of the 10 x 3 scenario on one core: the engine's per-draw path (a
    scenario per draw, ``Model.forecast``; main's code) or ``smp_draws`` (arrays in)."""
    import numpy as np
    from accord.uncertainty.outcomes import ModelEntry, batch_outcomes

    from accord.uncertainty.chunks import McJob, McSettings, prepare
    from accord.uncertainty.sampling import batch_arrays, draw_scenario, draw_values
    from accord.uncertainty.seeds import child_uniforms, draw_generator

    scenario = _smp_scenario()
    entry = ModelEntry("smp")
    job = McJob(scenario, McSettings(draws=draws, seed=0, bargain=None, models=(entry,)))
    prep = prepare(job)
    start = time.perf_counter()
    arrays = batch_arrays(prep.layout, draw_values(prep.inputs,
                                                   child_uniforms(0, 0, draws,
                                                                  len(prep.inputs))))
    if batch:
        from accord.models.spatial.draws import smp_draws

        _, _, params = entry.resolve()
        out = smp_draws(scenario, params, arrays.capability, arrays.position,  # type: ignore[arg-type]
                        arrays.salience, lambda b: draw_generator(0, b))
    else:
        out = batch_outcomes(entry, prep.layout.base, arrays,
                             lambda b: draw_scenario(prep.point, prep.layout, arrays.values[b]),
                             lambda b: draw_generator(0, b))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "checksum": float(np.nansum(out))}


def _builtin(draws: int) -> tuple[Any, Any, Any]:
    from accord.uncertainty.outcomes import ModelEntry

    from accord.bargaining.problem import BargainOptions
    from accord.cases import load_case
    from accord.uncertainty.chunks import McJob, McSettings, prepare

    case = load_case("ukraine-2025-12")
    settings = McSettings(draws=draws, seed=3, bargain=BargainOptions(), chunk=draws,
                          models=(ModelEntry("compromise"), ModelEntry("weighted-median")))
    job = McJob(case, settings)
    return case, job, prepare(job)


def _default_mc(draws: int, batch: bool) -> dict[str, Any]:
    """The default analysis of ``draws`` draws in one chunk, on one core."""
    import numpy as np
    from accord.uncertainty.outcomes import batch_outcomes

    from accord.uncertainty.aggregate import BargainCounts, SeriesStats
    from accord.uncertainty.chunks import run_chunk
    from accord.uncertainty.sampling import batch_arrays, draw_values
    from accord.uncertainty.seeds import child_uniforms

    case, job, prep = _builtin(draws)
    if not batch:
        start = time.perf_counter()
        run_chunk(job, 0)
        return {"draws_per_s": draws / (time.perf_counter() - start)}
    from accord.uncertainty.batch_bargain import bargain_chunk, bargain_frame
    from accord.uncertainty.chunking import chunk_draws, draw_seconds

    start = time.perf_counter()

    settings = job.settings
    assert settings.bargain is not None
    fr = bargain_frame(case, settings.bargain)
    n, m = len(case.actors), len(case.issues)
    chunk = chunk_draws(draw_seconds([("compromise", 0), ("weighted-median", 0)], n, m, True),
                        n * m)
    bargain_s = 0.0
    programs = 0
    for first in range(0, draws, chunk):
        last = min(first + chunk, draws)
        arrays = batch_arrays(prep.layout, draw_values(
            prep.inputs, child_uniforms(settings.seed, first, last, len(prep.inputs))))
        outcomes = np.concatenate([batch_outcomes(e, prep.layout.base, arrays,
                                                  lambda r: case,
                                                  lambda r: np.random.default_rng(r))
                                   for e in settings.models], axis=1)
        middle = time.perf_counter()
        verdict = bargain_chunk(fr, arrays)
        bargain_s += time.perf_counter() - middle
        programs += verdict.programs
        SeriesStats.of(outcomes, prep.low, prep.high)
        BargainCounts.of(verdict.deal, verdict.zones.open, verdict.opening, verdict.never,
                         settings.bargain.horizon)
    total = time.perf_counter() - start
    return {"draws_per_s": draws / total, "bargain_draws_per_s": draws / bargain_s,
            "programs": programs, "chunk": chunk}


def _bargain_main(draws: int) -> dict[str, Any]:
    """main's per-draw verdicts alone (bargain_draw on each draw's scenario)."""
    from accord.uncertainty.sampling import batch_arrays, draw_scenario, draw_values
    from accord.uncertainty.seeds import child_uniforms
    from accord.uncertainty.verdicts import Feasibility, bargain_draw

    _, job, prep = _builtin(draws)
    arrays = batch_arrays(prep.layout, draw_values(prep.inputs, child_uniforms(3, 0, draws,
                                                                               len(prep.inputs))))
    feasible = Feasibility()
    assert job.settings.bargain is not None
    start = time.perf_counter()
    for k in range(draws):
        bargain_draw(draw_scenario(prep.point, prep.layout, arrays.values[k]),
                     job.settings.bargain, feasible)
    return {"bargain_draws_per_s": draws / (time.perf_counter() - start)}


def _rss(draws: int, batch: bool) -> dict[str, Any]:
    """Peak RSS of the default analysis over ``draws`` draws, chunk after chunk."""
    import resource

    from accord.uncertainty import McSettings, Serial, monte_carlo

    case, job, _ = _builtin(1)
    if not batch:
        monte_carlo(case, McSettings(draws=draws, seed=3, models=job.settings.models,
                                     bargain=job.settings.bargain), Serial())
    else:
        import numpy as np
        from accord.uncertainty.outcomes import batch_outcomes

        from accord.uncertainty.batch_bargain import bargain_chunk, bargain_frame
        from accord.uncertainty.chunking import chunk_draws, draw_seconds
        from accord.uncertainty.chunks import prepare
        from accord.uncertainty.sampling import batch_arrays, draw_values
        from accord.uncertainty.seeds import child_uniforms

        prep = prepare(job)
        n, m = len(case.actors), len(case.issues)
        chunk = chunk_draws(draw_seconds([("compromise", 0), ("weighted-median", 0)], n, m,
                                         True), n * m)
        assert job.settings.bargain is not None
        fr = bargain_frame(case, job.settings.bargain)
        for start in range(0, draws, chunk):
            stop = min(start + chunk, draws)
            arrays = batch_arrays(prep.layout, draw_values(
                prep.inputs, child_uniforms(3, start, stop, len(prep.inputs))))
            for e in job.settings.models:
                batch_outcomes(e, prep.layout.base, arrays, lambda r: case,
                               lambda r: np.random.default_rng(r))
            bargain_chunk(fr, arrays)
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _dask(draws: int) -> dict[str, Any]:
    import distributed

    from accord.uncertainty import DaskCluster, ProcessPool, mc_document, monte_carlo

    case, job, _ = _builtin(1)
    from accord.uncertainty.chunks import McSettings

    settings = McSettings(draws=draws, seed=3, models=job.settings.models,
                          bargain=job.settings.bargain)
    start = time.perf_counter()
    pool = mc_document(monte_carlo(case, settings, ProcessPool(2)))
    pool_s = time.perf_counter() - start
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        start = time.perf_counter()
        dask = mc_document(monte_carlo(case, settings, DaskCluster(cluster.scheduler_address)))
        dask_s = time.perf_counter() - start
    for doc in (pool, dask):
        doc.pop("backend", None)
        doc.pop("workers", None)
    return {"pool_s": pool_s, "dask_s": dask_s,
            "identical": json.dumps(pool, sort_keys=True) == json.dumps(dask, sort_keys=True)}


def one(kind: str, args: list[str]) -> dict[str, Any]:
    if kind == "eum":
        return _eum(args[0])
    if kind == "smp100":
        return _smp100()
    if kind == "smp_mc":
        return _smp_mc(int(args[0]), args[1] == "batch")
    if kind == "default_mc":
        return _default_mc(int(args[0]), args[1] == "batch")
    if kind == "bargain_main":
        return _bargain_main(int(args[0]))
    if kind == "rss":
        return _rss(int(args[0]), args[1] == "batch")
    if kind == "dask":
        return _dask(int(args[0]))
    raise SystemExit(f"unknown measurement {kind}")


def _own(kind: str, repeat: int, *args: str) -> dict[str, Any]:
    """A measurement of this worktree only, repeated; medians."""
    rows = [_run(ROOT / "src", kind, *args) for _ in range(repeat)]
    out: dict[str, Any] = {"kind": kind, "args": " ".join(args), "repeats": repeat}
    for key in rows[0]:
        values = [r[key] for r in rows]
        out[key] = statistics.median(values) if isinstance(values[0], int | float) \
            else values[0]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--main", type=Path, help="checkout of the base commit")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", default=None)
    ns = parser.parse_args()
    if ns.one:
        print(json.dumps(one(ns.one[0], ns.one[1:])))
        return
    if ns.main is None:
        raise SystemExit("give --main PATH (a checkout of the base commit)")
    r = 2 if ns.quick else 3
    want = set(ns.only or ["eum", "smp", "bargain", "rss", "dask"])
    rows: list[dict[str, Any]] = []
    if "eum" in want:
        for preset in ("scholz2011", "scholz-code", "masad2014"):
            row = side_by_side(ns.main, "eum", r, preset)
            row["ratio"] = row["ours_runs_per_s"] / row["main_runs_per_s"]
            rows.append(row)
    if "smp" in want:
        row = side_by_side(ns.main, "smp100", r)
        row["ratio"] = row["main_seconds"] / row["ours_seconds"]
        rows.append(row)
        main_s = [_run(ns.main / "src", "smp_mc", "1000", "single") for _ in range(r)]
        ours_s = [_run(ROOT / "src", "smp_mc", "1000", "batch") for _ in range(r)]
        row = {"kind": "smp_mc", "args": "1,000 draws of 10 x 3, one core: main's per-draw "
               "engine path against smp_draws", "repeats": r,
               "main_seconds": statistics.median(x["seconds"] for x in main_s),
               "ours_seconds": statistics.median(x["seconds"] for x in ours_s),
               "same_outcomes": main_s[0]["checksum"] == ours_s[0]["checksum"]}
        row["ratio"] = row["main_seconds"] / row["ours_seconds"]
        rows.append(row)
    if "bargain" in want:
        main_rate = [_run(ns.main / "src", "default_mc", "2000", "single")["draws_per_s"]
                     for _ in range(r)]
        ours = [_run(ROOT / "src", "default_mc", "100000", "batch") for _ in range(r)]
        alone = [_run(ns.main / "src", "bargain_main", "2000")["bargain_draws_per_s"]
                 for _ in range(r)]
        row = {"kind": "default_mc",
               "args": "main 2,000 draws in one chunk, ours 100,000 in chunks of chunk_draws",
               "main_draws_per_s": statistics.median(main_rate),
               "ours_draws_per_s": statistics.median(d["draws_per_s"] for d in ours),
               "main_bargain_draws_per_s": statistics.median(alone),
               "ours_bargain_draws_per_s": statistics.median(d["bargain_draws_per_s"]
                                                             for d in ours),
               "ours_programs": ours[0]["programs"], "repeats": r}
        row["ratio"] = row["ours_draws_per_s"] / row["main_draws_per_s"]
        row["bargain_ratio"] = row["ours_bargain_draws_per_s"] / row["main_bargain_draws_per_s"]
        rows.append(row)
    if "rss" in want:
        small = _own("rss", 1, "10000", "batch")["peak_mb"]
        big = _own("rss", 1, "1000000", "batch")["peak_mb"]
        main_small = _run(ns.main / "src", "rss", "10000", "single")["peak_mb"]
        rows.append({"kind": "rss", "ours_10k_mb": small, "ours_1m_mb": big,
                     "ratio_1m_10k": big / small, "main_10k_mb": main_small})
    if "dask" in want:
        rows.append(_own("dask", 1, "4000"))
    print(table(rows, sorted({k for row in rows for k in row})))
    print("saved", save("batch", rows, main=str(ns.main)))


if __name__ == "__main__":
    main()
