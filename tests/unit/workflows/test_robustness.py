"""What a verdict depends on (issue 16): the fast evaluator agrees with the full analysis, the
knife-edge numbers of a hand-made case are the ones that are, and `accord tipping` and `accord
bargain` name them."""

from __future__ import annotations

import json

import pytest

from accord.bargaining.staged import analyse
from accord.scenario.schema import Scenario
from accord.workflows.robustness import Evaluator, opening_band, robustness
from accord.workflows.settings import BargainSettings
from accord.workflows.tipping import find_number, set_number
from tests.conftest import cli


def _scenario(low_red: float = 40, high_red: float = 60, drift: float = 0.0) -> Scenario:
    """Two veto players on one issue: A wants 0 and accepts up to ``high_red``, B wants 100
    and accepts down to ``low_red``; the zone is [low_red, high_red] when it is not empty."""
    return Scenario.model_validate({
        "id": "two", "title": "Two <b>players</b>", "as_of": "2026-01",
        "actors": [{"id": "A", "name": "Atlantis", "capability": 50, "veto": True},
                   {"id": "B", "name": "Borduria", "capability": 50, "veto": True}],
        "issues": [{"id": "x", "name": "Tariff", "labels": {0: "free", 100: "closed"}}],
        "stances": [{"actor": "A", "issue": "x", "position": 0, "salience": 1,
                     "reservation": high_red},
                    {"actor": "B", "issue": "x", "position": 100, "salience": 1,
                     "reservation": low_red}],
        "costs": [{"actor": "B", "issue": "x", "drift": drift, "floor": 0}] if drift else [],
    })


def test_the_fast_evaluator_gives_the_full_analysis_verdict() -> None:
    scn = _scenario(55, 50, drift=1.0)
    ev = Evaluator(scn, BargainSettings(), None)
    for field, value in (("reservation", 52.0), ("reservation", 70.0), ("position", 30.0),
                         ("salience", 0.3), ("drift", 0.2), ("drift", 3.0)):
        actor = "A" if field != "drift" else "B"
        number = find_number(scn, actor, "x", field)
        fast = ev.verdict(number, value)
        a = analyse(set_number(scn, number, value))
        assert a.opening is not None
        assert fast[:3] == (a.verdict, tuple(z is not None for z in a.zones),
                            opening_band(a.opening.month, a.opening.never)), (field, value)


def test_red_lines_that_overlap_from_40_to_60_tip_at_40_and_60() -> None:
    r = robustness(_scenario(), fields=("reservation",))
    by_actor = {t.number.actor: t for t in r.tippings}
    assert by_actor["A"].nearest is not None and by_actor["B"].nearest is not None
    assert by_actor["A"].nearest.value == pytest.approx(40, abs=0.01)   # A's maximum
    assert by_actor["B"].nearest.value == pytest.approx(60, abs=0.01)   # B's minimum
    assert not any(t.knife_edge for t in r.tippings)      # 20 points away: not within reach
    touching = robustness(_scenario(50, 50), fields=("reservation",))
    assert all(t.knife_edge for t in touching.tippings)   # a zone of one point


def test_progress_is_told_after_each_number() -> None:
    calls: list[tuple[int, int]] = []
    r = robustness(_scenario(), fields=("reservation", "position"),
                   progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 4) for k in range(1, 5)] and len(r.tippings) == 4


def test_tipping_names_the_knife_edge_numbers() -> None:
    proc = cli("tipping", "--field", "reservation", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    knife = {(n["actor"], n["issue"]) for n in doc["numbers"] if n["knife_edge"]}
    # red lines that touch in the built-in case: a zone of one point on each issue
    assert ("UKR", "recognition") in knife and ("RUS", "recognition") in knife
    assert ("UKR", "nato") in knife and ("RUS", "nato") in knife
    text = cli("tipping", "--field", "reservation", "--actor", "UKR").stdout
    assert "This verdict depends on" in text and "Ukraine's red line" in text


@pytest.mark.parametrize(("args", "says"), [
    (["--field", "mood"], "--field mood: not a kind of number"),
    (["--actor", "XYZ"], "--actor XYZ: no such actor"),
    (["--horizon", "-3"], "--horizon must be a whole number of months"),
    (["no-such-case"], "neither a file nor a built-in case"),
])
def test_bad_input_is_a_usage_error(args: list[str], says: str) -> None:
    proc = cli("tipping", *args)
    assert proc.returncode == 2 and says in proc.stderr


def test_bargain_leads_with_what_its_verdict_depends_on() -> None:
    proc = cli("bargain", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert "This verdict depends on" in proc.stdout
    doc = json.loads(cli("bargain", "--no-store", "-f", "json").stdout)
    assert any(n["actor"] == "UKR" and n["issue"] == "recognition" for n in doc["knife_edges"])
    quiet = json.loads(cli("bargain", "--no-store", "--no-tipping", "-f", "json").stdout)
    assert "knife_edges" not in quiet
