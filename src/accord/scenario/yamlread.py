"""YAML to plain Python data, remembering where every value stands in the file.

ruamel.yaml composes the node graph (which keeps line and column marks); we build plain data
from it ourselves so that duplicate keys are all reported (not only the first, as a loader
would), dates stay text (so an impossible date is a located validation problem, not a crash),
and every path maps back to a line and column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from accord.errors import Problem

Path = tuple[str | int, ...]
_Y = "tag:yaml.org,2002:"


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


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


def _scalar(node: ScalarNode) -> Any:
    tag, text = _tag(node), node.value
    if tag == _Y + "null":
        return None
    if tag == _Y + "bool":
        return text.lower() == "true"
    if tag == _Y + "int":
        t = text.replace("_", "")
        sign = -1 if t.startswith("-") else 1
        t = t.lstrip("+-")
        for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
            if t.lower().startswith(prefix):
                return sign * int(t[2:], base)
        return sign * int(t, 10)
    if tag == _Y + "float":
        t = text.replace("_", "").lower()
        if t.lstrip("+-") in (".inf", "inf"):
            return -math.inf if t.startswith("-") else math.inf
        if t in (".nan", "nan"):
            return math.nan
        return float(t)
    return text  # str, timestamp (validated later as a date) and binary stay text


class _Builder:
    def __init__(self, located: Located) -> None:
        self.loc = located
        self.active: set[int] = set()

    def mark(self, path: Path, node: Node) -> None:
        self.loc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: Path) -> Any:
        self.mark(path, node)
        if id(node) in self.active:
            self.loc.problems.append(self.loc.problem(path, "recursive YAML alias"))
            return None
        tag = _tag(node)
        if not tag.startswith(_Y) and tag not in ("?", "!"):
            self.loc.problems.append(self.loc.problem(path, f"unsupported YAML tag '{tag}'"))
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            if isinstance(node, SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            try:
                return _scalar(node)  # type: ignore[arg-type]
            except ValueError:
                self.loc.problems.append(self.loc.problem(path, f"bad value '{node.value}'"))
                return node.value
        finally:
            self.active.discard(id(node))

    def mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, int] = {}
        merges: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if _tag(key_node) == _Y + "merge":
                merged = self.build(value_node, path)
                for m in merged if isinstance(merged, list) else [merged]:
                    if isinstance(m, dict):
                        merges.append(m)
                continue
            if not isinstance(key_node, ScalarNode):
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                self.loc.problems.append(Problem(self.loc.name, line, col,
                                                 "a key must be a plain value"))
                continue
            key = _scalar(key_node)
            line = key_node.start_mark.line + 1
            if key in first:
                self.loc.problems.append(Problem(
                    self.loc.name, line, key_node.start_mark.column + 1,
                    f"duplicate key '{key}' (first defined on line {first[key]})"))
                continue
            first[key] = line
            child = (*path, key) if isinstance(key, str | int) else path
            out[key] = self.build(value_node, child)
            # a key's own position is more useful than its value's for "missing"/"unknown"
            self.loc.marks[(*child, "__key__")] = (line, key_node.start_mark.column + 1)
        for m in merges:
            for k, v in m.items():
                out.setdefault(k, v)
        return out


def read_yaml(text: str, name: str) -> Located:
    """Parse YAML text; syntax errors and duplicate keys become located problems."""
    located = Located(data=None, name=name)
    yaml = YAML(typ="safe", pure=True)
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        ctx = exc.context_mark
        if exc.problem and exc.context and ctx is not None and ctx.line + 1 != line:
            what += f" ({exc.context} on line {ctx.line + 1})"
        located.problems.append(Problem(name, line, col, f"YAML syntax error: {what}"))
        return located
    except YAMLError as exc:
        located.problems.append(Problem(name, 1, 1, f"YAML error: {exc}"))
        return located
    if node is None:
        located.problems.append(Problem(name, 1, 1, "file holds no YAML document"))
        return located
    located.data = _Builder(located).build(node, ())
    return located
