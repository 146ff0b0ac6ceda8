"""The reliability diagram (only where matplotlib is installed: it is the reports' dependency)."""

from __future__ import annotations

import io

import pytest

from accord.ledger.forecast_scores import calibration
from accord.reports.calibration_chart import calibration_figure
from tests.unit.store.test_scoring import F


def test_calibration_figure_draws_the_bins() -> None:
    pytest.importorskip("matplotlib")
    bins = calibration([F(0.2, outcome=0), F(0.25, outcome=1), F(0.9, outcome=1)], 5)
    fig = calibration_figure(bins, title="test")
    ax = fig.axes[0]
    assert ax.get_title() == "test" and ax.get_xlim() == (0.0, 1.0)
    xs, ys = ax.lines[1].get_data()          # lines[0] is the diagonal
    assert list(xs) == pytest.approx([0.225, 0.9]) and list(ys) == [0.5, 1.0]
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    assert b"<svg" in buf.getvalue()
