"""Load and save scenario YAML files; every problem of a file is reported at once, located.

``load_scenario(path)`` returns a :class:`~accord.scenario.schema.Scenario` or raises
:class:`~accord.errors.InputError` with one :class:`~accord.errors.Problem` per problem:
unreadable file, YAML syntax, duplicate keys, wrong types, unknown fields, bad references,
values out of range, impossible dates, empty quotes.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from accord.errors import InputError, Problem
from accord.scenario.checks import check_scenario_data
from accord.scenario.edit_data import check_variants
from accord.scenario.schema import Scenario
from accord.scenario.yamlread import Located, Path, read_yaml
from accord.textfile import read_text


def _data_path(data: Any, loc: tuple[int | str, ...]) -> Path:
    """The part of a pydantic error location that names real places in the data."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = (isinstance(current, list) and isinstance(part, int)
                   and 0 <= part < len(current))
        if in_dict or in_list:
            current = current[part]
            path.append(part)
    return tuple(path)


def _message(err: ErrorDetails, field: str) -> str:
    kind, msg = err["type"], err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    if kind == "string_too_short":
        return "empty quote" if field == "quote" else f"{field} is empty"
    if kind == "string_pattern_mismatch":
        return (f"{field} '{value}' is not a valid id (start with a letter or digit; then "
                "letters, digits, '.', '_' or '-')")
    if kind == "literal_error" and field == "accord":
        return f"unsupported format version {value!r} (this accord reads version 1)"
    if kind == "union_tag_not_found":
        ctx = err.get("ctx") or {}
        return f"missing {ctx.get('discriminator', 'kind')} (the kind of entry)"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx") or {}
        return (f"unknown {ctx.get('discriminator', field).strip(chr(39))} "
                f"{ctx.get('tag', value)!r} (known: {ctx.get('expected_tags', '')})")
    if kind in ("tuple_type", "list_type"):
        return f"{field} must be a list"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{field} must be a mapping of fields" if field else "expected a mapping"
    return f"{field}: {msg}" if field else msg


def _pydantic_problems(located: Located, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = _data_path(located.data, loc)
        names = [p for p in loc if isinstance(p, str)]
        field = names[-1] if names else ""
        if err["type"] == "extra_forbidden":
            where = located.marks.get((*path, "__key__")) or located.where(path)
            out.append(Problem(located.name, *where, _message(err, field)))
            continue
        out.append(located.problem(path, _message(err, field)))
    return out


def parse_scenario(text: str, name: str) -> Scenario:
    """Validate scenario YAML text; ``name`` is the file name used in problem reports."""
    located = read_yaml(text, name)
    problems = list(located.problems)
    data = located.data
    if data is None:
        raise InputError(problems or [Problem(name, 1, 1, "empty scenario")])
    if not isinstance(data, dict):
        problems.append(Problem(name, 1, 1, "a scenario file must be a mapping of fields "
                                            "(accord, id, title, actors, issues, stances, ...)"))
        raise InputError(problems)
    if "accord" not in data:
        problems.append(Problem(name, 1, 1, "missing 'accord: 1' (the format version) at the "
                                            "top of the file"))
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data, context={"skip_checks": True})
    except ValidationError as exc:
        # a value the YAML reader refused (e.g. a number too large) is not reported twice
        read = {(p.line, p.col) for p in located.problems}
        problems += [p for p in _pydantic_problems(located, exc) if (p.line, p.col) not in read]
    for path, message in check_scenario_data(data) + check_variants(data):
        problems.append(located.problem(path, message))
    if problems or scenario is None:
        raise InputError(sorted(set(problems), key=lambda p: (p.line, p.col, p.message)))
    return scenario


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario YAML file."""
    return parse_scenario(read_text(path), str(path))
