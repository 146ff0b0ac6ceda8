"""``--help`` of every command reads as words for a user (issue 19): each option and argument
is named by a metavar (``FILE``, ``N``, ``MODEL``...), never by a Python type (``<str>``,
``<list[str]>``, ``<int range>``); ``--format`` says what it formats; ``accord --version``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer.core import TyperCommand

from accord import __version__
from accord.cli.commands import app
from tests.conftest import cli

_TYPE_HINT = re.compile(r"<(?:str|int|float|bool|path|list\[[^\]]*\]|[a-z]+ range)>")


def _commands() -> Iterator[tuple[tuple[str, ...], TyperCommand]]:
    def walk(path: tuple[str, ...], cmd: object) -> Iterator[tuple[tuple[str, ...],
                                                                TyperCommand]]:
        if isinstance(cmd, TyperCommand):
            yield path, cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk((*path, name), sub)

    yield from walk((), typer.main.get_command(app))


COMMANDS = dict(_commands())


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_option_and_argument_is_named_in_words(path: tuple[str, ...]) -> None:
    proc = cli(*path, "--help")
    assert proc.returncode == 0, proc.stderr
    hints = _TYPE_HINT.findall(proc.stdout)
    assert not hints, f"accord {' '.join(path)} --help shows {hints}"
    assert "[[" not in proc.stdout.splitlines()[0], proc.stdout.splitlines()[0]


def test_timeline_usage_reads_case_or_files() -> None:
    usage = cli("timeline", "--help").stdout.splitlines()[0]
    assert usage.rstrip().endswith("[OPTIONS] [CASE | FILE...]"), usage


def test_metavars_say_what_is_typed() -> None:
    run = cli("run", "--help").stdout
    assert re.search(r"-m, --model MODEL\b", run) and "[SCENARIO]" in run
    assert re.search(r"--horizon MONTHS\b", cli("bargain", "--help").stdout)
    assert re.search(r"-o, --output FILE\b", cli("report", "--help").stdout)
    assert re.search(r"-n, --draws N\b", cli("mc", "--help").stdout)


@pytest.mark.parametrize("command", ["report", "serve"])
def test_format_of_a_confirmation_says_so(command: str) -> None:
    text = " ".join(cli(command, "--help").stdout.split())
    assert "format of the confirmation line" in text
    assert "Output: table (terminal)" not in text


def test_version() -> None:
    proc = cli("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"accord {__version__}"
