"""EUM perceptions and who moved whom, SMP coalitions, exchange trades: read from results."""

from __future__ import annotations

import numpy as np
import pytest

from accord.cases import load_case
from accord.models.eum.perceptions import perceptions, quadrant
from accord.models.spatial.coalitions import smp_coalitions
from accord.models.trades import exchange_trades
from accord.scenario.files import read_file
from accord.workflows.registry import MODELS
from tests.conftest import need_shared
from tests.unit.bargaining.helpers import scenario, stance


@pytest.mark.parametrize(("own", "other", "expected"), [
    (0.3, 0.5, ("conflict", "self")),
    (0.5, 0.3, ("conflict", "other")),
    (-0.2, 0.5, ("compromise", "self")),
    (-0.6, 0.5, ("capitulation", "self")),
    (0.5, -0.2, ("compromise", "other")),
    (0.5, -0.6, ("capitulation", "other")),
    (-0.1, -0.3, ("status-quo", None)),
    (0.0, 0.0, ("status-quo", None)),
])
def test_quadrants(own: float, other: float, expected: tuple[str, str | None]) -> None:
    assert quadrant(own, other) == expected


@pytest.mark.parametrize("preset", ["scholz2011", "scholz-code", "masad2014"])
def test_perceptions_replay_the_moves_the_trajectory_shows(preset: str) -> None:
    """The recomputed expectations lead, through the model's own offers, exactly to the stored
    trajectory and moves: if the EUM changes in a way this reading does not follow, this
    fails."""
    s = load_case("ukraine-2025-12")
    result = MODELS["eum"].run(s, preset=preset)
    for issue in result.trajectory or {}:
        rounds = perceptions(s, result, issue)
        diag = result.diagnostics["issues"][issue]
        assert [r.round for r in rounds if r.applied] == list(range(1, diag["rounds_run"] + 1))
        assert all(r.consistent for r in rounds), issue
        assert [{m.actor: m.kind for m in r.moves} for r in rounds if r.applied] == \
            diag["moves"]
        rows = result.trajectory[issue] if result.trajectory else []
        for r in rounds:
            for m in r.moves:
                assert m.by, (issue, r.round, m.actor)
                k = result.actors.index(m.actor)
                assert m.start == pytest.approx(rows[r.round - 1][k])
                assert m.end == pytest.approx(rows[r.round][k])
            for p in r.perceptions:   # a capitulation needs the option on
                if preset == "scholz-code" and p.quadrant == "capitulation":
                    assert all(m.kind != "capitulation" for m in r.moves)


def test_perceptions_on_the_published_ec_case_with_many_rounds() -> None:
    need_shared()
    from tests.conftest import REFERENCE

    (s,) = read_file(REFERENCE / "ec-emissions" / "actors.csv").scenarios
    result = MODELS["eum"].run(s, preset="scholz-code", params={"rounds": 10,
                                                                "stop": "rounds"})
    issue = s.issues[0].id
    rounds = perceptions(s, result, issue)
    assert rounds and all(r.consistent for r in rounds)
    moved = [m for r in rounds for m in r.moves]
    assert moved and all(m.by for m in moved)


def test_a_confrontation_by_hand() -> None:
    # Two actors; the weaker one expects to lose a challenge and the stronger to win.
    s = scenario(["A", "B"], ["x"], [stance("A", "x", 0, 1.0), stance("B", "x", 100, 1.0)],
                 veto=False)
    s = s.model_copy(update={"actors": (s.actors[0].model_copy(update={"capability": 4.0}),
                                        s.actors[1])})
    result = MODELS["eum"].run(s)
    (first, *_) = perceptions(s, result, "x")
    by_pair = {(p.actor, p.other): p for p in first.perceptions}
    assert by_pair[("A", "B")].own > 0 > by_pair[("B", "A")].own
    assert by_pair[("B", "A")].yields == "B"


def test_perceptions_refuse_other_models() -> None:
    s = load_case("ukraine-2025-12")
    with pytest.raises(ValueError, match="'eum' result"):
        perceptions(s, MODELS["compromise"].run(s), "nato")


def test_exchange_trades_by_hand() -> None:
    # docs/bargaining.md example 5: B moves from 100 to 20 on i1 toward A, A from 0 to 80 on
    # i2 toward B; each gains 9.6.
    s = scenario(["A", "B"], ["i1", "i2"],
                 [stance("A", "i1", 0, 0.8), stance("A", "i2", 0, 0.2),
                  stance("B", "i1", 100, 0.2), stance("B", "i2", 100, 0.8)], veto=False)
    result = MODELS["exchange"].run(s)
    trades = exchange_trades(result)
    assert trades.complete and len(trades.trades) == 5
    first = trades.trades[0]
    assert first.round == 1 and first.gain == pytest.approx(9.6)
    b_leg, a_leg = first.legs
    assert (b_leg.actor, b_leg.issue, b_leg.to) == ("B", "i1", "A")
    assert (b_leg.start, b_leg.end) == pytest.approx((100.0, 20.0))
    assert (a_leg.actor, a_leg.issue, a_leg.to) == ("A", "i2", "B")
    assert (a_leg.start, a_leg.end) == pytest.approx((0.0, 80.0))
    with pytest.raises(ValueError, match="'exchange' result"):
        exchange_trades(MODELS["compromise"].run(s))


def test_smp_coalitions_partition_the_actors_and_carry_probabilities() -> None:
    s = load_case("ukraine-2025-12")
    result = MODELS["smp"].run(s)
    coalitions = smp_coalitions(s, result)
    assert [c.rank for c in coalitions] == list(range(1, len(coalitions) + 1))
    probs = [c.probability for c in coalitions]
    assert sum(probs) == pytest.approx(1.0) and probs == sorted(probs, reverse=True)
    members = sorted(a for c in coalitions for a in c.members)
    assert members == sorted(a.id for a in s.actors)
    assert sum(c.capability_share for c in coalitions) == pytest.approx(1.0)
    assert [i for i, _ in coalitions[0].position] == [i.id for i in s.issues]
    assert np.isfinite([v for c in coalitions for _, v in c.position]).all()
    with pytest.raises(ValueError, match="'smp' result"):
        smp_coalitions(s, MODELS["compromise"].run(s))


def test_pair_readings_can_be_limited_to_whole_first_rounds_and_to_one_actor() -> None:
    s = load_case("ukraine-2025-12")
    result = MODELS["eum"].run(s)
    whole = perceptions(s, result, "nato")
    assert len(whole) > 2 and all(r.perceptions for r in whole)
    first = perceptions(s, result, "nato", pairs=9 * 8 + 1)       # 9 actors: one round
    assert first[0].perceptions == whole[0].perceptions
    assert all(r.perceptions is None for r in first[1:])
    assert [r.moves for r in first] == [r.moves for r in whole]      # moves always read
    assert [r.consistent for r in first] == [r.consistent for r in whole]
    assert all(r.perceptions is None for r in perceptions(s, result, "nato", pairs=0))
    mine = perceptions(s, result, "nato", actor="UKR")
    assert mine[0].perceptions
    for r, w in zip(mine, whole, strict=True):
        assert r.perceptions == tuple(p for p in w.perceptions or ()
                                      if "UKR" in (p.actor, p.other))
