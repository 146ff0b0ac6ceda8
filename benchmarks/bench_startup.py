"""Start-up cost of a command that fails on bad input (issue 14): ``accord run BAD.yaml``
against ``accord validate BAD.yaml`` (target: run no slower than validate + 0.2 s), each in a
fresh interpreter, interleaved and repeated; optionally against another checkout's source
(``--before DIR``: the same commands with ``PYTHONPATH=DIR/src``), side by side.

    .venv/bin/python benchmarks/bench_startup.py [--repeat 15] [--before /path/to/old/checkout]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
BAD = """accord: 1
id: bad
title: Bad
actors:
  - {id: A, name: A, capability: x}
issues: []
"""


def once(src: Path, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "accord", *args], env=env,
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if proc.returncode != 2:
        raise SystemExit(f"expected exit 2 from accord {' '.join(args)}, got "
                         f"{proc.returncode}: {proc.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--before", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "BAD.yaml"
        bad.write_text(BAD)
        trees = {"now": ROOT / "src"}
        if args.before is not None:
            trees["before"] = args.before / "src"
        commands = {"run": ["run", str(bad), "--no-store"], "validate": ["validate", str(bad)]}
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.repeat):  # interleaved: load on the machine hits every variant
            for tree, src in trees.items():
                for name, argv in commands.items():
                    times.setdefault((tree, name), []).append(once(src, argv))
    rows = []
    for tree in trees:
        run = statistics.median(times[(tree, "run")])
        validate = statistics.median(times[(tree, "validate")])
        rows.append({"tree": tree, "run_s": run, "validate_s": validate,
                     "run_minus_validate_s": run - validate})
    print(table(rows, ["tree", "run_s", "validate_s", "run_minus_validate_s"]))
    print(f"wrote {save('startup', rows, repeat=args.repeat)}")


if __name__ == "__main__":
    main()
