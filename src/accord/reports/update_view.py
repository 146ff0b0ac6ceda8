"""What ``accord update`` shows: the proposals, what the draft applied, what it carried over."""

from __future__ import annotations

from accord.evidence.drafting import Proposal
from accord.reports.document import Block, Cell, Page, Paragraph, Table
from accord.reports.formatting import count
from accord.workflows.update import Update

LEGEND = "✓ = applied in the draft, + = add by hand (new actor or issue)"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def change(p: Proposal) -> str:
    """The change a proposal makes, in a few words: old → new, "quote", or (a new actor or
    issue) how many statements back it."""
    if not p.addable:
        return f"{p.count} statement{'s' if p.count != 1 else ''}"
    return "quote" if p.kind == "evidence" else f"{_number(p.old)} → {_number(p.new)}"


def update_page(update: Update, width: int = 140) -> Page:
    """The proposals, one row each, and the stances carried over."""
    rows = []
    for p in update.proposals:
        mark = "✓" if p.id in update.accepted else ("+" if not p.addable else "")
        quote = " ".join(p.quote.split())
        quote = quote if len(quote) <= width else quote[: width - 1] + "…"
        rows.append((mark, Cell(f"{p.actor or '?'} · {p.issue or '?'}",
                                note=f"{p.id} {p.file}:{p.line}:{p.col}"),
                     Cell(p.kind, note=change(p)), p.reason, Cell(quote, quote=True)))
    carried = update.carried
    blocks: list[Block] = [
        Table(headers=("", "Proposal", "Change", "Reason", "Quote"), rows=tuple(rows),
              wide=(4,), caption=LEGEND),
        Paragraph(f"{len(carried)} of {len(update.new.stances)} stances carried over "
                  "unchanged" + (": " + ", ".join(f"{a}/{i}" for a, i in carried[:12])
                                 + (" ..." if len(carried) > 12 else "") if carried else "."),
                  muted=True)]
    return Page(f"Update of {update.old.id} → {update.new.id} "
                f"({count(len(update.articles), 'article')})", tuple(blocks))
