"""The commands whose JSON documents must not change when the code is reorganised.

``tests/data/golden/*.json`` holds what each command printed with ``--format json`` before
the analysis was moved into one pipeline (issue 14); :mod:`tests.regression.test_golden`
runs the same commands now and compares the documents value by value. The built-in case is
frozen as it was then (``tests/data/golden/cases/``), so a later revision of the case's data
does not count as a change of the code's answers.

Regenerate (only when a change of a document is intended and said in CHANGES.md)::

    .venv/bin/python -m tests.regression.golden_commands
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
CASES = GOLDEN / "cases"
REFERENCE = ROOT.parent / "shared" / "reference"

SNAPSHOTS = [str(CASES / f"ukraine-{d}.yaml")
             for d in ("2022-01", "2022-09", "2024-11", "2025-01", "2025-12")]
LATEST = SNAPSHOTS[-1]
EC = str(REFERENCE / "ec-emissions" / "actors.csv")
KTAB = str(REFERENCE / "ktab" / "inputs" / "dummyData_3Dim.csv")
KTAB_XML = str(REFERENCE / "ktab" / "inputs" / "dummyData_3Dim.xml")
DEU = str(REFERENCE / "deu" / "deu-dev.tsv")

COMMANDS: dict[str, list[str]] = {
    "models": ["models"],
    "run-default": ["run", LATEST],
    "run-eum": ["run", LATEST, "--model", "eum"],
    "run-eum-code": ["run", LATEST, "--model", "eum", "--preset", "scholz-code", "--rounds",
                     "6"],
    "run-smp": ["run", LATEST, "--model", "smp", "--seed", "3"],
    "run-others": ["run", LATEST, "--model", "exchange", "--model", "nash", "--model",
                   "procedural-compromise", "--model", "status-quo"],
    "run-2022-01": ["run", SNAPSHOTS[0], "--model", "compromise", "--model", "eum"],
    "run-ec": ["run", EC, "--model", "compromise", "--model", "weighted-median", "--model",
               "eum", "--preset", "masad2014"],
    "run-ktab": ["run", KTAB, "--model", "smp"],
    "run-ktab-xml": ["run", KTAB_XML, "--model", "smp", "--model", "compromise"],
    "run-deu": ["run", DEU, "--model", "compromise", "--model", "median"],
    "bargain": ["bargain", LATEST],
    "bargain-options": ["bargain", LATEST, "--loss", "quadratic", "--weighted",
                        "--disagreement", "status-quo", "--horizon", "120",
                        "--power", "equal"],
    "bargain-no-deal": ["bargain", LATEST, "--no-deal", "territory=60"],
    "bargain-2022-09": ["bargain", SNAPSHOTS[1]],
    "bargain-2024-11": ["bargain", SNAPSHOTS[2], "--power", "capability"],
    "bargain-ec": ["bargain", EC],
    "timeline": ["timeline", *SNAPSHOTS],
    "timeline-eum": ["timeline", *SNAPSHOTS, "--model", "eum", "--model", "compromise",
                     "--horizon", "24"],
    "mc": ["mc", LATEST, "--draws", "400", "--seed", "3", "--workers", "1"],
    "mc-eum": ["mc", LATEST, "--draws", "60", "--seed", "1", "--workers", "1", "--model",
               "eum", "--model", "compromise", "--no-bargain"],
    "mc-noise": ["mc", EC, "--draws", "300", "--seed", "5", "--workers", "1",
                 "--position-sd", "5", "--salience-sd", "0.05", "--loss", "quadratic"],
    "benchmark-deu": ["benchmark", "deu", DEU, "--bootstrap", "50", "--folds", "3"],
}
"""Name -> arguments of ``accord`` (``--format json`` and ``--no-store`` are added where the
command takes them)."""

NO_STORE = {"run", "bargain", "mc"}

ADDED_KEYS: dict[str, set[str]] = {
    "benchmark-deu": {"intervals"},   # issue 16: conformal prediction intervals per model
    **{name: {"knife_edges"} for name in COMMANDS if name.startswith("bargain")},
    # issue 16: the numbers the verdict depends on
    **{name: {"backtest"} for name in COMMANDS if name.startswith("timeline")},
    # issue 17: the cost model projected from snapshot to snapshot
    **{name: {"concessions"} for name in COMMANDS if name.startswith("mc")},
    # issue 15: smallest concessions of the first N draws (null unless --concessions N)
}
"""Top-level keys a document gained since the documents were saved (each an intended change
listed in CHANGES.md); every key the document had keeps its value."""

CHANGED_KEYS: dict[str, set[str]] = {
    **{name: {"chunk"} for name in COMMANDS if name.startswith("mc")},
    # issue 15: chunks are sized by a cost model of what a draw runs (every statistic of the
    # run is the same whatever the chunk size)
}
"""Top-level keys whose value changed on purpose (listed in CHANGES.md); they must still be
there."""


def argv(name: str) -> list[str]:
    args = list(COMMANDS[name])
    extra = ["--format", "json"]
    if args[0] in NO_STORE:
        extra.append("--no-store")
    return [*args, *extra]


def main() -> None:  # pragma: no cover - run by hand before an intended change
    import json
    import os
    import subprocess
    import sys
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
           "XDG_DATA_HOME": tempfile.mkdtemp(), "XDG_CACHE_HOME": tempfile.mkdtemp()}
    for name in sys.argv[1:] or COMMANDS:
        proc = subprocess.run([sys.executable, "-m", "accord", *argv(name)], env=env,
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"{name}: exit {proc.returncode}\n{proc.stderr}")
        doc = json.loads(proc.stdout)
        text = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False)
        (GOLDEN / f"{name}.json").write_text(text.replace(str(ROOT.parent), "$WORK") + "\n")
        print(f"{name}: {len(text):,} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
