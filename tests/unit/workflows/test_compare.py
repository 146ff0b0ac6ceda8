"""The comparison of two analyses (accord.workflows.compare) and why outputs did not move."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import UsageError
from accord.models.choice import ModelChoice
from accord.scenario.diff import diff_scenarios
from accord.scenario.edits import apply_edits, apply_variant
from accord.scenario.load import load_scenario
from accord.scenario.variants import DropActor, SetStance
from accord.workflows.analysis import analyse
from accord.workflows.compare import compare, compare_analyses, side, variant_comparisons
from accord.workflows.compare_reasons import touched_by
from accord.workflows.settings import AnalysisSettings
from accord.workflows.whatif_input import edited, edits_from_json

HARBOUR = Path(__file__).resolve().parents[2] / "data" / "whatif" / "harbour.yaml"
SETTINGS = AnalysisSettings(models=(ModelChoice(model="compromise"),
                                    ModelChoice(model="median")), record=False)


@pytest.fixture(scope="module")
def harbour():  # type: ignore[no-untyped-def]
    return load_scenario(HARBOUR)


def test_dropping_the_blocking_veto_player_opens_its_zone(harbour) -> None:  # type: ignore[no-untyped-def]
    c = compare(harbour, apply_edits(harbour, [DropActor(actor="CITY")]), SETTINGS)
    wage = next(z for z in c.zones if z.issue == "wage")
    assert wage.a is None and wage.b == (8.0, 12.0) and wage.changed
    assert c.verdict_changed and c.b.verdict == "deal possible"
    assert [(x.issue, tuple(x.actors)) for x in c.blocking_resolved] == [("wage",
                                                                        ("UNION", "CITY"))]
    assert c.concessions_changed and c.b.movers == ()
    assert c.opening_changed
    assert {g.actor for g in c.gains} == {"PORT", "UNION", "CITY"}
    assert c.unchanged == ()  # every output moved


def test_a_zone_open_now_on_both_sides_has_not_changed_costs_or_none(harbour) -> None:  # type: ignore[no-untyped-def]
    open_now = apply_edits(harbour, [DropActor(actor="CITY")])
    assert open_now.costs                      # the harbour's costs move its red lines
    c = compare(open_now, open_now.model_copy(update={"costs": ()}), SETTINGS)
    assert c.a.timeline is not None and c.b.timeline is not None
    assert c.a.timeline.months == c.b.timeline.months == 0
    assert c.a.timeline.costs != c.b.timeline.costs
    assert not c.opening_changed


def test_the_same_scenario_is_the_same_everywhere(harbour) -> None:  # type: ignore[no-untyped-def]
    c = compare(harbour, harbour, SETTINGS)
    assert c.inputs.empty and c.unchanged == ()
    assert not (c.verdict_changed or c.opening_changed or c.blocking_changed
                or c.concessions_changed or c.zones_changed or c.forecasts_changed)
    assert not any(g.changed for g in c.gains)
    assert c.document()["outputs"]["verdict"]["changed"] is False


def test_a_changed_position_leaves_the_zones_and_says_why(harbour) -> None:  # type: ignore[no-untyped-def]
    other = apply_edits(harbour, [SetStance(actor="PORT", issue="hours", field="position",
                                            value=60.0)])
    c = compare(harbour, other, SETTINGS)
    codes = {w.output: w.code for w in c.unchanged}
    assert codes["zones"] == "no-red-line"
    assert codes["verdict"] == "still-blocking" and codes["opening"] == "last-to-meet"
    assert "forecasts" not in codes  # the compromise moves with the port's position
    last = next(w for w in c.unchanged if w.output == "opening")
    assert last.pairs == (("wage", "UNION", "CITY"),) and last.actors == ()


def test_what_the_changes_touch(harbour) -> None:  # type: ignore[no-untyped-def]
    t = touched_by(diff_scenarios(harbour, apply_variant(harbour, "city-leaves")))
    assert t.actors == {"CITY"} and t.dropped == ("CITY",) and t.red_lines
    assert t.touches("CITY", "hours") and not t.touches("PORT", "wage")
    t = touched_by(diff_scenarios(harbour, apply_variant(harbour, "union-softens")))
    assert t.pairs == {("UNION", "wage")} and t.bargaining_only and t.red_lines
    t = touched_by(diff_scenarios(harbour, apply_edits(harbour, [SetStance(
        actor="PORT", issue="hours", field="salience", value=0.1)])))
    assert not t.bargaining_only and not t.red_lines


def test_the_sides_of_a_comparison_made_elsewhere_are_compared_alike(harbour) -> None:  # type: ignore[no-untyped-def]
    other = apply_variant(harbour, "union-softens")
    direct = compare(harbour, other, SETTINGS)
    cached = compare_analyses(side("a", analyse(harbour, SETTINGS)),
                              side("b", analyse(other, SETTINGS)))
    assert cached.document()["outputs"] == direct.document()["outputs"]
    assert cached.document()["unchanged"] == direct.document()["unchanged"]


def test_every_variant_against_the_scenario(harbour) -> None:  # type: ignore[no-untyped-def]
    out = variant_comparisons(analyse(harbour, SETTINGS))
    assert [c.b.variant.id for c in out if c.b.variant] == ["city-leaves", "union-softens",
                                                            "shipping-weighs-in"]
    assert [c.b.verdict for c in out] == ["deal possible", "deal possible", "no deal"]
    assert all(c.a.analysis.settings == c.b.analysis.settings == SETTINGS for c in out)
    assert variant_comparisons(analyse(apply_variant(harbour, "city-leaves"), SETTINGS)) == ()


def test_edits_typed_as_json(harbour) -> None:  # type: ignore[no-untyped-def]
    edits = edits_from_json(['{"edit": "drop-actor", "actor": "CITY"}',
                             '[{"edit": "set-veto", "actor": "SHIP", "veto": true}]'])
    assert [type(e).__name__ for e in edits] == ["DropActor", "SetVeto"]
    assert edited(harbour, edits).has_veto("SHIP", "wage")
    with pytest.raises(UsageError, match=r"^--edit 2: not valid JSON"):
        edits_from_json(["{}", "{"])
    with pytest.raises(UsageError, match=r"^the form: edit 1 \(drop actor X\): unknown actor"):
        edited(harbour, edits_from_json(['{"edit": "drop-actor", "actor": "X"}']), "the form")


def test_the_settings_line_names_every_bargaining_option(harbour) -> None:  # type: ignore[no-untyped-def]
    from accord.reports.compare_view import compare_blocks
    from accord.reports.document import Paragraph
    from accord.workflows.settings import BargainSettings

    def line(settings: AnalysisSettings) -> str:
        blocks = compare_blocks(compare(harbour, harbour, settings))
        return next(b.text for b in blocks if isinstance(b, Paragraph)
                    and b.text.startswith("Same analysis on both"))

    assert line(SETTINGS) == ("Same analysis on both: models compromise, median; "
                              "linear loss, no deal by reservation, "
                              "capability-salience power, horizon 60 months.")
    weighted = SETTINGS.model_copy(update={"bargain": BargainSettings(
        weighted=True, no_deal={"wage": 5.0}, horizon=24)})
    assert line(weighted).endswith("concessions weighted by salience, horizon 24 months, "
                                   "no deal at wage=5.0.")
    assert line(SETTINGS.model_copy(update={"bargain": None})).endswith(
        "; no bargaining analysis.")
