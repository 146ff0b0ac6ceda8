"""Files made to hurt the loader (issue 19): alias bombs, deep nesting, overlong ids, huge and
infinite numbers, odd line separators, misleading messages. Each is refused with a located
problem (or, for overlong ids, loaded with a note), quickly and in little memory."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from accord.errors import InputError, Problem
from accord.scenario.files import read_file, read_text_input
from accord.scenario.yamlread import read_yaml
from tests.unit.scenario.mutate import BDM, KTAB_CSV, KTAB_XML, SMALL_YAML

HEAD = "accord: 1\nid: x\ntitle: X\n"
BDM_HEAD = "actor,capability,position,salience\n"
TWO = """actors:
  - {id: A, name: A, capability: 1}
  - {id: B, name: B, capability: 1}
issues:
  - {id: i, name: I, range: RANGE}
stances:
  - {actor: A, issue: i, position: 10, salience: 0.5}
  - {actor: B, issue: i, position: 90, salience: 0.5}
"""


def alias_bomb() -> str:
    lines = ["a0: &a0 [lol]"]
    for n in range(1, 7):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]")
    return HEAD + "\n".join(lines) + "\ndescription: *a6\n"


def refused(text: str, name: str) -> list[Problem]:
    """The problems of ``text`` read as file ``name`` (it must be refused)."""
    with pytest.raises(InputError) as info:
        read_text_input(text, name)
    return list(info.value.problems)


def test_alias_bomb_is_refused_quickly_at_the_alias() -> None:
    start = time.process_time()
    found = refused(alias_bomb(), "bomb.yaml")
    assert time.process_time() - start < 2
    assert [(p.line, p.message[:27]) for p in found] == [(8, "YAML aliases expand to more")]
    assert found[0].col > 1  # at the alias, not the start of the line


def test_small_aliases_and_merges_still_work() -> None:
    text = SMALL_YAML.replace("sources:", "extra: &x {capability: 3}\nsources:")
    text = text.replace("  - {id: B, name: Beta,", "  - {<<: *x, id: C, name: Gamma}\n"
                                                   "  - {id: B, name: Beta,")
    located = read_yaml(text, "m.yaml")
    assert located.problems == []
    assert located.data["actors"][1] == {"id": "C", "name": "Gamma", "capability": 3}


@pytest.mark.parametrize("body", [
    "meta: " + "[" * 500 + "]" * 500,
    "meta: " + "{a: " * 500 + "1" + "}" * 500,
    "meta:\n" + "".join("  " * k + f"k{k}:\n" for k in range(1, 300)) + "  " * 300 + "v: 1",
])
def test_deep_nesting_is_refused(body: str) -> None:
    found = refused(HEAD + body + "\n", "deep.yaml")
    assert any("nested more than 64 levels deep" in p.message and p.line >= 4 for p in found)


def test_aliases_cannot_nest_deeper_than_the_limit() -> None:
    chain = ["a0: &a0 [x]"] + [f"a{n}: &a{n} [*a{n - 1}]" for n in range(1, 100)]
    found = refused(HEAD + "\n".join(chain) + "\n", "chain.yaml")
    assert any("more than 64 levels deep" in p.message for p in found)


def test_long_bdm_actor_name_gives_a_shortened_id_and_a_note(tmp_path: Path) -> None:
    long_a, long_b = "A" * 100, "A" * 90 + "B" * 10
    path = tmp_path / "p.csv"
    path.write_text(f"{BDM_HEAD}{long_a},1,5,0.5\n{long_b},2,6,0.4\n", encoding="utf-8")
    loaded = read_file(path)
    ids = [a.id for a in loaded.scenario.actors]
    assert [len(i) for i in ids] == [80, 80] and ids[0] != ids[1]
    assert [a.name for a in loaded.scenario.actors] == [long_a, long_b]
    assert any("cut to 80" in n for n in loaded.notes)


def test_long_file_stem_gives_a_shortened_scenario_id(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 90 + ".csv")
    path.write_text(f"{BDM_HEAD}A,1,5,0.5\nB,2,6,0.4\n", encoding="utf-8")
    assert read_file(path).scenario.id == "x" * 80


def test_long_ktab_titles_and_dimension_names_give_shortened_ids() -> None:
    text = KTAB_CSV.replace("Demo", "D" * 100).replace("Tax", "T" * 100)
    loaded = read_text_input(text, "k.csv")
    assert loaded.scenario.id == "D" * 80
    assert loaded.scenario.issues[0].id == "T" * 80
    xml = KTAB_XML.replace("<name>Demo", "<name>" + "D" * 100).replace("Tax", "T" * 200)
    scenario = read_text_input(xml, "k.xml").scenario
    assert (scenario.id, scenario.issues[0].id) == ("D" * 80, "T" * 80)


@pytest.mark.parametrize("text, name, line, fragment", [
    ("# range: -inf, inf\n" + BDM_HEAD + "A,1,5,0.5\n", "p.csv", 1, "'# range:' needs"),
    (f"# range: 0, {'9' * 400}\n{BDM_HEAD}A,1,5,0.5\n", "p.csv", 1, "'# range:' needs"),
    ("# range: 0, 1e-9\n" + BDM_HEAD + "A,1,0,0.5\n", "p.csv", 1, "narrower than 1e-06"),
    (f'{BDM_HEAD}"{"A" * 140_000}",1,5,0.5\n', "p.csv", 2, "longer than 131,072 characters"),
    (f"{BDM_HEAD}A,1,{'9' * 400},0.5\n", "p.csv", 2, "out of bounds"),
    (f"{BDM_HEAD}A,1,5,0.5{',' * 20_000}\n", "p.csv", 2, "more than 10,000 cells"),
    (KTAB_XML.replace("<prngSeed>42", "<prngSeed>\u00b2"), "k.xml", 3, "prngSeed '\u00b2'"),
    (KTAB_XML.replace("<prngSeed>42", "<prngSeed>" + "7" * 5000), "k.xml", 3, "prngSeed"),
    (HEAD + TWO.replace("RANGE", "[0, 100]").replace("position: 10", "position: " + "9" * 400),
     "y.yaml", 10,
     "(400 digits) is out of bounds"),
    (HEAD + TWO.replace("RANGE", "[0, 1e308]"), "y.yaml", 8, "1e+308 is out of bounds"),
    (HEAD + TWO.replace("RANGE", "[-1e308, 1e308]"), "y.yaml", 8, "-1e+308 is out of bounds"),
    (HEAD + TWO.replace("RANGE", "[0, 1e-9]").replace("position: 10", "position: 0")
     .replace("position: 90", "position: 0"), "y.yaml", 8, "narrower than 1e-06"),
    (HEAD + TWO.replace("RANGE", "[0, 100]").replace("salience: 0.5}", "salience: "
     "{dist: uniform, low: 0, high: 1e13}}", 1), "y.yaml", 10, "1e+13 is out of bounds"),
])
def test_hostile_numbers_and_cells_are_located(text: str, name: str, line: int,
                                                fragment: str) -> None:
    found = refused(text, name)
    assert any(p.line == line and fragment in p.message for p in found), found
    assert all(len(p.message) < 300 for p in found)  # a huge value is not echoed in full


def test_a_huge_number_is_reported_once() -> None:
    text = HEAD + TWO.replace("RANGE", "[0, 100]").replace("position: 10", "position: " + "9" * 400)
    found = refused(text, "y.yaml")
    assert [p.line for p in found] == [10]


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
                                  "\u2029"])
def test_csv_lines_are_counted_as_editors_do(char: str) -> None:
    text = f"{BDM_HEAD}A{char}a,1,5,0.5\nB,x,6,0.4\n"
    found = refused(text, "p.csv")
    assert [(p.line, p.col) for p in found] == [(3, 3)], found


def test_csv_cells_with_odd_separators_keep_their_text() -> None:
    loaded = read_text_input(BDM.replace("Belgium", "Bel\u2028gium"), "p.csv")
    assert loaded.scenario.actors[1].name == "Bel\u2028gium"


def test_directory_and_missing_extension_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)
    (tmp_path / "noext").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape("has no extension; expected .yaml")):
        read_file(tmp_path / "noext")


def test_negative_salience_has_no_percent_hint() -> None:
    found = refused(SMALL_YAML.replace("salience: 0.5", "salience: -0.5"), "s.yaml")
    assert [p.message for p in found] == ["salience -0.5 is outside [0, 1]"]
    found = refused(SMALL_YAML.replace("salience: 0.5", "salience: 80"), "s.yaml")
    assert [p.message for p in found] == ["salience 80 is outside [0, 1] (write 0.8, not 80)"]


@pytest.mark.parametrize("sep, shown", [(";", "';'"), ("\t", "a tab")])
def test_csv_with_another_separator_says_so(sep: str, shown: str) -> None:
    found = refused(BDM.replace(",", sep), "p.csv")
    assert [p.message for p in found] == [f"fields are separated by {shown}; use commas (save "
                                          "the file as comma-separated CSV)"]


def test_yaml_control_character_is_located() -> None:
    for pure in (False, True):
        located = read_yaml("a: 1\nb: x\x07y\n", "c.yaml", pure=pure)
        assert [(p.line, p.col) for p in located.problems] == [(2, 5)], located.problems


def test_both_yaml_parsers_read_the_same() -> None:
    """The fast parser (libyaml) and the pure-Python one give the same data and places."""
    texts = [SMALL_YAML, alias_bomb(), HEAD + "x: [1, 2\n", HEAD + "---\nother: 1\n",
             HEAD + "k: !!python/object 1\nv: 0x1F\nw: 1_000\nd: 2025-02-30\n"]
    for text in texts:
        fast, pure = read_yaml(text, "t.yaml"), read_yaml(text, "t.yaml", pure=True)
        assert fast.data == pure.data and fast.marks == pure.marks
        assert [(p.line, p.col) for p in fast.problems] == [(p.line, p.col)
                                                            for p in pure.problems]


@pytest.mark.slow
def test_large_files_parse_in_seconds() -> None:
    actors = "".join(f"  - {{id: a{k}, name: Actor number {k}, capability: {k % 7 + 1}}}\n"
                     for k in range(60_000))
    text = HEAD + "issues:\n  - {id: i1, name: Issue one}\nactors:\n" + actors
    start = time.process_time()
    assert len(read_text_input(text, "big.yaml").scenario.actors) == 60_000
    assert time.process_time() - start < 5
    commas = BDM_HEAD + ("," * 5000 + "\n") * 420
    start = time.process_time()
    with pytest.raises(InputError):
        read_text_input(commas, "commas.csv")
    assert time.process_time() - start < 5
