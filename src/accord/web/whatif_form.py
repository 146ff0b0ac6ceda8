"""The what-if panel's form: edits of a scenario's numbers, read from a query into edit types.

The form (a GET: nothing is saved, and a what-if can be bookmarked) has one group of fields
per kind of edit an analyst makes most; a group counts when its main fields are filled, and
the groups apply in this order (docs/whatif.md):

* ``drop-actor``: an actor leaves the table;
* ``stance-actor``, ``stance-issue``, ``stance-field`` (position, salience or reservation),
  ``stance-value`` (a number; ``none`` removes a red line);
* ``veto-actor``, ``veto-issue`` (empty: the actor's flag), ``veto`` (``give`` or ``take``);
* ``scale-actor``, ``scale-factor`` (> 0);
* ``cost-actor``, ``cost-issue`` (empty: the actor's cost on every issue), ``cost-drift``;
* ``fix-issue``, ``fix-value``: the issue is settled first (a ceasefire first);
* ``edits``: any further edits as JSON (one edit object or a list), as ``accord compare
  --edit`` takes them.

Every other field of the query is the results page's settings
(:mod:`accord.web.results_query`). A problem is a 400 page that names the group and what is
wrong, as the command line would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accord.errors import UsageError
from accord.scenario.edit_data import parse_edits
from accord.scenario.variants import Edit
from accord.web.error_pages import WebError
from accord.workflows.whatif_input import edits_from_json

EDIT_FIELDS = ("drop-actor", "stance-actor", "stance-issue", "stance-field", "stance-value",
               "veto-actor", "veto-issue", "veto", "scale-actor", "scale-factor", "cost-actor",
               "cost-issue", "cost-drift", "fix-issue", "fix-value", "edits")
"""The form's fields; the rest of the query is the results page's settings."""
STANCE_FIELDS = ("position", "salience", "reservation")
MAX_TEXT = 20_000
"""The longest JSON of further edits read (a form field, not a file)."""


@dataclass(frozen=True)
class WhatIfForm:
    """What the form holds, as typed (to show it again)."""

    values: dict[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def empty(self) -> bool:
        return not any(self.values.values())


def read_form(items: Sequence[tuple[str, str]]) -> WhatIfForm:
    """The form's fields of a query (the first value of each, stripped)."""
    values: dict[str, str] = {}
    for key, value in items:
        if key in EDIT_FIELDS and key not in values:
            values[key] = value.strip()
    return WhatIfForm(values)


def settings_items(items: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The query without the form's fields: the results page's settings."""
    return [(k, v) for k, v in items if k not in EDIT_FIELDS]


def _bad(message: str) -> WebError:
    return WebError(400, "Bad edit", message)


def _number(form: WhatIfForm, name: str, group: str) -> float:
    text = form.get(name)
    try:
        value = float(text)
    except ValueError:
        raise _bad(f"{group}: the {name.split('-')[-1]} must be a number, not "
                   f"'{text[:40]}'.") from None
    if not math.isfinite(value):
        raise _bad(f"{group}: the {name.split('-')[-1]} must be a finite number.")
    return value


def raw_edits(form: WhatIfForm) -> list[tuple[str, dict[str, Any]]]:
    """The form's edits as plain data, each with the name of its group."""
    out: list[tuple[str, dict[str, Any]]] = []
    if form.get("drop-actor"):
        out.append(("Drop an actor", {"edit": "drop-actor", "actor": form.get("drop-actor")}))
    if form.get("stance-actor") and form.get("stance-issue") and form.get("stance-value"):
        group = "Set a stance"
        field = form.get("stance-field") or "position"
        if field not in STANCE_FIELDS:
            raise _bad(f"{group}: the field must be one of {', '.join(STANCE_FIELDS)}, not "
                       f"'{field[:40]}'.")
        value: float | None = (None if field == "reservation"
                               and form.get("stance-value").lower() == "none"
                               else _number(form, "stance-value", group))
        out.append((group, {"edit": "set-stance", "actor": form.get("stance-actor"),
                            "issue": form.get("stance-issue"), "field": field,
                            "value": value}))
    if form.get("veto-actor") and form.get("veto"):
        group = "Give or take a veto"
        if form.get("veto") not in ("give", "take"):
            raise _bad(f"{group}: choose give or take, not '{form.get('veto')[:40]}'.")
        out.append((group, {"edit": "set-veto", "actor": form.get("veto-actor"),
                            "issue": form.get("veto-issue") or None,
                            "veto": form.get("veto") == "give"}))
    if form.get("scale-actor") and form.get("scale-factor"):
        out.append(("Scale a capability", {
            "edit": "scale-capability", "actor": form.get("scale-actor"),
            "factor": _number(form, "scale-factor", "Scale a capability")}))
    if form.get("cost-actor") and form.get("cost-drift"):
        out.append(("Change a cost drift", {
            "edit": "set-cost", "actor": form.get("cost-actor"),
            "issue": form.get("cost-issue") or None,
            "drift": _number(form, "cost-drift", "Change a cost drift")}))
    if form.get("fix-issue") and form.get("fix-value"):
        out.append(("Fix an issue", {"edit": "fix-outcome", "issue": form.get("fix-issue"),
                                     "value": _number(form, "fix-value", "Fix an issue")}))
    return out


def form_edits(form: WhatIfForm) -> list[Edit]:
    """The form's edits, in the order of the module docstring; a 400 page names the group of
    a bad one (an unknown kind or field, a value of the wrong type or out of bounds)."""
    edits: list[Edit] = []
    for group, raw in raw_edits(form):
        try:
            edits += parse_edits([raw])
        except UsageError as exc:
            raise _bad(f"{group}: {str(exc).removeprefix('edit 1: ')}.") from None
    text = form.get("edits")
    if text:
        if len(text) > MAX_TEXT:
            raise _bad(f"Further edits: at most {MAX_TEXT:,} characters of JSON.")
        try:
            edits += edits_from_json([text], "further edits")
        except UsageError as exc:
            raise _bad(f"{str(exc)[:1].upper()}{str(exc)[1:400]}.") from None
    return edits
