"""Editing one stance: the form's text to numbers, checked as a scenario file is checked.

The edit form has three fields: ``position``, ``salience`` and ``reservation`` (the red line;
empty removes it). Each takes a number or a distribution written as in a scenario file,
``{dist: normal, mean: 70, sd: 8}`` (docs/file-format.md). :func:`edit_stance` returns the
edited scenario, or the problems of each field in words: the same checks as ``accord validate``
(:func:`accord.scenario.checks.check_scenario_data` and the scenario's types), so a value the
dashboard accepts is one the command line accepts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from accord.scenario.checks import check_scenario_data
from accord.scenario.numbers import DIST_HELP, Number
from accord.scenario.schema import Scenario

FIELDS = ("position", "salience", "reservation")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
"""A number as a scenario file writes it (no digit separators, no non-ASCII digits)."""
MAX_FIELD = 400
"""Longest text accepted in one field (a distribution needs well under 100 characters)."""


@dataclass(frozen=True)
class Edit:
    """The outcome of an edit: the new scenario, or the problems by field."""

    scenario: Scenario | None
    problems: tuple[tuple[str, str], ...]
    values: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.problems


def _unsigned_zero(value: Any) -> Any:
    """-0.0 as 0.0: a scenario file writes both as 0, and a stored version must read back to
    the same digest (-0.0 and 0.0 differ in the canonical JSON)."""
    return value + 0.0 if isinstance(value, float) and value == 0 else value


def _parse(field: str, text: str) -> tuple[Any, str | None]:
    """(value, problem) of one field's text; value None means no value."""


    text = text.strip()
    if not text:
        if field == "reservation":
            return None, None
        return None, f"{field} is required"
    if len(text) > MAX_FIELD:
        return None, f"{field} is too long ({len(text)} characters)"
    if text.startswith("{"):
        if sum(text.count(c) for c in "{}[]") > 2:
            # a distribution is one flat mapping; deep nesting would exhaust the YAML
            # reader's recursion (this check runs at every keystroke)
            return None, (f"{field}: cannot read '{text[:60]}' (a distribution is one flat "
                          f"mapping, with no nested braces or brackets: write {DIST_HELP})")
        try:
            raw = YAML(typ="safe").load(text)
        except (YAMLError, RecursionError):
            return None, f"{field}: cannot read '{text[:60]}' (write {DIST_HELP})"
        if not isinstance(raw, dict):
            return None, f"{field}: expected {DIST_HELP}"
        raw = {k: _unsigned_zero(v) for k, v in raw.items()}
        try:
            return TypeAdapter(Number).validate_python(raw), None
        except ValidationError as exc:
            message = exc.errors()[0]["msg"].removeprefix("Value error, ")
            return None, f"{field}: {message}"
    plain = text.replace("\u2212", "-")  # a typographic minus sign, as pasted from a document
    if not NUMBER.fullmatch(plain):
        return None, f"{field}: '{text[:60]}' is not a number (write {DIST_HELP})"
    value = _unsigned_zero(float(plain))
    if not math.isfinite(value):
        return None, f"{field}: expected a finite number"
    return value, None


def edit_stance(scenario: Scenario, actor: str, issue: str,
                values: dict[str, str]) -> Edit:
    """The scenario with the (actor, issue) stance's numbers replaced by ``values``."""


    texts = {f: values.get(f, "") for f in FIELDS}
    data = scenario.model_dump(mode="python")
    index = next((k for k, s in enumerate(data["stances"])
                  if s["actor"] == actor and s["issue"] == issue), None)
    if index is None:
        return Edit(None, (("stance", f"there is no stance of {actor} on {issue}"),), texts)
    problems: list[tuple[str, str]] = []
    for name in FIELDS:
        value, problem = _parse(name, texts[name])
        if problem:
            problems.append((name, problem))
        else:
            data["stances"][index][name] = value
    if problems:
        return Edit(None, tuple(problems), texts)
    for path, message in check_scenario_data(data):
        if path[:2] == ("stances", index):
            problems.append((str(path[2]) if len(path) > 2 else "stance", message))
    if problems:
        return Edit(None, tuple(problems), texts)
    try:
        edited = Scenario.model_validate(data)
    except ValidationError as exc:  # e.g. a check elsewhere in the scenario
        return Edit(None, tuple(("stance", e["msg"].removeprefix("Value error, "))
                                for e in exc.errors()), texts)
    return Edit(edited, (), texts)
