"""Figures of the package's import graph (issue 14): cycles, upward arrows, imports inside
functions. Reads the source with ``ast`` (tests/architecture.py); nothing is imported.

    .venv/bin/python benchmarks/import_graph.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from harness import save

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.architecture import all_imports_inside_functions, arrows, cycles, upward

    found = list(arrows())
    ups = sorted({(a.source, upward(a)) for a in found if upward(a)})
    loops = cycles()
    typed_loops = cycles(type_only=True)
    accord_inside = [a for a in found if a.in_function]
    inside = all_imports_inside_functions()
    unexplained = [(f, n) for f, n, said in inside if not said]
    per_package = Counter(f.split("/")[0] for f, _ in unexplained)
    print(f"accord modules: {len({a.source for a in found})} importing accord modules, "
          f"{len(found)} arrows")
    print(f"import cycles: {len(loops)}")
    for group in loops:
        print("  " + " <-> ".join(group))
    print(f"import cycles counting imports for type checking: {len(typed_loops)}")
    for group in typed_loops:
        print("  " + " <-> ".join(group))
    print(f"upward arrows: {len(ups)}")
    for source, why in ups:
        print(f"  {source}: {why}")
    print(f"imports of accord modules inside functions: {len(accord_inside)} (by package: "
          f"{dict(Counter(a.source_package for a in accord_inside).most_common())})")
    print(f"imports inside functions: {len(inside)} ({len(unexplained)} without a comment "
          f"saying why; by package: {dict(per_package.most_common())})")
    path = save("import_graph", [{"cycles": len(loops), "cycles_typing": len(typed_loops),
                                  "accord_inside_functions": len(accord_inside),
                                  "upward": len(ups),
                                  "inside_functions": len(inside),
                                  "inside_unexplained": len(unexplained)}],
                cycles=loops, upward=[f"{s}: {w}" for s, w in ups])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
