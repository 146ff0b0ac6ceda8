"""Scenario versions saved without a run (the dashboard's uploads and edits), on SQLite and
PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from accord.scenario.load import parse_scenario
from accord.scenario.schema import Scenario
from accord.store.engine import Store
from accord.store.migrate import open_store
from accord.store.recording import recording
from accord.store.runs import get_scenario_version
from accord.store.tables import scenario_versions
from accord.store.versions import (
    list_scenario_versions,
    save_scenario_version,
    scenario_histories,
    scenario_history,
    version_info,
)
from tests.unit.store.helpers import TALKS_2024, model_run, talks


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def edited(scenario: Scenario, position: float) -> Scenario:
    data = scenario.model_dump(mode="python")
    data["stances"][2]["position"] = position
    return Scenario.model_validate(data)


def count(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(scenario_versions))
                   .scalar_one())


def test_a_saved_version_keeps_the_file_and_reads_back(store: Store) -> None:
    scenario = talks()
    info, created = save_scenario_version(store, scenario, TALKS_2024.read_text())
    assert created and info.digest == scenario.digest()
    assert (info.scenario_id, info.title, info.as_of) == (scenario.id, scenario.title,
                                                          scenario.as_of)
    stored = get_scenario_version(store, scenario.digest())
    assert stored.text_kind == "file" and stored.text == TALKS_2024.read_text()
    assert stored.scenario() == scenario


def test_without_its_file_a_version_is_canonical_yaml(store: Store) -> None:
    scenario = talks()
    info, _ = save_scenario_version(store, scenario)
    assert info.text_kind == "canonical"
    text = get_scenario_version(store, scenario.digest()).text
    assert parse_scenario(text, "x") == scenario


def test_a_file_that_is_not_this_scenario_is_not_kept(store: Store) -> None:
    # an edited scenario must never be stored with the text of the file it came from
    scenario = edited(talks(), 30)
    info, _ = save_scenario_version(store, scenario, TALKS_2024.read_text())
    assert info.text_kind == "canonical"
    assert get_scenario_version(store, scenario.digest()).scenario() == scenario


def test_saving_the_same_scenario_again_adds_nothing(store: Store) -> None:
    scenario = talks()
    first, created = save_scenario_version(store, scenario)
    again, created_again = save_scenario_version(store, scenario, TALKS_2024.read_text())
    assert created and not created_again
    assert again == first and count(store) == 1
    # the text first stored stays (versions never change)
    assert get_scenario_version(store, scenario.digest()).text_kind == "canonical"


def test_edits_are_numbered_versions_of_one_scenario(store: Store) -> None:
    base = talks()
    digests = []
    for position in (None, 30.0, 35.0):
        scenario = base if position is None else edited(base, position)
        digests.append(save_scenario_version(store, scenario)[0].digest)
    other = talks(2025)
    save_scenario_version(store, other)
    history = scenario_history(store, base.id)
    assert [v.digest for v in history.versions] == digests
    assert [history.number(d) for d in digests] == [1, 2, 3]
    assert history.latest.digest == digests[-1]
    assert history.number(other.digest()) is None
    assert [h.scenario_id for h in scenario_histories(store)] == [other.id, base.id]
    assert len(list_scenario_versions(store)) == 4
    assert scenario_history(store, "nothing-stored").versions == ()


def test_a_version_a_run_stored_is_listed_and_not_duplicated(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario)
    with recording(store, spec, scenario) as rec:
        rec.finish(results)
    info, created = save_scenario_version(store, scenario)
    assert not created and count(store) == 1
    assert [v.digest for v in scenario_history(store, scenario.id).versions] == [info.digest]


def test_version_info_of_an_unknown_digest_is_none(store: Store) -> None:
    assert version_info(store, "0" * 64) is None


def test_concurrent_saves_of_one_scenario_store_it_once(store: Store) -> None:
    scenario = edited(talks(), 42)
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def save() -> None:
        try:
            outcomes.append(save_scenario_version(store, scenario)[1])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert count(store) == 1
    assert outcomes.count(True) <= 1 and len(outcomes) == 6
