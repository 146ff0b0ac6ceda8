"""Reading the article of a form: pasted text or one uploaded .txt/.html file, in memory.

The evidence review (:mod:`accord.web.pages.evidence`) and the review of ``accord update``
(:mod:`accord.web.pages.update`) take an article the same way, in two steps: the first form
sends the text (or a file), the second sends the raw text back as a hidden field, so nothing is
kept on the server between the steps. Both steps read it here, so that the same text gives the
same article, the same candidates and the same ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.errors import InputError
from accord.evidence import parse_article
from accord.web.error_pages import WebError
from accord.web.lookup import clean_filename, decode_upload

if TYPE_CHECKING:
    from accord.evidence import Article
    from accord.web.forms import Form

DEFAULT_NAME = "pasted-article.txt"
"""The file name of a pasted article when the form gives none."""


def read_article(form: Form, limit: int, *, retry: str) -> tuple[Article, str]:
    """The article of the form (an uploaded ``file`` or the pasted ``text``, named by ``name``)
    and its raw text, which the next step sends back: 400 when there is none or two, 413 past
    ``limit`` bytes, 422 when it is not UTF-8 text or holds no article. ``retry`` ends the "no
    article" message ("look for evidence again")."""

    upload = form.file("file")
    pasted = form.get("text")
    if upload is not None and pasted.strip():
        raise WebError(400, "Two articles given", "Upload a file or paste the text, not both.")
    if upload is not None:
        name = clean_filename(upload.filename, "article.txt")
        text = decode_upload(upload.data, name, limit, "an article")
    elif pasted.strip():
        name = clean_filename(form.get("name"), DEFAULT_NAME)
        text = decode_upload(pasted.encode("utf-8"), name, limit, "an article")
    else:
        raise WebError(400, "No article", f"Paste the article's text or choose a file, then "
                                          f"{retry}.")
    # Browsers send form text with CRLF line ends; offsets and candidate ids must not depend
    # on how the text travelled, so line ends are normalised before reading.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return parse_article(text, name), text
    except InputError as exc:
        raise WebError(422, "No article found", f"{name} could not be read as an article.",
                       problems=exc.problems) from None
