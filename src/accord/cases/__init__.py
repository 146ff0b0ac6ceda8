"""Built-in scenarios shipped with the package.

The Russia-Ukraine peace talks are the built-in case: thirteen snapshots (January 2022 to
February 2026), each built from the articles of its date under the rules of
docs/builtin-case.md, every stance backed by a verbatim quote or a stated inference. The December
2025 snapshot is the default of every command. A case id (``ukraine``) names the timeline; a
snapshot id (``ukraine-2025-12``) names one scenario.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from accord._version import __version__
from accord.errors import UsageError
from accord.scenario import schema
from accord.scenario.dates import first_day
from accord.scenario.load import parse_scenario
from accord.scenario.schema import Scenario
from accord.textfile import atomic_write_text

DEFAULT_CASE = "ukraine-2025-12"
"""The snapshot every command uses when given no scenario."""


@dataclass(frozen=True)
class CaseInfo:
    id: str
    title: str
    as_of: str | None
    case: str | None
    actors: int
    issues: int
    default: bool


def _files() -> dict[str, str]:
    folder = resources.files("accord.cases")
    return {p.name.removesuffix(".yaml"): p.name for p in folder.iterdir()
            if p.name.endswith(".yaml")}


def case_ids() -> list[str]:
    """Ids of every built-in scenario, sorted."""
    return sorted(_files())


@functools.cache
def load_case(case_id: str) -> Scenario:
    """A built-in scenario by id (or the latest snapshot of a case such as ``ukraine``)."""
    files = _files()
    if case_id not in files:
        snapshots = timeline(case_id) if case_id in timeline_ids() else []
        if snapshots:
            return snapshots[-1]
        raise UsageError(f"unknown case '{case_id}' (built-in: "
                         f"{', '.join(case_ids() + timeline_ids())})")
    text = resources.files("accord.cases").joinpath(files[case_id]).read_text("utf-8")
    return _parse_with_cache(text, f"accord/cases/{files[case_id]}")


@functools.cache
def _schema_key() -> str:
    """The fields of every scenario type: a change of the schema (even within one version
    of accord, while developing) makes older cache files unreachable."""

    types = sorted((t for t in vars(schema).values()
                    if isinstance(t, type) and issubclass(t, schema.Frozen)),
                   key=lambda t: t.__name__)
    text = ";".join(f"{t.__name__}:{t.model_fields!r}" for t in types)
    return re.sub(r" at 0x[0-9a-fA-F]+", "", text)  # validators' reprs carry addresses


def _cache_file(text: str) -> Path:
    """Where the parsed form of a case file's text is cached (keyed by the text, accord's
    version and the scenario schema)."""

    key = hashlib.sha256(f"{__version__}\0{_schema_key()}\0{text}".encode()).hexdigest()
    return platformdirs.user_cache_path("accord", appauthor=False) / "cases" / f"{key}.json"


def _parse_with_cache(text: str, name: str) -> Scenario:
    """Parse a built-in case, through a JSON cache in the user's cache directory.

    Reading YAML with line numbers costs about 0.15 s per snapshot, which every command
    touching the timeline paid five times; validating the cached JSON (which runs every check
    of the scenario again) takes a few milliseconds. The cache is only an optimisation: a
    missing, stale, corrupt or unwritable cache falls back to parsing the YAML.
    """
    with contextlib.suppress(Exception):  # no cache yet, or one it cannot read: parse the file
        return Scenario.model_validate_json(_cache_file(text).read_bytes())
    scenario = parse_scenario(text, name)
    with contextlib.suppress(Exception):

        path = _cache_file(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, scenario.model_dump_json())
    return scenario


def timeline_ids() -> list[str]:
    """Ids of the cases that have several dated snapshots (e.g. ``ukraine``)."""
    return sorted({s.case for s in (load_case(i) for i in case_ids()) if s.case})


def timeline(case: str) -> list[Scenario]:
    """The snapshots of a case, oldest first."""
    snaps = [s for s in (load_case(i) for i in case_ids()) if s.case == case]
    if not snaps:
        raise UsageError(f"unknown case '{case}' (cases with snapshots: "
                         f"{', '.join(timeline_ids()) or 'none'})")
    return sorted(snaps, key=lambda s: first_day(s.as_of) if s.as_of else first_day("0001"))


def list_cases() -> list[CaseInfo]:
    """A summary line per built-in scenario."""
    out = []
    for ident in case_ids():
        s = load_case(ident)
        out.append(CaseInfo(id=s.id, title=s.title, as_of=s.as_of, case=s.case,
                            actors=len(s.actors), issues=len(s.issues),
                            default=ident == DEFAULT_CASE))
    return out
