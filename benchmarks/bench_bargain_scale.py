"""Issue 19: `accord bargain` on large scenarios, end to end, and the limits it states.

Generates scenarios (BDM CSV for one issue, YAML for several) with a seeded generator, runs
``accord bargain FILE -f json --no-store`` in a fresh process for each (default options,
tipping included) and records the wall time, the exit status and the peak memory of the child.
Sizes within the limits of :mod:`accord.bargaining.limits` must complete (the target: 2,000
actors x 50 issues within 10 s); sizes beyond them must be refused at once with exit status 2.

    .venv/bin/python benchmarks/bench_bargain_scale.py            # every case, 3 repeats
    .venv/bin/python benchmarks/bench_bargain_scale.py --quick    # 1 repeat

The generator (:func:`bdm_csv`, :func:`scenario_data`) is also used by
``tests/unit/bargaining/test_scale.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import save, table  # noqa: E402


def bdm_csv(actors: int, *, veto: float = 0.1, reservation: float = 0.5, seed: int = 0) -> str:
    """A one-issue BDM table on 0-100: random capabilities, positions and saliences; a share
    ``veto`` of the actors holds a veto (1.0: all), a share ``reservation`` states a red line
    10 to 60 points from its position."""
    r = random.Random(seed)
    lines = ["# range: 0, 100", "actor,capability,position,salience,reservation,veto"]
    for i in range(actors):
        x = r.uniform(0, 100)
        res = ""
        if r.random() < reservation:
            res = f"{min(100.0, max(0.0, x + r.choice((-1, 1)) * r.uniform(10, 60))):.2f}"
        vetoes = veto >= 1.0 or r.random() < veto
        lines.append(f"Actor {i},{r.uniform(1, 100):.2f},{x:.2f},{r.uniform(0.1, 1):.3f},"
                     f"{res},{'true' if vetoes else 'false'}")
    return "\n".join(lines) + "\n"


def scenario_data(actors: int, issues: int, *, vetoes: int = 2, reservation: float = 0.3,
                  seed: int = 0) -> dict[str, Any]:
    """A scenario (plain data for ``Scenario.model_validate`` or YAML) with ``actors`` actors,
    each with a stance on every issue, ``vetoes`` of them (chosen at random) with a veto, and
    a share ``reservation`` of the stances with a red line 10 to 60 points from the position."""
    r = random.Random(seed)
    veto = set(r.sample(range(actors), min(vetoes, actors)))
    stances = []
    for i in range(actors):
        for j in range(issues):
            x = r.uniform(0, 100)
            stance: dict[str, Any] = {"actor": f"a{i}", "issue": f"i{j}",
                                      "position": round(x, 2),
                                      "salience": round(r.uniform(0.1, 1), 3)}
            if r.random() < reservation:
                stance["reservation"] = round(
                    min(100.0, max(0.0, x + r.choice((-1, 1)) * r.uniform(10, 60))), 2)
            stances.append(stance)
    return {"accord": 1, "id": "generated", "title": f"{actors} actors x {issues} issues",
            "as_of": "2026-01",
            "actors": [{"id": f"a{i}", "name": f"Actor {i}",
                        "capability": round(r.uniform(1, 100), 2), "veto": i in veto}
                       for i in range(actors)],
            "issues": [{"id": f"i{j}", "name": f"Issue {j}"} for j in range(issues)],
            "stances": stances}


def scenario_yaml(actors: int, issues: int, **kw: Any) -> str:
    import yaml

    return str(yaml.safe_dump(scenario_data(actors, issues, **kw), sort_keys=False))


# (name, file suffix, text maker, expected exit status)
CASES: list[tuple[str, str, Any, int]] = [
    ("300 actors x 1 issue (BDM, 10% veto)", "csv", lambda: bdm_csv(300), 0),
    ("1,000 actors x 1 issue (BDM, 10% veto)", "csv", lambda: bdm_csv(1000), 0),
    ("2,000 actors x 1 issue (BDM, 10% veto)", "csv", lambda: bdm_csv(2000, veto=0.05), 0),
    ("300 actors x 5 issues (20 veto players)", "yaml", lambda: scenario_yaml(300, 5,
                                                                            vetoes=20), 0),
    ("1,000 actors x 5 issues (20 veto players)", "yaml", lambda: scenario_yaml(1000, 5,
                                                                               vetoes=20), 0),
    ("2,000 actors x 5 issues (20 veto players)", "yaml", lambda: scenario_yaml(2000, 5,
                                                                               vetoes=20), 0),
    ("2,000 actors x 50 issues (2 veto players)", "yaml", lambda: scenario_yaml(2000, 50), 0),
    ("500 actors x 1 issue, all with a veto", "csv", lambda: bdm_csv(500, veto=1.0), 0),
    ("1,000 actors x 1 issue, all with a veto (refused)", "csv",
     lambda: bdm_csv(1000, veto=1.0), 2),
    ("5 actors x 500 issues (refused)", "yaml", lambda: scenario_yaml(5, 500), 2),
    ("5,000 actors x 1 issue (refused)", "csv", lambda: bdm_csv(5000), 2),
    ("2,000 actors x 50 issues, 10 veto players (refused)", "yaml",
     lambda: scenario_yaml(2000, 50, vetoes=10), 2),
]


def run(path: Path) -> tuple[float, float, int, float, str]:
    """Wall time, CPU time (user + system: the shared machines are noisy), exit status, the
    peak memory of the largest child so far (MB) and the child's last line of stderr."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "accord", "bargain", str(path), "-f", "json",
                           "--no-store"], capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu
    if done.returncode == 0:
        json.loads(done.stdout)  # a whole document
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return wall, cpu, done.returncode, max(peak, before) / 1024, last


COLUMNS = ["case", "median_s", "best_s", "cpu_s", "exit", "expected_exit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one repeat per case")
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (name, suffix, make, expected) in enumerate(CASES):
            path = Path(tmp) / f"case{k}.{suffix}"
            path.write_text(make())
            runs, cpus, status, peak, last = [], [], 0, 0.0, ""
            for _ in range(repeat):
                wall, cpu, status, peak, last = run(path)
                runs.append(wall)
                cpus.append(cpu)
            rows.append({"case": name, "median_s": statistics.median(runs),
                         "best_s": min(runs), "cpu_s": statistics.median(cpus),
                         "exit": status, "expected_exit": expected, "peak_mb_upto": peak,
                         "runs": runs, "message": last if status else ""})
            print(table(rows[-1:], COLUMNS), flush=True)
    print(table(rows, COLUMNS))
    path = save("bargain_scale", rows, target="2,000 actors x 50 issues within 10 s",
                note="wall time (median_s, best_s) and CPU time (cpu_s, user + system) of "
                     "`accord bargain FILE -f json --no-store` in a fresh process (default "
                     "options); peak_mb_upto is the largest child so far")
    print(f"saved {path}")


if __name__ == "__main__":
    main()
