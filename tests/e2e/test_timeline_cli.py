"""``accord timeline`` as a subprocess: the built-in case in every format, files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import cli

DATA = Path(__file__).resolve().parents[1] / "data"
TALKS = [DATA / "store" / "talks-2024.yaml", DATA / "store" / "talks-2025.yaml"]


def test_default_case_json_and_chart(tmp_path: Path) -> None:
    chart = tmp_path / "timeline.svg"
    proc = cli("timeline", "-f", "json", "--chart", chart)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["case"] == "ukraine"
    assert doc["models"] == ["compromise", "weighted-median", "mean", "median", "eum"]
    assert [s["as_of"] for s in doc["snapshots"]] == [
        "2022-01-28", "2022-03-29", "2022-09-12", "2024-11-18", "2025-01-13", "2025-02-19",
        "2025-03-12", "2025-06-02", "2025-08-19", "2025-09-04", "2025-11-24", "2025-12-01",
        "2026-02-04"]
    december = next(s for s in doc["snapshots"] if s["id"] == "ukraine-2025-12")
    assert december["verdict"] == "no deal" and december["opens"] is None
    assert december["never"] is False                   # it opens after the 60-month horizon
    deals = [s["id"] for s in doc["snapshots"] if s["verdict"] == "deal possible"]
    assert deals == ["ukraine-2022-03", "ukraine-2022-09"]   # the Istanbul formula, on paper
    backtest = doc["backtest"]
    assert [s["from"] for s in backtest["steps"]] == [s["id"] for s in doc["snapshots"][:-1]]
    assert backtest["mae"] is not None and backtest["persistence_mae"] is not None
    territory = doc["issues"]["territory"]["snapshots"]
    assert [p["snapshot"] for p in territory] == [s["id"] for s in doc["snapshots"]]
    assert territory[-1]["zopa"] is None
    assert {"actors": ["RUS", "UKR"], "gap": 20.0}.items() <= territory[-2]["blocking"][0].items()
    assert {"actors": ["RUS", "UKR"], "gap": 10.0}.items() <= territory[-1]["blocking"][0].items()
    assert territory[0]["zopa"] == [20.0, 20.0]          # January 2022: only the old lines
    assert doc["issues"]["g8"]["snapshots"][0]["stances"] == 0
    text = chart.read_text("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    assert "Ukraine's NATO membership" in text and "2025-12" in text
    assert "wrote the timeline chart to" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.svg"]


def test_default_case_table_and_markdown() -> None:
    table = cli("timeline", "ukraine", "-m", "compromise")
    assert table.returncode == 0, table.stderr
    out = table.stdout
    assert "Verdict over time" in out and "never" in out
    for head in ("2022-01", "2022-09", "2024-11", "2025-01", "2025-12", "2026-02"):
        assert head in out
    assert "Back-test of the costs of no deal" in out and "persistence" in out
    assert "Territory: Donetsk and the other occupied regions" in out
    md = cli("timeline", "-m", "compromise", "-f", "markdown")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("## Timeline: ukraine\n")
    assert "| As of | Snapshot | Verdict |" in md.stdout
    assert ("|  | 2022-01 | 2022-03 | 2022-09 | 2024-11 | 2025-01 | 2025-02 | 2025-03 | "
            "2025-06 | 2025-08 | 2025-09 | 2025-11 | 2025-12 | 2026-02 |") in md.stdout
    assert "### Back-test of the costs of no deal" in md.stdout
    # (with thirteen snapshot columns the 120-column table wraps its row labels; Markdown
    # keeps them whole)
    assert "| zone of agreement |" in md.stdout and "| blocking red lines |" in md.stdout


def test_snapshot_files_of_one_case(tmp_path: Path) -> None:
    chart = tmp_path / "talks.png"
    proc = cli("timeline", *TALKS, "-f", "json", "-m", "mean", "--chart", chart)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["case"] == "talks" and [s["id"] for s in doc["snapshots"]] == \
        ["talks-2024-11", "talks-2025-12"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("args", "message"), [
    (("ukraine-2025-12",), "'ukraine-2025-12' is one snapshot, not a case; run `accord "
                           "timeline ukraine` (cases with snapshots: ukraine)"),
    (("nosuch",), "'nosuch' is neither a case nor a file (cases with snapshots: ukraine)"),
    ((str(TALKS[0]),), f"{TALKS[0]} is the only snapshot of case 'talks'; give every "
                       "snapshot file of the case"),
    (("-m", "nosuch"), "unknown model 'nosuch' (models: "),
    (("--chart", "OUT/t.pdf"), "--chart OUT/t.pdf: unknown extension '.pdf' (use .png, .svg)"),
    (("--chart", "OUT/no/t.svg"), "--chart OUT/no/t.svg: the folder OUT/no does not exist"),
])
def test_bad_usage(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    args = tuple(a.replace("OUT", str(tmp_path)) for a in args)
    proc = cli("timeline", *args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("accord: error: " + message.replace("OUT", str(tmp_path)))
    assert proc.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_scenario_outside_any_case(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(TALKS[0].read_text("utf-8").replace("case: talks\n", ""))
    proc = cli("timeline", plain)
    assert proc.returncode == 2
    assert f"{plain} is a scenario that is not part of a case" in proc.stderr
