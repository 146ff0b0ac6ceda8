"""Running the dashboard under uvicorn, and stopping it promptly.

uvicorn stops on Ctrl-C (SIGINT) or SIGTERM by closing its port and then waiting for the
requests in progress to finish: a request waiting for a long analysis would keep the process
alive, computing, after the port had closed. :func:`run` therefore stops the dashboard's own
work as soon as the signal arrives (:meth:`accord.web.state.WebState.shutdown`: every analysis
process and Monte Carlo job is killed, and the requests waiting for them end at once with a
"stopping" page), then lets uvicorn finish its shutdown, which it now does within moments
(and within :data:`GRACE` seconds whatever happens).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import socket
    from types import FrameType

    from fastapi import FastAPI

GRACE = 5
"""Seconds uvicorn may wait for connections to close once it was told to stop."""


def run(app: FastAPI, sock: socket.socket, *, log_config: dict[str, Any] | None = None,
        access_log: bool = True) -> None:
    """Serve ``app`` (made by :func:`accord.web.app.create_app`) on the listening ``sock``
    until a signal stops it; its analyses and jobs stop with it."""
    import uvicorn  # the dashboard's libraries load when a dashboard runs

    from accord.web.state import WebState

    state = app.state.accord
    assert isinstance(state, WebState)

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            # in a thread: a signal handler must not wait for a lock another thread holds
            threading.Thread(target=state.shutdown, name="accord-shutdown",
                             daemon=True).start()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, log_level="info", server_header=False, proxy_headers=False,
                            lifespan="off", access_log=access_log, log_config=log_config,
                            timeout_graceful_shutdown=GRACE)
    try:
        Server(config).run(sockets=[sock])
    finally:
        state.shutdown()  # however the server ended
