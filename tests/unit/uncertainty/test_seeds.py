"""Draw k uses child k of SeedSequence(seed): the block computation equals numpy bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.uncertainty.seeds import (
    MAX_DRAWS,
    child_uniforms,
    child_words,
    draw_generator,
    seed_words,
)

SEEDS = [0, 1, 7, 12345, 2**31 - 1, 2**32 - 1, 2**32, 2**32 + 1, 2**63 + 11, 2**64 - 1,
         2**64, 2**96 + 5, 2**127 + 3, 2**128 + 99, 123456789012345678901234567890]


def _numpy(seed: int, ks: range | list[int], n: int) -> np.ndarray:
    return np.array([np.random.SeedSequence(seed, spawn_key=(k,)).generate_state(n)
                     for k in ks], dtype=np.uint32)


@pytest.mark.parametrize("seed", SEEDS)
def test_words_equal_numpys_children(seed: int) -> None:
    ks = range(0, 40)
    assert np.array_equal(child_words(seed, 0, 40, 11), _numpy(seed, ks, 11))
    top = list(range(MAX_DRAWS - 5, MAX_DRAWS))
    assert np.array_equal(child_words(seed, MAX_DRAWS - 5, MAX_DRAWS, 3), _numpy(seed, top, 3))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**200),
       start=st.integers(min_value=0, max_value=2**32 - 20),
       n_words=st.integers(min_value=1, max_value=9))
def test_words_equal_numpys_children_anywhere(seed: int, start: int, n_words: int) -> None:
    got = child_words(seed, start, start + 7, n_words)
    assert np.array_equal(got, _numpy(seed, range(start, start + 7), n_words))


def test_spawned_children_are_the_same_children() -> None:
    children = np.random.SeedSequence(42).spawn(5)
    want = np.array([c.generate_state(4) for c in children])
    assert np.array_equal(child_words(42, 0, 5, 4), want)


def test_a_block_is_a_slice_of_a_larger_block() -> None:
    whole = child_uniforms(3, 0, 500, 4)
    assert np.array_equal(child_uniforms(3, 120, 260, 4), whole[120:260])
    assert np.array_equal(child_uniforms(3, 0, 500, 2), whole[:, :2])


def test_uniforms_are_53_bit_and_strictly_inside_the_unit_interval() -> None:
    u = child_uniforms(0, 0, 20_000, 3)
    assert u.shape == (20_000, 3)
    assert np.all(u > 0) and np.all(u < 1)
    words = child_words(0, 0, 20_000, 6).astype(np.uint64)
    ints = (words[:, 0::2] >> np.uint64(5)) * np.uint64(2**26) + (words[:, 1::2] >> np.uint64(6))
    assert np.array_equal(u, (ints.astype(float) + 0.5) / 2.0**53)
    assert abs(u.mean() - 0.5) < 0.005 and abs(u.var() - 1 / 12) < 0.002


def test_draw_generator_is_child_zero_of_child_k() -> None:
    a = draw_generator(9, 17).random(4)
    b = np.random.default_rng(np.random.SeedSequence(9, spawn_key=(17, 0))).random(4)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, draw_generator(9, 18).random(4))


def test_bad_seeds_and_ranges_are_refused() -> None:
    with pytest.raises(ValueError):
        seed_words(-1)
    with pytest.raises(ValueError):
        seed_words(True)
    with pytest.raises(ValueError):
        child_words(0, 5, 4, 2)
    with pytest.raises(ValueError):
        child_words(0, 0, MAX_DRAWS + 1, 2)
    assert seed_words(2**32 + 5) == [5, 1]
