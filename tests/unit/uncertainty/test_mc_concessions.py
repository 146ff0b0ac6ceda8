"""``--concessions N``: the smallest concessions and Nash packages of a run's first N draws."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.bargaining import BargainOptions
from accord.bargaining.batch import batch_problem
from accord.bargaining.batch_extras import extras
from accord.errors import UsageError
from accord.uncertainty import McSettings, Serial, monte_carlo
from accord.uncertainty.backends import ProcessPool
from accord.uncertainty.chunks import McJob, prepare
from accord.uncertainty.sampling import batch_arrays, draw_values
from accord.uncertainty.seeds import child_uniforms
from accord.workflows.settings import BargainSettings, MonteCarloSettings
from accord.workflows.specs import mc_settings_of, mc_spec
from tests.helpers import configured, mc_json
from tests.unit.uncertainty.cases import talks

MODELS = (configured("compromise"),)


def _settings(draws: int, concessions: int, chunk: int = 0) -> McSettings:
    return McSettings(draws=draws, seed=4, models=MODELS, bargain=BargainOptions(horizon=24),
                      chunk=chunk, concessions=concessions)


@pytest.mark.parametrize("draws,concessions,chunk", [
    (100, 0, 30), (100, 7, 30), (100, 40, 30), (100, 100, 30), (100, 500, 30), (5, 3, 1000),
])
def test_chunks_cover_every_draw_once_with_the_concessions_in_small_leading_chunks(
        draws: int, concessions: int, chunk: int) -> None:
    s = _settings(draws, concessions, chunk)
    spans = [s.bounds(k) for k in range(s.chunks)]
    assert spans[0][0] == 0 and spans[-1][1] == draws
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(stop > start for start, stop in spans)
    n, size, lead = s.head
    assert n == min(concessions, draws)
    if n:
        assert size <= chunk and lead == -(-n // size) <= 16  # at most 16 leading chunks
        assert any(stop == n for _, stop in spans)           # a chunk ends at the N-th draw
        assert all(stop - start <= size for start, stop in spans if stop <= n)


def test_the_concessions_are_those_of_each_drawn_problem_whatever_the_workers() -> None:
    settings = _settings(60, 9, chunk=20)
    result = monte_carlo(talks(), settings, Serial())
    rows = result.concessions
    assert rows is not None and rows.total.shape == (9,)
    # the same draws by hand: their arrays, their problems, extras draw by draw
    prep = prepare(McJob(talks(), settings))
    arrays = batch_arrays(prep.layout, draw_values(prep.inputs,
                                                   child_uniforms(4, 0, 9, len(prep.inputs))))
    assert prep.frame is not None
    want = extras(batch_problem(prep.frame, arrays.capability, arrays.position,
                                arrays.salience, arrays.reservation), np.arange(9))
    np.testing.assert_array_equal(rows.possible, want.possible)
    np.testing.assert_array_equal(rows.total, want.total)
    np.testing.assert_array_equal(rows.moved, np.abs(want.moved).sum(axis=2))
    np.testing.assert_array_equal(rows.package,
                                  np.where(np.isnan(want.nash), want.nash_after, want.nash))
    doc = mc_json(result)
    assert mc_json(monte_carlo(talks(), settings, ProcessPool(2))) == doc
    c = doc["concessions"]
    assert c["draws"] == 9 and 0 <= c["open_as_stated"] <= c["possible"] <= 1
    needed = rows.possible & (rows.total > 0)
    if needed.any():
        assert c["total"]["low"] <= c["total"]["median"] <= c["total"]["high"]
        assert c["total"]["median"] == pytest.approx(float(np.median(rows.total[needed])),
                                                     abs=1e-6)
    for mover in c["movers"]:
        i = [a.id for a in talks().actors].index(mover["actor"])
        assert mover["share"] == pytest.approx(float(np.mean(rows.moved[:, i] > 0)), abs=1e-6)
    # the rest of the document is the run's without concessions
    plain = mc_json(monte_carlo(talks(), _settings(60, 0, chunk=20), Serial()))
    assert plain["concessions"] is None
    for key in ("models", "bargain", "sensitivity"):
        assert doc[key] == plain[key], key


def test_concessions_are_checked_and_recorded() -> None:
    with pytest.raises(UsageError, match="bargaining"):
        McSettings(draws=10, seed=0, models=MODELS, bargain=None, concessions=5)
    with pytest.raises(UsageError, match="concessions"):
        _settings(10, -1)
    settings = MonteCarloSettings(draws=50, seed=1, models=tuple(c.choice for c in MODELS),
                                  bargain=BargainSettings(horizon=24), concessions=12)
    spec = mc_spec(talks(), settings, 25)
    assert spec.options["concessions"] == 12 and mc_settings_of(spec).concessions == 12
    without = mc_spec(talks(), settings.model_copy(update={"concessions": 0}), 25)
    assert "concessions" not in without.options     # specs recorded before read the same
