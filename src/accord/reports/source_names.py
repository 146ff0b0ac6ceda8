"""Sources named for readers: a scenario's texts (its description, notes, who made a
prediction) may refer to a source by its id ("Stances s003 does not address ...", "author of
s004"), which means nothing to a reader. :func:`name_sources` puts the source's outlet and date
in its place ("Naked Capitalism, 2025-01-13"), or its title when it has no outlet."""

from __future__ import annotations

import re

from accord.scenario.parts import Source
from accord.scenario.schema import Scenario


def source_name(src: Source) -> str:
    """The outlet and date of a source ("The Times, 2025-12-01"); its quoted title when the
    file names no outlet."""
    name = src.outlet or f"“{src.title}”"
    return f"{name}, {src.published}" if src.published else name


def name_sources(text: str | None, scenario: Scenario) -> str | None:
    """``text`` with every source id of ``scenario`` that stands as a word replaced by the
    source's :func:`source_name`. Only ids with a digit are replaced (``s003``, not ``times``),
    so that an ordinary word that happens to be an id is left alone."""
    if not text:
        return text
    names = {src.id: source_name(src) for src in scenario.sources
             if any(c.isdigit() for c in src.id)}
    if not names:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], text)
