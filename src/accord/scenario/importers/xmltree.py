"""A small, safe XML reader that keeps the line and column of every element.

Built on the standard library's expat parser. Safe by refusal: a document with a DTD
(``<!DOCTYPE``), and so any entity declaration, is rejected before anything is expanded;
processing instructions other than the XML declaration are ignored. Malformed XML becomes a
located :class:`~accord.errors.Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from accord.errors import InputError, Problem


@dataclass
class Element:
    """One XML element: tag, attributes, text (stripped), children, 1-based line/column."""

    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str) -> list[Element]:
        """Children with this tag, in document order."""
        return [c for c in self.children if c.tag == tag]


_NO_DTD = ("DOCTYPE declarations (and the entities they define) are not allowed in a "
           "scenario file")


class _Refused(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def parse_xml(text: str, name: str) -> Element:
    """The root element of ``text``; an :class:`InputError` for malformed or unsafe XML."""
    doctype = text.find("<!DOCTYPE")
    if doctype >= 0:
        line = text.count("\n", 0, doctype) + 1
        col = doctype - (text.rfind("\n", 0, doctype) + 1) + 1
        raise InputError([Problem(name, line, col, _NO_DTD)])
    parser = expat.ParserCreate()
    stack: list[Element] = []
    texts: list[list[str]] = []
    root: list[Element] = []

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse_dtd(*_args: object) -> None:
        line, col = where()
        raise _Refused(_NO_DTD, line, col)

    def start(tag: str, attrs: dict[str, str]) -> None:
        line, col = where()
        element = Element(tag, dict(attrs), line, col)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)
        texts.append([])

    def end(_tag: str) -> None:
        element = stack.pop()
        element.text = "".join(texts.pop()).strip()

    def chars(data: str) -> None:
        if texts:
            texts[-1].append(data)

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text, True)
    except _Refused as exc:
        raise InputError([Problem(name, exc.line, exc.col, str(exc))]) from None
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        raise InputError([Problem(name, exc.lineno, exc.offset + 1,
                                  f"not well-formed XML: {message}")]) from None
    if not root:
        raise InputError([Problem(name, 1, 1, "no XML element in the file")])
    return root[0]
