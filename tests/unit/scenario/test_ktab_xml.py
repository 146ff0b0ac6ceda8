"""KTAB SMP XML: what it reads (actors, dimensions, model settings, seed, ideal adjustment)
and how it reports bad files (FILE:LINE:COL, exit status 2, never a traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.scenario.files import read_file
from tests.conftest import cli

ACTOR = """    <Actor>
      <name>{name}</name>
      <description>An actor</description>
      <capability>{cap}</capability>
      <Position><dCoord>{p1}</dCoord><dCoord>{p2}</dCoord></Position>
      <Salience><dSal>{s1}</dSal><dSal>{s2}</dSal></Salience>
    </Actor>
"""
DEFAULT_ACTORS = [("Alice", 117.7, 10, 40, 32.3, 22.4), ("Bob", 93.2, 15.9, 61.4, 25.2, 34.5),
                  ("Carol", 61.4, 61.1, 86.5, 28.8, 28.6), ("David", 135.4, 26.3, 16.5, 15.6, 42)]
PARAMS = """  <ModelParameters>
    <VotingRule>Proportional</VotingRule>
    <BigRAdjust>No</BigRAdjust>
    <StateTransitions>Stochastic</StateTransitions>
  </ModelParameters>
"""
ADJUST = """  <IdealAdjustment>
    <iaPair><adjustingIdeal>Alice</adjustingIdeal><referencePos>Alice</referencePos>
      <adjust>0.87</adjust></iaPair>
    <iaPair><adjustingIdeal>Bob</adjustingIdeal><referencePos>Bob</referencePos>
      <adjust>0.75</adjust></iaPair>
    <iaPair><adjustingIdeal>Bob</adjustingIdeal><referencePos>Alice</referencePos>
      <adjust>0.07</adjust></iaPair>
  </IdealAdjustment>
"""


def document(actors: list[tuple[str, float, float, float, float, float]] | None = None,
             params: str = PARAMS, adjust: str = ADJUST, seed: str = "<prngSeed>42</prngSeed>",
             dims: str = "<Dimensions><dName>First</dName><dName>Second</dName></Dimensions>",
             extra: str = "") -> str:
    body = "".join(ACTOR.format(name=n, cap=c, p1=p1, p2=p2, s1=s1, s2=s2)
                   for n, c, p1, p2, s1, s2 in (actors or DEFAULT_ACTORS))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Scenario>\n  <name>Test</name>\n'
            f"  <desc>A test</desc>\n  {seed}\n{params}  {dims}\n{extra}  <Actors>\n{body}"
            f"  </Actors>\n{adjust}</Scenario>\n")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_actors_dimensions_and_settings(tmp_path: Path) -> None:
    loaded = read_file(write(tmp_path, "\ufeff" + document()))
    s = loaded.scenario
    assert loaded.kind == "ktab-xml"
    assert [a.id for a in s.actors] == ["Alice", "Bob", "Carol", "David"]
    assert [i.name for i in s.issues] == ["First", "Second"]
    assert s.stance("Bob", s.issues[1].id).salience == pytest.approx(0.345)  # type: ignore[union-attr]
    assert s.meta["ktab.seed"] == 42
    assert s.meta["ktab.VotingRule"] == "Prop"          # schema spelling 'Proportional'
    assert s.meta["ktab.BigRAdjust"] == "None"          # schema spelling 'No'
    assert s.meta["ktab.IdealAdjustment"] == "Alice:Alice=0.87; Bob:Bob=0.75; Bob:Alice=0.07"
    assert "model settings" in loaded.notes[0]


def test_settings_and_seed_reach_the_model(tmp_path: Path) -> None:
    path = write(tmp_path, document())
    proc = cli("run", path, "-m", "smp", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)["results"][0]
    assert result["params"]["StateTransitions"] == "Stochastic"
    assert result["params"]["BigRAdjust"] == "None"
    again = json.loads(cli("run", path, "-m", "smp", "-f", "json").stdout)["results"][0]
    assert again == result                              # the XML's seed makes it repeatable
    proc = cli("run", path, "-m", "smp", "-f", "json", "--param", "StateTransitions="
               "Deterministic", "--param", "accommodation=identity")
    assert json.loads(proc.stdout)["results"][0]["params"]["StateTransitions"] == \
        "Deterministic"


def test_optional_parts_may_be_left_out(tmp_path: Path) -> None:
    """KTAB requires <IdealAdjustment> and <prngSeed>; accord does not."""
    s = read_file(write(tmp_path, document(params="", adjust="", seed=""))).scenario
    assert {k for k in s.meta if k.startswith("ktab.")} == set()
    assert cli("run", tmp_path / "s.xml", "-m", "smp", "-f", "json").returncode == 0


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<Scenario><name>&lol2;</name></Scenario>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE Scenario [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Scenario><name>&secret;</name></Scenario>
"""

CASES = [
    ("<Scenario><name>x</Scenario>", 1, 20, "not well-formed XML: mismatched tag"),
    (BILLION_LAUGHS, 2, 1, "DOCTYPE declarations"),
    (EXTERNAL, 2, 1, "DOCTYPE declarations"),
    ("<Model><name>x</name></Model>", 1, 1, "root element is <Model>"),
    (document(extra="  <Colour>red</Colour>\n"), 12, 3, "unknown element <Colour>"),
    (document(params="  <ModelParameters><VotingRule>Majority</VotingRule></ModelParameters>\n"),
     6, 20, "VotingRule 'Majority' is not one of Binary, PropBin, Prop"),
    (document(params="  <ModelParameters><Voting>Prop</Voting></ModelParameters>\n"),
     6, 20, "unknown element <Voting>"),
    (document(seed="<prngSeed>-5</prngSeed>"), 5, 3, "prngSeed '-5' must be a whole number"),
    (document(seed="<prngSeed>99999999999999999999999</prngSeed>"), 5, 3, "whole number"),
    (document(dims=""), 2, 1, "<Scenario> needs a <Dimensions> element"),
    (document(dims="<Dimensions><dName>Only</dName></Dimensions>"), 17, 7,
     "<Position> has 2 <dCoord> values; there are 1 dimensions"),
    (document(actors=[*DEFAULT_ACTORS[:3], ("Eve", 5, 120, 1, 10, 10)]), 38, 17,
     "position 120 must be at least 0 and at most 100"),
    (document(actors=[*DEFAULT_ACTORS[:3], ("Eve", 5, 1, 1, 60, 50)]), 39, 32,
     "saliences of actor 'Eve' add up to 110, more than 100"),
    (document(actors=[*DEFAULT_ACTORS[:3], ("Eve", 0, 1, 1, 10, 10)]), 37, 7,
     "capability 0 must be above 0"),
    (document(actors=[*DEFAULT_ACTORS[:3], ("Alice", 5, 1, 1, 10, 10)]), 34, 5,
     "actor name 'Alice' is used twice"),
    (document(actors=DEFAULT_ACTORS[:2], adjust=""), 12, 3, "KTAB needs 3 to 250"),
    (document(actors=[*DEFAULT_ACTORS[:3], ("", 5, 1, 1, 10, 10)]), 35, 7, "<name> is empty"),
    (document(adjust=ADJUST.replace("0.07", "1.5")), 48, 7, "adjust 1.5 must be at least 0"),
    (document(adjust=ADJUST.replace(">Alice</referencePos>\n      <adjust>0.07",
                                    ">Zed</referencePos>\n      <adjust>0.07")), 47, 49,
     "<referencePos> 'Zed' is not the name of an actor"),
    (document(adjust=ADJUST.replace("0.75", "0.95")), 47, 5,
     "the adjustments of Bob's ideal add up to 1.02"),
]


@pytest.mark.parametrize("text, line, col, fragment", CASES,
                         ids=[c[3][:40] for c in CASES])
def test_bad_xml_is_located(tmp_path: Path, text: str, line: int, col: int,
                            fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as err:
        read_file(path)
    assert any(p.line == line and p.col == col and fragment in p.message
               for p in err.value.problems), err.value


def test_bad_xml_through_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, document(actors=[*DEFAULT_ACTORS[:3], ("Eve", 0, 1, 1, 60, 50)]))
    proc = cli("run", path, "-m", "smp", "-f", "json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert f"{path}:37:7: capability 0 must be above 0" in proc.stderr
    assert f"{path}:39:32: saliences of actor 'Eve' add up to 110" in proc.stderr
    proc = cli("validate", write(tmp_path, BILLION_LAUGHS))
    assert proc.returncode == 2 and "DOCTYPE" in proc.stderr


def test_unknown_suffix_lists_xml(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{}")
    proc = cli("validate", path)
    assert proc.returncode == 2 and ".tsv or .xml" in proc.stderr
