"""What-if edits typed by a user (``accord compare --edit JSON``, the dashboard's what-if form),
read into edit types and applied, with every problem a usage error that names the edit.

The edits themselves are :mod:`accord.scenario.variants`; this module only reads them from
text and says, in the words of the face that asks (``--edit``, "the form"), which one is wrong
and why: text that is not JSON, a value that is not an edit object, an unknown kind or field
(:func:`accord.scenario.edit_data.parse_edits`), and an edit that names an unknown actor,
issue or stance or makes the scenario invalid
(:class:`~accord.scenario.edit_data.EditError`). Edits in a scenario file's ``variants:`` are
checked when the file is read, located ``FILE:LINE:COL``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from accord.errors import UsageError
from accord.scenario.edit_data import parse_edits
from accord.scenario.edits import apply_edits
from accord.scenario.schema import Scenario
from accord.scenario.variants import Edit

EXAMPLE = '{"edit": "drop-actor", "actor": "USA"}'


def edits_from_json(texts: Sequence[str], what: str = "--edit") -> list[Edit]:
    """Edits from JSON texts, each one edit object or a list of them (numbered in order
    across the texts); ``what`` names the input in messages."""
    raw: list[Any] = []
    for k, text in enumerate(texts, 1):
        where = f"{what} {k}" if len(texts) > 1 else what
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); an "
                             f"edit looks like {EXAMPLE}") from None
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                raise UsageError(f"{where}: an edit is a JSON object such as {EXAMPLE}, not "
                                 f"{json.dumps(item)[:40]}")
        raw += items
    try:
        return parse_edits(raw)
    except UsageError as exc:
        raise UsageError(f"{what}: {exc}") from None


def edited(scenario: Scenario, edits: Sequence[Edit], what: str = "--edit") -> Scenario:
    """``scenario`` with ``edits`` applied; an edit that cannot be applied is a usage error
    naming it (its number, what it does, and what is wrong)."""
    if not edits:
        return scenario
    try:
        return apply_edits(scenario, edits)
    except UsageError as exc:
        raise UsageError(f"{what}: {exc}") from None
    except ValidationError as exc:  # what the cross-field checks let through: still named
        err = exc.errors()[0]
        message = str(err["msg"]).removeprefix("Value error, ")
        raise UsageError(f"{what}: the edits make the scenario invalid: {message}") from None
