"""The package's import graph, read from the source with :mod:`ast` (nothing is imported).

docs/architecture.md states the layers and what each may import; this module turns the rules
into checks (``tests/unit/test_architecture.py``) and figures (``benchmarks/import_graph.py``):

* every ``import accord.X`` / ``from accord.X import ...`` of a module is an arrow from the
  module's package to package X (``accord/timeline.py`` is package ``timeline``);
* an arrow is *upward* when it goes from a lower layer to a higher one, or breaks one of the
  named rules between packages of the same layer (e.g. ``models`` -> ``bargaining``);
* a *cycle* is a strongly connected group of modules (files), counting imports at any depth but
  those under ``if TYPE_CHECKING:``, which never run;
* an import *inside a function* is one in a function body; it is allowed only with a comment on
  its line or the line above that says why (a heavy optional dependency).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"

LAYERS: dict[str, int] = {
    # base: shared by everything
    "errors": 0, "textfile": 0, "jsonable": 0, "_version": 0, "__init__": 0,
    # data
    "scenario": 1, "cases": 1, "store": 1,
    # engines
    "models": 2, "bargaining": 2, "uncertainty": 2, "evidence": 2, "validation": 2,
    "ledger": 2,
    # workflows
    "workflows": 3,
    # the layout before issue 14 (kept so the figures of the old layout can be measured)
    "runspec": 0, "timeline": 3,
    # rendering
    "reports": 4,
    # faces
    "cli": 5, "web": 5, "__main__": 5,
}
"""Each top-level package or module of ``accord`` and its layer (higher may import lower)."""

FORBIDDEN: dict[str, frozenset[str]] = {
    "scenario": frozenset(LAYERS) - {"errors", "textfile", "_version", "__init__", "scenario"},
    "cases": frozenset({"store"}),
    "store": frozenset({"cases"}),
    "models": frozenset({"bargaining", "uncertainty", "evidence", "validation", "ledger"}),
    "bargaining": frozenset({"uncertainty", "evidence", "validation", "ledger"}),
    "evidence": frozenset({"models", "bargaining", "uncertainty", "validation", "ledger"}),
    "validation": frozenset({"bargaining", "uncertainty", "evidence", "ledger"}),
    "ledger": frozenset({"bargaining", "uncertainty", "evidence", "validation"}),
}
"""Arrows forbidden inside a layer (the named rules of issue 14 and docs/architecture.md)."""


@dataclass(frozen=True)
class Arrow:
    source: str          # module path relative to src/accord, e.g. "cli/run.py"
    line: int
    target: str          # dotted accord module, e.g. "accord.models.base"
    in_function: bool
    justified: bool      # a comment on the line or the line above says why
    type_only: bool      # under `if TYPE_CHECKING:`

    @property
    def source_package(self) -> str:
        return package_of(self.source)

    @property
    def target_package(self) -> str:
        parts = self.target.split(".")
        return parts[1] if len(parts) > 1 else "__init__"


def package_of(relpath: str) -> str:
    first = relpath.split("/")[0]
    return first[:-3] if first.endswith(".py") else first


def module_files(src: Path = SRC) -> list[Path]:
    return sorted(p for p in src.rglob("*.py") if "migrations" not in p.parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _module_name(relpath: str) -> str:
    parts = relpath[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["accord", *parts])


def _targets(node: ast.Import | ast.ImportFrom, here: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "accord"]
    if node.level:  # relative import: resolve against this module's package
        base = here.split(".")[: -node.level] if not here.endswith("__init__") else here.split(".")
        module = ".".join([*base, node.module] if node.module else base)
    else:
        module = node.module or ""
    if module.split(".")[0] != "accord":
        return []
    out = []
    for alias in node.names:  # `from accord.models import base` names a module
        out.append(f"{module}.{alias.name}" if alias.name != "*" else module)
    return out


def justified(lines: list[str], line: int) -> bool:
    """Whether a comment says why an import stands where it does: on its line, or on the line
    above the block of imports it belongs to."""
    if "#" in lines[line - 1]:
        return True
    k = line - 2
    while k >= 0 and (not lines[k].strip()
                      or lines[k].strip().startswith(("from ", "import ", ")"))
                      or (lines[k].startswith(" ") and lines[k].strip().endswith(","))):
        if "#" in lines[k]:
            return True
        k -= 1
    return k >= 0 and lines[k].strip().startswith("#")


def _visit(node: ast.AST, rel: str, here: str, lines: list[str], in_function: bool,
           type_only: bool) -> Iterator[Arrow]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            said = justified(lines, child.lineno)
            for target in _targets(child, here):
                yield Arrow(rel, child.lineno, target, in_function, said, type_only)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _visit(child, rel, here, lines, True, type_only)
        elif isinstance(child, ast.If) and _type_checking(child):
            for part in child.body:
                yield from _visit(ast.Module(body=[part], type_ignores=[]), rel, here, lines,
                                  in_function, True)
            for part in child.orelse:
                yield from _visit(ast.Module(body=[part], type_ignores=[]), rel, here, lines,
                                  in_function, type_only)
        else:
            yield from _visit(child, rel, here, lines, in_function, type_only)


def arrows(src: Path = SRC) -> Iterator[Arrow]:
    """Every import of an accord module in the package."""
    for path in module_files(src):
        rel = path.relative_to(src).as_posix()
        text = path.read_text(encoding="utf-8")
        yield from _visit(ast.parse(text), rel, _module_name(rel), text.splitlines(), False,
                          False)


def all_imports_inside_functions(src: Path = SRC) -> list[tuple[str, int, bool]]:
    """Every import statement (of any package) inside a function: (file, line, justified)."""
    out = []
    for path in module_files(src):
        rel = path.relative_to(src).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    out.append((rel, node.lineno, justified(lines, node.lineno)))
    return sorted(set(out))


def upward(arrow: Arrow) -> str | None:
    """Why the arrow breaks the layering, or None."""
    me, it = arrow.source_package, arrow.target_package
    if me == it or arrow.type_only:
        return None
    if me not in LAYERS or it not in LAYERS:
        return f"{me} -> {it}: a package docs/architecture.md does not place in a layer"
    if LAYERS[it] > LAYERS[me]:
        return f"{me} (layer {LAYERS[me]}) imports {it} (layer {LAYERS[it]})"
    if it in FORBIDDEN.get(me, frozenset()):
        return f"{me} must not import {it}"
    return None


def _module_of(target: str, known: set[str]) -> str | None:
    """The module file a dotted import lands in (``accord.models.base.Model`` -> the module)."""
    parts = target.split(".")
    while parts:
        name = ".".join(parts)
        if name in known:
            return name
        parts = parts[:-1]
    return None


def cycles(src: Path = SRC, type_only: bool = False) -> list[list[str]]:
    """Groups of modules that import each other (directly or around a loop), biggest first;
    ``type_only`` counts imports under ``if TYPE_CHECKING:`` too."""
    modules = {_module_name(p.relative_to(src).as_posix()): p for p in module_files(src)}
    known = set(modules)
    graph: dict[str, set[str]] = {m: set() for m in known}
    for a in arrows(src):
        if a.type_only and not type_only:
            continue
        target = _module_of(a.target, known)
        source = _module_name(a.source)
        # `import accord.x.y` also runs the packages above it; an import of a package
        # (its __init__) is an arrow to it
        if target is not None and target != source:
            graph[source].add(target)
    return [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def connect(v: str) -> None:  # iterative Tarjan: the graph may be deep
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, children = work[-1]
            advanced = False
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    group.append(w)
                    if w == node:
                        break
                out.append(group)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(out, key=len, reverse=True)
