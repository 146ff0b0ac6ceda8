"""The Markdown report: the same sections as the HTML one, charts as image files beside it.

:func:`render_markdown` returns the text and the images (file name -> bytes) to write into the
folder the text refers to (``REPORT_files/`` next to ``REPORT.md``). Text from scenario files
is escaped where Markdown would read it as markup (:func:`md`): emphasis, links, code, raw
HTML, table pipes, and block syntax at the start of a paragraph, so a quote holding
``<script>`` stays text on any renderer.
"""

from __future__ import annotations

import re
from urllib.parse import quote as url_quote

from accord.reports.chartkit import save_figure
from accord.reports.document import (
    Block,
    Bullets,
    CellValue,
    Chart,
    Facts,
    Heading,
    Page,
    Paragraph,
    Report,
    Table,
    safe_link,
)
from accord.reports.parallel import render_charts

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&#!])")
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")


def md(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph or table cell (one line)."""
    flat = " ".join(text.split())
    return _INLINE.sub(r"\\\1", flat)


def md_block(text: str) -> str:
    """Plain text as a paragraph: :func:`md`, and nothing at its start read as a list,
    heading, quote or rule."""
    out = md(text)

    def escape(m: re.Match[str]) -> str:
        if m.group(2):  # a bullet, quote or rule marker
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)  # "1." -> "1\."

    return _BLOCK_START.sub(escape, out, count=1)


def _cell(c: CellValue) -> str:
    if isinstance(c, str):
        return md(c)
    if c.quote:
        text = "“" + md(c.text) + "”"
    elif c.link and (url := safe_link(c.link)) and not re.search(r"[<>\s]", url):
        text = f"<{url}>"
    else:
        text = md(c.text)
    text += "".join(f" *({md(m)})*" for m in c.marks)
    if c.note:
        text += f" · *{md(c.note)}*"
    return text


def _table(t: Table) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [row([md(h) for h in t.headers]),
             "|" + "|".join("---:" if k in t.numeric else "---"
                            for k in range(len(t.headers))) + "|"]
    lines += [row([_cell(c) for c in r]) for r in t.rows]
    out = "\n".join(lines)
    if t.caption:
        out += f"\n\n*{md(t.caption)}*"
    return out


def render_markdown(report: Report, folder: str, image_kind: str = "svg",
                    workers: int = 1) -> tuple[str, dict[str, bytes]]:
    """The report as Markdown with its charts as ``image_kind`` (``svg`` or ``png``) files
    named ``KEY.EXT``, referred to as ``FOLDER/KEY.EXT`` (``folder`` is the name of the
    images' folder relative to the Markdown file). Charts are drawn in ``workers`` forked
    processes when more than one (:mod:`accord.reports.parallel`)."""

    drawn = report.charts()
    files = render_charts(drawn, lambda c: save_figure(c.draw(), image_kind), workers)
    images = {f"{c.key}.{image_kind}": data for c, data in zip(drawn, files, strict=True)}
    parts = [f"# {md(report.title)}"]
    if report.subtitle:
        parts.append(md_block(report.subtitle))
    parts.append(" · ".join(f"{md(k)}: `{v.replace('`', '')}`" for k, v in report.meta))
    parts.append("\n".join(f"{k}. [{md(s.title)}](#{s.key})"
                           for k, s in enumerate(report.sections, 1)))
    for section in report.sections:
        parts.append(f'<a id="{section.key}"></a>\n\n## {md(section.title)}')
        for block in section.blocks:
            text = _block(block, folder, image_kind)
            if text:
                parts.append(text)
    return "\n\n".join(parts) + "\n", images


def page_markdown(page: Page) -> str:
    """What a command prints with ``--format markdown``: the title as a heading, then the
    blocks (charts are not part of a command's page)."""
    parts = [f"## {md(page.title)}"]
    parts += [text for b in page.blocks if (text := _block(b, "", "svg"))]
    return "\n\n".join(parts) + "\n"


def _block(b: Block, folder: str, kind: str) -> str:
    if isinstance(b, Heading):
        anchor = f'<a id="{b.anchor}"></a>\n\n' if b.anchor else ""
        return f"{anchor}### {md(b.text)}"
    if isinstance(b, Paragraph):
        lead = f"**{md(b.lead)}** " if b.lead else ""
        text = lead + md_block(b.text)
        return f"*{text}*" if b.muted and not lead else text
    if isinstance(b, Facts):
        return "\n".join(f"- **{md(term)}:** {md(text)}" for term, text in b.items)
    if isinstance(b, Bullets):
        return "\n".join(f"- {md(item)}" for item in b.items)
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Chart):
        name = f"{b.key}.{kind}"
        out = f"![{md(b.alt)}]({url_quote(folder)}/{name})"
        if b.caption:
            out += f"\n\n*{md(b.caption)}*"
        return out
    raise TypeError(f"unknown block {type(b).__name__}")


def is_chart_file(name: str) -> bool:
    """Whether a file name is one :func:`render_markdown` writes (an image named by a chart
    key), so an old images folder can be replaced without touching anything else."""
    return re.fullmatch(r"[a-z0-9][a-z0-9-]*\.(svg|png)", name) is not None
