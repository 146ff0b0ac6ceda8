"""Loading, saving, digests and arrays of scenarios (library level)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from accord.errors import InputError
from accord.scenario import dump_scenario, parse_scenario, scenario_arrays
from accord.scenario.arrays import from_unit, issue_data, to_unit
from accord.scenario.numbers import Normal, point
from accord.scenario.schema import Scenario
from tests.conftest import cli
from tests.unit.scenario.test_bad_input import GOOD


def test_parse_good() -> None:
    s = parse_scenario(GOOD, "good.yaml")
    assert [a.id for a in s.actors] == ["A", "B"]
    assert s.issue("i1").range == (0.0, 100.0)
    assert s.issue("i1").labels == {0.0: "nothing", 100.0: "everything"}
    assert s.stance("A", "i1").evidence[0].quote == "Alpha wants little"  # type: ignore[union-attr]
    assert s.has_veto("A", "i1") and not s.has_veto("B", "i1")


def test_digest_is_stable_and_content_sensitive() -> None:
    a = parse_scenario(GOOD, "a.yaml")
    b = parse_scenario(GOOD + "\n# a comment changes nothing\n", "b.yaml")
    c = parse_scenario(GOOD.replace("position: 20", "position: 21"), "c.yaml")
    assert a.digest() == b.digest()
    assert a.digest() != c.digest()
    assert len(a.digest()) == 64


def test_digest_stable_across_processes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    digests = set()
    for _ in range(2):
        proc = cli("run", path, "--model", "compromise", "--format", "json")
        assert proc.returncode == 0, proc.stderr
        import json

        digests.add(json.loads(proc.stdout)["scenario"]["digest"])
    assert digests == {parse_scenario(GOOD, "x").digest()}


def test_save_round_trip() -> None:
    s = parse_scenario(GOOD, "a.yaml")
    again = parse_scenario(dump_scenario(s), "again.yaml")
    assert again == s
    assert again.digest() == s.digest()


def test_programmatic_construction_is_validated() -> None:
    data = parse_scenario(GOOD, "a.yaml").model_dump()
    data["stances"][0]["actor"] = "Z"
    with pytest.raises(ValueError, match="unknown actor 'Z'"):
        Scenario.model_validate(data)


def test_distributions_and_point_values() -> None:
    text = GOOD.replace("position: 20", "position: {dist: normal, mean: 30, sd: 5, low: 10}")
    s = parse_scenario(text, "d.yaml")
    pos = s.stance("A", "i1").position  # type: ignore[union-attr]
    assert isinstance(pos, Normal) and point(pos) == 30
    assert s.is_uncertain()
    flat = s.with_point_values()
    assert not flat.is_uncertain()
    assert flat.stance("A", "i1").position == 30  # type: ignore[union-attr]


@pytest.mark.parametrize("dist, fragment", [
    ("{dist: normal, mean: 30, sd: -1}", "sd"),
    ("{dist: uniform, low: 50, high: 40}", "above high"),
    ("{dist: triangular, low: 10, mode: 60, high: 50}", "low <= mode <= high"),
    ("{dist: gamma, shape: 2}", "distribution"),
    ("{dist: uniform, low: 50, high: 140}", "outside the issue's range"),
])
def test_bad_distributions(dist: str, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_scenario(GOOD.replace("position: 20", f"position: {dist}"), "d.yaml")
    assert any(fragment in p.message and p.line == 17 for p in err.value.problems), err.value


def test_arrays_follow_ids() -> None:
    s = parse_scenario(GOOD, "a.yaml")
    arr = scenario_arrays(s)
    assert arr.actors == ("A", "B") and arr.issues == ("i1",)
    assert arr.position[:, 0].tolist() == [20, 80]
    assert arr.salience[:, 0].tolist() == [0.5, 0.9]
    assert arr.veto[:, 0].tolist() == [True, False]
    data = issue_data(s, arr, "i1")
    assert data.weight.tolist() == [1.0, 0.9]
    assert math.isnan(arr.status_quo[0])


def test_unit_scale_round_trip() -> None:
    x = np.array([4.0, 7.0, 10.0])
    assert to_unit(x, 4, 10).tolist() == [0, 50, 100]
    assert from_unit(to_unit(x, 4, 10), 4, 10).tolist() == x.tolist()


def test_negative_zero_reads_back_with_the_same_digest() -> None:
    """A CSV position of -0 is a float -0.0; writing it as the integer 0 would change the
    digest, and the store would refuse to keep the scenario for re-running."""
    from accord.scenario.importers.bdm import read_bdm_csv

    scenario, _ = read_bdm_csv("actor,capability,position,salience\nA,1,-0,0.5\nB,1,10,0.5\n",
                               "neg.csv")
    again = parse_scenario(dump_scenario(scenario), "again.yaml")
    assert again.digest() == scenario.digest()
