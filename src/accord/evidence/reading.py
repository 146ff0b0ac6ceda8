"""Reading articles: plain text as it is, HTML through trafilatura, with title and date.

Offsets of every claim point into :attr:`Article.text`: the file's own text for a plain-text
article (after removing a UTF-8 byte-order mark), the extracted main text for an HTML page. A
plain-text article may open with a header of ``Key: value`` lines (``Title``, ``Date``,
``Outlet``/``Source``/``Publisher``, ``URL``, ``Author``/``By``) ended by a blank line, as
saved by many clipping tools and news archives: it gives the title, date, outlet and address,
and no claim is read from it (:attr:`Article.body_start`). Bad
files (missing, empty, binary, not UTF-8, larger than :data:`MAX_ARTICLE_BYTES`) raise
:class:`~accord.errors.InputError` with the file, line and column, before anything is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from accord.errors import InputError, Problem
from accord.textfile import read_text

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Largest article file accepted (5 MiB: a long news page with its markup is well under 1 MiB)."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_TITLE_MAX = 160
MIN_HTML_WORDS = 5
"""An HTML page whose main text has fewer words has no article (only menus or links)."""


@dataclass(frozen=True)
class Article:
    """The text of one article and what is known about it."""

    path: str
    """The path as given by the user."""
    text: str
    """The text that claim offsets point into."""
    kind: Literal["text", "html"]
    title: str | None = None
    date: str | None = None
    """Publication date as ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) when the page states one."""
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    body_start: int = 0
    """Offset where the article's body starts (after a header block); nothing before it is
    read for claims."""

    @property
    def name(self) -> str:
        """The file name without its folder: how sources refer to the article."""
        return Path(self.path).name


def looks_like_html(name: str, text: str) -> bool:
    """HTML by its file name or by how the text starts (a doctype or an ``<html>`` tag)."""
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def text_title(text: str) -> str | None:
    """A plain-text article's title: a short first line followed by a blank line.

    Headlines are short, carry no final full stop and stand apart from the body; a first line
    that runs on into the next paragraph is body text, not a title.
    """
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 2:
        return None
    first = lines[0].strip()
    if not first or len(first) > _TITLE_MAX or first.endswith((".", ",", ";", ":")):
        return None
    return first if not lines[1].strip() else None


_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z -]{0,19}):[ \t]+(\S.*)")
HEADER_KEYS = {"title": "title", "headline": "title", "date": "date", "published": "date",
               "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
               "url": "url", "link": "url", "author": "author", "by": "author",
               "byline": "author"}
"""Keys of a plain-text header block (lower case) and the :class:`Article` field each fills."""


def text_header(text: str) -> tuple[dict[str, str], int]:
    """The fields of a ``Key: value`` header block at the start of ``text`` and the offset of
    the body after it; ``({}, 0)`` when the text does not open with such a block.

    A block counts only when it is followed by a blank line and has at least two lines whose
    keys are known (:data:`HEADER_KEYS`), so a first sentence such as "Update: talks resume"
    is never taken for a header.
    """
    fields: dict[str, str] = {}
    known = 0
    pos = 0
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return {}, 0
        line = text[pos:end].rstrip("\r")
        if not line.strip():
            break
        m = _HEADER_LINE.fullmatch(line)
        if m is None:
            return {}, 0
        key = HEADER_KEYS.get(m.group(1).strip().lower())
        if key is not None:
            known += 1
            fields.setdefault(key, m.group(2).strip())
        pos = end + 1
    if known < 2:
        return {}, 0
    return fields, end + 1


def parse_html(html: str, path: str) -> Article:
    """The main text, title and date of an HTML page (trafilatura); an error if it has none."""
    import trafilatura  # 0.3 s to import: only HTML articles need it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    words = len(text.split()) if text else 0
    if not text or words < MIN_HTML_WORDS:
        # trafilatura falls back to menus and links when a page has no article ("Home")
        raise InputError([Problem(path, 1, 1, "no article text found in this HTML page"
                                              + (f" (only {words} words)" if words else ""))])

    def field(name: str) -> str | None:
        value = getattr(doc, name, None)
        text = str(value).strip() if value else ""
        return text or None

    return Article(path=path, text=text, kind="html", title=field("title"),
                   date=_partial_date(field("date")), author=field("author"),
                   outlet=field("sitename"), url=field("url"))


def _partial_date(value: str | None) -> str | None:
    """``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` from the start of a date string, or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    return "-".join(p for p in m.groups() if p) if m else None


def parse_article(text: str, path: str, *, html: bool | None = None) -> Article:
    """An article from its text; ``html=None`` decides by the name and the content."""
    if html is None:
        html = looks_like_html(path, text)
    if html:
        return parse_html(text, path)
    fields, body = text_header(text)
    if fields:
        return Article(path=path, text=text, kind="text",
                       title=fields.get("title") or text_title(text[body:]),
                       date=_partial_date(fields.get("date")), author=fields.get("author"),
                       outlet=fields.get("outlet"), url=fields.get("url"), body_start=body)
    return Article(path=path, text=text, kind="text", title=text_title(text))


def read_article(path: str | os.PathLike[str], *, max_bytes: int = MAX_ARTICLE_BYTES,
                 html: bool | None = None) -> Article:
    """Read one article file (plain text or HTML); every failure is an :class:`InputError`."""
    name = str(path)
    return parse_article(read_text(path, max_bytes=max_bytes), name, html=html)


def read_articles(paths: Sequence[str | os.PathLike[str]]) -> list[Article]:
    """Every article, or one InputError listing the problems of all the bad ones (two
    articles with the same file name are a problem: sources are named by file name)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for path in paths:
        if str(path) in seen:
            continue
        seen.add(str(path))
        try:
            articles.append(read_article(path))
        except InputError as exc:
            problems += exc.problems
    names = [a.name for a in articles]
    for a in articles:
        if names.count(a.name) > 1:
            problems.append(Problem(a.path, 1, 1, f"another article is also named {a.name}; "
                                                  "sources are identified by file name"))
    if problems:
        raise InputError(problems)
    return articles
