"""YAML to plain Python data, remembering where every value stands in the file.

The data is built from the parser's events (:mod:`accord.scenario.yamlevents`) rather than by a
YAML loader, so that duplicate keys are all reported (not only the first, as a loader would),
dates stay text (so an impossible date is a located validation problem, not a crash), every
path maps back to a line and column, and a hostile file cannot exhaust time or memory: nesting
deeper than :data:`MAX_DEPTH` levels is refused, and so are aliases that expand to more than
:data:`ALIAS_VALUES` values (plus one per ten characters of the file), each with its location.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from accord.errors import Problem
from accord.scenario.yamlevents import Y, error_problem, events, scalar_tag

Path = tuple[str | int, ...]
MAX_DEPTH = 64
"""The deepest nesting of mappings and lists a scenario file may have (it needs about 8)."""
ALIAS_VALUES = 10_000
"""How many values the aliases (``*name``) of a file may add, plus one per ten characters."""


@dataclass
class Located:
    """Plain data read from YAML, with the position of each value and any problems found."""

    data: Any
    name: str
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest located parent."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.name, line, col, message)


def _scalar(tag: str, text: str) -> Any:
    if tag == Y + "null":
        return None
    if tag == Y + "bool":
        return text.lower() == "true"
    if tag == Y + "int":
        t = text.replace("_", "")
        sign = -1 if t.startswith("-") else 1
        t = t.lstrip("+-")
        prefix = t[:2].lower()
        bases = {"0x": 16, "0o": 8, "0b": 2}
        value = sign * (int(t[2:], bases[prefix]) if prefix in bases else int(t, 10))
        float(value)  # OverflowError: beyond any float
        return value
    if tag == Y + "float":
        t = text.replace("_", "").lower()
        if t.lstrip("+-") in (".inf", "inf"):
            return -math.inf if t.startswith("-") else math.inf
        if t in (".nan", "nan"):
            return math.nan
        return float(t)
    return text  # str, timestamp (validated later as a date) and binary stay text


class _Stop(Exception):
    """The rest of the file is not read (an alias bomb, too deep): the problem is recorded."""


class _Builder:
    """Plain data from the event stream, one value per node event, with the limits above."""

    def __init__(self, located: Located, stream: Iterator[Any], size: int) -> None:
        self.loc = located
        self.next: Callable[[], Any] = stream.__next__
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values in it, its depth
        self.open: set[str] = set()
        self.budget = ALIAS_VALUES + size // 10
        self.expanded = 0
        self.count = 0      # values built (an anchor's size is the difference)
        self.height = 0     # the deepest path built (an anchor's depth is the difference)

    def add(self, path: Path, message: str, event: Any | None = None) -> None:
        if event is None:
            self.loc.problems.append(self.loc.problem(path, message))
        else:
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            self.loc.problems.append(Problem(self.loc.name, line, col, message))

    def mark(self, path: Path, event: Any) -> None:
        self.loc.marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)

    def build(self, event: Any, path: Path) -> Any:
        """The value that starts with ``event`` (its remaining events are read)."""
        self.mark(path, event)
        kind = _kind(event)
        if kind == "Alias":
            return self.alias(event, path)
        self.count += 1
        self.height = max(self.height, len(path))
        if len(path) > MAX_DEPTH and kind != "Scalar":
            self.add(path, f"nested more than {MAX_DEPTH} levels deep (the limit of a scenario "
                           "file)", event)
            raise _Stop  # reading on would cost time for nothing: the file is refused
        tag = event.tag
        if tag is not None and tag != "!" and not str(tag).startswith(Y):
            self.add(path, f"unsupported YAML tag '{tag}'", event)
        anchor, first, top = event.anchor, self.count, self.height
        self.height = len(path)
        if anchor is not None:
            self.open.add(anchor)
        if kind == "Scalar":
            value = self.scalar(event, path)
        elif kind == "SequenceStart":
            value = []
            while _kind(child := self.next()) != "SequenceEnd":
                value.append(self.build(child, (*path, len(value))))
        else:
            value = self.mapping(path)
        if anchor is not None:
            self.open.discard(anchor)
            self.anchors[anchor] = (value, self.count - first + 1, self.height - len(path))
        self.height = max(top, self.height)
        return value

    def skip(self) -> None:
        """Read past the collection just started, without building it."""
        level = 1
        while level:
            name = _kind(self.next())
            level += name.endswith("Start") - name.endswith("End")

    def skip_value(self, event: Any) -> None:
        """Read past the value that starts with ``event``, without building it."""
        if _kind(event) in ("SequenceStart", "MappingStart"):
            self.skip()

    def alias(self, event: Any, path: Path) -> Any:
        name = event.anchor
        if name in self.open:
            self.add(path, f"recursive YAML alias '*{name}'", event)
            return None
        if name not in self.anchors:
            self.add(path, f"undefined YAML alias '*{name}'", event)
            return None
        value, size, depth = self.anchors[name]
        self.expanded += size
        if self.expanded > self.budget:
            self.add(path, f"YAML aliases expand to more than {self.budget:,} values (at "
                           f"'*{name}'); write the values out or use fewer aliases", event)
            raise _Stop
        if len(path) + depth > MAX_DEPTH:
            self.add(path, f"alias '*{name}' nests the data more than {MAX_DEPTH} levels deep "
                           "(the limit of a scenario file)", event)
            return None
        self.count += size
        self.height = max(self.height, len(path) + depth)
        return copy.deepcopy(value) if isinstance(value, dict | list) else value

    def scalar(self, event: Any, path: Path) -> Any:
        tag = scalar_tag(event.tag, event.value, event.implicit)
        try:
            return _scalar(tag, event.value)
        except ValueError:
            text = event.value if len(event.value) <= 40 else event.value[:37] + "..."
            self.add(path, f"bad value '{text}'", event)
        except OverflowError:
            self.add(path, f"number '{event.value[:20]}...' ({len(event.value)} digits) is out "
                           "of bounds (numbers in a scenario are at most 1e12 in absolute "
                           "value)", event)
            return None
        return event.value

    def key(self, event: Any) -> tuple[bool, Any]:
        """(True, key) for a plain key, (False, None) for a collection (read past)."""
        kind = _kind(event)
        if kind == "Scalar":
            tag = scalar_tag(event.tag, event.value, event.implicit)
            if tag == Y + "merge":
                return True, _MERGE
            try:
                return True, _scalar(tag, event.value)
            except (ValueError, OverflowError):
                return True, event.value
        if kind == "Alias" and event.anchor in self.anchors:
            value = self.anchors[event.anchor][0]
            if not isinstance(value, dict | list):
                return True, value
        elif kind != "Alias":
            self.skip()
        self.add((), "a key must be a plain value", event)
        return False, None

    def mapping(self, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, int] = {}
        merges: list[dict[Any, Any]] = []
        while _kind(key_event := self.next()) != "MappingEnd":
            plain, key = self.key(key_event)
            value_event = self.next()
            if key is _MERGE:
                merged = self.build(value_event, path)
                merges += [m for m in (merged if isinstance(merged, list) else [merged])
                           if isinstance(m, dict)]
                continue
            line, col = key_event.start_mark.line + 1, key_event.start_mark.column + 1
            if not plain or not (isinstance(key, str) or _hashable(key)):
                self.skip_value(value_event)
                continue
            if key in first:
                self.loc.problems.append(Problem(
                    self.loc.name, line, col,
                    f"duplicate key '{key}' (first defined on line {first[key]})"))
                self.skip_value(value_event)
                continue
            first[key] = line
            child = (*path, key) if isinstance(key, str | int) else path
            out[key] = self.build(value_event, child)
            # a key's own position is more useful than its value's for "missing"/"unknown"
            self.loc.marks[(*child, "__key__")] = (line, col)
        for m in merges:
            for k, v in m.items():
                out.setdefault(k, v)
        return out


_MERGE = object()
_KINDS: dict[type, str] = {}


def _kind(event: Any) -> str:
    """The kind of a parser event, e.g. ``Scalar`` or ``MappingStart`` (either parser's)."""
    cls = type(event)
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = cls.__name__.removesuffix("Event")
    return kind


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def read_yaml(text: str, name: str, *, pure: bool = False) -> Located:
    """Parse YAML text; syntax errors, duplicate keys and refused constructs (deep nesting,
    alias bombs) become located problems. ``pure``: use the pure-Python parser."""
    located = Located(data=None, name=name)
    builder = _Builder(located, events(text, pure=pure), len(text))
    try:
        builder.next()  # stream start
        start = builder.next()
        if _kind(start) == "StreamEnd":
            located.problems.append(Problem(name, 1, 1, "file holds no YAML document"))
            return located
        located.data = builder.build(builder.next(), ())
        builder.next()  # document end
        extra = builder.next()
        if _kind(extra) != "StreamEnd":
            line, col = extra.start_mark.line + 1, extra.start_mark.column + 1
            located.problems.append(Problem(name, line, col, "YAML syntax error: a scenario "
                                                             "file holds one document, found "
                                                             "another"))
    except _Stop:
        located.data = None
    except Exception as exc:
        problem = error_problem(exc, text, name)
        if problem is None:
            raise
        located.problems.append(problem)
        located.data = None
    return located
