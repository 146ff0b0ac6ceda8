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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.text import Text
from typer._click.core import Context as click_Context  # typer's own copy of click
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand

from accord._version import __version__
from accord.errors import AccordError, InputError, UsageError
from accord.reports.document import Page
from accord.reports.markdown import md_block, page_markdown
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


def _print_version(value: bool) -> None:
    if value:
        print(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def _group(
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Print the version of accord and exit.")] = False,
) -> None:
    """Keeps ``accord`` a group of commands when only one command's module is loaded
    (:func:`accord.cli.main` imports just the command it runs); without it, typer would run a
    lone command without its name. ``--version`` is its one option."""


class Command(TyperCommand):
    """A command whose help names each argument by its metavar as written (``[SCENARIO]``,
    ``[CASE | FILE...]``): typer would add the Python type (``<str>``, ``<list[str]>``) in
    the list of arguments and wrap the metavar in brackets again in the usage line. Options
    are named by their ``metavar=`` (``FILE``, ``N``, ``MODEL``) as typer does."""

    def collect_usage_pieces(self, ctx: click_Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument) and param.metavar is not None:
                pieces.append(param.metavar)
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: click_Context, formatter: HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                if param.metavar is not None:
                    record = (param.metavar, record[1])
                arguments.append(record)
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", metavar="table|json|markdown",
    help="Output: table (terminal), json or markdown.")]
ConfirmationFormatOption = Annotated[Format, typer.Option(
    "--format", "-f", metavar="table|json|markdown",
    help="The format of the confirmation line: table or markdown (one sentence), json (its "
         "details as a JSON object).")]
"""``--format`` of a command whose output is a file or a server, not a page: it formats only
the line that confirms what was done."""

F = TypeVar("F", bound=Callable[..., Any])


def stdout_console() -> Console:
    width = None if sys.stdout.isatty() else 120
    # markup off: titles, names and labels come from scenario files, and "[/x]" in one must
    # print as it is, not be read as rich markup (or fail); styles go through rich.text.Text
    return Console(highlight=False, soft_wrap=False, width=width, markup=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


@contextmanager
def working() -> Iterator[Callable[[str], None]]:
    """A status line on stderr while a command works, on a terminal only (it goes when the
    work ends): the callback it gives says what runs now ("model smp (8 of 10)")."""
    if not sys.stderr.isatty():
        yield lambda _what: None
        return
    with stderr_console().status(Text("working…")) as status:
        yield lambda what: status.update(Text(f"{what}…"))


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


def emit_line(text: str, fmt: Format) -> None:
    """A one-sentence answer (what was written, what was resolved) as plain text, or escaped
    as a Markdown paragraph (names in it come from files and the store)."""
    emit_text(md_block(text) if fmt is Format.markdown else text)


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

        kwargs.setdefault("cls", Command)
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
