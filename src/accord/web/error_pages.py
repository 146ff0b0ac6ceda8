"""Every error as a page that says what went wrong, with the right status; never a traceback.

* :class:`WebError` (raised by handlers): a 4xx page with a title, a message and, for a bad
  file, its problems located by line and column next to the lines they point at.
* The library's errors: :class:`~accord.errors.InputError` (a bad file: 422, every problem
  listed), :class:`~accord.errors.UsageError` (a request that cannot be carried out: 400),
  :class:`~accord.store.engine.StoreError` and database errors (503: the store is the
  problem, not the request).
* Starlette's HTTP errors (404 for an unknown page, 405, ...) and FastAPI's request validation
  errors (400) get the same page.
* Anything else is a bug: a friendly 500 page (with the guard's headers and ``Connection:
  close``), and the traceback in the server's log: :mod:`accord.web.crashes`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from accord.errors import InputError, Problem, UsageError
from accord.store.engine import StoreError
from accord.web.forms import FormError
from accord.web.render import HTMX_ERROR, error_html
from accord.web.scope import token_of

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import HTMLResponse

log = logging.getLogger("accord.web")

# HTMX_ERROR: an error page answering an htmx request replaces the whole page, not the part it
# targeted (the pages tell htmx to swap every status; partials that show problems in place,
# such as a stance edit with a bad value, are 422 responses without these headers).

EXCERPT_LINES = 2
"""Lines shown before and after each problem's line in a file excerpt."""


class WebError(Exception):
    """An error page for the user: HTTP status, title, message, optional file problems."""

    def __init__(self, status: int, title: str, message: str, *,
                 problems: tuple[Problem, ...] = (), text: str | None = None,
                 back: str | None = None) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message
        self.problems, self.text, self.back = problems, text, back


def not_found(what: str) -> WebError:
    return WebError(404, "Not found", what)


@dataclass(frozen=True)
class ExcerptLine:
    """A line of a file shown with the problems found on it."""

    number: int
    text: str
    marked: bool
    gap_before: bool


def excerpt(text: str | None, problems: tuple[Problem, ...]) -> list[ExcerptLine]:
    """The lines of ``text`` around each problem (at most a few hundred), problem lines marked."""
    if not text or not problems:
        return []
    lines = text.splitlines()
    marked = {p.line for p in problems if 1 <= p.line <= len(lines)}
    wanted = sorted({n for m in marked for n in range(m - EXCERPT_LINES, m + EXCERPT_LINES + 1)
                     if 1 <= n <= len(lines)})[:300]
    out, previous = [], 0
    for n in wanted:
        out.append(ExcerptLine(n, lines[n - 1][:300], n in marked,
                               bool(previous) and n != previous + 1))
        previous = n
    return out


def error_response(request: Request, status: int, title: str, message: str, *,
                   problems: tuple[Problem, ...] = (), text: str | None = None,
                   back: str | None = None) -> HTMLResponse:

    html = error_html(status, title, message, token_of(request.scope),
                      problems=list(problems), excerpt=excerpt(text, problems), back=back)
    headers = HTMX_ERROR if request.headers.get("hx-request") == "true" else {}
    return HTMLResponse(html, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers of the module docstring on ``app``."""


    async def web_error(request: Request, exc: Exception) -> HTMLResponse:
        assert isinstance(exc, WebError)
        return error_response(request, exc.status, exc.title, exc.message,
                              problems=exc.problems, text=exc.text, back=exc.back)

    async def input_error(request: Request, exc: Exception) -> HTMLResponse:
        assert isinstance(exc, InputError)
        count = len(exc.problems)
        return error_response(request, 422, "Problems in the input",
                              f"{count} problem{'s' if count != 1 else ''} found; nothing was "
                              "saved.", problems=exc.problems)

    async def usage_error(request: Request, exc: Exception) -> HTMLResponse:
        return error_response(request, 400, "Cannot do that", str(exc))

    async def form_error(request: Request, exc: Exception) -> HTMLResponse:
        return error_response(request, 400, "Bad form", f"The form could not be read: {exc}.")

    async def store_error(request: Request, exc: Exception) -> HTMLResponse:
        orig: Any = getattr(exc, "orig", None) or exc
        lines = str(orig).strip().splitlines()
        log.warning("store error on %s: %s", request.url.path, lines[0] if lines else exc)
        return error_response(request, 503, "The store is not available",
                              "The database of scenario versions, runs and forecasts could not "
                              f"be used: {lines[0] if lines else type(exc).__name__}.")

    async def http_error(request: Request, exc: Exception) -> HTMLResponse:
        assert isinstance(exc, HTTPException)
        titles = {404: "Not found", 405: "Not allowed"}
        message = ("There is no such page." if exc.status_code == 404 else str(exc.detail))
        return error_response(request, exc.status_code,
                              titles.get(exc.status_code, "Cannot do that"), message)

    async def validation_error(request: Request, exc: Exception) -> HTMLResponse:
        return error_response(request, 400, "Bad request", "The request's parameters could "
                                                           "not be read.")

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(UsageError, usage_error)
    app.add_exception_handler(FormError, form_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(SQLAlchemyError, store_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    # anything else: accord.web.crashes, inside the guard (a handler for Exception here would
    # answer from outside every middleware, without the guard's headers)
