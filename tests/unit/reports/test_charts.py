"""The chart functions on ordinary and awkward input, and the SVG/PNG helpers."""

from __future__ import annotations

import itertools
import re

import pytest

from accord.bargaining import analyse
from accord.reports.chartkit import figure_png, figure_svg, place_labels, plain, save_figure
from accord.reports.issue_chart import accepted_side, issue_figure, zone_text
from accord.reports.model_charts import comparison_figure, trajectory_figure
from accord.workflows.registry import MODELS
from tests.unit.reports.helpers import scenario, svg_of

pytest.importorskip("matplotlib")

CROSSING = [
    {"actor": "A", "issue": "x", "position": 10, "salience": 0.8, "reservation": 40},
    {"actor": "B", "issue": "x", "position": 90, "salience": 0.6, "reservation": 60},
    {"actor": "C", "issue": "x", "position": 50, "salience": 0.3},
]


def _texts(fig: object) -> list[str]:
    out = []
    for ax in fig.axes:  # type: ignore[attr-defined]
        out += [t.get_text() for t in ax.texts]
        out.append(ax.get_title())
    out += [t.get_text() for t in fig.texts]  # type: ignore[attr-defined]
    return out


def _span(patch: object) -> tuple[float, float]:
    """The horizontal extent of an ``axvspan`` rectangle."""
    x, w = patch.get_x(), patch.get_width()  # type: ignore[attr-defined]
    return (round(min(x, x + w), 6), round(max(x, x + w), 6))


def test_accepted_side_runs_from_the_red_line_away_from_the_position() -> None:
    assert accepted_side(80, 60, 0, 100) == (60, 100)
    assert accepted_side(20, 50, 0, 100) == (0, 50)
    assert accepted_side(30, 30, 0, 100) == (30, 30)


def test_crossing_red_lines_draw_the_gap_and_name_it() -> None:
    s = scenario(CROSSING)
    a = analyse(s)
    results = [MODELS["compromise"].run(s), MODELS["nash"].run(s)]
    fig = issue_figure(s, "x", results, a)
    texts = _texts(fig)
    assert zone_text(s, s.issue("x"), a) == "No zone: Borduria ≥ 60 vs Atlantis ≤ 40, gap 20"
    assert "No zone: Borduria ≥ 60 vs Atlantis ≤ 40, gap 20" in texts
    assert "gap between red lines" in texts and "zone of agreement" not in texts
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    assert _span(hatched[0]) == (40, 60)
    # one row per actor and per model, named; nash has no forecast without a zone
    for name in ("Atlantis", "Borduria", "Carpathia", "compromise", "nash", "no forecast"):
        assert any(name in t for t in texts), name


def test_overlapping_red_lines_shade_the_zone() -> None:
    stances = [dict(CROSSING[0], reservation=70), dict(CROSSING[1], reservation=30),
               CROSSING[2]]
    s = scenario(stances)
    fig = issue_figure(s, "x", [MODELS["compromise"].run(s)], analyse(s))
    assert "Zone of agreement: 30–70" in _texts(fig)
    spans = [p for p in fig.axes[0].patches if not p.get_hatch()]
    assert (30, 70) in [_span(p) for p in spans]


def test_an_issue_without_stances_still_draws_its_scale() -> None:
    s = scenario([{"actor": "A", "issue": "x", "position": 10, "salience": 0.5}],
                 issues=[{"id": "x", "name": "Issue x"},
                         {"id": "y", "name": "Empty issue", "labels": {0: "low", 100: "high"}}])
    results = [MODELS["compromise"].run(s)]
    fig = issue_figure(s, "y", results, analyse(s))
    texts = _texts(fig)
    assert "no actor states a position on this issue" in texts
    assert "no forecast" in " ".join(texts)
    assert "low" in texts and "high" in texts
    assert "<svg" in svg_of(fig)


def test_no_red_lines_means_no_red_line_marks() -> None:
    s = scenario([{"actor": "A", "issue": "x", "position": 10, "salience": 0.5},
                  {"actor": "B", "issue": "x", "position": 70, "salience": 0.5}])
    fig = issue_figure(s, "x", [], analyse(s))
    texts = _texts(fig)
    assert not [t for t in texts if "red line" in t and not t.startswith("Zone")]
    assert not fig.axes[0].lines and len(fig.axes[0].collections) == 1  # the positions only
    assert "Zone of agreement: the whole scale (no veto player states a red line)" in texts


def test_a_scale_in_years_keeps_its_own_numbers() -> None:
    s = scenario([{"actor": "A", "issue": "t", "position": 5, "salience": 0.5},
                  {"actor": "B", "issue": "t", "position": 9, "salience": 0.5,
                   "reservation": 7}],
                 issues=[{"id": "t", "name": "Term", "range": [4, 10], "unit": "years",
                          "labels": {4: "four years", 10: "ten years"}, "status_quo": 6}])
    fig = issue_figure(s, "t", [MODELS["mean"].run(s)], analyse(s))
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    assert 3.8 < lo < 4 and 10 < hi < 10.2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["4", "10"]
    assert ax.get_xlabel() == "" and "years" in _texts(fig)  # the unit, beside the numbers
    texts = _texts(fig)
    assert "four years" in texts and "ten years" in texts and "7" in texts  # the mean, 7


def test_text_from_files_is_escaped_and_dollars_are_not_mathematics() -> None:
    s = scenario(CROSSING).model_copy(deep=True)
    data = s.model_dump()
    data["actors"][0]["name"] = "<i>x</i> & $1 or $2"
    data["issues"][0]["labels"] = {0: "<img src=x>", 100: "a $ b $ c"}
    s2 = type(s).model_validate(data)
    svg = svg_of(issue_figure(s2, "x", [], analyse(s2)))
    assert "<i>" not in svg and "<img" not in svg
    assert "&lt;i&gt;x&lt;/i&gt; &amp; $1 or $2" in svg
    assert "&lt;img src=x&gt;" in svg and "a $ b $ c" in svg
    assert plain("$x$") == r"\$x\$" and plain("_hidden").startswith("\u200b")


def test_figure_svg_is_inline_ready_and_stable() -> None:
    s = scenario(CROSSING)
    fig = issue_figure(s, "x", [MODELS["compromise"].run(s)], analyse(s))
    svg = figure_svg(fig, prefix="c-one", label='Alt "text" <b>')
    assert svg.startswith('<svg id="c-one" class="chart" role="img" aria-label="Alt '
                          '&quot;text&quot; &lt;b&gt;"')
    for banned in ("<?xml", "<!DOCTYPE", "<metadata", "http://purl.org", "dc:date"):
        assert banned not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids)) and all(i.startswith("c-one") for i in ids)
    refs = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg)
    assert refs and {a or b for a, b in refs} <= set(ids)
    assert "#c-one *{stroke-linejoin" in svg  # matplotlib's '*' rule stays inside the chart
    assert figure_svg(fig, prefix="c-one", label='Alt "text" <b>') == svg


def test_png_and_standalone_svg_files() -> None:
    s = scenario(CROSSING)
    fig = issue_figure(s, "x", [], analyse(s))
    assert figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    doc = save_figure(fig, "svg")
    assert doc.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    assert b'xmlns="http://www.w3.org/2000/svg"' in doc
    with pytest.raises(ValueError):
        save_figure(fig, "gif")


@pytest.mark.parametrize("xs", [
    [0.0, 0.55, 1.1, 2.75, 3.0, 4.1, 5.5],          # the built-in territory scale
    [0.0, 1.4, 2.75, 3.85, 4.7, 5.5],               # nato
    [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],       # crowded
])
def test_scale_labels_never_overlap_on_a_line(xs: list[float]) -> None:
    chars = 17.0
    spots = place_labels(xs, [60] * len(xs), -1.5, 5.8, chars_per_inch=chars)
    assert len(spots) == len(xs) and max(s.level for s in spots) <= 2
    drawn = [s for s in spots if s.level >= 0]
    assert len(drawn) >= min(len(xs), 3)
    for level in {s.level for s in drawn}:
        extents = []
        for x, s in zip(xs, spots, strict=True):
            if s.level != level:
                continue
            w = s.chars / chars
            a = {"left": x, "right": x - w, "center": x - w / 2}[s.ha]
            extents.append((a, a + w))
        extents.sort()
        for (_, b0), (a1, _) in itertools.pairwise(extents):
            assert a1 >= b0 - 1e-9, (level, extents)


def test_comparison_marks_every_forecast() -> None:
    s = scenario(CROSSING)
    results = [MODELS[m].run(s) for m in ("compromise", "median", "nash")]
    fig = comparison_figure(s, results, analyse(s))
    ax = fig.axes[0]
    marked = [line for line in ax.lines if line.get_linestyle() == "None"]
    assert len(marked) == 2  # nash has no forecast without a zone
    assert [t.get_text() for t in fig.texts[1:]] == ["compromise", "median", "nash",
                                                     "zone of agreement"]


def test_trajectories_of_the_eum_and_of_a_model_without_rounds() -> None:
    s = scenario(CROSSING)
    eum = MODELS["eum"].run(s)
    fig = trajectory_figure(s, eum)
    lines = fig.axes[0].collections[0]
    assert len(fig.axes) == 1 and len(lines.get_segments()) == 3   # one path per actor
    assert [t.get_text() for t in fig.texts[1:5]] == ["Atlantis", "Borduria", "Carpathia",
                                                      "forecast"]
    flat = trajectory_figure(s, MODELS["compromise"].run(s))
    assert "compromise records no rounds for these issues" in _texts(flat)


def test_the_charts_module_gathers_every_chart() -> None:
    from accord.ledger.forecast_scores import calibration
    from accord.reports import charts

    for name in charts.__all__:
        assert callable(getattr(charts, name)), name
    fig = charts.calibration_figure(calibration([], 5), "empty")
    assert fig.axes[0].get_title() == "empty"
