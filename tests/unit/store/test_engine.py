"""Database URLs, the default SQLite file and its settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from accord.errors import UsageError
from accord.store.engine import default_path, describe_url, resolve_url
from accord.store.migrate import current_revision, open_store
from accord.store.tables import HEAD


def test_default_database_is_in_the_user_data_directory(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "accord" / "accord.db"
    url = resolve_url(None)
    assert url.get_backend_name() == "sqlite" and url.database == str(default_path())
    assert not default_path().exists()
    store = open_store()                       # created on first use, nothing to set up
    try:
        with store.reading() as conn:
            assert current_revision(conn) == HEAD
    finally:
        store.close()
    assert default_path().is_file()
    with sqlite3.connect(default_path()) as raw:   # WAL is a property of the file
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_paths_and_urls(tmp_path: Path) -> None:
    url = resolve_url(tmp_path / "x.db")
    assert url.get_backend_name() == "sqlite" and url.database == str(tmp_path / "x.db")
    assert resolve_url("sqlite:///" + str(tmp_path / "y.db")).database == str(tmp_path / "y.db")
    pg = resolve_url("postgresql://ann:secret@db.example/accord")
    assert pg.drivername == "postgresql+psycopg"          # psycopg 3, not psycopg2
    assert "secret" not in describe_url(pg) and "***" in describe_url(pg)
    assert resolve_url("postgresql+psycopg://ann@db/accord").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "empty"),
    ("mysql://ann@db/accord", "unsupported database 'mysql'"),
    ("postgresql+psycopg2://ann@db/accord", "unsupported PostgreSQL driver"),
    ("not a url://x", "not a database URL"),
])
def test_bad_urls_are_usage_errors(text: str, fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        resolve_url(text)


def test_password_is_not_shown_in_errors() -> None:
    with pytest.raises(UsageError) as info:
        resolve_url("mysql://ann:hunter2@db/accord")
    assert "hunter2" not in str(info.value)
