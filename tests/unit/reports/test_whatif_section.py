"""The report's "What if" section: each variant of the scenario against it, one row each."""

from __future__ import annotations

import pytest

from accord.reports.build import build_report, default_sections
from accord.reports.document import Cell, Table
from accord.reports.html import render_html
from accord.reports.sections_whatif import whatif
from accord.scenario.edits import apply_variant
from accord.scenario.load import load_scenario
from accord.scenario.schema import Scenario
from accord.workflows.report_data import gather
from tests.unit.reports.helpers import DATA, HOSTILE
from tests.unit.reports.test_report import Elements

HARBOUR = DATA / "whatif" / "harbour.yaml"


@pytest.fixture(scope="module")
def harbour() -> Scenario:
    return load_scenario(HARBOUR)


def test_one_row_per_variant_with_what_moved(harbour: Scenario) -> None:
    data = gather(harbour, models=["compromise", "median"], with_timeline=False)
    assert [c.b.variant.id for c in data.whatif if c.b.variant] == [
        "city-leaves", "union-softens", "shipping-weighs-in"]
    section = whatif(data)
    assert section is not None and section.title == "What if"
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.headers[3] == "Forecasts that moved (compromise)"
    city, union, ship = table.rows
    name = city[0]
    assert isinstance(name, Cell) and name.text == "The city council steps back"
    assert name.marks == ("city-leaves",) and name.note is not None
    assert name.note.startswith("The mayor said")
    assert city[1:3] == ("no deal → deal possible", "2027-09 → open now")
    assert city[4] == "Dockers' union loses → gains"
    assert union[3] == "none"                            # a red line moves no forecast
    assert ship[1:3] == ("no deal (same)", "2027-09 (same)") and ship[4] == "none"
    assert str(ship[3]).startswith("Wage rise 7.4 → 6.7")
    assert whatif in default_sections()


def test_no_variants_no_section(harbour: Scenario) -> None:
    data = gather(apply_variant(harbour, "city-leaves"), models=["mean"], with_timeline=False)
    assert data.whatif == () and whatif(data) is None


def test_the_variants_text_is_escaped_in_html() -> None:
    base = load_scenario(HOSTILE)
    data = base.model_dump(mode="python")
    data["variants"] = [{"id": "b-leaves", "title": "<script>window.__pwned=1</script>B goes",
                         "rationale": '</td></tr></table><img src=x onerror="x()">why',
                         "edits": [{"edit": "drop-actor", "actor": "B"}]}]
    scn = Scenario.model_validate(data)
    report = build_report(gather(scn, models=["mean"], with_timeline=False), [whatif])
    parsed = Elements()
    parsed.feed(render_html(report))
    assert not {t for t, _ in parsed.tags} & {"script", "img"}
    text = "".join(parsed.text)
    assert "<script>window.__pwned=1</script>B goes" in text
    assert '</td></tr></table><img src=x onerror="x()">why' in text
