"""The mathematics of the spatial model, piece by piece (README of shared/reference/ktab, 3.x)."""

from __future__ import annotations

import numpy as np
import pytest

from accord.models.spatial.bargain import interpolate, round_half_up, weighted_average
from accord.models.spatial.challenge import Perceptions, best_targets, evaluate
from accord.models.spatial.options import PCE_FLOOR
from accord.models.spatial.outcome import merge
from accord.models.spatial.pce import conditional, markov_incentive, markov_uniform, pce
from accord.models.spatial.utility import (
    distances,
    perceived_risk,
    risk_from_probability,
    utility,
)
from accord.models.spatial.votes import coalitions, victory, victory_matrix, vote

RULES = ["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"]


def test_utility_shapes() -> None:
    d = np.linspace(0, 1, 11)
    assert utility(d, 0.0) == pytest.approx(1 - d)
    assert utility(d, 1.0) == pytest.approx(1 - d**2)
    assert utility(d, -1.0) == pytest.approx((1 - d) ** 2)
    assert utility(np.array([0.0]), 0.7)[0] == 1.0
    assert np.all(np.diff(utility(d, 0.5)) < 0)


def test_distance_weighs_by_the_evaluators_saliences() -> None:
    ideal = np.array([[0.0, 0.0], [0.0, 0.0], [0.5, 0.5]])
    sal = np.array([[1.0, 0.0], [0.3, 0.4], [0.0, 0.0]])
    pos = np.array([[0.6, 0.8]])
    d = distances(ideal, sal, pos)[:, 0]
    assert d[0] == pytest.approx(0.6)                       # only dimension 1 counts
    assert d[1] == pytest.approx(np.sqrt((0.09 * 0.36 + 0.16 * 0.64) / 0.25))
    assert d[2] == 0.0                                       # cares about nothing


def test_risk_from_probability_ranges() -> None:
    p = np.array([0.1, 0.2, 0.7])
    assert risk_from_probability(p, "Min") == pytest.approx([0, 1 / 6, 1])
    assert risk_from_probability(p, "Mid") == pytest.approx([-0.5, -0.25, 1])
    assert risk_from_probability(p, "Max") == pytest.approx([-1, -2 / 3, 1])
    assert np.all(risk_from_probability(np.full(4, 0.25), "Mid") == 0)   # no signal


@pytest.mark.parametrize("rule, own", [("None", 1.0), ("OneThird", 2 / 3), ("Half", 0.5),
                                        ("TwoThirds", 1 / 3), ("Full", 0.0)])
def test_perceived_risk(rule: str, own: float) -> None:
    r = np.array([-0.5, 0.2, 1.0])
    est = perceived_risk(r, rule)  # type: ignore[arg-type]
    assert np.diag(est) == pytest.approx(r)
    assert est[0, 2] == pytest.approx(own * r[0] + (1 - own) * r[2])


@pytest.mark.parametrize("rule", RULES)
def test_votes_follow_the_preference(rule: str) -> None:
    du = np.array([-0.3, -1e-9, 0.0, 1e-9, 0.3])
    v = vote(rule, 2.0, du)  # type: ignore[arg-type]
    assert np.all(np.sign(v) == np.sign(du))
    assert vote(rule, 0.0, du) == pytest.approx(np.zeros(5))  # type: ignore[arg-type]


def test_vote_values() -> None:
    du = np.array([0.5, -0.5])
    assert vote("Prop", 2.0, du) == pytest.approx([1.0, -1.0])
    assert vote("Binary", 2.0, du) == pytest.approx([2.0, -2.0])
    assert vote("Binary", 1.0, np.array([5e-9]))[0] == pytest.approx(0.5)   # the ramp
    assert vote("PropBin", 1.0, du) == pytest.approx([0.6, -0.6])
    assert vote("Cubic", 1.0, du) == pytest.approx([0.125, -0.125])
    assert vote("PropCbc", 1.0, du) == pytest.approx([0.3125, -0.3125])
    assert vote("ASymProsp", 3.0, du) == pytest.approx([1.0, -1.5])


@pytest.mark.parametrize("model, expected", [("Linear", 2 / 3), ("Square", 4 / 5),
                                             ("Quartic", 16 / 17), ("Octic", 256 / 257)])
def test_victory_exponents(model: str, expected: float) -> None:
    assert victory(np.array(2.0), np.array(1.0), model) == pytest.approx(expected)  # type: ignore[arg-type]


def test_binary_victory() -> None:
    sure = 1 / (1 + 1e-6)
    assert victory(np.array(1.1), np.array(1.0), "Binary") == pytest.approx(sure)
    assert victory(np.array(1.0), np.array(1.1), "Binary") == pytest.approx(1 - sure)
    assert victory(np.array(1.0), np.array(1.0), "Binary") == pytest.approx(0.5)
    r = 1.05 / 2.05
    assert victory(np.array(1.05), np.array(1.0), "Binary") == pytest.approx((2.1 * r - 1) / 0.1)


def test_coalitions_by_hand() -> None:
    util = np.array([[1.0, 0.5, 0.0], [0.0, 0.2, 1.0]])     # 2 voters x 3 options
    w = np.array([2.0, 1.0])
    c = coalitions("Prop", w, util)
    assert c[0, 1] == pytest.approx(PCE_FLOOR + 2 * 0.5)
    assert c[1, 0] == pytest.approx(PCE_FLOOR + 1 * 0.2)
    assert c[2, 0] == pytest.approx(PCE_FLOOR + 1.0)
    assert np.diag(c) == pytest.approx(np.full(3, PCE_FLOOR))
    v = victory_matrix(c, "Linear")
    assert v + v.T == pytest.approx(np.ones((3, 3)))


def test_asymprosp_discounts_the_later_option_of_each_pair() -> None:
    """KTAB computes each pair once for the later option a > b; gains for it count 2/3."""
    util = np.array([[0.0, 1.0]])
    c = coalitions("ASymProsp", np.array([1.0]), util)
    assert c[1, 0] == pytest.approx(PCE_FLOOR + 2 / 3)
    assert c[0, 1] == pytest.approx(PCE_FLOOR)
    c = coalitions("ASymProsp", np.array([1.0]), util[:, ::-1].copy())
    assert c[0, 1] == pytest.approx(PCE_FLOOR + 1.0)


def test_coalitions_in_chunks_equal_all_at_once() -> None:
    rng = np.random.default_rng(1)
    util = rng.random((60, 70))
    w = rng.random(60)
    from accord.models.spatial import votes
    whole = coalitions("Cubic", w, util[None])[0]
    old = votes.CHUNK
    try:
        votes.CHUNK = 1000
        parts = coalitions("Cubic", w, util)
    finally:
        votes.CHUNK = old
    assert parts == pytest.approx(whole, rel=1e-12)


def test_two_options_all_pce_models_agree() -> None:
    """With two options, P(a) = P[a > b] for the conditional and uniform-Markov PCEs."""
    vic = np.array([[0.5, 0.7], [0.3, 0.5]])
    assert conditional(vic) == pytest.approx([0.7, 0.3])
    p, ok = markov_uniform(vic)
    assert ok and p == pytest.approx([0.7, 0.3], abs=1e-5)
    coal = np.array([[1e-8, 0.7], [0.3, 1e-8]])
    p, ok = markov_incentive(coal, vic)
    assert ok and p.sum() == pytest.approx(1.0) and p[0] > p[1]


@pytest.mark.parametrize("model", ["Conditional", "MarkovUniform", "MarkovIncentive"])
def test_pce_is_a_distribution_favouring_the_condorcet_winner(model: str) -> None:
    # option 1 is everyone's second choice and the majority's first
    util = np.array([[1.0, 0.8, 0.0], [0.0, 0.8, 1.0], [0.2, 1.0, 0.1]])
    p, capped = pce("Prop", "Linear", model, np.ones(3), util)  # type: ignore[arg-type]
    assert capped == 0
    assert p.sum() == pytest.approx(1.0)
    assert int(np.argmax(p)) == 1


def test_conditional_pce_survives_underflow() -> None:
    vic = np.full((2000, 2000), 1e-3)
    np.fill_diagonal(vic, 0.5)
    vic[0, 1:] = 0.999
    p = conditional(vic)
    assert p.sum() == pytest.approx(1.0) and int(np.argmax(p)) == 0


def test_round_half_up() -> None:
    assert round_half_up(np.array([0.12345, 0.12344999, 0.99995])) == pytest.approx(
        [0.1235, 0.1234, 1.0])


def test_s2p2_bargain() -> None:
    x_i, x_j = np.array([[0.2, 0.5]]), np.array([[0.8, 0.5]])
    s_i, s_j = np.array([[0.5, 0.0]]), np.array([[0.5, 0.0]])
    y_i, y_j = interpolate(x_i, x_j, s_i, s_j, np.array([0.5]), "S2P2")
    assert y_i[0, 0] == y_j[0, 0] == 0.5               # equal weights meet half way
    assert y_i[0, 1] == y_j[0, 1] == 0.5
    y_i, y_j = interpolate(x_i, x_j, s_i, s_j, np.array([0.8]), "S2P2")
    a, b = 0.25 * 0.64, 0.25 * 0.04
    assert y_i[0, 0] == pytest.approx(round((a * 0.2 + b * 0.8) / (a + b), 4), abs=2e-4)
    # with no salience on either side each keeps its own coordinate (the 1e-6 nudge)
    y_i, y_j = interpolate(x_i, np.array([[0.8, 0.9]]), s_i, s_j, np.array([0.5]), "S2P2")
    assert y_i[0, 1] == 0.5 and y_j[0, 1] == 0.9


def test_s1p1_and_s2pmax() -> None:
    x_i, x_j = np.array([[0.2]]), np.array([[0.8]])
    s = np.array([[0.5]])
    y_i, y_j = interpolate(x_i, x_j, s, s, np.array([0.75]), "S1P1")
    assert y_i[0, 0] == y_j[0, 0] == pytest.approx(0.35)
    y_i, y_j = interpolate(x_i, x_j, s, s, np.array([0.75]), "S2PMax")
    assert y_i[0, 0] == 0.2                           # the favourite does not move
    assert 0.2 < y_j[0, 0] < 0.8                       # the underdog moves towards it
    y_i, y_j = interpolate(x_i, x_j, s, s, np.array([0.5]), "S2PMax")
    assert (y_i[0, 0], y_j[0, 0]) == (0.2, 0.8)


def test_weighted_average_uses_each_sides_own_weight() -> None:
    from accord.models.spatial.bargain import Bargains
    idx = np.array([0])
    first = Bargains(idx, idx + 1, np.array([[0.2]]), np.array([[0.4]]))
    second = Bargains(idx, idx + 1, np.array([[0.6]]), np.array([[0.8]]))
    avg = weighted_average(first, second, np.array([3.0]), np.array([1.0]))
    assert avg.y_init[0, 0] == pytest.approx(0.3) and avg.y_rcvr[0, 0] == pytest.approx(0.5)


def _perceptions(seed: int, n: int = 7) -> Perceptions:
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    sal = rng.dirichlet(np.ones(2), n) * 0.9
    risk = rng.uniform(-0.5, 1.0, n)
    cap = rng.uniform(1, 10, n)
    return Perceptions(delta=distances(pos, sal, pos), est_risk=perceived_risk(risk, "Half"),
                       weight=cap * sal.sum(axis=1), total_salience=sal.sum(axis=1))


@pytest.mark.parametrize("commit", ["SemiCommit", "NoCommit", "FullCommit"])
def test_pairwise_and_all_pairs_evaluations_agree(commit: str) -> None:
    per = _perceptions(3)
    n = per.delta.shape[0]
    every = np.arange(n)
    phi_all, gain_all = evaluate(per, every[:, None], every[:, None], every[None, :], "Prop",
                                 commit)  # type: ignore[arg-type]
    h, i, j = np.array([2, 5, 0]), np.array([1, 5, 3]), np.array([4, 2, 6])
    phi, gain = evaluate(per, h, i, j, "Prop", commit)  # type: ignore[arg-type]
    assert phi[1] == pytest.approx(phi_all[5, 2]) and gain[1] == pytest.approx(gain_all[5, 2])
    assert np.all((phi > 0) & (phi < 1))
    assert np.all((phi_all > 0) & (phi_all < 1))


def _reference(per: Perceptions, commit: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """README 3.6 with plain loops: phi, gain and the principals-only phi, from i's view."""
    from accord.models.spatial.options import CHALLENGE_FLOOR
    n = per.delta.shape[0]
    phi, gain, lone = (np.zeros((n, n)) for _ in range(3))
    for i in range(n):
        def u(a: int, b: int, i: int = i) -> float:
            return float(utility(per.delta[a, b], per.est_risk[i, a]))
        for j in range(n):
            if i == j:
                continue
            v_i = per.weight[i] * (u(i, i) - u(i, j))
            v_j = per.weight[j] * (u(j, i) - u(j, j))
            a0 = CHALLENGE_FLOOR + max(0, v_i) + max(0, v_j)
            b0 = CHALLENGE_FLOOR + max(0, -v_i) + max(0, -v_j)
            a, b = a0, b0
            for k in range(n):
                if k in (i, j):
                    continue
                v = per.weight[k] * (u(k, i) - u(k, j))
                if commit == "SemiCommit":
                    p = (a0 + max(0, v)) / (a0 + b0 + abs(v))
                    join_i = p * (2 * u(k, i) + u(k, k)) + (1 - p) * 3 * u(k, j)
                    join_j = p * 3 * u(k, i) + (1 - p) * (2 * u(k, j) + u(k, k))
                else:
                    plus, minus = (a0 + abs(v)) / (a0 + b0 + abs(v)), a0 / (a0 + b0 + abs(v))
                    stay = u(k, k) if commit == "NoCommit" else None
                    win_i = 2 * u(k, i) + (stay if stay is not None else u(k, i))
                    win_j = 2 * u(k, j) + (stay if stay is not None else u(k, j))
                    join_i = plus * win_i + (1 - plus) * win_j
                    join_j = minus * win_i + (1 - minus) * win_j
                third = per.weight[k] * (join_i - join_j)
                a, b = a + max(0, third), b + max(0, -third)
            phi[i, j] = a / (a + b)
            lone[i, j] = a0 / (a0 + b0)
            s = per.total_salience[j]
            chal = (1 - s) * 2 * u(i, i) + s * (phi[i, j] * 2 * u(i, i)
                                                 + (1 - phi[i, j]) * 2 * u(i, j))
            gain[i, j] = chal - (u(i, i) + u(i, j))
    return phi, gain, lone


@pytest.mark.parametrize("commit", ["SemiCommit", "NoCommit", "FullCommit"])
def test_challenge_matches_a_loop_reading_of_ktab(commit: str) -> None:
    per = _perceptions(4, n=9)
    n = per.delta.shape[0]
    every = np.arange(n)
    phi, gain = evaluate(per, every[:, None], every[:, None], every[None, :], "Prop",
                         commit)  # type: ignore[arg-type]
    ref_phi, ref_gain, lone = _reference(per, commit)
    off = ~np.eye(n, dtype=bool)
    assert phi[off] == pytest.approx(ref_phi[off], rel=1e-12)
    assert gain[off] == pytest.approx(ref_gain[off], rel=1e-9, abs=1e-15)
    # KTAB's NoCommit and FullCommit reduce to the principals alone; these do not
    assert not np.allclose(phi[off], lone[off])


def test_no_commit_and_full_commit_are_distinct_options() -> None:
    """KTAB gives both zero third-party votes (identical runs); here both count, differently."""
    per = _perceptions(5, n=9)
    every = np.arange(9)
    args = (every[:, None], every[:, None], every[None, :])
    no = evaluate(per, *args, "Prop", "NoCommit")[0]
    full = evaluate(per, *args, "Prop", "FullCommit")[0]
    assert not np.allclose(no, full)


def test_best_target_needs_a_worthwhile_gain() -> None:
    pos = np.array([[0.5, 0.5]] * 4)
    sal = np.full((4, 2), 0.4)
    per = Perceptions(distances(pos, sal, pos), np.zeros((4, 4)), np.ones(4), sal.sum(axis=1))
    target, _ = best_targets(per, "Prop", "SemiCommit")
    assert np.all(target == -1)                  # everyone agrees: nobody challenges


def test_merge_follows_the_given_order() -> None:
    """A chain of positions 0.6e-3 apart: which ones stand for the chain depends on order."""
    x = np.array([[0.0], [0.0006], [0.0012], [0.0018]])
    rep, member = merge(x, np.arange(4))
    assert rep.tolist() == [0, 2] and member.tolist() == [0, 1, 1, 1]   # last kept wins
    rep, member = merge(x, np.arange(4)[::-1].copy())
    assert rep.tolist() == [3, 1] and member.tolist() == [1, 1, 1, 0]
