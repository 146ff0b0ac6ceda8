"""The dashboard's application factory.

:func:`create_app` builds a FastAPI application over an open store: the page routers, the
static files (the bundled htmx and the stylesheet), the error pages and the guard
(:mod:`accord.web.security`). Nothing happens when this module is imported; ``accord serve``
calls the factory and hands the application to uvicorn, and the tests call it with a temporary
store.

FastAPI's interactive API pages (``/docs``, ``/redoc``) are switched off: they load scripts
from a CDN, and the dashboard makes no request to any other host.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from accord._version import __version__
from accord.web import error_pages
from accord.web.crashes import Crashes
from accord.web.disconnect import Disconnects
from accord.web.pages import (
    actors,
    evidence,
    ledger,
    mc,
    results,
    scenarios,
    stances,
    timeline,
    update,
    whatif,
)
from accord.web.render import error_html
from accord.web.scope import token_of
from accord.web.security import Guard
from accord.web.state import WebSettings, WebState

if TYPE_CHECKING:
    from fastapi import FastAPI

    from accord.store.engine import Store
    from accord.web.state import WebSettings

STATIC = Path(__file__).resolve().parent / "static"


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    """The dashboard over ``store`` (which the caller opened and closes), with a CSRF secret
    of its own, drawn now."""


    state = WebState(store=store, settings=settings or WebSettings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.shutdown()  # the server stops: so do its analysis and Monte Carlo processes

    app = FastAPI(title="accord", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=lifespan)
    app.state.accord = state
    for module in (scenarios, stances, results, evidence, update, ledger, timeline, mc, actors,
                   whatif):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    error_pages.install(app)

    def error_page(status: int, title: str, message: str, token: str) -> bytes:
        return error_html(status, title, message, token).encode("utf-8")

    # added first, so inside the guard: a 500 page passes the guard like any response
    app.add_middleware(Crashes, error_page=error_page, token_of=token_of)
    app.add_middleware(Guard, settings=state.settings, secret=state.secret,
                       error_page=error_page)
    # outermost: sees the client leave, so that its analysis stops (accord.web.disconnect)
    app.add_middleware(Disconnects)
    return app
