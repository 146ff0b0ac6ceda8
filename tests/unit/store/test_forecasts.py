"""The forecast ledger: importing predictions (idempotent), adding, resolving, deriving
accord's own forecasts from runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from accord.errors import UsageError
from accord.ledger.derive import forecast_from_document, forecasts_from_results, pick
from accord.ledger.prediction_forecasts import prediction_forecasts
from accord.store.engine import Store
from accord.store.forecasts import (
    NewForecast,
    add_forecast,
    add_forecasts,
    delete_forecasts,
    get_forecast,
    list_forecasts,
    resolve_forecast,
)
from accord.store.migrate import open_store
from accord.store.runs import get_run, record_run
from tests.unit.store.helpers import model_run, talks


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def test_importing_snapshots_adds_each_prediction_once(store: Store) -> None:
    report = add_forecasts(store, prediction_forecasts([talks(2024), talks(2025)]))
    # p1-p5 from 2024; in 2025 p1-p4 again (unchanged), p5 now resolved, p6 new
    assert len(report.added) == 6 and len(report.unchanged) == 4 and len(report.resolved) == 1
    again = add_forecasts(store, prediction_forecasts([talks(2024), talks(2025)]))
    assert again.added == () and again.resolved == () and len(again.unchanged) == 11
    ledger = {f.key: f for f in list_forecasts(store)}
    assert sorted(ledger) == [f"prediction:talks:p{k}" for k in range(1, 7)]
    p1 = ledger["prediction:talks:p1"]
    assert (p1.author, p1.probability, p1.outcome, p1.made, p1.resolves) == (
        "Analyst A", 0.8, 1.0, "2024-11", "2025-03")
    assert p1.source == "Talks may open soon (The Courier, 2024-11)"
    assert p1.quote == "I would put the odds of talks by March at four in five"
    assert p1.resolution_note == "talks opened in February" and p1.resolved_on == "2025-02"
    p5 = ledger["prediction:talks:p5"]                    # resolved by the later snapshot
    assert (p5.value, p5.outcome, p5.issue) == (70.0, 75.0, "territory")
    assert p5.resolution_note == 'No ceasefire in sight (The Ledger, 2024-11): "the line now ' \
                                 'runs at 75"'
    assert ledger["prediction:talks:p4"].kind == "statement"
    assert ledger["prediction:talks:p6"].outcome is None


def test_a_resolution_in_the_ledger_is_not_overwritten_by_an_import(store: Store) -> None:
    add_forecasts(store, prediction_forecasts([talks(2024)]))
    (p5,) = [f for f in list_forecasts(store) if f.key == "prediction:talks:p5"]
    resolve_forecast(store, p5.id, 80.0, on="2025-11", note="by hand")
    add_forecasts(store, prediction_forecasts([talks(2025)]))
    assert get_forecast(store, p5.id).outcome == 80.0


def test_add_resolve_and_remove_by_hand(store: Store) -> None:
    fid, new = add_forecast(store, NewForecast(statement="A deal by June", made="2025-01-15",
                                               author="Me", probability=0.25))
    assert new
    unkeyed_again, new_again = add_forecast(store, NewForecast(
        statement="A deal by June", made="2025-01-15", author="Me", probability=0.25))
    assert new_again and unkeyed_again != fid            # no key: a second forecast
    done = resolve_forecast(store, fid, True, on="2025-06", note="signed")
    assert (done.outcome, done.resolved_on, done.resolution_note) == (1.0, "2025-06", "signed")
    assert resolve_forecast(store, fid, False).outcome == 0.0      # resolving again replaces
    with pytest.raises(UsageError, match="true or false"):
        resolve_forecast(store, fid, 0.4)
    vid, _ = add_forecast(store, NewForecast(statement="x", made="2025", value=60))
    with pytest.raises(UsageError, match="number"):
        resolve_forecast(store, vid, True)
    assert resolve_forecast(store, vid, 55).outcome == 55.0
    with pytest.raises(UsageError, match="no forecast 999"):
        resolve_forecast(store, 999, True)
    with pytest.raises(UsageError, match="not a date"):
        resolve_forecast(store, fid, True, on="June")
    assert delete_forecasts(store, [fid, vid, 999]) == 2
    assert [f.id for f in list_forecasts(store)] == [unkeyed_again]


@pytest.mark.parametrize(("fields", "fragment"), [
    ({"probability": 1.5}, "less than or equal to 1"),
    ({"probability": 0.5, "value": 3}, "not both"),
    ({"made": "2025-13"}, "no month 13"),
    ({"statement": ""}, "at least 1 character"),
    ({"outcome": 0.5}, "true (1) or false (0)"),
])
def test_bad_forecasts_are_rejected(fields: dict[str, object], fragment: str) -> None:
    base: dict[str, object] = {"statement": "s", "made": "2025"}
    with pytest.raises(ValidationError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        NewForecast(**{**base, **fields})


def test_the_database_itself_enforces_probabilities(store: Store) -> None:
    with pytest.raises(IntegrityError), store.writing() as conn:
        conn.execute(text("INSERT INTO forecasts (statement, made, probability, created_at) "
                          "VALUES ('x', '2025', 1.5, '2025-01-01 00:00:00')"))
    assert list_forecasts(store) == []


def test_accord_forecasts_from_a_model_run(store: Store) -> None:
    scenario = talks()
    spec, results = model_run(scenario)
    run_id = record_run(store, spec, scenario, results)
    record = get_run(store, run_id)
    items = forecasts_from_results(record, scenario, resolves="2026-06")
    assert len(items) == len(results) * len(scenario.issues)
    first = items[0]
    assert (first.run_id, first.model, first.issue, first.author) == (
        run_id, "compromise", "territory", "accord")
    assert first.value == results[0].outcome["territory"]
    assert first.made == record.started_at.date().isoformat()
    assert len(add_forecasts(store, items).added) == len(items)
    assert add_forecasts(store, items).added == ()          # keyed: added once
    only = forecasts_from_results(record, scenario, resolves=None, models=["median"],
                                  issues=["sanctions"])
    assert [(f.model, f.issue) for f in only] == [("median", "sanctions")]
    with pytest.raises(UsageError, match="no result of model 'eum'"):
        forecasts_from_results(record, scenario, resolves=None, models=["eum"])
    with pytest.raises(UsageError, match="no issue 'nato'"):
        forecasts_from_results(record, scenario, resolves=None, issues=["nato"])


def test_a_number_picked_from_a_stored_document(store: Store) -> None:
    from accord.runspec import RunSpec

    scenario = talks()
    spec = RunSpec(kind="mc", scenario_id=scenario.id, scenario_digest=scenario.digest(),
                   model="compromise", draws=1000, seed=1)
    doc = {"deal": {"by": {"2026-06": 0.42}}, "draws": [1, 2]}
    record = get_run(store, record_run(store, spec, scenario, doc))
    f = forecast_from_document(record, "/deal/by/2026-06", "A deal by June 2026",
                               probability=True, resolves="2026-06")
    assert (f.probability, f.model, f.key) == (0.42, "compromise",
                                               f"run:{record.id}:/deal/by/2026-06")
    with pytest.raises(UsageError, match="not a number"):
        forecast_from_document(record, "/deal/by", "s", probability=False, resolves=None)
    with pytest.raises(UsageError, match="not a probability"):
        forecast_from_document(record, "/draws/1", "s", probability=True, resolves=None)
    with pytest.raises(UsageError, match=r"no 'dael' at '/' \(there: deal, draws\)"):
        pick(record.payload, "/dael")
    with pytest.raises(UsageError, match="not an index"):
        pick(record.payload, "/draws/5")
    with pytest.raises(UsageError, match="not a JSON pointer"):
        pick(record.payload, "deal")
    assert pick({"a/b": {"~": 3}}, "/a~1b/~0") == 3


@pytest.mark.parametrize("outcome", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_outcome_is_refused(store: Store, outcome: float) -> None:
    vid, _ = add_forecast(store, NewForecast(statement="x", made="2025", value=60))
    pid, _ = add_forecast(store, NewForecast(statement="y", made="2025", probability=0.3))
    for fid in (vid, pid):
        with pytest.raises(UsageError, match="finite number"):
            resolve_forecast(store, fid, outcome)
        assert get_forecast(store, fid).outcome is None


def test_a_non_finite_outcome_already_stored_reads_as_open(store: Store) -> None:
    from accord.ledger.forecast_scores import calibration, score_groups
    from accord.store.tables import forecasts

    vid, _ = add_forecast(store, NewForecast(statement="x", made="2025", value=60))
    add_forecast(store, NewForecast(statement="y", made="2025", probability=0.3))
    with store.writing() as conn:     # as an older version could store it
        conn.execute(forecasts.update().values(outcome=float("inf")))
    items = list_forecasts(store)
    assert [f.outcome for f in items] == [None, None]
    assert all(g.resolved == 0 for g in score_groups(items, lambda f: f.origin))
    assert sum(b.count for b in calibration(items)) == 0
    assert resolve_forecast(store, vid, 61.0).outcome == 61.0      # and it can be resolved
