"""`accord evidence` as a user runs it: formats, HTML, --apply, and every kind of bad input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, cli, need_shared

DATA = Path(__file__).resolve().parents[1] / "data" / "evidence"
MINI = DATA / "talks-mini.yaml"
HTML = DATA / "html" / "talks-stall.html"
SEED = SEEDS / "001_3cfbb70250ff8981.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_table_on_the_built_in_case() -> None:
    need_shared()
    proc = cli("evidence", SEED)
    assert proc.returncode == 0, proc.stderr
    assert "Evidence for ukraine-2025-12" in proc.stdout
    assert "RUS · nato" in proc.stdout and "✓" in proc.stdout


def test_json_claims_point_at_their_quotes() -> None:
    need_shared()
    proc = cli("evidence", *sorted(SEEDS.glob("*.txt")), "-f", "json", "--per-cell", "0")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"accord", "scenario", "articles", "claims", "accepted", "applied",
                        "not_in_scenario"}
    assert doc["scenario"]["id"] == "ukraine-2025-12" and doc["applied"] is None
    assert [a["kind"] for a in doc["articles"]] == ["text"] * 5
    texts = {a["path"]: Path(a["path"]).read_text("utf-8") for a in doc["articles"]}
    for c in doc["claims"]:
        assert texts[c["path"]][c["start"]:c["end"]] == c["quote"]
        assert 0 < c["score"] <= 1 and c["accepted"] == (c["id"] in doc["accepted"])
    accepted = [c for c in doc["claims"] if c["accepted"]]
    assert accepted and all(c["score"] >= 0.5 for c in accepted)
    assert len({(c["actor"], c["issue"]) for c in accepted}) == len(accepted)


def test_markdown_and_html_input() -> None:
    proc = cli("evidence", HTML, "--scenario", MINI, "-f", "markdown")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("## Evidence for talks-mini")
    assert "RUS · nato" in proc.stdout and "talks-stall.html:" in proc.stdout
    doc = json.loads(cli("evidence", HTML, "-s", MINI, "-f", "json").stdout)
    assert doc["articles"][0] | {"path": None} == {
        "path": None, "file": "talks-stall.html", "kind": "html",
        "title": "Talks stall over Donetsk", "date": "2025-12-02", "sentences": 5}


def test_apply_writes_a_valid_new_scenario_and_leaves_the_input_alone(tmp_path: Path) -> None:
    need_shared()
    scenario = tmp_path / "talks.yaml"
    shutil.copy(MINI, scenario)
    before = digest(scenario)
    out = tmp_path / "talks-evidence.yaml"
    # the best two of each pair: the seed and the page state the same demand at equal strength
    proc = cli("evidence", SEED, HTML, "-s", scenario, "--apply", "-o", out, "-f", "json",
               "--top-k", "2")
    assert proc.returncode == 0, proc.stderr
    assert digest(scenario) == before
    doc = json.loads(proc.stdout)
    assert doc["applied"]["output"] == str(out) and doc["applied"]["added"]
    assert "talks-stall" in doc["applied"]["new_sources"]
    assert "quotes added" in proc.stderr
    check = cli("validate", out, "--sources", SEEDS)
    assert check.returncode == 0, check.stderr
    text = out.read_text("utf-8")
    assert "accord evidence:" in text and "Talks stall over Donetsk" in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_apply_with_accept_ids_and_in_place(tmp_path: Path) -> None:
    need_shared()
    scenario = tmp_path / "talks.yaml"
    shutil.copy(MINI, scenario)
    listing = json.loads(cli("evidence", SEED, "-s", scenario, "-f", "json").stdout)
    pick = next(c for c in listing["claims"] if (c["actor"], c["issue"]) == ("UKR", "territory"))
    before = digest(scenario)
    proc = cli("evidence", SEED, "-s", scenario, "--accept", pick["id"], "--apply",
               "--in-place", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["applied"]["added"] == [pick["id"]]
    assert digest(scenario) != before
    from accord.scenario.load import load_scenario

    stance = load_scenario(scenario).stance("UKR", "territory")
    assert stance is not None and stance.evidence[-1].quote == pick["quote"]
    assert cli("validate", scenario, "--sources", SEEDS).returncode == 0


@pytest.mark.parametrize(("content", "fragment"), [
    (b"", ":1:1: file is empty"),
    (b"Moscow wants\n a \x00deal", ":2:4: binary file"),
    (b"Kyiv says caf\xe9", ":1:14: not UTF-8"),
])
def test_bad_articles_exit_2_and_write_nothing(tmp_path: Path, content: bytes,
                                               fragment: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Putin wants a guarantee that Ukraine will not join Nato.\n", "utf-8")
    out = tmp_path / "out.yaml"
    proc = cli("evidence", good, bad, "-s", MINI, "--apply", "-o", out)
    assert proc.returncode == 2
    assert f"{bad}{fragment}" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not out.exists()


def test_enormous_missing_and_folder_articles(tmp_path: Path) -> None:
    from accord.evidence.reading import MAX_ARTICLE_BYTES

    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: cheap to make, rejected by size alone
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.yaml"
    proc = cli("evidence", big, missing, tmp_path, "-s", MINI, "--apply", "-o", out)
    assert proc.returncode == 2
    assert f"{big}:1:1: file is too large" in proc.stderr
    assert f"{missing}:1:1: no such file" in proc.stderr
    assert f"{tmp_path}:1:1: is a directory" in proc.stderr
    assert not out.exists()


def test_bad_scenario_is_located(tmp_path: Path) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("accord: 1\nid: x\ntitle: t\nactors:\n  - {id: A, name: A}\n"
                        "issues: []\n", "utf-8")
    proc = cli("evidence", HTML, "-s", scenario)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{scenario}:5:")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (["--apply"], "give -o FILE"),
    (["-o", "x.yaml"], "go with --apply"),
    (["--apply", "--in-place"], "--in-place needs --scenario to be a scenario file"),
    (["--apply", "-o", str(MINI), "-s", str(MINI)], "use --in-place"),
    (["--accept", "RUS-nato-000000", "-s", str(MINI)], "no candidate with id RUS-nato-000000"),
    (["--scenario", "no-such-case"], "neither a file nor a built-in case"),
])
def test_usage_errors(args: list[str], fragment: str) -> None:
    proc = cli("evidence", HTML, *args)
    assert proc.returncode == 2, proc.stdout
    assert fragment in proc.stderr


def test_embeddings_need_the_extra() -> None:
    from accord.evidence.embeddings import available

    if available():
        pytest.skip("the embeddings extra is installed")
    proc = cli("evidence", HTML, "-s", MINI, "--embeddings")
    assert proc.returncode == 2
    assert "accord[embeddings]" in proc.stderr


def test_help_explains_the_options() -> None:
    proc = cli("evidence", "--help")
    assert proc.returncode == 0
    for option in ("--scenario", "--apply", "--accept", "--top-k", "--min-score", "--in-place",
                   "--embeddings", "--draft-stances"):
        assert option in proc.stdout
