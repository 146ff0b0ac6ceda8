"""Property tests of the expected-utility model (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.models.eum import PRESETS, EumParams, eum_rounds

PRESET = st.sampled_from(sorted(PRESETS))
OPTIONS = st.fixed_dictionaries({
    "range": st.sampled_from(["initial", "current", "scale"]),
    "vote_exponent": st.sampled_from(["none", "voter"]),
    "probability": st.sampled_from(["published", "net", "all-pairs"]),
    "perspective": st.sampled_from(["own", "target"]),
    "compromise": st.sampled_from(["fractional", "eu-weighted"]),
    "capitulation": st.booleans(),
    "offer_choice": st.sampled_from(["least-move-then-max-eu", "type-then-least-move",
                                     "type-then-lowest-point", "max-eu-then-least-move"]),
    "q": st.sampled_from([1.0, 0.5, 0.0]),
    "t": st.sampled_from([1.0, 0.3]),
    "stop": st.sampled_from(["converged", "rounds"]),
})


@st.composite
def scenarios(draw: st.DrawFn, max_n: int = 12) -> tuple[np.ndarray, ...]:
    """(B, n) positions on [0, 100] (often tied), capabilities and saliences (some zero)."""
    b = draw(st.integers(1, 4))
    n = draw(st.integers(1, max_n))
    grid = draw(st.booleans())
    pos = st.integers(0, 4).map(lambda v: 25.0 * v) if grid else st.floats(0, 100)
    x = np.array(draw(st.lists(st.lists(pos, min_size=n, max_size=n), min_size=b,
                               max_size=b)), dtype=float)
    c = np.array(draw(st.lists(st.lists(st.floats(0.01, 100), min_size=n, max_size=n),
                               min_size=b, max_size=b)))
    s = np.array(draw(st.lists(st.lists(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]) |
                                        st.floats(0, 1), min_size=n, max_size=n),
                               min_size=b, max_size=b)))
    return x, c, s


@settings(max_examples=150, deadline=None)
@given(scenarios(), OPTIONS, st.integers(0, 8))
def test_positions_stay_in_range_and_finite(data: tuple[np.ndarray, ...],
                                            options: dict[str, object], rounds: int) -> None:
    x, c, s = data
    run = eum_rounds(x, c, s, EumParams(**options), rounds, scale=100.0)  # type: ignore[arg-type]
    assert np.all(np.isfinite(run.positions)) and np.all(np.isfinite(run.median))
    assert np.all(np.isfinite(run.mean))
    lo, hi = x.min(axis=-1), x.max(axis=-1)
    assert np.all(run.positions >= lo[:, None, None] - 1e-9)
    assert np.all(run.positions <= hi[:, None, None] + 1e-9)
    played = ~np.isnan(run.risk)
    assert np.all((run.risk[played] >= 0.5 - 1e-12) & (run.risk[played] <= 2.0 + 1e-12))


@settings(max_examples=60, deadline=None)
@given(scenarios(), OPTIONS, st.floats(0, 100))
def test_nobody_moves_when_everyone_agrees(data: tuple[np.ndarray, ...],
                                           options: dict[str, object], where: float) -> None:
    _x, c, s = data
    x = np.full(c.shape, where)
    run = eum_rounds(x, c, s, EumParams(**options), 5, scale=100.0)  # type: ignore[arg-type]
    assert np.all(run.positions == where)
    assert np.all(run.median == where)
    assert np.all(run.rounds_run == 0)


@settings(max_examples=80, deadline=None)
@given(scenarios(), OPTIONS, st.integers(0, 12))
def test_stops_within_the_round_limit(data: tuple[np.ndarray, ...],
                                      options: dict[str, object], rounds: int) -> None:
    x, c, s = data
    params = EumParams(**options)  # type: ignore[arg-type]
    run = eum_rounds(x, c, s, params, rounds, scale=100.0)
    assert run.positions.shape == (x.shape[0], rounds + 1, x.shape[1])
    assert np.all((run.rounds_run >= 0) & (run.rounds_run <= rounds))
    for b in range(x.shape[0]):
        k = int(run.rounds_run[b])
        # after the last round played, positions hold still
        assert np.all(run.positions[b, k:] == run.positions[b, k])


@settings(max_examples=80, deadline=None)
@given(scenarios(), PRESET, st.integers(1, 6))
def test_batch_equals_one_by_one(data: tuple[np.ndarray, ...], preset: str,
                                 rounds: int) -> None:
    x, c, s = data
    params = EumParams(**PRESETS[preset], stop="rounds")
    batch = eum_rounds(x, c, s, params, rounds)
    for b in range(x.shape[0]):
        one = eum_rounds(x[b], c[b], s[b], params, rounds)
        np.testing.assert_array_equal(batch.positions[b], one.positions[0])
        np.testing.assert_array_equal(batch.risk[b], one.risk[0])
        assert batch.rounds_run[b] == one.rounds_run[0]


@settings(max_examples=60, deadline=None)
@given(scenarios(max_n=8), PRESET)
def test_actor_order_does_not_matter(data: tuple[np.ndarray, ...], preset: str) -> None:
    x, c, s = data
    params = EumParams(**PRESETS[preset], stop="rounds")
    base = eum_rounds(x, c, s, params, 4)
    flip = eum_rounds(x[:, ::-1], c[:, ::-1], s[:, ::-1], params, 4)
    np.testing.assert_allclose(flip.positions[:, :, ::-1], base.positions, atol=1e-7)
