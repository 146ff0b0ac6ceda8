"""The report's "Who gains, who loses" and "What it would take" sections."""

from __future__ import annotations

import pytest

from accord.reports.build import build_report
from accord.reports.document import Page, Paragraph, Section, Table, cell_text
from accord.reports.markdown import page_markdown
from accord.workflows.report_data import gather
from tests.unit.reports.helpers import scenario

pytest.importorskip("matplotlib")


def _section(sections: tuple[Section, ...], key: str) -> Section:
    return next(s for s in sections if s.key == key)


def _text(section: Section) -> str:
    out = []
    for b in section.blocks:
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Table):
            out += [cell_text(c) for row in b.rows for c in row]
    return " ".join(out)


def test_the_cheapest_move_into_the_zone_worked_by_hand() -> None:
    """A (capability 50, at 0, salience 0.5, accepts at most 70) and B (40, at 100, 0.5, at
    least 60) hold vetoes: the zone is [60, 70]. C (10, at 20, salience 1) has none. The
    compromise is (25 * 0 + 20 * 100 + 10 * 20) / 55 = 40, outside the zone; its nearest
    point is 60. A's position would move 55 * 20 / 25 = 44 points; B's and C's would leave the
    scale. A's salience: the others weigh 30 with mean 2200 / 30, so A's weight must be
    30 (60 - 73.33) / (0 - 60) = 6.67, a salience of 0.133: 36.7 points, the cheapest."""
    s = scenario([{"actor": "A", "issue": "x", "position": 0, "salience": 0.5,
                   "reservation": 70},
                  {"actor": "B", "issue": "x", "position": 100, "salience": 0.5,
                   "reservation": 60},
                  {"actor": "C", "issue": "x", "position": 20, "salience": 1.0}])
    data = gather(s, models=["compromise", "eum"], with_timeline=False)
    assert data.zone_moves is not None and data.zone_moves.concessions is None
    (move,) = data.zone_moves.issues
    assert move.forecast == pytest.approx(40.0) and move.target == 60.0
    assert move.move is not None
    assert (move.move.actor, move.move.kind) == ("A", "salience")
    assert move.move.end == pytest.approx(2 / 15) and move.move.size == pytest.approx(110 / 3)
    report = build_report(data)
    keys = [x.key for x in report.sections]
    assert keys.index("models") < keys.index("actors") < keys.index("what-it-takes")
    text = _text(_section(report.sections, "what-it-takes"))
    assert "The compromise forecast lies outside the zone every veto player accepts on 1 " \
           "issue" in text
    assert "Atlantis moves its salience from 0.5 to 0.133 (36.7 pts, cost 36.7)" in text
    gains = _text(_section(report.sections, "actors"))
    assert "The zone's best deal, the Nash solution, gives every veto player" in gains


def test_a_closed_zone_lists_the_concession_ranges() -> None:
    s = scenario([{"actor": "A", "issue": "x", "position": 0, "salience": 0.5,
                   "reservation": 40},
                  {"actor": "B", "issue": "x", "position": 100, "salience": 0.5,
                   "reservation": 60}])
    report = build_report(gather(s, models=["compromise"], with_timeline=False))
    section = _section(report.sections, "what-it-takes")
    table = next(b for b in section.blocks if isinstance(b, Table)
                 and b.headers[0] == "Actor")
    assert [(r[0], r[4], r[5]) for r in table.rows] == [("Atlantis", "0", "20"),
                                                        ("Borduria", "0", "20")]
    text = _text(section)
    assert "is 20.0 points" in text and "no zone: red lines must move first" in text
    pivots = _text(_section(report.sections, "actors"))
    assert "its veto alone closes the zone" in pivots
    markdown = page_markdown(Page(section.title, section.blocks))
    assert "| Atlantis | Issue x | ≤ 40 | may move | 0 | 20 | 40 to 60 |" in markdown
