"""Importers: BDM-style CSV (any line ends, salience scale detection), KTAB CSV, DEU TSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import InputError
from accord.scenario.files import read_file
from tests.conftest import REFERENCE, cli, need_shared

EC = """actor,capability,position,salience
Netherlands,0.08,4,0.8
Belgium,0.08,7,0.4
Luxembourg,0.03,4,0.2
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_bdm_any_line_ends(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "ec.csv"
    path.write_bytes(EC.replace("\n", newline).encode())
    loaded = read_file(path)
    s = loaded.scenario
    assert [a.name for a in s.actors] == ["Netherlands", "Belgium", "Luxembourg"]
    assert s.issues[0].range == (4.0, 7.0)
    assert any("0-1 scale" in n for n in loaded.notes)


def test_bdm_salience_0_100_detected(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("actor,capability,position,salience\nA,1,10,80\nB,2,90,40\n")
    loaded = read_file(path)
    assert [s.salience for s in loaded.scenario.stances] == [0.8, 0.4]
    assert any("0-100 scale" in n for n in loaded.notes)


def test_bdm_range_directive(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("# issue: Emission standards (years)\n# range: 4, 10\n"
                    "actor,capability,position,salience\nA,1,5,0.5\nB,2,6,0.4\n")
    s = read_file(path).scenario
    assert s.issues[0].range == (4.0, 10.0)
    assert s.issues[0].name == "Emission standards (years)"


def test_bdm_all_same_position_gets_a_real_range(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("actor,capability,position,salience\nA,1,5,0.5\nB,2,5,0.4\n")
    lo, hi = read_file(path).scenario.issues[0].range
    assert lo < 5 < hi or (lo <= 5 <= hi and lo < hi)


@pytest.mark.parametrize("body, line, col, fragment", [
    ("actor,capability,position,salience\nA,x,5,0.5\n", 2, 3, "capability 'x' is not a number"),
    ("actor,capability,position\nA,1,5\n", 1, 1, "missing column 'salience'"),
    ("actor,capability,position,salience,colour\nA,1,5,0.5,red\n", 1, 36,
     "unknown column 'colour'"),
    ("actor,capability,position,salience\nA,-1,5,0.5\n", 2, 3, "capability -1 must be above 0"),
    ("actor,capability,position,salience\nA,1,5\n", 2, 5, "expected 4 cells"),
    ("actor,capability,position,salience\nA,1,5,0.5\nA,1,6,0.5\n", 3, 1, "duplicate actor"),
])
def test_bdm_errors_are_located(tmp_path: Path, body: str, line: int, col: int,
                                fragment: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body)
    with pytest.raises(InputError) as err:
        read_file(path)
    assert any(p.line == line and p.col == col and fragment in p.message
               for p in err.value.problems), err.value
    proc = cli("run", path)
    assert proc.returncode == 2 and f"{path}:{line}:{col}:" in proc.stderr


def test_unrecognised_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    proc = cli("validate", path)
    assert proc.returncode == 2 and "unrecognised CSV" in proc.stderr


def test_ktab_bundled_inputs_read() -> None:
    need_shared()
    for path in sorted((REFERENCE / "ktab" / "inputs").glob("*.csv")):
        s = read_file(path).scenario
        n, d = len(s.actors), len(s.issues)
        assert len(s.stances) == n * d
        assert all(0 <= st.salience <= 1 for st in s.stances)  # type: ignore[operator]


def test_ktab_csv_shape_and_scaling(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Demo,A demo,3,2,\nActor,Description,Power,Econ,Sal,Soc,Sal\n"
                    "A, first ,10,20,30,40,50\nB,second,20,25,45,45,65\n"
                    "C,third,30,30,50,50,60\n")
    with pytest.raises(InputError) as err:
        read_file(path)
    # B's and C's saliences add up to more than 100: KTAB refuses that too
    assert {p.line for p in err.value.problems} == {4, 5}
    path.write_text("Demo,A demo,3,2,\nActor,Description,Power,Econ,Sal,Soc,Sal\r\n"
                    "A, first ,10,20,30,40,50\r\nB,second,20,25,35,45,45\r\n"
                    "C,third,30,30,40,50,10\r\n")
    s = read_file(path).scenario
    assert [i.name for i in s.issues] == ["Econ", "Soc"]
    assert s.stance("B", "Soc").salience == pytest.approx(0.45)  # type: ignore[union-attr]
    assert s.actor("A").description == "first"


def test_ktab_wrong_actor_count(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Demo,A demo,4,1,\nActor,Description,Power,Econ,Sal\n"
                    "A,a,10,20,30\nB,b,20,25,35\nC,c,30,30,40\n")
    with pytest.raises(InputError, match="promises 4 actors"):
        read_file(path)


def test_deu_collection() -> None:
    need_shared()
    loaded = read_file(REFERENCE / "deu" / "deu-dev.tsv")
    assert loaded.is_collection
    assert len(loaded.scenarios) == 255
    observed = [s for s in loaded.scenarios if s.issues[0].observed is not None]
    assert len(observed) == 248
    first = loaded.scenarios[0]
    assert first.meta["proc"] in ("COD", "CNS") and first.meta["counvte"] in ("QMV", "Unan")
    assert first.actor("de").capability == pytest.approx(4.1)
    assert all(st.salience > 0 for s in loaded.scenarios for st in s.stances)  # type: ignore[operator]


def test_deu_bad_capability(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("isnr\tpcom\tpde\tscom\tsde\trp\tout\n\t4.1\tx\t\t\t\t\n"
                    "i1\t10\t20\t50\t60\t\t15\n")
    with pytest.raises(InputError) as err:
        read_file(path)
    assert err.value.problems[0].line == 2 and "capability of 'de'" in err.value.problems[0].message
