"""A report as data: a title and a list of sections made of a few kinds of block.

Section builders (:mod:`accord.reports.sections`, and any later one such as Monte Carlo's)
return a :class:`Section`; the HTML renderer (:mod:`accord.reports.html`) and the Markdown
renderer (:mod:`accord.reports.markdown`) walk the same blocks, so the two formats cannot
disagree and a new section needs no change to either. What a command prints is a
:class:`Page` of the same blocks, drawn on the terminal (:mod:`accord.reports.terminal`) or in
Markdown. Every string in a block is plain text
(the renderers escape it); a chart carries a function that draws its matplotlib figure, so a
renderer draws each chart once, in the format it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Cell:
    """A table cell with more than plain text: badges, a note under it, a quotation."""

    text: str
    marks: tuple[str, ...] = ()
    """Short tags shown beside the text ("carried over", "inferred")."""
    note: str | None = None
    """A secondary line (e.g. the reasoning behind an inference)."""
    quote: bool = False
    """Show the text as a verbatim quotation."""
    link: str | None = None
    """An address to link the text to (renderers link only http and https addresses)."""


CellValue = str | Cell


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    lead: str | None = None
    """Bold words that open the paragraph."""
    muted: bool = False


@dataclass(frozen=True)
class Facts:
    """Term-description pairs (the summary's verdict, what it takes, when)."""

    kind: ClassVar[str] = "facts"
    items: tuple[tuple[str, str], ...]
    compact: bool = False
    """A small reference list (a scale's labelled points) rather than highlighted facts."""


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    headers: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    caption: str | None = None
    numeric: tuple[int, ...] = ()
    """Columns to align right."""
    wide: tuple[int, ...] = ()
    """Columns of long text (quotes) that get more room."""
    matrix: bool = False
    """A grid of numbers (columns are models or dates): on a narrow screen it scrolls
    sideways instead of turning each row into a card."""


@dataclass(frozen=True)
class Chart:
    kind: ClassVar[str] = "chart"
    key: str
    """A name unique in the report (letters, digits, '-'): the chart's file name and id."""
    draw: Callable[[], Any] = field(repr=False)
    """Builds the matplotlib Figure."""
    alt: str
    """What the chart shows, for readers who cannot see it."""
    caption: str | None = None


Block = Heading | Paragraph | Facts | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    """The section's anchor (letters, digits, '-')."""
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Page:
    """What a command prints (``--format table`` or ``markdown``): a title and blocks. The
    terminal (:mod:`accord.reports.terminal`) and Markdown (:func:`accord.reports.markdown.
    page_markdown`) renderers walk the same blocks, escaping every text in one place each."""

    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str | None
    meta: tuple[tuple[str, str], ...]
    """Scenario id, digest, date, version: shown small under the title."""
    sections: tuple[Section, ...]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


def cell_text(cell: CellValue) -> str:
    return cell if isinstance(cell, str) else cell.text


def safe_link(address: str | None) -> str | None:
    """``address`` if it is an http(s) URL a report may link to, else None (no
    ``javascript:``, ``data:`` or relative links from untrusted files)."""

    if not address or any(c.isspace() or ord(c) < 32 for c in address):
        return None
    parts = urlsplit(address)
    return address if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def slug(text: str) -> str:
    """Letters, digits and '-' only (for anchors and file names)."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-") or "x"
