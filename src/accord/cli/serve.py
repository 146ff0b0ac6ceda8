"""``accord serve``: the local web dashboard (docs/dashboard.md).

The socket is bound here, before uvicorn starts, so that a port in use or a host that does not
exist is a clear error (exit 2) instead of a log line from inside the server, and so that
``--port 0`` (any free port) can say which port it got. The dashboard listens on 127.0.0.1
unless told otherwise; any other interface gets a warning, because the dashboard has no login.
"""

from __future__ import annotations

import copy
import errno
import ipaddress
import socket
from typing import Annotated

import typer

from accord.cli.app import ConfirmationFormatOption, Format, command, emit_json, emit_line
from accord.cli.store import DbOption, open_db, warn
from accord.errors import UsageError


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine's loopback interface only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; UsageError saying why when it cannot be had."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise UsageError(f"cannot listen on '{host}': no such host or address") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {host} is already in use (another accord serve? "
                             "choose another with --port, or --port 0 for any free port)"
                             ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(f"permission denied to listen on {host}:{port} (ports below "
                             "1024 need privileges; use --port 8000)") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"{host} is not an address of this machine") from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.setblocking(False)
    return sock


@command("serve", help="The dashboard in your browser: scenarios (the built-in case, uploads, "
                       "stances edited inline and saved as new versions), results of every "
                       "model with the bargaining verdict, evidence review of articles, and "
                       "the forecast ledger with scores.\n\n"
                       "Listens on 127.0.0.1 (this machine only) unless --host says otherwise; "
                       "it has no login, so only listen elsewhere on a network you trust. "
                       "Ctrl-C stops it. See docs/dashboard.md.")
def serve(
    host: Annotated[str, typer.Option(
        "--host", metavar="HOST", help="Interface to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        "--port", metavar="PORT", min=0, max=65535,
        help="Port to listen on (0: any free port).")] = 8000,
    db: DbOption = None,
    fmt: ConfirmationFormatOption = Format.table,
) -> None:
    # the dashboard (FastAPI, uvicorn: about a second to import) loads for `accord serve`
    from accord.web.app import create_app
    from accord.web.server import run as run_server
    from accord.web.state import LOOPBACK_HOSTS, WebSettings

    loopback = is_loopback(host)
    store = open_db(db)
    try:
        sock = bind(host, port)
        port = int(sock.getsockname()[1])
        if not loopback:
            warn(f"listening on {host}: other machines on the network can reach this "
                 "dashboard, which has no login, and change its store")
        settings = WebSettings(allowed_hosts=LOOPBACK_HOSTS if loopback else None)
        app = create_app(store, settings)
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        url = f"http://{shown}:{port}/"
        if fmt is Format.json:
            emit_json({"url": url, "host": host, "port": port, "store": store.display_url})
        else:
            emit_line(f"accord dashboard: {url}  (store: {store.display_url}; Ctrl-C stops "
                      "it)", fmt)
        # uvicorn, stopping the dashboard's analyses and jobs at once on Ctrl-C or SIGTERM
        run_server(app, sock, log_config=_log_config())
    finally:
        store.close()


def _log_config() -> dict[str, object]:
    """uvicorn's logging with every line on stderr (its access log goes to stdout by default;
    stdout carries only the command's own output)."""

    # the dashboard (FastAPI, uvicorn: about a second to import) loads for `accord serve`
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    for handler in config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    return config
