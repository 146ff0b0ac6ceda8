"""Baseline models on the DEU development data: time to forecast every issue.

Run: .venv/bin/python benchmarks/bench_baselines.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import save, table, timeit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.scenario.files import read_file  # noqa: E402
from accord.workflows.registry import MODELS  # noqa: E402


def main() -> None:
    deu = ROOT.parent / "shared" / "reference" / "deu" / "deu-dev.tsv"
    scenarios = read_file(deu).scenarios
    rows = []
    for name in ("compromise", "weighted-median", "mean", "median"):
        model = MODELS[name]
        t = timeit(lambda m=model: [m.run(s) for s in scenarios], repeat=5)
        rows.append({"model": name, "issues": len(scenarios), "seconds": t.median,
                     "ms_per_issue": 1000 * t.median / len(scenarios)})
    print(table(rows, ["model", "issues", "seconds", "ms_per_issue"]))
    print("saved", save("baselines", rows))


if __name__ == "__main__":
    main()
