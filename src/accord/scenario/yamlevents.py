"""The event stream of a YAML text, and its errors as located problems.

Scenario files are parsed to events (scalar, start/end of a sequence or mapping, alias) by
libyaml through PyYAML's C parser (a dependency, used where its compiled part is installed:
about fifty times faster than a parser written in Python, a 3.7 MB file of 60,000 actors is
read in seconds), else by ruamel.yaml's pure-Python parser; both parsers are non-recursive, so
deep nesting cannot overflow the stack.
Plain scalars are typed by the YAML 1.2 core schema (ruamel.yaml's table of implicit types),
whichever parser read them. :mod:`accord.scenario.yamlread` builds the data from the events.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import error as ruamel_error
from ruamel.yaml.resolver import Resolver

from accord.errors import Problem

try:  # PyYAML with libyaml: optional, fast
    import yaml as _pyyaml  # type: ignore[import-untyped]

    _C_LOADER: Any = getattr(_pyyaml, "CSafeLoader", None)
    _PY_ERRORS: tuple[type[Exception], ...] = (_pyyaml.YAMLError,)
except ImportError:  # pragma: no cover - depends on the installation
    _pyyaml = None
    _C_LOADER = None
    _PY_ERRORS = ()

Y = "tag:yaml.org,2002:"
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {
    first: [(str(tag), re.compile(regexp.pattern, regexp.flags)) for tag, regexp in entries]
    for first, entries in Resolver.yaml_implicit_resolvers.items()}


def fast_parser() -> bool:
    """Whether the C parser (libyaml) is used."""
    return _C_LOADER is not None


def events(text: str, *, pure: bool = False) -> Iterator[Any]:
    """The parse events of ``text`` (libyaml's unless ``pure`` or it is not installed)."""
    if _C_LOADER is not None and not pure:
        assert _pyyaml is not None
        return iter(_pyyaml.parse(text, Loader=_C_LOADER))
    return iter(YAML(typ="safe", pure=True).parse(text))


def scalar_tag(tag: str | None, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a scalar: its explicit tag, else its YAML 1.2 core-schema type if plain."""
    if tag is not None and tag != "!":
        return tag
    if tag is None and implicit[0]:
        return _plain_tag(value)
    return Y + "str"


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    for found, regexp in _IMPLICIT.get(value[:1], []) + _IMPLICIT.get(None, []):
        if regexp.match(value):
            return found
    return Y + "str"


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def error_problem(exc: Exception, text: str, name: str) -> Problem | None:
    """The located problem of a YAML parser error (None if ``exc`` is not one)."""
    if not isinstance(exc, (ruamel_error.YAMLError, *_PY_ERRORS)):
        return None
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    pmark = getattr(exc, "problem_mark", None)
    cmark = getattr(exc, "context_mark", None)
    if problem is None and context is None:  # a reader error: a character that YAML refuses
        position = getattr(exc, "position", 0) or 0
        if _pyyaml is not None and isinstance(exc, _PY_ERRORS):  # libyaml counts UTF-8 bytes
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(exc, "reason", None) or str(exc)
        return Problem(name, line, col, f"YAML syntax error: {reason} "
                                        f"({_char(text, position)})")
    line, col = _mark(pmark or cmark)
    what = str(problem or context or "syntax error")
    if problem and context and cmark is not None and cmark.line + 1 != line:
        what += f" ({context} on line {cmark.line + 1})"
    return Problem(name, line, col, f"YAML syntax error: {what}")


def _char(text: str, position: int) -> str:
    char = text[position:position + 1]
    return f"character U+{ord(char):04X}" if char else "end of file"
