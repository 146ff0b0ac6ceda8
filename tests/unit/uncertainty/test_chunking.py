"""Chunk sizes: about a second of work, bounded memory, the same on every machine."""

from __future__ import annotations

import pytest

from accord.uncertainty.chunking import MAX_CELLS, MIN_DRAWS, chunk_draws, draw_seconds


def test_cheap_draws_make_large_chunks_capped_by_memory() -> None:
    cost = draw_seconds([("compromise", 0), ("weighted-median", 0)], 9, 9, bargain=True)
    assert 5e-6 < cost < 5e-5
    chunk = chunk_draws(cost, 81)
    assert chunk * 81 <= MAX_CELLS and chunk >= 10_000
    assert str(chunk)[0] in "125" and set(str(chunk)[1:]) <= {"0"}


def test_expensive_draws_make_small_chunks() -> None:
    smp = draw_seconds([("smp", 0)], 10, 3, bargain=False)
    assert 10 <= chunk_draws(smp, 30) <= 500
    eum = draw_seconds([("eum", 10)], 10, 1, bargain=False)
    assert chunk_draws(eum, 10) > chunk_draws(smp, 30)
    assert chunk_draws(10.0, 30) == MIN_DRAWS


def test_rounds_matter_for_eum_only() -> None:
    assert draw_seconds([("eum", 20)], 10, 1, False) > draw_seconds([("eum", 10)], 10, 1, False)
    assert draw_seconds([("mean", 20)], 10, 1, False) == draw_seconds([("mean", 1)], 10, 1,
                                                                      False)


def test_bad_cost_is_refused() -> None:
    with pytest.raises(ValueError):
        chunk_draws(0.0, 10)
