"""Every command of the ``accord`` command line, registered on one typer app.

Importing this module imports every command module (each registers its commands on
:data:`accord.cli.app.app` when imported); ``accord --help`` lists them in the order they register.
Tests and documentation tools use :data:`app` from here; the console script
(:func:`accord.cli.main`) imports only the module of the command it runs.
"""

from __future__ import annotations

from accord.cli import (  # noqa: F401  (imported to register their commands)
    actors,
    bargain,
    benchmark,
    compare,
    evidence,
    info,
    leverage,
    mc,
    report,
    run,
    runs,
    scores,
    serve,
    store,
    timeline,
    tipping,
    update,
    validate,
)
from accord.cli.app import app

__all__ = ["app"]
