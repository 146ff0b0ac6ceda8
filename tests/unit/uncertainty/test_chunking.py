"""Chunk sizes: about a second of work, bounded memory, the same on every machine."""

from __future__ import annotations

import pytest

from accord.models.choice import ModelChoice
from accord.uncertainty.chunking import MAX_CELLS, MIN_DRAWS, chunk_draws, draw_seconds
from accord.workflows.registry import configure


def _cost(name: str, actors: int, issues: int, **params: object) -> float:
    c = configure(ModelChoice(model=name, params=params))
    return c.model.draw_seconds(actors, issues, c.params)


def test_cheap_draws_make_large_chunks_capped_by_memory() -> None:
    cost = draw_seconds([_cost("compromise", 9, 9), _cost("weighted-median", 9, 9)], 9, 9,
                        bargain=False)
    assert 1e-6 < cost < 2e-5
    chunk = chunk_draws(cost, 81)
    assert chunk * 81 <= MAX_CELLS and chunk >= 10_000
    assert str(chunk)[0] in "125" and set(str(chunk)[1:]) <= {"0"}


def test_expensive_draws_make_small_chunks() -> None:
    smp = draw_seconds([_cost("smp", 10, 3)], 10, 3, bargain=False)
    assert 10 <= chunk_draws(smp, 30) <= 500
    eum = draw_seconds([_cost("eum", 10, 1)], 10, 1, bargain=False)
    assert chunk_draws(eum, 10) > chunk_draws(smp, 30)
    assert chunk_draws(10.0, 30) == MIN_DRAWS
    bargaining = draw_seconds([], 9, 9, bargain=True)
    assert chunk_draws(bargaining, 81) < chunk_draws(draw_seconds([], 9, 9, False), 81)


def test_rounds_matter_for_eum_only() -> None:
    assert _cost("eum", 10, 1, rounds=20) > _cost("eum", 10, 1, rounds=10)
    assert _cost("mean", 10, 1) == _cost("mean", 10, 1)
    assert _cost("exchange", 10, 1) > _cost("mean", 10, 1)  # run draw by draw


def test_bad_cost_is_refused() -> None:
    with pytest.raises(ValueError):
        chunk_draws(0.0, 10)
