"""The timeline library: snapshots of a case lined up by issue, the JSON document."""

from __future__ import annotations

import pytest

from accord.bargaining import analyse
from accord.cases import load_case
from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.scenario.load import load_scenario
from accord.workflows.analysis import analyse as analyse_all
from accord.workflows.registry import MODELS
from accord.workflows.settings import AnalysisSettings
from accord.workflows.timeline import (
    TIMELINE_MODELS,
    build_timeline,
    case_snapshots,
    order_snapshots,
    timeline_document,
)
from tests.unit.reports.helpers import TALKS, scenario

CROSSING = [
    {"actor": "A", "issue": "x", "position": 10, "salience": 0.8, "reservation": 40},
    {"actor": "B", "issue": "x", "position": 90, "salience": 0.6, "reservation": 60},
]
MEETING = [dict(CROSSING[0], reservation=70), dict(CROSSING[1], reservation=30)]


def test_snapshots_are_ordered_by_date_and_checked() -> None:
    late = scenario(MEETING, ident="late", as_of="2026-06", case="c")
    early = scenario(CROSSING, ident="early", as_of="2025-11-30", case="c")
    assert [s.id for s in order_snapshots([late, early])] == ["early", "late"]
    with pytest.raises(UsageError, match="no as_of date"):
        order_snapshots([late, scenario(CROSSING, ident="x", as_of=None, case="c")])
    with pytest.raises(UsageError, match="appears more than once"):
        order_snapshots([late, late])
    with pytest.raises(UsageError, match="different cases"):
        order_snapshots([late, scenario(CROSSING, ident="y", case="other")])
    with pytest.raises(UsageError, match="at least one"):
        order_snapshots([])


def test_forecasts_zones_and_verdicts_line_up_by_issue() -> None:
    # 'y' is on the table only in the second snapshot; issues are matched by id
    first = scenario(CROSSING, ident="first", as_of="2025-01", case="c")
    issues = [{"id": "y", "name": "Issue y", "range": [4, 10]},
              {"id": "x", "name": "Issue x (renamed)"}]
    second = scenario([*MEETING, {"actor": "A", "issue": "y", "position": 5, "salience": 1}],
                      ident="second", as_of="2025-07", case="c", issues=issues)
    t = build_timeline([second, first], models=["compromise", "nash"])
    assert [r.id for r in t.runs] == ["first", "second"] and t.case == "c"
    assert [i.id for i in t.issues] == ["x", "y"]  # first appearance fixes the order
    x = t.issue("x")
    assert x.issue.name == "Issue x (renamed)"       # the latest snapshot names it
    assert x.points[0].zone is None and x.points[0].blocking[0].gap == pytest.approx(20)
    assert x.points[1].zone == pytest.approx((30, 70))
    assert x.points[0].forecasts["compromise"] == pytest.approx(
        MODELS["compromise"].run(first).outcome["x"])
    assert x.points[0].forecasts["nash"] is None     # no zone, no Nash solution
    assert x.points[1].forecasts["nash"] == pytest.approx(MODELS["nash"].run(second)
                                                          .outcome["x"])
    y = t.issue("y")
    assert not y.points[0].on_table and y.points[1].on_table and y.points[1].stances == 1
    assert [r.analysis.verdict for r in t.runs] == [analyse(first).verdict,
                                                    analyse(second).verdict]


def test_the_json_document() -> None:
    t = build_timeline([load_scenario(p) for p in TALKS])
    doc = timeline_document(t)
    assert doc["case"] == "talks" and doc["models"] == list(TIMELINE_MODELS)
    assert [s["id"] for s in doc["snapshots"]] == ["talks-2024-11", "talks-2025-12"]
    snap = doc["snapshots"][0]
    assert set(snap) == {"id", "title", "as_of", "digest", "verdict", "blocking",
                         "concession_points", "opens", "months", "never", "horizon"}
    assert snap["verdict"] == "no deal" and snap["blocking"][0]["gap"] == 30.0
    territory = doc["issues"]["territory"]
    assert territory["range"] == [0.0, 100.0] and territory["labels"]["0"]
    point = territory["snapshots"][0]
    assert point["snapshot"] == "talks-2024-11" and point["zopa"] is None
    assert set(point["forecasts"]) == set(TIMELINE_MODELS)
    assert {"actor": "N", "side": "min", "value": 70.0, "binding": True} in point["red_lines"]


def test_unknown_model_fails_before_any_work() -> None:
    with pytest.raises(UsageError, match="unknown model"):
        build_timeline([load_scenario(TALKS[0])], models=["nosuch"])


def test_a_snapshot_takes_its_place_in_its_built_in_case() -> None:
    edited = load_case("ukraine-2025-01").model_copy(update={"title": "edited copy"})
    snaps = case_snapshots(edited)
    assert snaps is not None and len(snaps) == 13
    assert [s.title for s in snaps if s.id == "ukraine-2025-01"] == ["edited copy"]
    newer = load_case("ukraine-2026-02").model_copy(update={"id": "mine-2026-03",
                                                           "as_of": "2026-03"})
    snaps = case_snapshots(newer)
    assert snaps is not None and [s.id for s in snaps][-2:] == ["ukraine-2026-02",
                                                                "mine-2026-03"]
    assert case_snapshots(load_scenario(TALKS[0])) is None  # 'talks' is not built in
    assert case_snapshots(scenario(CROSSING)) is None


def test_results_computed_already_are_reused_and_agree() -> None:
    first = scenario(CROSSING, ident="first", as_of="2025-01", case="c")
    second = scenario(MEETING, ident="second", as_of="2025-07", case="c")
    done = analyse_all(second, AnalysisSettings(
        models=tuple(ModelChoice(model=m) for m in ("compromise", "eum", "median"))))
    fresh = build_timeline([first, second], models=["compromise", "eum"])
    reused = build_timeline([first, second], models=["compromise", "eum"], known=[done])
    assert reused.run("second").results[0] is done.results[0]    # taken, not recomputed
    assert reused.run("second").analysis is done.bargaining       # every stage it needs
    assert timeline_document(reused) == timeline_document(fresh)
