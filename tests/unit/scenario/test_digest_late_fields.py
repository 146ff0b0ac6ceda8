"""Fields added to the file format after 0.1 leave the digest of scenarios that do not use them
unchanged (stored runs and scenario versions are keyed by digest)."""

from __future__ import annotations

import json

from accord.scenario.schema import Frozen
from tests.regression.golden_commands import GOLDEN, LATEST


class Inner(Frozen):
    LATE_FIELDS = frozenset({"note"})
    value: float
    note: str | None = None


class Outer(Frozen):
    LATE_FIELDS = frozenset({"extra"})
    items: tuple[Inner, ...]
    extra: tuple[str, ...] = ()
    kept: int = 0


def test_late_fields_at_default_are_left_out_at_every_level() -> None:
    plain = Outer(items=(Inner(value=1.0),))
    assert plain.canonical() == {"items": [{"value": 1.0}], "kept": 0}
    used = Outer(items=(Inner(value=1.0, note="why"),), extra=("x",))
    assert used.canonical() == {"items": [{"value": 1.0, "note": "why"}], "extra": ["x"],
                                "kept": 0}


def test_the_built_in_case_keeps_the_digest_it_had_in_0_1() -> None:
    from accord.scenario.load import load_scenario

    stored = json.loads((GOLDEN / "run-default.json").read_text())["scenario"]["digest"]
    assert load_scenario(LATEST).digest() == stored
