"""Scenario versions kept on their own, without a run: what the dashboard saves and lists.

Runs keep the scenario they used as a version keyed by its digest (:mod:`accord.store.runs`).
The dashboard also keeps scenarios nobody has run yet: a file an analyst uploads, or a scenario
after an edit of a stance or after accepting evidence from an article. Each is saved here as a
version of its scenario id in the same table, so that runs, reruns and the dashboard share one
history. Versions are never deleted or changed: an edit makes a new version (new digest), and
saving a scenario whose digest is already stored adds nothing.

The versions of one scenario id are numbered by when they were stored (1 is the oldest).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from accord.scenario.schema import Scenario
from accord.store.engine import Store
from accord.store.runs import scenario_text, utcnow
from accord.store.tables import scenario_versions

_INFO_COLUMNS = (scenario_versions.c.digest, scenario_versions.c.scenario_id,
                 scenario_versions.c.title, scenario_versions.c.as_of,
                 scenario_versions.c.text_kind, scenario_versions.c.created_at)


@dataclass(frozen=True)
class VersionInfo:
    """A stored scenario version without its text (for listings)."""

    digest: str
    scenario_id: str
    title: str
    as_of: str | None
    text_kind: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ScenarioHistory:
    """The stored versions of one scenario id, oldest first."""

    scenario_id: str
    versions: tuple[VersionInfo, ...]

    @property
    def latest(self) -> VersionInfo:
        return self.versions[-1]

    def number(self, digest: str) -> int | None:
        """The 1-based version number of ``digest`` in this history (None if not in it)."""
        for k, version in enumerate(self.versions, start=1):
            if version.digest == digest:
                return k
        return None


def save_scenario_version(store: Store, scenario: Scenario,
                          file_text: str | None = None) -> tuple[VersionInfo, bool]:
    """Keep ``scenario`` as a version (one transaction); (the version, whether it is new).

    ``file_text`` is the text the scenario was read from (an uploaded YAML file): it is kept
    when it reads back to the same scenario, otherwise canonical YAML is kept
    (:func:`accord.store.runs.scenario_text`). The text is prepared before the write
    transaction, so SQLite's write lock is held only for the INSERT.
    """
    digest = scenario.digest()
    known = version_info(store, digest)
    if known is not None:
        return known, False
    text, kind = scenario_text(scenario, file_text)
    with store.writing() as conn:
        dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
        inserted = conn.execute(dialect.insert(scenario_versions).values(
            digest=digest, scenario_id=scenario.id, title=scenario.title,
            as_of=scenario.as_of, text=text, text_kind=kind, created_at=utcnow(),
        ).on_conflict_do_nothing(index_elements=["digest"])
            .returning(scenario_versions.c.digest)).scalar()
        created = inserted is not None
    info = version_info(store, digest)
    assert info is not None  # versions are never deleted
    return info, created


def version_info(store: Store, digest: str) -> VersionInfo | None:
    """The stored version with this digest, without its text; None if there is none."""
    with store.reading() as conn:
        row = conn.execute(select(*_INFO_COLUMNS)
                           .where(scenario_versions.c.digest == digest)).first()
    return None if row is None else VersionInfo(**row._mapping)


def list_scenario_versions(store: Store, scenario_id: str | None = None) -> list[VersionInfo]:
    """Stored versions (of one scenario id, or all), oldest first."""
    query = select(*_INFO_COLUMNS).order_by(scenario_versions.c.created_at,
                                            scenario_versions.c.digest)
    if scenario_id is not None:
        query = query.where(scenario_versions.c.scenario_id == scenario_id)
    with store.reading() as conn:
        return [VersionInfo(**row._mapping) for row in conn.execute(query)]


def scenario_histories(store: Store) -> list[ScenarioHistory]:
    """Every stored scenario id with its versions, the most recently changed first."""
    groups: dict[str, list[VersionInfo]] = {}
    for info in list_scenario_versions(store):
        groups.setdefault(info.scenario_id, []).append(info)
    histories = [ScenarioHistory(k, tuple(v)) for k, v in groups.items()]
    return sorted(histories, key=lambda h: (h.latest.created_at, h.scenario_id), reverse=True)


def scenario_history(store: Store, scenario_id: str) -> ScenarioHistory:
    """The stored versions of one scenario id (empty when none is stored)."""
    return ScenarioHistory(scenario_id, tuple(list_scenario_versions(store, scenario_id)))
