"""The unit of an issue's scale is written where no label of the scale is (issue 19: "per
cent" was drawn over the label at the middle of the scale)."""

from __future__ import annotations

import pytest

from accord.bargaining import analyse
from accord.reports.issue_chart import issue_figure
from accord.workflows.registry import MODELS
from tests.unit.reports.helpers import scenario

pytest.importorskip("matplotlib")

TARIFF = [{"id": "x", "name": "Tariffs", "unit": "per cent",
           "labels": {0: "free trade", 50: "half today's tariffs", 100: "today's tariffs"}}]
STANCES = [{"actor": "A", "issue": "x", "position": 10, "salience": 0.8},
           {"actor": "B", "issue": "x", "position": 90, "salience": 0.6}]


def test_the_unit_overlaps_no_other_text() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    s = scenario(STANCES, issues=TARIFF)
    fig = issue_figure(s, "x", [MODELS["compromise"].run(s)], analyse(s))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    units = [t for t in texts if t.get_text() == "per cent"]
    assert len(units) == 1
    box = units[0].get_window_extent(renderer)
    for other in texts:
        if other is units[0]:
            continue
        assert not box.overlaps(other.get_window_extent(renderer)), other.get_text()
