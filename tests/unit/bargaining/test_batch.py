"""The batch bargaining analysis equals the single analysis draw by draw."""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining import BargainOptions
from accord.bargaining.batch import analyse_draws, frame
from accord.cases import load_case
from accord.scenario.schema import Scenario
from accord.uncertainty.batch_bargain import bargain_chunk, bargain_frame
from accord.uncertainty.sampling import (
    Noise,
    batch_arrays,
    draw_scenario,
    draw_values,
    layout,
    uncertain_inputs,
)
from accord.uncertainty.seeds import child_uniforms
from accord.uncertainty.verdicts import bargain_draw
from tests.unit.bargaining.batch_helpers import blocking_sets, check_against_single
from tests.unit.uncertainty.cases import talks


def _draws(scn: Scenario, noise: Noise, n: int, seed: int) -> list[Scenario]:
    """n draws as plain scenarios whose red lines are those of the drawn arrays."""
    inputs = uncertain_inputs(scn, noise)
    lay = layout(scn, inputs)
    arr = batch_arrays(lay, draw_values(inputs, child_uniforms(seed, 0, n, len(inputs))))
    point = scn.with_point_values()
    out = []
    for k in range(n):
        stances = []
        for st in point.stances:
            i, j = lay.base.actors.index(st.actor), lay.base.issues.index(st.issue)
            update = {"position": float(arr.position[k, i, j]),
                      "salience": float(arr.salience[k, i, j])}
            if st.reservation is not None:
                update["reservation"] = float(arr.reservation[k, i, j])
            stances.append(st.model_copy(update=update))
        actors = [a.model_copy(update={"capability": float(arr.capability[k, i])})
                  for i, a in enumerate(point.actors)]
        costs = [c.model_copy(update={"drift": float(arr.drift[k, c_])})
                 for c_, c in enumerate(point.costs)]
        issues = [i if i.status_quo_drift is None else i.model_copy(update={
            "status_quo_drift": i.status_quo_drift.model_copy(
                update={"drift": float(arr.no_deal_drift[k, j])})})
            for j, i in enumerate(point.issues)]
        out.append(point.model_copy(update={"actors": tuple(actors), "stances": tuple(stances),
                                            "costs": tuple(costs), "issues": tuple(issues)}))
    return out


def test_builtin_case_draw_by_draw() -> None:
    case = load_case("ukraine-2025-12")
    draws = _draws(case, Noise(), 30, seed=3) + _draws(case, Noise(position_sd=6,
                                                                   salience_sd=0.08), 25, 5)
    got = check_against_single(draws, BargainOptions(), block=32)
    assert len(set(got.opening.tolist())) >= 3 and got.never.any() and not got.never.all()


@pytest.mark.parametrize("options", [
    BargainOptions(horizon=24),
    BargainOptions(loss="quadratic", disagreement="status-quo"),
    BargainOptions(disagreement="worst", power="equal", horizon=0),
    BargainOptions(no_deal={"tariff": 40.0}, no_deal_utility={"B": -20.0}, horizon=12),
])
def test_small_case_with_options(options: BargainOptions) -> None:
    draws = _draws(talks(), Noise(position_sd=8), 25, seed=4)
    check_against_single(draws, options, block=16)


@pytest.mark.parametrize("noise", [Noise(), Noise(position_sd=6, salience_sd=0.05)])
def test_the_monte_carlo_arrays_give_bargain_draws_answers(noise: Noise) -> None:
    """From Monte Carlo's own arrays (BatchArrays), the verdicts of bargain_draw (with noise
    on the positions, stated red lines follow the side rule in both)."""
    case = load_case("ukraine-2025-12")
    inputs = uncertain_inputs(case, noise)
    lay = layout(case, inputs)
    arr = batch_arrays(lay, draw_values(inputs, child_uniforms(3, 0, 200, len(inputs))))
    got = bargain_chunk(bargain_frame(case, BargainOptions()), arr, block=64)
    point = case.with_point_values()
    for k in range(200):
        one = bargain_draw(draw_scenario(point, lay, arr.values[k]), BargainOptions())
        assert (bool(got.deal[k]), tuple(got.zones.open[k].tolist()), bool(got.never[k])) == \
            (one.deal, one.zones, one.never), k
        assert got.opening[k] == (-1 if one.opening is None else one.opening), k


def test_blocking_pairs_draw_by_draw() -> None:
    draws = _draws(load_case("ukraine-2025-12"), Noise(position_sd=4), 15, seed=2)
    draws += _draws(talks(), Noise(), 15, seed=2)[:1]
    for mine, theirs in blocking_sets(draws[:15], BargainOptions()):
        assert mine == theirs and mine
    (mine, theirs), = blocking_sets(draws[15:], BargainOptions())
    assert mine == theirs


def test_one_draw_and_empty_batches() -> None:
    draws = _draws(talks(), Noise(), 3, seed=1)
    check_against_single(draws[:1], BargainOptions())
    got = analyse_draws(frame(draws[0], BargainOptions()), np.zeros((0, 4)),
                        np.zeros((0, 4, 3)), np.zeros((0, 4, 3)), np.zeros((0, 4, 3)),
                        np.zeros((0, 3)))
    assert got.deal.shape == (0,) and got.opening.shape == (0,)


def test_concessions_and_nash_for_chosen_draws() -> None:
    from accord.bargaining import analyse
    from accord.bargaining.batch import batch_problem
    from accord.bargaining.batch_extras import extras
    from tests.unit.bargaining.batch_helpers import stack

    draws = _draws(talks(), Noise(position_sd=8), 6, seed=4)
    fr = frame(draws[0], BargainOptions())
    cap, pos, sal, res, *_ = stack(draws)
    got = extras(batch_problem(fr, cap, pos, sal, res), np.array([5, 0, 3]))
    for q, row in enumerate([5, 0, 3]):
        a = analyse(draws[row])
        assert got.possible[q] == a.plan.possible
        if a.plan.possible:
            assert got.total[q] == a.plan.total
        nash = [np.nan] * len(fr.issues) if a.nash is None else \
            [a.problem.to_issue_scale(j, v) for j, v in enumerate(a.nash.package)]
        np.testing.assert_array_equal(got.nash[q], nash)
        after = [np.nan] * len(fr.issues) if a.nash_after is None else \
            [a.problem.to_issue_scale(j, v) for j, v in enumerate(a.nash_after.package)]
        np.testing.assert_array_equal(got.nash_after[q], after)


def _stacked(draws: list[Scenario], options: BargainOptions) -> tuple[object, ...]:
    from accord.bargaining.batch import batch_problem
    from tests.unit.bargaining.batch_helpers import stack

    fr = frame(draws[0], options)
    cap, pos, sal, res, drift, _ = stack(draws)
    return fr, batch_problem(fr, cap, pos, sal, res), drift


def test_a_scan_finds_what_the_bisection_finds_on_monotone_drifts() -> None:
    from accord.bargaining.batch import LOOSENS, MIXED, CostDrift, analyse_batch

    class Scanned(CostDrift):
        def kinds(self) -> np.ndarray:  # type: ignore[override]
            kinds = super().kinds()
            return np.where(kinds == LOOSENS, MIXED, kinds)  # type: ignore[no-any-return]

    # the January 2022 snapshot without its moving no-deal outcomes: red lines that only
    # loosen, and a zone that opens after about five years
    case = load_case("ukraine-2022-01")
    case = case.model_copy(update={"issues": tuple(
        i.model_copy(update={"status_quo_drift": None}) for i in case.issues)})
    draws = _draws(case, Noise(), 60, seed=3)
    fr, bp, drift = _stacked(draws, BargainOptions(horizon=120))
    plain = CostDrift(fr.scenario, bp, drift)  # type: ignore[attr-defined, arg-type]
    assert (plain.kinds() == LOOSENS).all()
    bisect = analyse_batch(bp, plain, 120)  # type: ignore[arg-type]
    scan = analyse_batch(bp, Scanned(fr.scenario, bp, drift), 120)  # type: ignore[attr-defined, arg-type]
    assert np.array_equal(bisect.opening, scan.opening)
    assert np.array_equal(bisect.never, scan.never)
    assert (bisect.opening > 0).any()


def test_a_schedule_that_opens_and_closes_again_is_scanned() -> None:
    """Red lines that give way for months 5-9 only: a bisection could miss the window."""
    from accord.bargaining.batch import MIXED, MonthState, Schedule, analyse_batch

    class Window(Schedule):
        def __init__(self, bp: object, settles: int) -> None:
            self.bp = bp
            self.settles = settles

        def at(self, rows: np.ndarray, months: np.ndarray) -> MonthState:  # type: ignore[override]
            p = self.bp.players  # type: ignore[attr-defined]
            lower = self.bp.lower[rows][:, p].transpose(1, 2, 0)  # type: ignore[attr-defined]
            upper = self.bp.upper[rows][:, p].transpose(1, 2, 0)  # type: ignore[attr-defined]
            inside = (months >= 5) & (months < 10)
            return MonthState(np.where(inside, np.fmin(lower, 0.0), lower),
                              np.where(inside, np.fmax(upper, 100.0), upper))

        def kinds(self) -> np.ndarray:  # type: ignore[override]
            return np.full(self.bp.size, MIXED, dtype=np.int8)  # type: ignore[attr-defined]

        def limit(self, rows: np.ndarray) -> np.ndarray:  # type: ignore[override]
            raise AssertionError("a mixed schedule is never bisected")

        def settle(self, rows: np.ndarray) -> np.ndarray:  # type: ignore[override]
            return np.full(len(rows), self.settles, dtype=np.int64)

    draws = _draws(talks(), Noise(), 6, seed=3)
    _, bp, _ = _stacked(draws, BargainOptions(horizon=24))
    got = analyse_batch(bp, Window(bp, 100), 24)  # type: ignore[arg-type]
    closed = ~got.deal
    assert closed.any()
    assert np.all(got.opening[closed] == 5) and not got.never.any()
    # a horizon of 4 months misses the window, but the scan past it finds it: not "never"
    short = analyse_batch(bp, Window(bp, 100), 4)  # type: ignore[arg-type]
    assert np.all(short.opening[closed] == -1) and not short.never.any()
    # ... unless everything has stopped moving by then (settled at month 3)
    settled = analyse_batch(bp, Window(bp, 3), 4)  # type: ignore[arg-type]
    assert np.all(settled.opening[closed] == -1) and np.all(settled.never[closed])


def test_skipping_closed_months_never_skips_the_month_lines_touch() -> None:
    """A's maximum loosens 2 a month from 40, B's minimum stays at 60 or hardens: they touch
    at month 10 exactly (or later), after a scan that skips months the box proves closed."""
    from tests.unit.bargaining.helpers import two_actors

    draws = []
    for rate, harden in ((2.0, 0.0), (2.0, 0.5), (0.5, 0.0), (4.0, 1.0), (3.0, 3.0)):
        costs = [{"actor": "A", "drift": rate, "issue": "i0"},
                 {"actor": "B", "drift": harden, "issue": "i0", "direction": "harden",
                  "floor": 90}]
        draws.append(two_actors(40, 60, costs=costs))
    got = check_against_single(draws, BargainOptions(horizon=120))
    assert got.opening.tolist()[:3] == [10, 14, 40]


def test_red_lines_that_stay_crossed_skip_the_scan_with_the_same_answers() -> None:
    """A's maximum loosens toward a floor of 50 and B's minimum (60) hardens: the lines stay
    crossed at every month, so the draw is never open; "never" unless the lines move for more
    than MAX_SCAN months (A at 0.005 a month takes 2,000 months to reach its floor). With B's
    minimum at 45 they cross at first but not for good."""
    from accord.bargaining.batch import CostDrift
    from tests.unit.bargaining.helpers import two_actors

    draws = []
    for rate, res_b in ((2.0, 60), (0.01, 60), (0.005, 60), (2.0, 45)):
        costs = [{"actor": "A", "drift": rate, "issue": "i0", "floor": 50},
                 {"actor": "B", "drift": 0.5, "issue": "i0", "direction": "harden",
                  "floor": 90}]
        draws.append(two_actors(40, res_b, costs=costs))
    got = check_against_single(draws, BargainOptions(horizon=120))
    assert got.opening.tolist() == [-1, -1, -1, 4]
    assert got.never.tolist() == [True, True, False, False]
    fr, bp, drift = _stacked(draws, BargainOptions(horizon=120))
    schedule = CostDrift(fr.scenario, bp, drift)  # type: ignore[attr-defined, arg-type]
    rows = np.arange(4, dtype=np.intp)
    assert schedule.always_crossed(rows).tolist() == [True, True, True, False]
    # the bound holds month by month: no box at any month of the crossed draws
    months = np.arange(0.0, 2500.0, 7.0)
    for row in rows[:3]:
        inside, _ = schedule.box(np.full(months.size, row), months)
        assert not inside.any()
