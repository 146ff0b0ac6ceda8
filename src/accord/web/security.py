"""The dashboard's guard: hosts, cross-site requests, body size, CSRF tokens, safe headers.

:class:`Guard` is a plain ASGI middleware in front of every route, so no page can forget it:

1. **Host** (every request): the ``Host`` header must name this machine's loopback interface
   (127.0.0.1, localhost, ::1) unless the server was told to listen elsewhere. A page on
   another site that rebinds its DNS name to 127.0.0.1 therefore gets nothing.
2. **State-changing requests** (anything but GET, HEAD, OPTIONS) are refused (403) when the
   browser says they come from another site (``Sec-Fetch-Site`` other than ``same-origin`` or
   ``none``; ``same-site`` too, since another port on localhost is "same site") or when their
   ``Origin`` is not this server's.
3. **Body size**: a body announced larger than the limit is refused (413) before a byte of it
   is read; a body that turns out larger (chunked) is refused as soon as the limit is passed,
   and nothing more is read.
4. **Forms** are parsed in memory (:mod:`accord.web.forms`) and must carry the CSRF token
   (field ``csrf_token``, or header ``X-CSRF-Token`` for htmx requests).
5. **Headers** of every response: a Content-Security-Policy that allows scripts, styles,
   images and requests from this server only (so the pages can make no request elsewhere, and
   injected markup could not run a script), no framing, no MIME sniffing, no referrer sent
   elsewhere. A response that sets one of these headers itself keeps its own: only chart
   images do, with a stricter policy (:data:`accord.web.chart_images.CHART_CSP`).

CSRF tokens (double-submit, signed): each browser gets a random token signed with the server's
secret (HMAC-SHA256) in an HttpOnly, SameSite=Strict cookie named after the port (two servers
on one machine do not overwrite each other's); pages put the same token in their forms. A POST
passes only when the cookie is signed by this server and the form (or header) repeats it. A
page on another site can neither read the token nor make the browser send the cookie. When
the server restarts, its secret changes and old forms are refused with a page saying to reload.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from accord.web.forms import FormError, parse_form
from accord.web.integers import read_int
from accord.web.render import send_error_page
from accord.web.scope import FORM_KEY, TOKEN_KEY, Scope, form_of, token_of
from accord.web.state import WebSettings

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[int, str, str, str], bytes]
"""(status, title, message, csrf token) -> the HTML of an error page."""

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-csrf-token"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def cookie_name(scope: Scope) -> str:
    server = scope.get("server") or ("", 0)
    return f"accord_csrf_{server[1] or 0}"


def new_token(secret: bytes) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def token_is_valid(secret: bytes, token: str | None) -> bool:
    """Whether ``token`` was made by :func:`new_token` with this secret."""
    if not token or token.count(".") != 1:
        return False
    nonce, signature = token.split(".")
    # compared as bytes: compare_digest refuses str with non-ASCII characters (a forged cookie)
    return hmac.compare_digest(signature.encode("utf-8"), _sign(secret, nonce).encode())


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def host_name(host_header: str) -> str:
    """The host part of a ``Host`` header (``[::1]:8000`` -> ``::1``), lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (repeated ones joined as HTTP joins them)."""
    out: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        name, text = key.decode("latin-1").lower(), value.decode("latin-1")
        if name in out:
            text = out[name] + ("; " if name == "cookie" else ", ") + text
        out[name] = text
    return out


def _cookies(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in header.split(";"):
        name, sep, value = item.strip().partition("=")
        if sep and name not in out:
            out[name] = value
    return out


class Guard:
    """The ASGI middleware of the module docstring."""

    def __init__(self, app: ASGIApp, *, settings: WebSettings, secret: bytes,
                 error_page: ErrorPage) -> None:
        self.app = app
        self.settings = settings
        self.secret = secret
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        cookie = cookie_name(scope)
        current = _cookies(headers.get("cookie", "")).get(cookie)
        valid = current is not None and token_is_valid(self.secret, current)
        token = current if current is not None and valid else new_token(self.secret)
        fresh = token != current
        scope[TOKEN_KEY] = token
        set_cookie = (f"{cookie}={token}; Path=/; HttpOnly; SameSite=Strict".encode()
                      if fresh else None)

        async def send_safely(message: Message) -> None:
            if message["type"] == "http.response.start":
                # a response that sets one of these itself keeps its own (a chart image has
                # a stricter policy of its own: accord.web.chart_images.CHART_CSP)
                own = {bytes(k).lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in own]
                if set_cookie is not None:
                    extra.append((b"set-cookie", set_cookie))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        htmx = headers.get("hx-request") == "true"
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await self._refuse(send_safely, *refusal, token, htmx=htmx)
            return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send_safely)
            return

        limit = self.settings.max_body
        announced = read_int(headers.get("content-length", ""))  # else: counted as read
        if announced is not None and announced > limit:
            await self._refuse(send_safely, 413, "Too large", _too_large(announced, limit),
                               token, close=True, htmx=htmx)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await self._refuse(send_safely, 413, "Too large",
                                   _too_large(None, limit), token, close=True, htmx=htmx)
                return
            if not message.get("more_body", False):
                break
        try:
            form = parse_form(bytes(body), headers.get("content-type"),
                              max_fields=self.settings.max_form_fields)
        except FormError as exc:
            await self._refuse(send_safely, 400, "Bad form", f"The form could not be read: "
                                                            f"{exc}.", token, htmx=htmx)
            return
        sent = headers.get(TOKEN_HEADER) or form.get(TOKEN_FIELD)
        if fresh or not sent or not hmac.compare_digest(sent.encode("utf-8"), token.encode()):
            await self._refuse(send_safely, 403, "Form expired",
                               "This form is out of date or did not come from this dashboard "
                               "(for example, the dashboard was restarted since the page was "
                               "opened). Go back, reload the page and try again.", token,
                               htmx=htmx)
            return
        scope[FORM_KEY] = form
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send_safely)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, str] | None:
        allowed = self.settings.allowed_hosts
        host = headers.get("host", "")
        if allowed is not None and host_name(host) not in allowed:
            return (400, "Unknown host", "This dashboard only answers requests addressed to "
                                         f"{', '.join(sorted(allowed))}.")
        if scope["method"] in SAFE_METHODS:
            return None
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return (403, "Cross-site request refused",
                    "A page of another site tried to change something in this dashboard; "
                    "nothing was changed.")
        origin = headers.get("origin")
        if origin is not None:
            parts = urlsplit(origin)
            own = f"{scope.get('scheme', 'http')}://{host.lower()}"
            if origin == "null" or f"{parts.scheme}://{parts.netloc.lower()}" != own:
                return (403, "Cross-site request refused",
                        "This request came from another origin; nothing was changed.")
        return None

    async def _refuse(self, send: Send, status: int, title: str, message: str, token: str,
                      *, close: bool = False, htmx: bool = False) -> None:
        await send_error_page(send, status, self.error_page(status, title, message, token),
                              close=close, htmx=htmx)


def _too_large(size: int | None, limit: int) -> str:
    what = f"{size:,} bytes" if size is not None else "more than that"
    return (f"The request is too large ({what}); the dashboard accepts at most {limit:,} bytes "
            "per request. Scenario files and articles have their own limits, shown by the "
            "forms.")


__all__ = ["Guard", "form_of", "token_of"]
