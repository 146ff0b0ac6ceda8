"""Every command gives the same JSON as before the analysis became one pipeline (issue 14).

The documents in ``tests/data/golden/`` were printed by the code before the change
(:mod:`tests.regression.golden_commands` lists the commands). Each command runs again in
process, on the same frozen copy of the built-in case and the reference files, and its document
must equal the stored one value by value (floats exactly). A difference means the refactoring
changed an answer; an intended change regenerates the documents and says so in CHANGES.md.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from accord.cli.commands import app
from tests.conftest import need_shared
from tests.regression.golden_commands import (
    ADDED_KEYS,
    CHANGED_KEYS,
    COMMANDS,
    GOLDEN,
    ROOT,
    argv,
)

SLOW = {"benchmark-deu", "run-deu", "run-smp", "mc-eum", "timeline-eum", "run-others"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n
                                  for n in COMMANDS])
def test_the_document_is_what_it_was(name: str) -> None:
    need_shared()
    result = CliRunner().invoke(app, argv(name))
    assert result.exit_code == 0, result.output
    now = json.loads(result.stdout)
    stored = json.loads((GOLDEN / f"{name}.json").read_text().replace("$WORK",
                                                                      str(ROOT.parent)))
    added = ADDED_KEYS.get(name, set())
    if isinstance(now, dict) and isinstance(stored, dict):
        assert set(now) - set(stored) == added
        now = {k: v for k, v in now.items() if k not in added}
        changed = CHANGED_KEYS.get(name, set())
        assert changed <= set(now) & set(stored)
        now = {k: v for k, v in now.items() if k not in changed}
        stored = {k: v for k, v in stored.items() if k not in changed}
    assert now == stored
