"""How many EUM pair readings the actors view keeps (workflows.actors.PAIR_READINGS): the
document and the tables stay bounded as actors grow, and an actor in focus keeps its own."""

from __future__ import annotations

import pytest

import accord.workflows.actors as actors_module
from accord.cases import load_case
from accord.models.choice import ModelChoice
from accord.reports.actor_rounds_view import eum_blocks
from accord.reports.document import Table
from accord.workflows.actors import actors_of
from accord.workflows.analysis import analyse
from accord.workflows.settings import AnalysisSettings


@pytest.fixture(scope="module")
def analysis():  # type: ignore[no-untyped-def]
    settings = AnalysisSettings(models=(ModelChoice(model="eum"),), record=False)
    return analyse(load_case("ukraine-2025-12"), settings, stages=actors_module.ACTORS_STAGES)


def pairs(doc: dict, issue: str) -> list[int | None]:  # type: ignore[type-arg]
    entry = next(e for e in doc["perceptions"] if e["issue"] == issue)
    return [None if r["perceptions"] is None else len(r["perceptions"]) for r in entry["rounds"]]


def test_every_round_is_read_within_the_budget(analysis) -> None:  # type: ignore[no-untyped-def]
    counts = pairs(actors_of(analysis).document(), "nato")     # 9 actors: 72 pairs a round
    assert len(counts) > 2 and all(c is not None and c > 0 for c in counts)


def test_past_the_budget_whole_rounds_are_left_unread(analysis,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    full = pairs(actors_of(analysis).document(), "nato")
    monkeypatch.setattr(actors_module, "PAIR_READINGS", 150)   # two rounds of 72 pairs
    found = actors_of(analysis)
    doc = found.document()
    assert pairs(doc, "nato") == full[:2] + [None] * (len(full) - 2)
    nato = next(e for e in doc["perceptions"] if e["issue"] == "nato")
    assert all(r["moves"] is not None for r in nato["rounds"])
    # an actor in focus keeps its own pairs, 2 x 8 a round, so 150 // 16 = 9 rounds fit
    mine = pairs(actors_of(analysis, actor="UKR").document(), "nato")
    assert len(mine) > 9 and mine[9:] == [None] * (len(mine) - 9)
    assert all(c is not None and 0 < c <= 16 for c in mine[:9])

    monkeypatch.setattr(actors_module, "PAIR_READINGS", 10)    # not even round 1
    blocks = eum_blocks(actors_of(analysis, issue="nato"))
    table = next(b for b in blocks if isinstance(b, Table))
    assert {row[2] for row in table.rows} == {"not read"}
    assert "Round 1's pair readings were not read: 9 actors make 72 pairs a round" in \
        (table.caption or "")


def test_long_lists_of_names_are_cut(monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                     analysis) -> None:
    import accord.reports.actor_rounds_view as view

    monkeypatch.setattr(view, "NAMES_SHOWN", 1)
    table = next(b for b in eum_blocks(actors_of(analysis, issue="nato"))
                 if isinstance(b, Table))
    cells = [cell for row in table.rows for cell in row[2:4]]
    assert any(" more" in str(c) for c in cells)
    assert all(str(c).count(",") == 0 for c in cells if c != "—")
