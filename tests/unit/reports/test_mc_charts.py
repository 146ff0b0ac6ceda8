"""Charts of a Monte Carlo run: tornado, outcome distributions, opening over time."""

from __future__ import annotations

import io
from typing import Any

import pytest

from accord.bargaining import BargainOptions
from accord.uncertainty import McSettings, Serial, mc_document, monte_carlo
from accord.uncertainty.summary_types import McDocument
from tests.unit.uncertainty.cases import talks

pytest.importorskip("matplotlib")

from accord.reports.mc_charts import (
    distribution_figure,
    opening_figure,
    tornado_figure,
)
from tests.helpers import configured


@pytest.fixture(scope="module")
def document() -> McDocument:
    settings = McSettings(draws=400, seed=1, models=(configured("compromise"),
                                                     configured("median")),
                          bargain=BargainOptions(horizon=24))
    return mc_document(monte_carlo(talks(), settings, Serial()))


def _svg(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


def test_tornado_bars_are_the_top_correlations(document: McDocument) -> None:
    fig = tornado_figure(document, "compromise:tariff", top=4)
    ax = fig.axes[0]
    want = document.sensitivity.outputs[0].inputs[:4]
    assert document.sensitivity.outputs[0].output == "compromise:tariff"
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([w.rho for w in want][::-1])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "A position on tariff"                  # the strongest on top
    assert ax.get_xlim() == (-1.0, 1.0) and b"<svg" in _svg(fig)
    default = tornado_figure(document)
    assert "zone first opens" in default.axes[0].get_title()
    with pytest.raises(ValueError, match="no output 'nope'"):
        tornado_figure(document, "nope")


def test_distributions_per_issue(document: McDocument) -> None:
    fig = distribution_figure(document, "median", names={"tariff": "Tariff level"})
    assert len(fig.axes) == 3
    ax = fig.axes[0]
    assert ax.get_title() == "Tariff level"
    bars = ax.patches[1:]                                          # patches[0]: the interval
    assert sum(p.get_height() for p in bars) == 400
    # the view zooms on the draws: every filled bin in view, inside the issue's range, and at
    # least a tenth of the scale wide
    filled = [p for p in bars if p.get_height() > 0]
    low, high = ax.get_xlim()
    assert 0.0 <= low <= min(p.get_x() for p in filled)
    assert max(p.get_x() + p.get_width() for p in filled) <= high <= 100.0
    assert high - low >= 10.0
    q_low, q_high = fig.axes[1].get_xlim()                         # the quota's own scale
    assert 4.0 <= q_low < q_high <= 10.0 and q_high - q_low >= 0.6
    assert b"<svg" in _svg(fig)
    assert len(distribution_figure(document, issues=["quota"]).axes) == 1
    with pytest.raises(ValueError, match="no model"):
        distribution_figure(document, "eum")
    with pytest.raises(ValueError, match="no issue"):
        distribution_figure(document, issues=["nope"])


def test_opening_over_time(document: McDocument) -> None:
    fig = opening_figure(document)
    ax = fig.axes[0]
    _xs, ys = ax.lines[0].get_data()
    assert document.bargain is not None
    assert list(ys) == list(document.bargain.deal_by.values())
    assert ax.get_ylim() == (0.0, 1.0) and b"<svg" in _svg(fig)
    with pytest.raises(ValueError, match="no bargaining"):
        opening_figure(document.model_copy(update={"bargain": None}))
