"""The sizes the bargaining analysis states it handles (accord.bargaining.limits, issue 19)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from accord.bargaining import limits, staged
from accord.bargaining.staged import analyse, analysis_document
from accord.errors import UsageError
from accord.scenario.importers.bdm import read_bdm_csv
from accord.scenario.schema import Scenario

from .helpers import scenario, stance

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_bargain_scale.py"


def _bench() -> ModuleType:
    """The scenario generator of benchmarks/bench_bargain_scale.py."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_bargain_scale", BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH.parent))


def _no_work(*_: object, **__: object) -> None:
    raise AssertionError("the problem was built: the size check must come first")


def test_players_and_their_stances_are_counted_as_the_problem_sees_them() -> None:
    # A and B hold a veto (B only through a stance override); C has none; B does not care
    # about i1
    s = scenario([{"id": "A", "name": "A", "capability": 1.0, "veto": True},
                  {"id": "B", "name": "B", "capability": 1.0, "veto": False},
                  {"id": "C", "name": "C", "capability": 1.0, "veto": False}],
                 ["i0", "i1"],
                 [stance("A", "i0", 10, 0.5), stance("A", "i1", 20, 0.5),
                  stance("B", "i0", 90, 0.5, veto=True), stance("B", "i1", 80, 0.0),
                  stance("C", "i0", 50, 0.5), stance("C", "i1", 50, 0.5)])
    assert limits.player_stances(s) == (2, 3)
    # nobody with a veto: every actor with a stance is a player
    s = scenario(["A", "B"], ["i0"], [stance("A", "i0", 0, 0.5), stance("B", "i0", 100, 0.2)],
                 veto=False)
    assert limits.player_stances(s) == (2, 2)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("MAX_ACTORS", 2, "3 actors: the bargaining analysis handles at most 2"),
    ("MAX_ISSUES", 1, "2 issues: the bargaining analysis handles at most 1"),
    ("MAX_PLAYER_STANCES", 5, "3 veto players have 6 stances that matter to them (salience "
                              "above 0): the bargaining analysis handles at most 5"),
])
def test_beyond_a_limit_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch, field: str,
                                                   value: int, words: str) -> None:
    s = scenario(["A", "B", "C"], ["i0", "i1"],
                 [stance(a, i, x, 0.5) for a, x in (("A", 0), ("B", 50), ("C", 100))
                  for i in ("i0", "i1")])
    analyse(s)  # within the limits
    monkeypatch.setattr(limits, field, value)
    monkeypatch.setattr(staged, "build_problem", _no_work)
    with pytest.raises(UsageError, match=re.escape(words)):
        analyse(s)


def test_one_issue_counts_players(monkeypatch: pytest.MonkeyPatch) -> None:
    s = read_bdm_csv(_bench().bdm_csv(12, veto=1.0), "x.csv")[0]
    analyse(s)
    monkeypatch.setattr(limits, "MAX_ONE_ISSUE_PLAYERS", 11)
    monkeypatch.setattr(staged, "build_problem", _no_work)
    with pytest.raises(UsageError, match="one issue and 12 veto players: the bargaining "
                                         "analysis handles at most 11 on one issue"):
        analyse(s)


@pytest.mark.slow
def test_the_guaranteed_size_completes_and_beyond_it_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    bench = _bench()
    big = Scenario.model_validate(bench.scenario_data(limits.MAX_ACTORS, limits.MAX_ISSUES))
    assert limits.player_stances(big)[1] <= limits.MAX_PLAYER_STANCES
    doc = analysis_document(analyse(big))
    assert doc.verdict in ("deal possible", "no deal")
    assert len(doc.issues) == limits.MAX_ISSUES
    one = read_bdm_csv(bench.bdm_csv(limits.MAX_ONE_ISSUE_PLAYERS, veto=1.0), "x.csv")[0]
    assert analysis_document(analyse(one)).verdict in ("deal possible", "no deal")

    monkeypatch.setattr(staged, "build_problem", _no_work)
    beyond = [
        read_bdm_csv(bench.bdm_csv(limits.MAX_ACTORS + 1), "x.csv")[0],
        read_bdm_csv(bench.bdm_csv(limits.MAX_ONE_ISSUE_PLAYERS + 1, veto=1.0), "x.csv")[0],
        Scenario.model_validate(bench.scenario_data(5, limits.MAX_ISSUES + 1)),
        Scenario.model_validate(bench.scenario_data(limits.MAX_ACTORS, limits.MAX_ISSUES,
                                                    vetoes=3)),
    ]
    for s in beyond:
        with pytest.raises(UsageError, match="the bargaining analysis handles at most"):
            analyse(s)
