"""The dashboard under load (issue #10 target: p95 under 1 s for page views, no errors).

Starts a real ``accord serve`` (uvicorn, a free port, a temporary SQLite store) and lets 20
concurrent clients browse the built-in case as analysts would, each for several rounds:

* ``page``: the scenarios list, the built-in case's page (47 stances with their quotes), the
  evidence form, the forecast ledger, the timeline of the case and the Monte Carlo form;
* ``check``: the inline validation of a stance edit (what htmx sends as one types);
* ``results``: the results page with the default settings (every model and the bargaining
  analysis; computed once, then served from the cache);
* ``chart``: every chart image the results page and the timeline show (17 SVG images, as a
  browser loads them; drawn once, then served from the cache);
* ``run``: the results page with settings no one asked for before (a horizon unique to the
  client and round), so every model and the bargaining analysis really run;
* ``chart-fresh``: the model comparison chart of that fresh run (drawn for it).

Meanwhile a Monte Carlo job runs in the background (``--mc-draws``, default 20,000 draws with
the bargaining analysis; 0: none), as when an analyst has started one: it takes one core in a
process of its own, and the pages must stay fast beside it.

The server is warmed up first (the built-in case's five snapshots are parsed on first use).
Prints p50/p95/max latency per kind and the errors (any status but 200, or a failed
connection), and writes results/dashboard_load.json.

    .venv/bin/python benchmarks/load_dashboard.py [--clients 20] [--rounds 5] [--mc-draws N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import save, table

ROOT = Path(__file__).resolve().parents[1]
CASE = "ukraine-2025-12"
TARGET_P95 = 1.0
PAGES = ["/scenarios", f"/s/{CASE}", f"/s/{CASE}/evidence", "/ledger", "/timeline/ukraine",
         f"/s/{CASE}/mc"]
IMAGE = re.compile(r'<img src="([^"]+)"')
KINDS = ("page", "check", "results", "chart", "run", "chart-fresh")


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "accord", "serve", "--port", "0",
                                 "--db", str(db), "-f", "json"], stdout=subprocess.PIPE,
                                stderr=err, text=True, env=env)
    assert proc.stdout is not None
    lines = []
    while not lines or not lines[-1].startswith("}"):
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"accord serve did not start:\n{log.read_text()}")
        lines.append(line)
    return proc, json.loads("".join(lines))["url"].rstrip("/")


def session(base: str, client: int, rounds: int) -> list[tuple[str, float, str | None]]:
    """One analyst's requests: (kind, seconds, error or None) each."""
    import httpx

    out: list[tuple[str, float, str | None]] = []
    # a browser waits minutes for a page; the server's own bounds (an analysis's budget, the
    # wait for a slot) decide when a request gives up, not this client
    with httpx.Client(base_url=base, timeout=300) as http:
        def get(kind: str, path: str, **kwargs: object) -> str:
            start = time.perf_counter()
            text = ""
            try:
                response = http.get(path, **kwargs)  # type: ignore[arg-type]
                error = None if response.status_code == 200 else f"HTTP {response.status_code}"
                text = response.text
            except httpx.HTTPError as exc:
                error = type(exc).__name__
            out.append((kind, time.perf_counter() - start, error))
            return text

        for r in range(rounds):
            images = []
            for path in PAGES:
                images += IMAGE.findall(get("page", path))
            get("check", f"/s/{CASE}/stances/RUS/nato/check",
                params={"position": str(90 + r), "salience": "0.9", "reservation": "85"},
                headers={"hx-request": "true"})
            images += IMAGE.findall(get("results", f"/s/{CASE}/results"))
            for src in images:
                get("chart", src.replace("&amp;", "&"))
            horizon = 100 + client * rounds + r      # never asked before: a real run
            get("run", f"/s/{CASE}/results", params={"horizon": str(horizon)})
            get("chart-fresh", f"/s/{CASE}/charts/models.svg", params={"horizon": str(horizon)})
    return out


def start_mc(base: str, draws: int) -> str | None:
    """Start a Monte Carlo job as the form does; its page's address."""
    import httpx

    if not draws:
        return None
    with httpx.Client(base_url=base, timeout=60) as http:
        form = http.get(f"/s/{CASE}/mc").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        response = http.post(f"/s/{CASE}/mc", data={
            "csrf_token": token.group(1), "draws": str(draws), "seed": "0", "bargain": "1",
            "model": ["compromise", "weighted-median", "mean", "median"], "horizon": "60",
            "loss": "linear", "disagreement": "reservation"})
        assert response.status_code == 303, response.text
        return str(response.headers["location"])


def mc_state(base: str, job: str) -> str:
    import httpx

    text = httpx.get(base + job, timeout=60).text
    found = re.search(r'class="job (\w+)"', text)
    return found.group(1) if found else "unknown"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mc-draws", type=int, default=20_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(Path(tmp) / "accord.db", Path(tmp) / "serve.log")
        try:
            session(base, -1, 1)                    # warm-up: parse the built-in case
            job = start_mc(base, args.mc_draws)
            start = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                sessions = list(pool.map(lambda c: session(base, c, args.rounds),
                                         range(args.clients)))
            wall = time.perf_counter() - start
            mc = mc_state(base, job) if job else None
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    by_kind: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    for kind, seconds, error in (item for s in sessions for item in s):
        by_kind[kind].append(seconds)
        if error:
            errors[kind].append(error)
    rows = []
    for kind in KINDS:
        times = by_kind[kind]
        p95 = percentile(times, 0.95)
        rows.append({"kind": kind, "requests": len(times),
                     "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * p95,
                     "max_ms": 1000 * max(times), "errors": len(errors[kind]),
                     "target_ratio": TARGET_P95 / p95 if kind == "page" else None})
    total = sum(len(v) for v in by_kind.values())
    print(table(rows, ["kind", "requests", "p50_ms", "p95_ms", "max_ms", "errors",
                       "target_ratio"]))
    page = rows[0]
    print(f"\n{args.clients} clients x {args.rounds} rounds: {total} requests in {wall:.1f} s "
          f"({total / wall:.0f}/s); page views p95 {page['p95_ms']:.0f} ms against the "
          f"1,000 ms target (ratio {page['target_ratio']:.2f}); "
          f"{sum(len(e) for e in errors.values())} errors; the Monte Carlo job "
          f"({args.mc_draws:,} draws) was {mc or 'not started'} at the end")
    path = save("dashboard_load", rows, clients=args.clients, rounds=args.rounds,
                mc_draws=args.mc_draws, mc_state_at_end=mc,
                requests=total, wall_s=wall, target_p95_s=TARGET_P95,
                errors={k: v[:20] for k, v in errors.items()})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
