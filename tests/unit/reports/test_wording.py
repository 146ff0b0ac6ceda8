"""Reader-facing sentences (issue 19): counts agree with their nouns, a zone already open is
not said to "never open in 0% of draws", and bargaining amounts use the issue's unit."""

from __future__ import annotations

from accord.bargaining import BargainOptions, analyse, analysis_document
from accord.reports.bargain_view import summary
from accord.reports.formatting import count
from accord.reports.mc_view import bargain_lines
from accord.uncertainty import McSettings, Serial, mc_document, monte_carlo
from accord.uncertainty.summary_types import McDocument
from tests.helpers import configured
from tests.unit.reports.helpers import scenario
from tests.unit.uncertainty.cases import talks


def test_count_agrees_with_its_noun() -> None:
    assert count(1, "article") == "1 article"
    assert count(0, "article") == "0 articles"
    assert count(3, "article") == "3 articles"
    assert count(1, "pair", "pairs of red lines") == "1 pair"
    assert count(2, "pair", "pairs of red lines") == "2 pairs of red lines"


def _mc() -> McDocument:
    return mc_document(monte_carlo(talks(), McSettings(draws=50, seed=1, models=(
        configured("compromise"),), bargain=BargainOptions(horizon=24)), Serial()))


def test_a_zone_open_in_every_draw_is_not_said_never_to_open() -> None:
    doc = _mc()
    b = doc.bargain
    assert b is not None and b.point is not None
    first = next(iter(b.deal_by))
    always = b.model_copy(update={
        "p_deal": 1.0, "deal_by": dict.fromkeys(b.deal_by, 1.0),
        "point": b.point.model_copy(update={"verdict": "deal possible", "opens": first}),
        "opening": b.opening.model_copy(update={"never": 0.0, "median": first,
                                                "median_months": 0})})
    text = " ".join(bargain_lines(doc.model_copy(update={"bargain": always})))
    assert "never opens" not in text and " 0% of draws" not in text, text
    assert "already open" in text, text
    assert f"a zone opens in {first}" not in text, text
    some = b.model_copy(update={"p_deal": 0.5,
                                "opening": b.opening.model_copy(update={"never": 0.25})})
    text = " ".join(bargain_lines(doc.model_copy(update={"bargain": some})))
    assert "It never opens under the drawn costs in 25.0% of draws." in text


TONNES = [{"id": "q", "name": "Quota", "range": [0, 50], "unit": "thousand tonnes",
           "labels": {0: "none", 50: "all"}},
          {"id": "r", "name": "Rate", "range": [0, 50], "unit": "thousand tonnes",
           "labels": {0: "none", 50: "all"}}]


def test_bargaining_amounts_use_the_issue_unit() -> None:
    scn = scenario([
        {"actor": "A", "issue": "q", "position": 5, "salience": 0.8, "reservation": 15},
        {"actor": "B", "issue": "q", "position": 45, "salience": 0.6, "reservation": 20},
        {"actor": "A", "issue": "r", "position": 5, "salience": 0.8, "reservation": 15},
        {"actor": "B", "issue": "r", "position": 45, "salience": 0.6, "reservation": 22.5}],
        issues=TONNES)
    text = " ".join(summary(scn, analysis_document(analyse(scn))))
    assert "are 5 thousand tonnes apart" in text, text
    assert "points" not in text, text
    # the red lines move 5 + 7.5 thousand tonnes (25 points of the 0-100 scales)
    assert "(12.5 thousand tonnes in all)" in text, text


def test_the_range_of_the_models_says_how_many_made_a_forecast() -> None:
    from accord.reports.build import build_report
    from accord.reports.document import Table
    from accord.workflows.report_data import gather

    crossing = scenario([
        {"actor": "A", "issue": "x", "position": 10, "salience": 0.8, "reservation": 40},
        {"actor": "B", "issue": "x", "position": 90, "salience": 0.6, "reservation": 60}])
    report = build_report(gather(crossing, models=["compromise", "median", "nash"]))
    table = next(b for b in report.sections[0].blocks if isinstance(b, Table))
    column = table.headers.index("Range of the models' forecasts")
    assert table.rows[0][column].endswith("(2 of 3 models)"), table.rows[0]
