"""Noticing that a request's client has gone, so that its analysis can stop.

A page handler runs in a worker thread and never reads the request's ASGI messages after its
body, so it cannot see the ``http.disconnect`` message that the server sends when the browser
goes away (a closed tab, a reload, a click elsewhere). :class:`Disconnects`, the outermost
middleware, puts a :class:`threading.Event` in every request's scope (``accord.gone``,
:func:`accord.web.scope.gone_of`) and, once the request's body has been read, waits for that
message itself and sets the event; :mod:`accord.web.analysis_pool` looks at it while an
analysis runs and stops the analysis when it is set.

The body itself is never read ahead: its messages go to the application as it asks for them
(the guard counts them against the size limit), and only the next message after the whole body
is awaited here (and handed to the application too, should it ask).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from accord.web.scope import GONE_KEY

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Disconnects:
    """The ASGI middleware of the module docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gone = threading.Event()
        scope[GONE_KEY] = gone
        pending: list[Message] = []     # read ahead here, not yet asked for by the application
        arrived = asyncio.Event()
        watcher: asyncio.Task[None] | None = None

        async def read() -> Message:
            message = await receive()
            if message["type"] == "http.disconnect":
                gone.set()
            return message

        async def watch() -> None:
            # reads on only while the body is complete: a request without one has a single
            # empty message, then the next is the disconnect; a chunk that says more is coming
            # stops it, and the application reads the rest itself
            try:
                while True:
                    message = await read()
                    pending.append(message)
                    arrived.set()
                    if message["type"] == "http.disconnect" or message.get("more_body"):
                        return
            finally:
                arrived.set()  # a reader waiting for this one reads for itself

        def start_watching() -> None:
            nonlocal watcher
            watcher = asyncio.ensure_future(watch())

        async def app_receive() -> Message:
            while not pending and watcher is not None and not watcher.done():
                arrived.clear()
                await arrived.wait()
            if pending:
                return pending.pop(0)
            message = await read()
            if message["type"] == "http.request" and not message.get("more_body"):
                start_watching()  # the body is complete: wait for the disconnect
            return message

        start_watching()
        try:
            await self.app(scope, app_receive, send)
        finally:
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
