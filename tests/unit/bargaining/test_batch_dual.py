"""The bounds of accord.bargaining.batch_dual against the package program solved directly."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from accord.bargaining.batch_dual import bounds


def _program_value(x: np.ndarray, s: np.ndarray, d: np.ndarray, r: np.ndarray,
                   low: np.ndarray, high: np.ndarray) -> float:
    """max over y in [low, high] of min_i (-sum_d s_id |y_d - x_id| - d_i) / r_i, linear
    loss, as a linear program written here (variables y, e_id >= |y_d - x_id|, t)."""
    players, m = x.shape
    n = m + players * m + 1
    cost = np.zeros(n)
    cost[-1] = -1.0
    rows, rhs = [], []
    for i in range(players):
        for j in range(m):
            e = m + i * m + j
            for sign in (1.0, -1.0):           # sign * (y_j - x_ij) - e_ij <= 0
                row = np.zeros(n)
                row[j], row[e] = sign, -1.0
                rows.append(row)
                rhs.append(sign * x[i, j])
        row = np.zeros(n)                      # r_i t + sum_j s_ij e_ij <= -d_i
        row[-1] = r[i]
        row[m + i * m:m + (i + 1) * m] = s[i]
        rows.append(row)
        rhs.append(-d[i])
    box = [(low[j], high[j]) for j in range(m)] + [(0, None)] * (players * m) + [(None, None)]
    out = linprog(cost, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=box, method="highs")
    assert out.status == 0
    return float(-out.fun)


def _random(rng: np.random.Generator, k: int, players: int, m: int, exponent: int):
    x = np.round(rng.random((players, m, k)) * 10) * 10
    s = rng.random((players, m, k))
    s[rng.random((players, m, k)) < 0.2] = 0.0              # no stance on some issues
    x[s == 0] = 0.0
    r = np.maximum(s.sum(axis=1), 1e-3) * 100.0 ** exponent
    low = np.round(rng.random((m, k)) * 5) * 10
    high = np.minimum(100.0, low + np.round(rng.random((m, k)) * 6) * 10)
    # no-deal utilities around what the box allows, so both answers occur
    centre = (low + high) / 2
    u = -(s * np.abs(x - centre[None]) ** exponent).sum(axis=1)
    d = u + (rng.random((players, k)) - 0.5) * 0.4 * r
    return x, s, d, r, low, high


def test_bounds_enclose_the_program_value_and_decide_clear_cases() -> None:
    rng = np.random.default_rng(11)
    k, players, m = 300, 4, 3
    x, s, d, r, low, high = _random(rng, k, players, m, 1)
    primal, dual = bounds(x, s, d, r, low, high, 1, margin=0.0)
    values = np.array([_program_value(x[..., q], s[..., q], d[:, q], r[:, q], low[:, q],
                                      high[:, q]) for q in range(k)])
    assert np.all(primal <= values + 1e-9)                  # primal: a package's worth
    assert np.all(dual >= values - 1e-9)                    # dual: weak duality
    clear = np.abs(values) > 0.02
    decided = (primal >= 0) | (dual < 0)
    assert clear.sum() > 100 and decided[clear].mean() > 0.95


@pytest.mark.parametrize("exponent", [2, 3])
def test_other_losses_give_valid_or_no_bounds(exponent: int) -> None:
    rng = np.random.default_rng(3)
    x, s, d, r, low, high = _random(rng, 200, 3, 2, exponent)
    primal, dual = bounds(x, s, d, r, low, high, exponent, margin=1e-6)
    if exponent == 3:                   # no closed-form best response: left to the program
        assert np.all(np.isneginf(primal)) and np.all(np.isposinf(dual))
        return
    assert np.all(primal <= dual + 1e-12)
    # the primal bound is the worst gain at a package inside the box: check one by brute force
    grid = np.linspace(0, 100, 201)
    for q in range(20):
        ys = np.stack(np.meshgrid(grid, grid, indexing="ij"), axis=-1).reshape(-1, 2)
        inside = np.all((ys >= low[:, q]) & (ys <= high[:, q]), axis=1)
        ys = ys[inside]
        g = (-(s[:, :, q][None] * np.abs(ys[:, None, :] - x[:, :, q][None]) ** 2).sum(axis=2)
             - d[:, q]) / r[:, q]
        assert g.min(axis=1).max() <= dual[q] + 1e-9        # no package beats the dual bound
