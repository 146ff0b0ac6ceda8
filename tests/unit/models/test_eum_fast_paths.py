"""The vectorised EUM against the slow literal reference, on random inputs with ties."""

from __future__ import annotations

import numpy as np
import pytest

from accord.models.eum.options import PRESETS, EumParams
from accord.models.eum.probability import (
    Geometry,
    all_pairs_denominator,
    batched_searchsorted,
    vote_sums,
    win_probability,
)
from accord.models.eum.rounds import eum_rounds, play_round
from tests.unit.models import eum_reference as ref


def _random_actors(rng: np.random.Generator, n: int, grid: bool) -> tuple[np.ndarray, ...]:
    """Positions on a coarse grid (many ties, voters on midpoints) or continuous."""
    x = rng.integers(0, 5, n) * 2.5 if grid else rng.uniform(0, 100, n)
    c = rng.uniform(0.1, 5, n)
    s = rng.uniform(0, 1, n)
    s[rng.random(n) < 0.1] = 0.0
    return x.astype(float), c, s


def test_batched_searchsorted_matches_numpy() -> None:
    rng = np.random.default_rng(0)
    rows = np.sort(rng.integers(0, 6, (7, 9)).astype(float), axis=-1)
    values = rng.integers(-1, 8, (7, 4, 5)) / 1.0
    for side in ("left", "right"):
        got = batched_searchsorted(rows, values, side)
        want = np.stack([np.searchsorted(rows[b], values[b], side=side)
                         for b in range(7)])
        assert np.array_equal(got, want)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("exponent", [False, True])
def test_vote_sums_and_probabilities_match_reference(seed: int, exponent: bool) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 12))
    x, c, s = _random_actors(rng, n, grid=seed % 2 == 0)
    order = np.argsort(x, kind="stable")  # the fast path works on sorted positions
    x, c, s = x[order], c[order], s[order]
    w = c * s
    big_r = float(np.ptp(x)) or 1.0
    e = rng.uniform(0.5, 2.0, n) if exponent else np.ones(n)
    geom = Geometry(x=x[None], scale=np.array([big_r]))
    fast_e = e[None] if exponent else None
    sums = vote_sums(geom, w[None], fast_e)[0]
    want = np.array([[sum(max(0.0, ref.vote(k, i, j, list(x), list(w), list(e), big_r))
                          for k in range(n)) for j in range(n)] for i in range(n)])
    scale = max(1.0, float(w.sum()))
    np.testing.assert_allclose(sums, want, rtol=1e-9, atol=1e-12 * scale)
    denom = all_pairs_denominator(geom, w[None], fast_e)[0]
    want_d = sum(abs(ref.vote(k, a, b, list(x), list(w), list(e), big_r))
                 for k in range(n) for a in range(n) for b in range(n))
    assert denom == pytest.approx(want_d, rel=1e-9, abs=1e-12 * scale)
    for form in ("published", "net", "all-pairs"):
        p = win_probability(geom, w[None], fast_e, form)[0]
        want_p = np.array(ref.probability(list(x), list(w), list(e), big_r, form))
        np.testing.assert_allclose(p, want_p, rtol=1e-7, atol=1e-9)


def test_published_probabilities_are_complementary() -> None:
    rng = np.random.default_rng(5)
    x, c, s = _random_actors(rng, 30, grid=True)
    order = np.argsort(x)
    x, c, s = x[order], c[order], s[order]
    geom = Geometry(x=x[None], scale=np.array([np.ptp(x)]))
    p = win_probability(geom, (c * s)[None], None, "published")[0]
    differ = x[:, None] != x[None, :]
    np.testing.assert_allclose((p + p.T)[differ], 1.0, atol=1e-12)
    assert np.all(p[~differ] == 0)


OPTION_SETS = [
    *({**PRESETS[name]} for name in PRESETS),
    {**PRESETS["scholz2011"], "offer_choice": "type-then-least-move", "compromise": "eu-weighted"},
    {**PRESETS["scholz2011"], "q": 0.4, "t": 0.7, "perspective": "target"},
    {**PRESETS["masad2014"], "vote_exponent": "voter", "probability": "published",
     "capitulation": False},
    {**PRESETS["scholz-code"], "q": 0.0, "t": 0.0, "probability": "net"},
]


def _reference_options(options: dict[str, object], tie: str = "lowest-target") -> ref.Options:
    keep = {k: v for k, v in options.items() if k not in ("range",)}
    return ref.Options(**keep, tie=tie)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", range(len(OPTION_SETS)))
@pytest.mark.parametrize("seed", range(8))
def test_one_round_matches_reference(k: int, seed: int) -> None:
    options = OPTION_SETS[k]
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 11))
    x, c, s = _random_actors(rng, n, grid=seed % 2 == 0)
    big_r = float(np.ptp(x)) or 1.0
    new, r, _kind, flat = play_round(x[None], c[None], s[None], EumParams(**options),
                                     np.array([big_r]))
    want_new, want_r, want_flat = ref.play_round(list(x), list(c), list(s),
                                                 _reference_options(options), big_r)
    assert bool(flat[0]) == want_flat
    np.testing.assert_allclose(r[0], want_r, rtol=1e-9)
    np.testing.assert_allclose(new[0], want_new, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("k", range(len(OPTION_SETS)))
@pytest.mark.parametrize("seed", range(4))
def test_rounds_match_reference(k: int, seed: int) -> None:
    options = OPTION_SETS[k]
    rng = np.random.default_rng(200 + seed)
    x, c, s = _random_actors(rng, 8, grid=False)
    run = eum_rounds(x, c, s, EumParams(**options, stop="rounds"), 6)
    want = ref.run(list(x), list(c), list(s), _reference_options(options), 6)
    np.testing.assert_allclose(run.positions[0, :len(want)], np.array(want), rtol=1e-8,
                               atol=1e-8)


@pytest.mark.parametrize("seed", range(6))
def test_scenarios_last_round_is_bit_for_bit_the_pair_matrix_round(seed: int) -> None:
    """kernel.play_round_t (scenarios on the last axis) against rounds.play_round, every
    option, with ties, zero saliences and one- and two-actor scenarios."""
    import itertools

    from accord.models.eum.kernel import play_round_t

    rng = np.random.default_rng(seed)
    choices = {"vote_exponent": ["none", "voter"],
               "probability": ["published", "net", "all-pairs"],
               "perspective": ["own", "target"], "compromise": ["fractional", "eu-weighted"],
               "capitulation": [True, False],
               "offer_choice": ["least-move-then-max-eu", "type-then-least-move",
                                "type-then-lowest-point", "max-eu-then-least-move"],
               "q": [1.0, 0.5]}
    for combo in itertools.product(*choices.values()):
        params = EumParams(**dict(zip(choices, combo, strict=True)))  # type: ignore[arg-type]
        n = int(rng.choice([1, 2, 3, 7, 10, 16]))
        x = rng.uniform(0, 100, (6, n))
        x[::2] = np.round(x[::2] / 25) * 25
        c, s = rng.uniform(0.1, 5, (6, n)), rng.uniform(0, 1, (6, n))
        s[::3, 0] = 0.0
        width = np.where(np.ptp(x, axis=1) > 0, np.ptp(x, axis=1), 1.0)
        for want, got in zip(play_round(x, c, s, params, width),
                             play_round_t(x, c, s, params, width), strict=True):
            np.testing.assert_array_equal(got, want)
