"""Schema migrations: the shipped ones build the schema the code queries, an upgrade keeps
every row, a failed migration changes nothing, a newer database is refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from accord.store.engine import Store, StoreError, make_engine, resolve_url
from accord.store.migrate import MIGRATIONS, current_revision, open_store, upgrade
from accord.store.runs import get_run, list_runs, payload_text
from accord.store.tables import HEAD, REVISIONS, metadata
from accord.workflows.rerun import rerun
from tests.unit.store.helpers import model_run, talks


def bare(url: str) -> Store:
    """The database at ``url`` without any migration applied."""
    resolved = resolve_url(url)
    return Store(make_engine(resolved), resolved)


def test_revisions_listed_in_the_code_are_the_shipped_migrations() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == REVISIONS
    assert script.get_current_head() == HEAD


def test_migrations_build_exactly_the_schema_the_code_uses(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.reading() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        store.close()
    assert diffs == []


def _snapshot(store: Store) -> dict[str, Any]:
    """Every table, column, index and row of the database."""
    out: dict[str, Any] = {}
    with store.reading() as conn:
        insp = inspect(conn)
        for table in sorted(insp.get_table_names()):
            columns = [c["name"] for c in insp.get_columns(table)]
            indexes = sorted(i["name"] or "" for i in insp.get_indexes(table))
            rows = conn.execute(text(f'SELECT * FROM {table} ORDER BY 1')).all()
            out[table] = (columns, indexes, [tuple(map(str, r)) for r in rows])
    return out


def test_upgrade_from_the_first_schema_keeps_every_row(db_url: str) -> None:
    scenario = talks()
    spec, results = model_run(scenario)
    v1 = bare(db_url)
    try:
        upgrade(v1, "0001")
        with v1.writing() as conn:
            assert current_revision(conn) == "0001"
            assert "forecasts" not in inspect(conn).get_table_names()
            from accord.scenario.save import dump_scenario

            conn.execute(text(
                "INSERT INTO scenario_versions (digest, scenario_id, title, as_of, text, "
                "text_kind, created_at) VALUES (:d, :i, :t, :a, :x, 'canonical', "
                "'2025-01-02 03:04:05')"),
                {"d": scenario.digest(), "i": scenario.id, "t": scenario.title,
                 "a": scenario.as_of, "x": dump_scenario(scenario)})
            for k, status in enumerate(["finished", "failed", "running"]):
                conn.execute(text(
                    "INSERT INTO runs (kind, spec, scenario_digest, accord_version, status, "
                    "started_at, finished_at, payload, error) VALUES ('run', :s, :d, '0.0.9', "
                    ":st, :t0, :t1, :p, :e)"),
                    {"s": spec.model_dump_json(), "d": scenario.digest(), "st": status,
                     "t0": f"2025-01-0{k + 1} 10:00:00",
                     "t1": None if status == "running" else f"2025-01-0{k + 1} 10:00:01",
                     "p": payload_text(results) if status == "finished" else None,
                     "e": "boom" if status == "failed" else None})
    finally:
        v1.close()

    store = open_store(db_url)                 # upgrades 0001 -> HEAD on open
    try:
        with store.reading() as conn:
            assert current_revision(conn) == HEAD
        records = sorted(list_runs(store), key=lambda r: r.id)
        assert [r.status for r in records] == ["finished", "failed", "running"]
        assert all(r.host is None and r.pid is None for r in records)   # new columns: null
        assert records[1].error == "boom" and records[0].accord_version == "0.0.9"
        first = get_run(store, records[0].id)
        assert json.loads(first.payload_text or "") == json.loads(payload_text(results))
        # the run recorded under the first schema still reproduces after the upgrade
        assert rerun(store, records[0].id).identical
    finally:
        store.close()


def test_upgrade_from_the_second_schema_keeps_the_ledger(db_url: str) -> None:
    v2 = bare(db_url)
    try:
        upgrade(v2, "0002")
        with v2.writing() as conn:
            conn.execute(text(
                "INSERT INTO forecasts (key, statement, author, made, probability, outcome, "
                "created_at) VALUES ('k1', 'It rains', 'Ann', '2024-05', 0.7, 1, "
                "'2024-05-01 00:00:00')"))
        before = _snapshot(v2)["forecasts"]
    finally:
        v2.close()
    store = open_store(db_url)
    try:
        assert _snapshot(store)["forecasts"] == before
        from accord.store.forecasts import list_forecasts

        (f,) = list_forecasts(store)
        assert (f.key, f.statement, f.author, f.probability, f.outcome) == (
            "k1", "It rains", "Ann", 0.7, 1.0)
    finally:
        store.close()


BROKEN = '''
"""A migration that fails half-way, after changing the schema and the data."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("note", sa.Text))
    op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE runs SET status = 'failed', error = 'migrated'")
    op.execute("DELETE FROM forecasts")
    op.drop_index("ix_runs_kind", "runs")
    raise RuntimeError("this migration fails on purpose")


def downgrade() -> None:
    pass
'''


def test_a_failed_migration_leaves_the_database_as_it_was(db_url: str, tmp_path: Path) -> None:
    from accord.store.forecasts import NewForecast, add_forecasts
    from accord.store.recording import recording

    store = open_store(db_url)
    try:
        spec, results = model_run(talks())
        with recording(store, spec, talks()) as rec:
            rec.finish(results)
        add_forecasts(store, [NewForecast(statement="x", made="2025", probability=0.5)])
        before = _snapshot(store)

        folder = tmp_path / "migrations"
        shutil.copytree(MIGRATIONS, folder)
        (folder / "versions" / "0004_broken.py").write_text(BROKEN)
        with pytest.raises(StoreError, match=r"nothing was changed.*fails on purpose"):
            upgrade(store, migrations=folder)

        after = _snapshot(store)
        assert after == before
        assert "extra" not in after and after["alembic_version"][2] == [("0003",)]
        columns, _, rows = after["runs"]
        assert len(after["forecasts"][2]) == 1 and rows[0][columns.index("status")] == "finished"
        assert "note" not in columns
    finally:
        store.close()


def test_a_database_from_a_newer_accord_is_refused(db_url: str) -> None:
    open_store(db_url).close()
    store = bare(db_url)
    try:
        with store.writing() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        store.close()
    with pytest.raises(StoreError, match=r"revision 9999.*newer accord"):
        open_store(db_url)


def test_an_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as info:
        open_store("postgresql+psycopg://ann:hunter2@127.0.0.1:9/nowhere?connect_timeout=2")
    assert "hunter2" not in str(info.value)
