"""Every kind of bad scenario input gives exit status 2 and a FILE:LINE:COL message.

One test per kind, each through the real command line (``accord validate`` and ``accord run``)
so that the contract users see is what is tested: located message, no traceback, status 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import cli

GOOD = """\
accord: 1
id: demo
title: Demo
as_of: 2025-12-01
sources:
  - {id: s1, title: An article, published: 2025-12}
actors:
  - {id: A, name: Alpha, capability: 2, veto: true}
  - {id: B, name: Beta, capability: 1}
issues:
  - id: i1
    name: Issue one
    labels: {0: nothing, 100: everything}
stances:
  - actor: A
    issue: i1
    position: 20
    salience: 0.5
    evidence:
      - {source: s1, quote: Alpha wants little}
  - {actor: B, issue: i1, position: 80, salience: 0.9}
"""

LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$", re.M)


def write(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(stderr: str) -> list[tuple[int, int, str]]:
    return [(int(m["line"]), int(m["col"]), m["msg"]) for m in LOCATED.finditer(stderr)]


def assert_bad(path: Path, line: int, fragment: str) -> list[tuple[int, int, str]]:
    """Both validate and run reject the file with status 2 and a located message."""
    for args in (["validate", path], ["run", path]):
        proc = cli(*args)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert proc.stdout.strip() == "" or args[0] == "validate"
        found = problems(proc.stderr)
        assert found, proc.stderr
        assert all(str(path) in ln for ln in proc.stderr.splitlines() if ln), proc.stderr
        assert any(ln == line and fragment in msg for ln, _, msg in found), (fragment, found)
    return found


def test_good_file_validates(tmp_path: Path) -> None:
    proc = cli("validate", write(tmp_path, GOOD))
    assert proc.returncode == 0, proc.stderr
    assert "OK" in proc.stdout


def test_yaml_syntax_error(tmp_path: Path) -> None:
    found = assert_bad(write(tmp_path, GOOD.replace("title: Demo", "title: [Demo")), 4, "syntax")
    assert "line 3" in found[0][2]  # where the unclosed '[' was opened


def test_duplicate_key(tmp_path: Path) -> None:
    text = GOOD.replace("as_of: 2025-12-01", "as_of: 2025-12-01\ntitle: Again")
    assert_bad(write(tmp_path, text), 5, "duplicate key 'title'")


def test_wrong_type(tmp_path: Path) -> None:
    text = GOOD.replace("salience: 0.5", "salience: very")
    assert_bad(write(tmp_path, text), 18, "salience")


def test_unknown_field(tmp_path: Path) -> None:
    text = GOOD.replace("    salience: 0.5", "    salience: 0.5\n    colour: red")
    assert_bad(write(tmp_path, text), 19, "unknown field 'colour'")


def test_position_outside_range(tmp_path: Path) -> None:
    text = GOOD.replace("position: 20", "position: 120")
    assert_bad(write(tmp_path, text), 17, "outside the issue's range")


def test_salience_outside_unit_interval(tmp_path: Path) -> None:
    text = GOOD.replace("salience: 0.9", "salience: 90")
    assert_bad(write(tmp_path, text), 21, "salience 90 is outside [0, 1]")


def test_capability_not_positive(tmp_path: Path) -> None:
    text = GOOD.replace("capability: 1}", "capability: 0}")
    assert_bad(write(tmp_path, text), 9, "capability must be above 0")


def test_unknown_actor_reference(tmp_path: Path) -> None:
    text = GOOD.replace("{actor: B,", "{actor: C,")
    assert_bad(write(tmp_path, text), 21, "unknown actor 'C'")


def test_unknown_issue_reference(tmp_path: Path) -> None:
    text = GOOD.replace("issue: i1, position: 80", "issue: i9, position: 80")
    assert_bad(write(tmp_path, text), 21, "unknown issue 'i9'")


def test_unknown_source_reference(tmp_path: Path) -> None:
    text = GOOD.replace("{source: s1,", "{source: s7,")
    assert_bad(write(tmp_path, text), 20, "unknown source 's7'")


def test_duplicate_id(tmp_path: Path) -> None:
    text = GOOD.replace("{id: B, name: Beta", "{id: A, name: Beta")
    assert_bad(write(tmp_path, text), 9, "duplicate actor id 'A'")


def test_impossible_date(tmp_path: Path) -> None:
    text = GOOD.replace("as_of: 2025-12-01", "as_of: 2025-02-30")
    assert_bad(write(tmp_path, text), 4, "has no day 30")


def test_impossible_month(tmp_path: Path) -> None:
    text = GOOD.replace("published: 2025-12", "published: 2025-13")
    assert_bad(write(tmp_path, text), 6, "no month 13")


def test_empty_quote(tmp_path: Path) -> None:
    text = GOOD.replace("quote: Alpha wants little", "quote: '  '")
    assert_bad(write(tmp_path, text), 20, "empty quote")


def test_empty_file(tmp_path: Path) -> None:
    assert_bad(write(tmp_path, "\n  \n"), 1, "file is empty")


def test_binary_file(tmp_path: Path) -> None:
    assert_bad(write(tmp_path, b"accord: 1\nid: x\x00\x01\x02"), 2, "binary")


def test_not_utf8(tmp_path: Path) -> None:
    data = GOOD.replace("Alpha wants little", "Alpha veut peu").encode("utf-8")
    data = data.replace(b"veut", b"v\xe9ut")
    found = assert_bad(write(tmp_path, data), 20, "not UTF-8")
    assert found[0][1] > 1  # the column points into the line


def test_missing_file(tmp_path: Path) -> None:
    proc = cli("validate", tmp_path / "nope.yaml")
    assert proc.returncode == 2
    assert problems(proc.stderr)[0][2] == "no such file"


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = (GOOD.replace("position: 20", "position: 120")
                .replace("salience: 0.9", "salience: 90")
                .replace("{source: s1,", "{source: s7,")
                .replace("as_of: 2025-12-01", "as_of: 2025-02-30"))
    proc = cli("validate", write(tmp_path, text))
    assert proc.returncode == 2
    lines = sorted(ln for ln, _, _ in problems(proc.stderr))
    assert lines == [4, 17, 20, 21]


def test_unsupported_extension(tmp_path: Path) -> None:
    assert_bad(write(tmp_path, "hello", name="s.txt"), 1, "cannot tell how to read")


@pytest.mark.parametrize("body", ["- just\n- a list\n", "42\n"])
def test_not_a_mapping(tmp_path: Path, body: str) -> None:
    assert_bad(write(tmp_path, body), 1, "must be a mapping")


def test_json_validate_report(tmp_path: Path) -> None:
    import json

    bad = write(tmp_path, GOOD.replace("position: 20", "position: 120"), "bad.yaml")
    good = write(tmp_path, GOOD, "good.yaml")
    proc = cli("validate", good, bad, "--format", "json")
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert [r["valid"] for r in report] == [True, False]
    assert report[1]["problems"][0]["line"] == 17
