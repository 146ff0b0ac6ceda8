"""The layering of docs/architecture.md, checked from the import graph (read with ``ast``).

Each rule is a test that fails when one import breaks it, naming the file and the line, so a
change that reaches across layers is caught where it is made.
"""

from __future__ import annotations

import collections
import re

from tests.architecture import (
    FORBIDDEN,
    LAYERS,
    SRC,
    all_imports_inside_functions,
    arrows,
    cycles,
    module_files,
    upward,
)

FACES = ("cli/", "web/pages/")
"""Modules named after the command or the page they serve (``cli/bargain.py`` is ``accord
bargain``): they may share a name with each other and with the module their face shows."""


def test_every_package_has_a_layer() -> None:
    packages = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in module_files()}
    assert packages - set(LAYERS) == set()


def test_no_import_goes_up_a_layer_or_breaks_a_named_rule() -> None:
    broken = [f"{a.source}:{a.line}: {why}" for a in arrows() if (why := upward(a))]
    assert broken == []


def test_the_named_rules_of_the_layers() -> None:
    """The rules issue 14 names, spelled out (a regression of the table in tests/architecture)."""
    assert FORBIDDEN["scenario"] >= {"models", "bargaining", "uncertainty", "evidence",
                                     "reports", "store", "cli", "web", "cases", "validation",
                                     "workflows", "ledger"}
    assert FORBIDDEN["models"] >= {"bargaining", "uncertainty"}
    assert LAYERS["store"] < LAYERS["models"] and LAYERS["reports"] > LAYERS["workflows"]
    assert LAYERS["cli"] == LAYERS["web"] == max(LAYERS.values())


def test_no_import_cycles() -> None:
    assert cycles() == []
    assert cycles(type_only=True) == []


def test_imports_inside_functions_say_why() -> None:
    unexplained = [f"{f}:{line}" for f, line, said in all_imports_inside_functions()
                   if not said]
    assert unexplained == []


def test_no_module_level_getattr() -> None:
    """Lazy attributes hide what a package imports: every import is visible at its place."""
    hidden = [p.relative_to(SRC).as_posix() for p in module_files()
              if re.search(r"^def __getattr__\(", p.read_text(encoding="utf-8"), re.M)]
    assert hidden == []


def test_one_module_name_one_meaning() -> None:
    """No two modules outside the faces share a name (``utility.py`` of two models and the
    ``__init__``/``model``/``options`` of model packages are the same concept each)."""
    same_concept = {"__init__.py", "model.py", "options.py", "utility.py", "app.py"}
    names = collections.defaultdict(list)
    for path in module_files():
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(FACES) or path.name in same_concept:
            continue
        names[path.name].append(rel)
    assert {n: where for n, where in names.items() if len(where) > 1} == {}
