"""Blocks on a terminal: what ``--format table`` prints, from the same blocks as Markdown.

Every text comes from scenario files, articles or the store and is untrusted: it goes to rich
as :class:`rich.text.Text` (never parsed as markup, so ``[/bold]`` in a title prints as written)
on a console whose markup is off. Tables keep long cells readable by wrapping, numbers right.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from accord.reports.document import (
    Block,
    Bullets,
    Cell,
    CellValue,
    Chart,
    Facts,
    Heading,
    Page,
    Paragraph,
    Table,
)


def _cell(c: CellValue) -> Text:
    if isinstance(c, str):
        return Text(c)
    text = Text(f"“{c.text}”" if c.quote else c.text)
    for mark in c.marks:
        text.append(f" ({mark})", style="dim")
    if c.note:
        text.append(f"\n{c.note}", style="dim")
    return text


def table(t: Table, title: str | None = None) -> RichTable:
    """A block table as a rich table (``title`` above it, left-aligned)."""
    out = RichTable(title=Text(title) if title else None, title_justify="left",
                    caption=Text(t.caption) if t.caption else None, caption_justify="left")
    for k, header in enumerate(t.headers):
        out.add_column(Text(header), justify="right" if k in t.numeric else "left",
                       overflow="fold")
    for row in t.rows:
        out.add_row(*(_cell(c) for c in row))
    return out


def print_blocks(console: Console, blocks: tuple[Block, ...] | list[Block]) -> None:
    """Print blocks in order; a heading right before a table becomes the table's title."""
    pending: str | None = None
    for block in blocks:
        if pending is not None and not isinstance(block, Table):
            console.print(Text(pending, style="bold"))
            pending = None
        if isinstance(block, Heading):
            pending = block.text
        elif isinstance(block, Table):
            console.print(table(block, pending))
            pending = None
        elif isinstance(block, Paragraph):
            text = Text()
            if block.lead:
                text.append(block.lead + " ", style="bold")
            text.append(block.text, style="dim" if block.muted else "")
            console.print(text)
        elif isinstance(block, Facts):
            for term, value in block.items:
                console.print(Text.assemble((f"{term}: ", "bold"), value))
        elif isinstance(block, Bullets):
            for item in block.items:
                console.print(Text("• " + item))
        elif isinstance(block, Chart):
            continue  # a terminal shows no charts: reports and the dashboard do
    if pending is not None:
        console.print(Text(pending, style="bold"))


def print_page(console: Console, page: Page) -> None:
    """A command's page: its title in bold, then its blocks."""
    console.print(Text(page.title, style="bold"))
    print_blocks(console, page.blocks)


__all__ = ["Cell", "print_blocks", "print_page", "table"]
