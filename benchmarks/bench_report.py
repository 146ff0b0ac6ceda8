"""Time to report the built-in case (issue #6 target: under 3 s for the whole report).

End to end: ``accord report -o FILE.html`` and ``-o FILE.md`` as a user runs them, each a fresh
process (interpreter start, imports, reading the five snapshots, the models, the bargaining
analysis of each snapshot, thirteen charts, writing); the same report through the library in a
fresh process (everything but the command line's start-up); and, for reference, ``accord
--help`` (the start-up every command pays). In one warm process, the steps: gathering
(models, analyses, timeline, predictions) and rendering (charts and page) for each format.
Ratios are target / median (above 1: faster than the target). Writes results/report.json.

    .venv/bin/python benchmarks/bench_report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import save, table, timeit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TARGET = 3.0


def _cli(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "accord", *args], env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"accord {' '.join(args)} failed:\n{proc.stderr}")


LIBRARY = """
from accord.cases import load_case
from accord.reports.html import render_html
from accord.reports.output import write_atomic
from accord.reports.build import build_report
from accord.workflows.report_data import gather
from pathlib import Path
write_atomic(Path({out!r}), render_html(build_report(gather(load_case("ukraine-2025-12"))))
             .encode())
"""


def _library(out: str) -> None:
    """The report through the library in a fresh process: everything but the CLI start-up."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", LIBRARY.format(out=out)], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        html, md = str(Path(tmp) / "ukraine.html"), str(Path(tmp) / "ukraine.md")
        lib = str(Path(tmp) / "library.html")
        for step, call in (("accord --help (start-up only)", lambda: _cli("--help")),
                           ("accord report -o ukraine.html", lambda: _cli("report", "-o", html)),
                           ("accord report -o ukraine.md", lambda: _cli("report", "-o", md)),
                           ("library in a fresh process (HTML, no CLI)", lambda: _library(lib))):
            t = timeit(call, repeat=args.repeat)
            rows.append({"step": step, "median_s": t.median, "best_s": t.best,
                         "ratio_vs_target": TARGET / t.median if "--help" not in step else ""})
        html_kb = Path(html).stat().st_size / 1024

    from accord.cases import load_case
    from accord.reports.build import build_report
    from accord.reports.html import render_html
    from accord.reports.markdown import render_markdown
    from accord.workflows.report_data import gather

    scenario = load_case("ukraine-2025-12")
    gathered = timeit(lambda: gather(scenario), repeat=args.repeat)
    data = gather(scenario)
    page = timeit(lambda: render_html(build_report(data)), repeat=args.repeat)
    text = timeit(lambda: render_markdown(build_report(data), "ukraine_files"),
                  repeat=args.repeat)
    for step, t in (("in process: gather (models, analyses, timeline)", gathered),
                    ("in process: render HTML (13 charts as SVG)", page),
                    ("in process: render Markdown (13 SVG files)", text)):
        rows.append({"step": step, "median_s": t.median, "best_s": t.best,
                     "ratio_vs_target": ""})
    print(table(rows, ["step", "median_s", "best_s", "ratio_vs_target"]))
    worst = max(r["median_s"] for r in rows if r["step"].startswith("accord report"))
    library = next(r["median_s"] for r in rows if r["step"].startswith("library"))
    print(f"\nreport of the built-in case: {worst:.2f} s at the median from the command line "
          f"(slower format), {TARGET / worst:.2f}x the target of {TARGET:.0f} s; through the "
          f"library in a fresh process {library:.2f} s ({TARGET / library:.2f}x); "
          f"HTML {html_kb:.0f} kB")
    print(f"wrote {save('report', rows, target_s=TARGET, html_kb=round(html_kb))}")


if __name__ == "__main__":
    main()
