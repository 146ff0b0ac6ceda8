"""Rendering pages: one Jinja2 environment with autoescaping on for every template.

Every text that comes from a scenario file, an article or a form is escaped by Jinja2
(``autoescape=True`` whatever the template's name; nothing is marked ``|safe``), so a quote or
an actor name holding ``<script>`` shows as text. Links built from a file's data (a source's
``url``) go through :func:`safe_url`, which keeps only http(s) URLs: escaping alone would not
stop a ``javascript:`` link.

Handlers call :func:`page` with a template (a full page, or a partial ``_NAME.html`` that the
page includes, for an htmx request) and the names it needs; the CSRF token, navigation and
version are added here.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from accord._version import __version__
from accord.scenario.numbers import Normal, Triangular, Uniform
from accord.uncertainty.concession_draws import CONCESSIONS_MAX
from accord.web.scope import token_of
from accord.workflows.settings import HORIZON_MAX

if TYPE_CHECKING:
    from fastapi import Request
    from fastapi.responses import HTMLResponse
    from jinja2 import Environment


HTMX_ERROR = {"HX-Retarget": "body", "HX-Reswap": "innerHTML"}
"""Headers that make htmx show an error page in place of the whole body."""


async def send_error_page(send: Callable[[dict[str, Any]], Awaitable[None]], status: int,
                          body: bytes, *, close: bool = False, htmx: bool = False) -> None:
    """An error page as a raw ASGI response, for the middlewares that answer before (or
    instead of) the app: ``close`` ends the connection after it, ``htmx`` adds
    :data:`HTMX_ERROR`."""
    headers = [(b"content-type", b"text/html; charset=utf-8"),
               (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    if htmx:
        headers += [(k.lower().encode(), v.encode()) for k, v in HTMX_ERROR.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

NAV: list[tuple[str, str]] = [
    ("Scenarios", "/scenarios"),
    ("Timeline", "/timeline"),
    ("Forecast ledger", "/ledger"),
]
"""The site-wide navigation: (label, path)."""


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of the dashboard's templates (made on first use)."""

    env = Environment(loader=PackageLoader("accord.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(num=num, number=number_text, url=safe_url, path=path_part)
    env.globals.update(NAV=NAV, horizon_max=HORIZON_MAX,
                       concessions_max=CONCESSIONS_MAX)
    return env


def num(value: float | None, places: int = 1) -> str:
    """A number for a table cell: fixed decimals, trailing zeros kept; an em dash for none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:.{places}f}"


def _g(value: float) -> str:
    """The shortest text that reads back to the same float (``70``, ``0.85``)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def number_text(value: Any) -> str:
    """A scenario number as text: ``70``, or a distribution as ``normal(mean 70, sd 8)``."""
    if value is None:
        return "—"
    if isinstance(value, Normal):
        bounds = "" if value.low is None and value.high is None else (
            f", {'' if value.low is None else _g(value.low)}–"
            f"{'' if value.high is None else _g(value.high)}")
        return f"normal(mean {_g(value.mean)}, sd {_g(value.sd)}{bounds})"
    if isinstance(value, Uniform):
        return f"uniform({_g(value.low)}–{_g(value.high)})"
    if isinstance(value, Triangular):
        return f"triangular({_g(value.low)}, mode {_g(value.mode)}, {_g(value.high)})"
    return _g(float(value))


def number_input(value: Any) -> str:
    """A scenario number as it is typed in an edit field: ``70`` or a YAML flow mapping."""
    if value is None:
        return ""
    if isinstance(value, Normal | Uniform | Triangular):
        fields = value.model_dump(exclude_none=True)
        inner = ", ".join(f"{k}: {v if k == 'dist' else _g(v)}" for k, v in fields.items())
        return "{" + inner + "}"
    return _g(float(value))


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else None (never a ``javascript:`` or data link)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def path_part(value: str) -> str:
    """A URL path segment (ids are URL-safe already; this keeps any other text safe)."""
    return quote(str(value), safe="")


def render(name: str, context: Mapping[str, Any]) -> str:
    """The text of template ``name``."""
    return environment().get_template(name).render(context)


def is_htmx(request: Request) -> bool:
    """Whether to answer with a partial: an htmx request, but not htmx restoring a page of
    its history (going back to a pushed URL needs the whole page)."""
    return (request.headers.get("hx-request") == "true"
            and request.headers.get("hx-history-restore-request") != "true")


def page(request: Request, name: str, *, status: int = 200,
         headers: Mapping[str, str] | None = None, **context: Any) -> HTMLResponse:
    """A rendered template as a response (a page, or a partial ``_NAME.html`` for htmx)."""
    from fastapi.responses import HTMLResponse  # fastapi: see the module docstring

    full = {"request_path": request.url.path, "csrf_token": token_of(request.scope),
            "version": __version__, **context}
    return HTMLResponse(render(name, full), status_code=status,
                        headers=dict(headers or {}))


def error_html(status: int, title: str, message: str, token: str, *,
               problems: list[Any] | None = None, excerpt: list[Any] | None = None,
               back: str | None = None) -> str:
    """The HTML of an error page (used by the guard and by the error handlers)."""
    return render("error.html", {"status": status, "title": title, "message": message,
                                 "problems": problems or [], "excerpt": excerpt or [],
                                 "back": back, "csrf_token": token, "request_path": "",
                                 "version": __version__})
