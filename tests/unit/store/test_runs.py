"""Recording runs and scenario versions, and reading them back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from accord.errors import UsageError
from accord.ledger.derive import results_of
from accord.models import Result
from accord.runspec import RunSpec
from accord.scenario.load import parse_scenario
from accord.store.engine import Store, StoreError
from accord.store.migrate import open_store
from accord.store.recording import recording
from accord.store.records import FAILED, FINISHED, INTERRUPTED, RUNNING
from accord.store.runs import (
    finish_run,
    get_run,
    get_scenario_version,
    list_runs,
    record_run,
    run_state,
    start_run,
)
from accord.store.tables import scenario_versions
from tests.unit.store.helpers import TALKS_2024, model_run, talks


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def test_a_recorded_run_reads_back_exactly(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario)
    with recording(store, spec, scenario, TALKS_2024.read_text()) as rec:
        assert get_run(store, rec.run_id).status == RUNNING   # committed before the work
        rec.finish(results)
    record = get_run(store, rec.run_id)
    assert record.status == FINISHED and record.error is None
    assert record.spec == spec and record.kind == "run"
    assert record.scenario_id == scenario.id and record.scenario_digest == scenario.digest()
    assert record.finished_at is not None and record.finished_at >= record.started_at
    assert record.host and record.pid == os.getpid()
    assert results_of(record) == results                 # every field, every float
    version = get_scenario_version(store, scenario.digest())
    assert version.text_kind == "file" and version.text == TALKS_2024.read_text()
    assert version.scenario() == scenario


def test_a_scenario_without_file_text_is_kept_as_canonical_yaml(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario, ("compromise",))
    record_run(store, spec, scenario, results)
    version = get_scenario_version(store, scenario.digest())
    assert version.text_kind == "canonical"
    assert parse_scenario(version.text, "x").digest() == scenario.digest()


def test_text_that_is_not_the_scenario_is_not_kept_as_its_file(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario, ("mean",))
    record_run(store, spec, scenario, results, file_text="actor,capability\nA,1\n")
    assert get_scenario_version(store, scenario.digest()).text_kind == "canonical"


def test_one_scenario_version_per_digest(store: Store) -> None:
    for year in (2024, 2024, 2025):
        spec, results = model_run(talks(year), ("mean",))
        record_run(store, spec, talks(year), results)
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(scenario_versions)).scalar() == 2
    assert len(list_runs(store)) == 3


def test_an_error_in_the_block_marks_the_run_failed_and_propagates(store: Store) -> None:
    spec, _ = model_run(talks(), ("mean",))
    with pytest.raises(ZeroDivisionError), recording(store, spec, talks()) as rec:
        _ = 1 / 0
    record = get_run(store, rec.run_id)
    assert record.status == FAILED and "ZeroDivisionError" in (record.error or "")
    assert record.payload_text is None


def test_a_block_that_ends_without_a_result_is_a_failed_run(store: Store) -> None:
    spec, _ = model_run(talks(), ("mean",))
    with recording(store, spec, talks()) as rec:
        pass
    assert get_run(store, rec.run_id).error == "ended without a result"


def test_a_run_is_finished_once(store: Store) -> None:
    spec, results = model_run(talks(), ("mean",))
    run_id = record_run(store, spec, talks(), results)
    with pytest.raises(StoreError, match="not running"):
        finish_run(store, run_id, results)


def test_the_spec_must_name_the_scenario_given(store: Store) -> None:
    spec, _ = model_run(talks(2024), ("mean",))
    with pytest.raises(StoreError, match="digest"):
        start_run(store, spec, talks(2025))


def test_any_json_document_can_be_the_result(store: Store) -> None:
    import numpy as np

    spec = RunSpec(kind="bargain", scenario_id=talks().id, scenario_digest=talks().digest())
    doc = {"zopa": {"territory": [40.0, 70.0]}, "draws": np.arange(3), "nan": float("nan"),
           "verdict": "deal possible"}
    run_id = record_run(store, spec, talks(), doc)
    assert get_run(store, run_id).payload == {
        "zopa": {"territory": [40.0, 70.0]}, "draws": [0, 1, 2], "nan": None,
        "verdict": "deal possible"}
    with pytest.raises(UsageError, match="did not record model Results"):
        results_of(get_run(store, run_id))


def test_listing_filters_and_orders_newest_first(store: Store) -> None:
    ids = []
    for year, kind in ((2024, "run"), (2025, "run"), (2024, "mc")):
        spec, results = model_run(talks(year), ("mean",))
        spec = spec.model_copy(update={"kind": kind})
        ids.append(record_run(store, spec, talks(year), results))
    assert [r.id for r in list_runs(store)] == ids[::-1]
    assert [r.id for r in list_runs(store, kind="mc")] == [ids[2]]
    assert [r.id for r in list_runs(store, scenario="talks-2025-12")] == [ids[1]]
    assert [r.id for r in list_runs(store, limit=1)] == [ids[2]]
    assert list_runs(store, status=RUNNING) == []
    assert list_runs(store)[0].payload_text is None       # lists never load payloads


def test_a_missing_run_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="no run 42"):
        get_run(store, 42)


def test_a_running_run_whose_process_is_gone_shows_as_interrupted(store: Store) -> None:
    spec, _ = model_run(talks(), ("mean",))
    run_id = start_run(store, spec, talks())
    assert run_state(get_run(store, run_id)) == RUNNING    # this process is alive
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    with store.writing() as conn:
        from accord.store.tables import runs

        conn.execute(runs.update().where(runs.c.id == run_id)
                     .values(pid=int(dead.stdout)))
    assert run_state(get_run(store, run_id)) == INTERRUPTED
    assert run_state(get_run(store, run_id), host="another-host") == RUNNING


def test_results_round_trip_through_the_payload(store: Store) -> None:
    spec, results = model_run(talks(), ("compromise",))
    run_id = record_run(store, spec, talks(), results[0])        # one Result alone
    (back,) = results_of(get_run(store, run_id))
    assert back == results[0] and isinstance(back, Result)
    assert json.loads(back.to_json()) == json.loads(results[0].to_json())


def test_the_command_line_recorder_warns_instead_of_failing(
        db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from accord.cli.store import recorder

    spec, results = model_run(talks(), ("mean",))
    with recorder(db_url, True, spec, talks()) as rec:
        rec.finish({"text": "\ud800"})      # a lone surrogate: the driver cannot encode it
    assert "could not be stored" in capsys.readouterr().err
    store = open_store(db_url)
    try:
        (record,) = list_runs(store)
        assert record.id == rec.run_id and record.status == FAILED   # never "finished"
    finally:
        store.close()
    with recorder(db_url, True, spec, talks()) as rec:
        rec.finish(results)
    assert f"recorded as run {rec.run_id}" in capsys.readouterr().err
    with recorder(db_url, False, spec, talks()) as off:
        off.finish(results)
    assert off.run_id is None
