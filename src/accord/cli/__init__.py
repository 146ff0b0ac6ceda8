"""The ``accord`` command line: a thin typer app over the library (docs/cli.md)."""

from __future__ import annotations

# each module registers its commands
from accord.cli import (  # noqa: F401
    bargain,
    benchmark,
    evidence,
    forecast,
    info,
    mc,
    report,
    run,
    runs,
    scores,
    serve,
    store,
    timeline,
    update,
)
from accord.cli.app import app


def main() -> None:
    """Entry point of the ``accord`` console script."""
    app()


__all__ = ["app", "main"]
