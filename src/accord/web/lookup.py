"""Finding the scenario a URL names, and reading scenarios that users upload.

A scenario's address is its *ref*: a built-in case id (``ukraine-2025-12``, or ``ukraine`` for
the latest snapshot) or the SHA-256 digest of a stored version. Stored versions are parsed once
and kept in the server's cache (parsing the built-in case's YAML takes about 0.15 s).

Uploads are parsed from the bytes in memory, by file name, as ``accord run`` reads files
(:func:`accord.scenario.files.read_file`): YAML scenario files, BDM-style and KTAB CSV, KTAB
XML. Bad files give the same located problems as on the command line, with the text kept so
that the error page can show the lines they point at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.cases import case_ids, load_case, timeline_ids
from accord.errors import InputError
from accord.scenario.files import read_text_input
from accord.store.runs import get_scenario_version
from accord.store.versions import scenario_history, version_info
from accord.textfile import decode_text
from accord.web.error_pages import WebError, not_found

if TYPE_CHECKING:
    from accord.scenario.schema import Scenario
    from accord.store.versions import ScenarioHistory
    from accord.web.state import WebState

DIGEST = re.compile(r"[0-9a-f]{64}")
SCENARIO_SUFFIXES = (".yaml", ".yml", ".csv", ".xml")


@dataclass(frozen=True)
class Found:
    """A scenario found by its ref, with its stored history."""

    ref: str
    scenario: Scenario
    builtin: bool
    history: ScenarioHistory

    @property
    def digest(self) -> str:
        return self.scenario.digest()

    @property
    def number(self) -> int | None:
        """This version's number among the stored versions of its id (None: not stored)."""
        return self.history.number(self.digest)


def find_scenario(state: WebState, ref: str) -> Found:
    """The scenario named by ``ref``; a 404 page when there is none."""

    if ref in case_ids() or ref in timeline_ids():
        scenario = load_case(ref)
        return Found(ref, scenario, True, scenario_history(state.store, scenario.id))
    if not DIGEST.fullmatch(ref):
        raise not_found(f"There is no built-in case or stored scenario '{ref[:80]}'.")
    info = version_info(state.store, ref)
    if info is None:
        raise not_found(f"No scenario version {ref[:12]} is stored in this dashboard's store.")
    scenario = state.scenarios.get(ref, lambda: get_scenario_version(state.store,
                                                                     ref).scenario())
    return Found(ref, scenario, False, scenario_history(state.store, scenario.id))


def clean_filename(name: str | None, default: str) -> str:
    """A file name fit for messages and source ids: no folders, no control characters.

    It is never used as a path: nothing uploaded is written to disk.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:120] or default


def decode_upload(data: bytes, name: str, max_bytes: int, what: str) -> str:
    """The text of an uploaded file; 413 past ``max_bytes``, 422 for empty, binary or not
    UTF-8 (located where the first bad byte is)."""

    if len(data) > max_bytes:
        raise WebError(413, "File too large", f"{name} is {len(data):,} bytes; {what} may be "
                                              f"at most {max_bytes:,} bytes.")
    try:
        return decode_text(data, name, max_bytes=max_bytes)
    except InputError as exc:
        raise WebError(422, "Cannot read the file", f"{name}: nothing was saved.",
                       problems=exc.problems) from None


@dataclass(frozen=True)
class Uploaded:
    """A scenario read from an upload: the scenario, notes for the user, and the file's text
    when it is a YAML scenario (kept in the store as the user wrote it)."""

    scenario: Scenario
    notes: tuple[str, ...]
    yaml_text: str | None


def read_scenario_upload(data: bytes, filename: str, max_bytes: int) -> Uploaded:
    """Parse an uploaded scenario file; :class:`WebError` (4xx) with located problems."""

    name = clean_filename(filename, "upload.yaml")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".tsv":
        raise WebError(422, "Not one scenario", f"{name} looks like a DEU TSV file: a "
                       "collection of one-issue scenarios. The dashboard takes one scenario "
                       "(use `accord run FILE.tsv` or `accord benchmark deu` for collections).")
    if suffix not in SCENARIO_SUFFIXES:
        raise WebError(422, "Unknown kind of file", f"Cannot tell how to read '{name}': "
                       "upload a .yaml/.yml scenario file, a BDM-style or KTAB .csv file or a "
                       "KTAB .xml file.")
    text = decode_upload(data, name, max_bytes, "a scenario file")
    try:
        loaded = read_text_input(text, name)
    except InputError as exc:
        count = len(exc.problems)
        raise WebError(422, "Problems in the file",
                       f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was saved.",
                       problems=exc.problems, text=text, back="/scenarios") from None
    if loaded.is_collection:
        raise WebError(422, "Not one scenario", f"{name} holds DEU data: a collection of "
                       f"{len(loaded.scenarios)} one-issue scenarios. The dashboard takes one "
                       "scenario (use `accord run FILE.tsv` or `accord benchmark deu` for "
                       "collections).")
    return Uploaded(loaded.scenario, loaded.notes, text if loaded.kind == "yaml" else None)
