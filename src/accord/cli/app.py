"""The typer application and what every command shares: formats, output, error handling.

Contract (docs/cli.md): ``--format table|json|markdown``; JSON goes to stdout alone, progress
and notes to stderr; exit status 0 on success, 1 for a failed run, 2 for bad input or usage,
with ``FILE:LINE:COL: message`` lines for a bad file and never a traceback (set
``ACCORD_DEBUG=1`` to see one for an internal error).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from accord.errors import AccordError, InputError, UsageError
from accord.reports.document import Page
from accord.reports.markdown import page_markdown
from accord.reports.terminal import print_page

app = typer.Typer(
    name="accord",
    help="Model multi-party negotiations and forecast their outcomes.\n\n"
         "With no SCENARIO, commands use the built-in case: the Russia-Ukraine peace talks "
         "as of early December 2025 (see `accord cases`).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _group() -> None:
    """Keeps ``accord`` a group of commands when only one command's module is loaded
    (:func:`accord.cli.main` imports just the command it runs); without it, typer would run a
    lone command without its name."""


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output: table (terminal), json or markdown.")
]

F = TypeVar("F", bound=Callable[..., Any])


def stdout_console() -> Console:
    width = None if sys.stdout.isatty() else 120
    # markup off: titles, names and labels come from scenario files, and "[/x]" in one must
    # print as it is, not be read as rich markup (or fail); styles go through rich.text.Text
    return Console(highlight=False, soft_wrap=False, width=width, markup=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


def note(message: str) -> None:
    """A note for the user on stderr (never mixed into JSON on stdout)."""
    print(f"note: {message}", file=sys.stderr)


def emit_json(document: Any) -> None:
    if isinstance(document, BaseModel):
        document = document.model_dump(mode="json")
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()


def emit_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def emit_page(page: Page, fmt: Format, document: Any = None) -> None:
    """A command's answer in the chosen format: ``document`` as JSON, or ``page`` on the
    terminal or as Markdown (the same blocks, escaped by each renderer)."""
    if fmt is Format.json:
        emit_json(document)
    elif fmt is Format.markdown:
        emit_text(page_markdown(page))
    else:
        print_page(stdout_console(), page)


def command(*args: Any, target: typer.Typer | None = None,
            **kwargs: Any) -> Callable[[F], F]:
    """``app.command`` with the shared error handling of the contract above.

    ``target`` registers the command on a sub-application (``accord benchmark deu``) instead.
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            try:
                return fn(*a, **kw)
            except InputError as exc:
                for problem in exc.problems:
                    print(str(problem), file=sys.stderr)
                raise typer.Exit(2) from None
            except UsageError as exc:
                print(f"accord: error: {exc}", file=sys.stderr)
                raise typer.Exit(2) from None
            except AccordError as exc:  # e.g. a database that cannot be opened: not a bug
                print(f"accord: error: {exc}", file=sys.stderr)
                raise typer.Exit(1) from None
            except (typer.Exit, typer.Abort):
                raise
            except KeyboardInterrupt:
                print("accord: interrupted", file=sys.stderr)
                raise typer.Exit(130) from None
            except Exception as exc:
                if os.environ.get("ACCORD_DEBUG"):
                    raise
                print(f"accord: internal error: {type(exc).__name__}: {exc}\n"
                      "(set ACCORD_DEBUG=1 to see the traceback, and please report it)",
                      file=sys.stderr)
                raise typer.Exit(1) from None

        (target or app).command(*args, **kwargs)(wrapper)
        return fn

    return decorate


def parse_params(items: list[str] | None) -> dict[str, str]:
    """``--param key=value`` options into a dict (values are validated by the model)."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param takes KEY=VALUE, got '{item}'")
        out[key.strip().replace("-", "_")] = value.strip()
    return out
