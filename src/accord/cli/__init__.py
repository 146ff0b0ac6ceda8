"""The ``accord`` command line: a thin typer app over the library (docs/cli.md)."""

from __future__ import annotations

from accord.cli import benchmark, info, run  # noqa: F401  (each module registers its commands)
from accord.cli.app import app


def main() -> None:
    """Entry point of the ``accord`` console script."""
    app()


__all__ = ["app", "main"]
