"""Expected-utility model: time per round by actor count and preset, and the DEU run.

Run alone on a quiet machine: .venv/bin/python benchmarks/bench_eum.py [--quick]

Reference figures (MODELS.md §2): the reference Python implementations take 1.45 s per round
at 100 actors (O(n^3)) and 455 s per round at 25 actors (O(n^6)), and 59 s for 10 rounds of
every preset on the full DEU data. Targets: at most 5 ms per round at 100 actors and 0.5 s at
1,000 actors on one core; under 5 s for every preset x 10 rounds x every DEU dev issue.
Ratios are reference (or target) / ours: above 1 means faster.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from harness import peak_rss_mb, save, table, timeit  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.models.eum import PRESETS, EumParams, eum_rounds  # noqa: E402
from accord.scenario.arrays import issue_data, scenario_arrays  # noqa: E402
from accord.scenario.files import read_file  # noqa: E402
from accord.workflows.registry import MODELS  # noqa: E402

REFERENCE_PER_ROUND = {100: 1.45, 25: 455.0}   # seconds per round, reference Python code
TARGET_PER_ROUND = {100: 0.005, 1000: 0.5}     # seconds per round, this issue's targets
REFERENCE_DEU = 59.0                            # seconds, full DEU data (dev split is ~2/3)
TARGET_DEU = 5.0


def synthetic(n: int, batch: int = 1, seed: int = 20240601) -> tuple[np.ndarray, ...]:
    """Fixed-seed actors: positions U(0, 100), capability U(1, 10), salience U(0.1, 1)."""
    rng = np.random.default_rng(seed + n)
    return (rng.uniform(0, 100, (batch, n)), rng.uniform(1, 10, (batch, n)),
            rng.uniform(0.1, 1.0, (batch, n)))


def per_round(quick: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in (10, 25, 50, 100, 1000):
        x, c, s = synthetic(n)
        rounds = 3 if n >= 1000 else 10
        repeat = 3 if quick or n >= 1000 else 7
        for preset in PRESETS:
            params = EumParams(**PRESETS[preset], stop="rounds")
            played = int(eum_rounds(x, c, s, params, rounds).rounds_run[0])
            t = timeit(lambda p=params, xx=x, cc=c, ss=s, r=rounds: eum_rounds(xx, cc, ss, p, r),
                       repeat=repeat)
            sec = t.median / max(played, 1)
            row: dict[str, object] = {"actors": n, "preset": preset, "rounds": played,
                                      "ms_per_round": 1000 * sec,
                                      "best_ms": 1000 * t.best / max(played, 1)}
            if n in REFERENCE_PER_ROUND:
                row["vs_reference"] = REFERENCE_PER_ROUND[n] / sec
            if n in TARGET_PER_ROUND:
                row["vs_target"] = TARGET_PER_ROUND[n] / sec
            rows.append(row)
    return rows


def batched(quick: bool) -> list[dict[str, object]]:
    """Monte Carlo shape: many scenarios of the same size in one call."""
    rows: list[dict[str, object]] = []
    for n, b in ((10, 1000), (25, 400), (100, 20)):
        x, c, s = synthetic(n, b)
        for preset in PRESETS:
            params = EumParams(**PRESETS[preset], stop="rounds")
            t = timeit(lambda p=params, xx=x, cc=c, ss=s: eum_rounds(xx, cc, ss, p, 10),
                       repeat=3 if quick else 5)
            rows.append({"actors": n, "batch": b, "preset": preset,
                         "us_per_scenario_round": 1e6 * t.median / (10 * b)})
    return rows


def deu(quick: bool) -> list[dict[str, object]]:
    path = ROOT.parent / "shared" / "reference" / "deu" / "deu-dev.tsv"
    scenarios = read_file(path).scenarios
    model = MODELS["eum"]
    over = {"rounds": 10, "stop": "rounds"}

    def through_model() -> None:
        for preset in PRESETS:
            for scn in scenarios:
                model.run(scn, preset=preset, params=over)

    # The same work batched by actor count (the Monte Carlo path).
    groups: dict[int, list[tuple[np.ndarray, ...]]] = defaultdict(list)
    for scn in scenarios:
        arrays = scenario_arrays(scn)
        data = issue_data(scn, arrays, scn.issues[0].id)
        groups[len(data.actors)].append((data.position, data.capability, data.salience))
    stacked = {n: tuple(np.stack(col) for col in zip(*items, strict=True))
               for n, items in groups.items()}

    def batched_by_size() -> None:
        for preset in PRESETS:
            params = EumParams(**PRESETS[preset], **over)  # type: ignore[arg-type]
            for x, c, s in stacked.values():
                eum_rounds(x, c, s, params)

    rows: list[dict[str, object]] = []
    paths = (("model.run per issue", through_model), ("eum_rounds by size", batched_by_size))
    for how, fn in paths:
        t = timeit(fn, repeat=3 if quick else 5)
        rows.append({"path": how, "issues": len(scenarios), "presets": len(PRESETS),
                     "seconds": t.median, "best": t.best,
                     "vs_reference": REFERENCE_DEU / t.median,
                     "vs_reference_scaled": REFERENCE_DEU * 2 / 3 / t.median,
                     "vs_target": TARGET_DEU / t.median})
    return rows


def main() -> None:
    quick = "--quick" in sys.argv
    rounds = per_round(quick)
    print(table(rounds, ["actors", "preset", "rounds", "ms_per_round", "best_ms",
                         "vs_reference", "vs_target"]))
    batch = batched(quick)
    print()
    print(table(batch, ["actors", "batch", "preset", "us_per_scenario_round"]))
    deu_rows = deu(quick)
    print()
    print(table(deu_rows, ["path", "issues", "presets", "seconds", "best", "vs_reference",
                           "vs_reference_scaled", "vs_target"]))
    print("saved", save("eum", rounds, batched=batch, deu=deu_rows, peak_rss_mb=peak_rss_mb(),
                        threads=1))


if __name__ == "__main__":
    main()
