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
    assert [s["as_of"] for s in doc["snapshots"]] == ["2022-01-28", "2022-09-12",
                                                      "2024-11-18", "2025-01-13",
                                                      "2025-12-01"]
    december = doc["snapshots"][-1]
    assert december["verdict"] == "no deal" and december["opens"] == "2027-11"
    assert all(s["verdict"] == "no deal" for s in doc["snapshots"])
    territory = doc["issues"]["territory"]["snapshots"]
    assert [p["snapshot"] for p in territory] == [s["id"] for s in doc["snapshots"]]
    assert territory[-1]["zopa"] is None
    assert {"actors": ["RUS", "UKR"], "gap": 20.0}.items() <= territory[-1]["blocking"][0].items()
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
    assert "Verdict over time" in out and "2027-11" in out and "never" in out
    for head in ("2022-01", "2022-09", "2024-11", "2025-01", "2025-12"):
        assert head in out
    assert "Territory: Donetsk and the other occupied regions" in out
    assert "zone of agreement" in out and "blocking red lines" in out
    md = cli("timeline", "-m", "compromise", "-f", "markdown")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("## Timeline: ukraine\n")
    assert "| As of | Snapshot | Verdict |" in md.stdout
    assert "|  | 2022-01 | 2022-09 | 2024-11 | 2025-01 | 2025-12 |" in md.stdout


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
