"""The ``accord`` command line: a thin typer app over the library (docs/cli.md).

:func:`main` is the console script. A command's module imports what the command needs (the
models, the bargaining analysis, Monte Carlo, reports); to answer quickly, ``main`` imports only
the module of the command named on the command line (every module for ``accord --help`` or a
name it does not know, so typer lists them all or says which exist). All commands together:
:mod:`accord.cli.commands`.
"""

from __future__ import annotations

import importlib
import os
import sys

COMMANDS: dict[str, str] = {
    "run": "run", "bargain": "bargain", "evidence": "evidence", "update": "update",
    "cases": "info", "models": "info", "validate": "validate", "mc": "mc",
    "report": "report", "serve": "serve", "timeline": "timeline", "store": "store",
    "benchmark": "benchmark", "forecast": "scores", "runs": "runs", "tipping": "tipping",
    "actors": "actors", "leverage": "leverage",
    "compare": "compare",
}
"""Command name -> the module of ``accord.cli`` that registers it."""


def main() -> None:
    """Entry point of the ``accord`` console script."""
    # One BLAS thread per process unless the user says otherwise (before numpy loads its
    # OpenBLAS, which reads this once): accord's matrices are small, and worker processes
    # that each start a thread per core fight over the cores (accord mc --concessions ran
    # three times slower with two workers on two cores).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    module = COMMANDS.get(name, "commands")
    importlib.import_module(f"accord.cli.{module}")  # registers the command(s) on the app
    importlib.import_module("accord.cli.app").app()  # a group even with one command loaded


__all__ = ["COMMANDS", "main"]
