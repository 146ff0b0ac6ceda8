"""The last resort: an exception no handler took becomes a 500 page inside the guard.

Starlette answers an unhandled exception from its outermost layer, outside every middleware,
so a 500 page made there would miss the guard's security headers
(:mod:`accord.web.security`). :class:`Crashes` sits just inside the guard instead: it logs the
exception with its traceback (``internal error on METHOD PATH``) and answers with the friendly
500 page, which therefore passes through the guard like every other response, and with
``Connection: close`` (the server ends the connection after it; whatever state the failed
request left behind is not reused). An exception raised after the response has started cannot
become a page: it is logged and raised on, and the server drops the connection.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from accord.web.render import send_error_page

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[int, str, str, str], bytes]

log = logging.getLogger("accord.web")

TITLE = "Something went wrong"
MESSAGE = ("The dashboard hit an internal error (it is in the server's log; please report it). "
           "Go back and try again.")


class Crashes:
    """The ASGI middleware of the module docstring."""

    def __init__(self, app: ASGIApp, *, error_page: ErrorPage,
                 token_of: Callable[[Scope], str]) -> None:
        self.app = app
        self.error_page = error_page
        self.token_of = token_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.error("internal error on %s %s", scope.get("method"), scope.get("path"),
                      exc_info=(type(exc), exc, exc.__traceback__))
            if started:
                raise
            await self._answer(scope, send)

    async def _answer(self, scope: Scope, send: Send) -> None:
        htmx = any(k.lower() == b"hx-request" and v == b"true"
                   for k, v in scope.get("headers", []))
        await send_error_page(send, 500, self.error_page(500, TITLE, MESSAGE,
                                                         self.token_of(scope)),
                              close=True, htmx=htmx)
