"""Check that every quote of a scenario is a verbatim substring of its source's text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from accord.scenario.schema import Evidence, Scenario

Found = tuple[tuple[str | int, ...], str]


def _quotes(scenario: Scenario) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, source id, quote) for every quote in the scenario."""

    def ev(base: tuple[str | int, ...], items: tuple[Evidence, ...]) -> Iterator[
            tuple[tuple[str | int, ...], str, str]]:
        for k, e in enumerate(items):
            yield (*base, "evidence", k, "quote"), e.source, e.quote

    for i, s in enumerate(scenario.stances):
        yield from ev(("stances", i), s.evidence)
    for i, c in enumerate(scenario.costs):
        yield from ev(("costs", i), c.evidence)
    for i, issue in enumerate(scenario.issues):
        if issue.status_quo_drift is not None:
            yield from ev(("issues", i, "status_quo_drift"), issue.status_quo_drift.evidence)
    for i, p in enumerate(scenario.predictions):
        if p.quote and p.source:
            yield ("predictions", i, "quote"), p.source, p.quote
        r = p.resolution
        if r is not None and r.quote and r.source:
            yield ("predictions", i, "resolution", "quote"), r.source, r.quote


def _find(name: str, folders: tuple[str | os.PathLike[str], ...]) -> Path | None:
    for folder in folders:
        file = Path(folder) / name
        if file.is_file():
            return file
    return None


def check_quotes(scenario: Scenario, folder: str | os.PathLike[str],
                 *more: str | os.PathLike[str]) -> list[Found]:
    """Quotes not found verbatim in their source file (sources without a file are skipped).

    A source file is looked up in ``folder``, then in each of ``more`` (the first that has it).
    """
    texts: dict[str, str | None] = {}
    for src in scenario.sources:
        file = None if src.file is None else _find(src.file, (folder, *more))
        texts[src.id] = file.read_text("utf-8") if file is not None else None
    out: list[Found] = []
    for path, source, quote in _quotes(scenario):
        text = texts.get(source)
        if text is None:
            continue
        if quote not in text:
            out.append((path, f"quote not found verbatim in {scenario.source(source).file}: "
                              f"'{quote[:60]}{'...' if len(quote) > 60 else ''}'"))
    return out


def missing_source_files(scenario: Scenario, folder: str | os.PathLike[str],
                         *more: str | os.PathLike[str]) -> list[str]:
    """Source files named by the scenario that are in none of ``folder`` and ``more``."""
    return [s.file for s in scenario.sources
            if s.file is not None and _find(s.file, (folder, *more)) is None]
