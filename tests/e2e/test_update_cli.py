"""``accord update`` on a seed snapshot with a development article, and the file-writing rules
shared with ``accord evidence --apply -o`` (no silent overwrite, mode 0644, exit 2 on failure).
In process through typer's runner; one subprocess smoke test."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.commands import app
from accord.scenario.load import load_scenario
from accord.scenario.numbers import point
from tests.conftest import REFERENCE, cli, need_shared

ARTICLE = "wsjm-2026-02-04.txt"
MINI = Path(__file__).resolve().parents[1] / "data" / "evidence" / "talks-mini.yaml"


def article() -> Path:
    need_shared()
    return REFERENCE / "articles" / ARTICLE


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_update_drafts_proposals_carries_over_the_rest_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    code, stdout, stderr = run("update", "ukraine-2025-12", article(), "-o", out, "-f", "json")
    assert code == 0, stderr
    doc = json.loads(stdout)
    assert doc["draft"]["id"] == "ukraine-2026-02" and doc["draft"]["as_of"] == "2026-02-04"
    proposals = doc["proposals"]
    kinds = {p["kind"] for p in proposals}
    assert {"position", "salience"} & kinds
    for p in proposals:
        assert p["id"] and p["reason"] and p["quote"] in article().read_text("utf-8")
        if p["kind"] in ("position", "salience", "reservation"):
            assert p["new"] is not None and p["new"] != p["old"]
    moved = next(p for p in proposals if p["kind"] == "position")
    draft = load_scenario(out)  # the draft validates
    stance = draft.stance(moved["actor"], moved["issue"])
    assert stance is not None and stance.position == moved["new"] and not stance.carried_over
    assert moved["id"] in stance.rationale["position"]
    assert any(e.quote == moved["quote"] for e in stance.evidence)
    carried = {(c["actor"], c["issue"]) for c in doc["carried_over"]}
    assert ("CHN", "nato") in carried and len(carried) > len(draft.stances) // 2
    assert all(draft.stance(a, i).carried_over for a, i in carried)  # type: ignore[union-attr]
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_review_accepts_or_rejects_proposals_by_id(tmp_path: Path) -> None:
    first = tmp_path / "draft.yaml"
    _, stdout, _ = run("update", "ukraine-2025-12", article(), "-o", first, "-f", "json")
    proposals = json.loads(stdout)["proposals"]
    moved = next(p for p in proposals if p["kind"] == "position")
    final = tmp_path / "final.yaml"
    code, stdout, stderr = run("update", "ukraine-2025-12", article(), "-o", final,
                               "--reject", moved["id"], "-f", "json")
    assert code == 0, stderr
    assert moved["id"] not in json.loads(stdout)["accepted"]
    stance = load_scenario(final).stance(moved["actor"], moved["issue"])
    assert stance is not None and point(stance.position) == moved["old"]
    only = tmp_path / "only.yaml"
    code, stdout, _ = run("update", "ukraine-2025-12", article(), "-o", only,
                          "--accept", moved["id"], "-f", "json")
    assert code == 0 and json.loads(stdout)["accepted"] == [moved["id"]]
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o", tmp_path / "x.yaml",
                          "--accept", "pos-XXX-nato-000000")
    assert code == 2 and "no proposal with id" in stderr and not (tmp_path / "x.yaml").exists()


def test_update_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    out.write_text("keep me\n")
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o", out)
    assert code == 2 and "--force" in stderr and out.read_text() == "keep me\n"
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o", out, "--force")
    assert code == 0, stderr
    assert load_scenario(out).id == "ukraine-2026-02"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_update_reports_a_folder_that_takes_no_files() -> None:
    # /proc refuses new files to root too (a chmod 0555 folder would not stop root)
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o", "/proc/n.yaml")
    assert code == 2 and "cannot create files in /proc" in stderr


def test_write_failures_are_exit_2_messages(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o",
                          tmp_path / "missing" / "n.yaml")
    assert code == 2 and "does not exist" in stderr
    import accord.scenario.save as save

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save, "atomic_write_text", full_disk)
    out = tmp_path / "n.yaml"
    code, _, stderr = run("update", "ukraine-2025-12", article(), "-o", out)
    assert code == 2 and "No space left on device" in stderr and not out.exists()


def test_evidence_apply_refuses_to_overwrite_and_writes_0644(tmp_path: Path) -> None:
    need_shared()
    other = tmp_path / "unrelated.yaml"
    other.write_text("not a scenario of yours\n")
    code, _, stderr = run("evidence", article(), "-s", MINI, "--apply", "-o", other)
    assert code == 2 and "--force" in stderr
    assert other.read_text() == "not a scenario of yours\n"
    code, _, stderr = run("evidence", article(), "-s", MINI, "--apply", "-o", other, "--force")
    assert code == 0, stderr
    assert stat.S_IMODE(other.stat().st_mode) == 0o644 and load_scenario(other).id
    code, _, stderr = run("evidence", article(), "-s", MINI, "--apply", "-o",
                          tmp_path / "no" / "such.yaml")
    assert code == 2 and "does not exist" in stderr


def test_evidence_lists_statements_not_in_the_scenario() -> None:
    need_shared()
    path = REFERENCE / "articles" / "ntnone-2025-12-19.txt"
    code, stdout, stderr = run("evidence", path, "-s", MINI, "-f", "json")
    assert code == 0, stderr
    found = json.loads(stdout)["not_in_scenario"]
    assert any(f["kind"] == "actor" and f["actor"] == "BEL" and "Belgium" in f["quote"]
               for f in found)
    code, stdout, _ = run("evidence", path, "-s", MINI)
    assert "Not in the scenario" in stdout and "BEL" in stdout


def test_update_smoke_as_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    proc = cli("update", "ukraine-2025-12", article(), "-o", out, "--as-of", "2026-02")
    assert proc.returncode == 0, proc.stderr
    assert "carried over" in proc.stderr and "Update of ukraine-2025-12" in proc.stdout
    assert cli("validate", out).returncode == 0
