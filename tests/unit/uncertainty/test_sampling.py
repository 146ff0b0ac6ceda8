"""The uncertain inputs of a scenario, their draws, and one draw as arrays or as a scenario."""

from __future__ import annotations

import numpy as np
import pytest

from accord.scenario.arrays import scenario_arrays
from accord.scenario.numbers import is_uncertain, point
from accord.uncertainty.sampling import (
    MIN_CAPABILITY,
    Noise,
    batch_arrays,
    draw_scenario,
    draw_values,
    layout,
    uncertain_inputs,
)
from accord.uncertainty.seeds import child_uniforms
from tests.unit.uncertainty.cases import plain, talks


def _draws(noise: Noise | None = None, n: int = 4000, scn=None):  # type: ignore[no-untyped-def]
    scn = scn or talks()
    inputs = uncertain_inputs(scn, noise)
    lay = layout(scn, inputs)
    values = draw_values(inputs, child_uniforms(11, 0, n, len(inputs)))
    return scn, inputs, lay, batch_arrays(lay, values)


def test_inputs_in_file_order_with_ids() -> None:
    ids = [i.id for i in uncertain_inputs(talks())]
    assert ids == [
        "capability:A", "capability:C",
        "position:A:tariff", "reservation:A:tariff", "salience:B:tariff",
        "reservation:B:tariff", "position:D:tariff", "position:B:quota",
        "reservation:B:quota", "salience:C:quota", "reservation:B:border",
        "drift:A:*", "drift:B:tariff"]
    assert uncertain_inputs(plain()) == ()


def test_noise_makes_plain_numbers_uncertain_on_each_scale() -> None:
    inputs = uncertain_inputs(plain(), Noise(position_sd=10, salience_sd=0.1))
    kinds = [(i.kind, i.actor, i.issue) for i in inputs]
    assert len([k for k in kinds if k[0] == "position"]) == 6
    assert len([k for k in kinds if k[0] == "salience"]) == 6
    y = next(i for i in inputs if i.id == "position:A:y")
    assert y.added and y.dist.sd == pytest.approx(0.6) and (y.dist.low, y.dist.high) == (4, 10)
    # distributions in the file are kept as they are; noise only touches plain numbers
    talks_inputs = uncertain_inputs(talks(), Noise(position_sd=5))
    a = next(i for i in talks_inputs if i.id == "position:A:tariff")
    assert not a.added and a.dist.dist == "triangular"
    assert next(i for i in talks_inputs if i.id == "position:B:tariff").added
    with pytest.raises(ValueError):
        Noise(position_sd=-1)


def test_draws_stay_in_their_domains() -> None:
    scn, _inputs, lay, arr = _draws()
    pos, res = arr.position, arr.reservation
    for j, issue in enumerate(scn.issues):
        present = lay.base.present[:, j]
        assert np.all(pos[:, present, j] >= issue.low) and np.all(pos[:, present, j] <= issue.high)
        has = ~np.isnan(res[0, :, j])
        assert np.all(res[:, has, j] >= issue.low) and np.all(res[:, has, j] <= issue.high)
    assert np.all(arr.salience >= 0) and np.all(arr.salience <= 1)
    assert np.all(arr.capability >= MIN_CAPABILITY) and np.all(arr.drift >= 0)
    d = pos[:, 3, 0]     # D on tariff: an unbounded normal (70, 30) clipped to the range
    assert (d == 100).mean() > 0.1 and d.min() >= 0


def test_red_lines_stay_on_their_side_of_the_drawn_position() -> None:
    _, inputs, _, arr = _draws()
    # A on tariff: position 10-40, red line (a maximum: 45 > 20) drawn around 45 from 30
    a_pos, a_res = arr.position[:, 0, 0], arr.reservation[:, 0, 0]
    assert np.all(a_res >= a_pos) and np.any(a_res == a_pos)
    # B on quota: position 8-10, red line (a minimum) 6-7.5: never above the position
    assert np.all(arr.reservation[:, 1, 1] <= arr.position[:, 1, 1])
    j = [i.id for i in inputs].index("reservation:A:tariff")
    assert np.array_equal(arr.values[:, j], a_res)      # the value used is reported


def test_one_draw_as_a_scenario_matches_the_arrays() -> None:
    scn, _inputs, lay, arr = _draws(Noise(position_sd=5, salience_sd=0.05), n=30)
    pt = scn.with_point_values()
    for row in (0, 7, 29):
        drawn = draw_scenario(pt, lay, arr.values[row])
        assert not drawn.is_uncertain()
        a = scenario_arrays(drawn)
        assert np.array_equal(a.capability, arr.capability[row])
        assert np.array_equal(a.position, arr.position[row], equal_nan=True)
        assert np.array_equal(a.salience, arr.salience[row])
        assert np.array_equal(a.reservation, arr.reservation[row], equal_nan=True)
        assert np.array_equal([point(c.drift) for c in drawn.costs], arr.drift[row])
    assert any(is_uncertain(a.capability) for a in scn.actors)   # the input is untouched


def test_a_drawn_position_never_turns_a_stated_red_line_around() -> None:
    """draw_scenario gives a stated red line the side rule of batch_arrays when its position
    is drawn (the same number as in the arrays)."""
    from accord.cases import load_case
    from accord.scenario.arrays import scenario_arrays
    from accord.uncertainty.sampling import (
        Noise,
        batch_arrays,
        draw_scenario,
        draw_values,
        layout,
        uncertain_inputs,
    )
    from accord.uncertainty.seeds import child_uniforms

    case = load_case("ukraine-2025-12")
    inputs = uncertain_inputs(case, Noise(position_sd=15))
    lay = layout(case, inputs)
    arr = batch_arrays(lay, draw_values(inputs, child_uniforms(2, 0, 60, len(inputs))))
    point = case.with_point_values()
    crossed = 0
    for k in range(60):
        drawn = scenario_arrays(draw_scenario(point, lay, arr.values[k]))
        assert np.array_equal(drawn.reservation, arr.reservation[k], equal_nan=True)
        assert np.array_equal(drawn.position, arr.position[k], equal_nan=True)
        crossed += int(np.sum(arr.reservation[k] != lay.base.reservation))
    assert crossed > 0
